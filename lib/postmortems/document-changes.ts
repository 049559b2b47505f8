import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { applyDocumentOperation, type TDocumentOperation, type TDocumentOperationResult } from "./document-state";
import { loadStoredDocument, storeDocumentState } from "./document-store";

// The postmortems service says what it does to a document as plain data and hands it over here,
// without knowing whether anyone has the document open, or in which process. The collaboration
// layer, where it runs, registers itself and applies the changes to the live document (its
// editors see them at once; it stores them like any edit). Where none runs (tests, scripts, a
// process that serves no WebSockets) a change goes to the stored state.
//
// server.ts and Next's server bundle each load their own copy of this module, so the handlers live
// on globalThis: a change made through a page reaches the collaboration server that server.ts runs.

/** What the collaboration layer does with the service's document changes. */
export type TDocumentChangeHandler = {
  /** Applies the operation to the document (loading it when nobody has it open) and keeps it. */
  apply(postmortemId: string, operation: TDocumentOperation): Promise<TDocumentOperationResult>;
  /** The postmortem's status now allows editing (draft, in review) or not (approved, published). */
  editabilityChanged(postmortemId: string, editable: boolean): void;
};

const globalForDocumentChanges = globalThis as unknown as { firebreakDocumentChangeHandlers?: TDocumentChangeHandler[] };
const handlers = () => (globalForDocumentChanges.firebreakDocumentChangeHandlers ??= []);

/** Registers the collaboration layer's handler; returns the way to take it back (the server stopped). */
export function handleDocumentChanges(handler: TDocumentChangeHandler): () => void {
  handlers().push(handler);
  return () => {
    const index = handlers().indexOf(handler);
    if (index >= 0) handlers().splice(index, 1);
  };
}

/** Changes the document: through the collaboration layer when one runs here (the latest started), else on the stored state. */
export async function changeDocument(postmortemId: string, operation: TDocumentOperation): Promise<TDocumentOperationResult> {
  const handler = handlers().at(-1);
  if (handler) return handler.apply(postmortemId, operation);
  const ydoc = await loadStoredDocument(postmortemId);
  if (!ydoc) throw notFound("postmortem");
  const result = applyDocumentOperation(ydoc, operation);
  await storeDocumentState(postmortemId, ydoc);
  return result;
}

/** The PostgreSQL channel that carries editability to the other app processes' collaboration servers. */
export const EDITABILITY_CHANNEL = "firebreak_postmortem_editability";

/**
 * Announces, once the status change is committed, whether the document may still be edited; open
 * editors follow at once, in this process and (through NOTIFY) in the others.
 */
export function announceEditability(postmortemId: string, editable: boolean): void {
  for (const handler of handlers()) handler.editabilityChanged(postmortemId, editable);
  void db().$executeRaw`SELECT pg_notify(${EDITABILITY_CHANNEL}, ${JSON.stringify({ postmortemId, editable })})`.catch((error: unknown) =>
    console.warn(`[collab] other processes were not told of an editability change: ${error instanceof Error ? error.message : String(error)}`),
  );
}
