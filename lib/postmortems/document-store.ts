import * as Y from "yjs";
import { db } from "@/lib/db/prisma";
import { documentSnapshot } from "./document-state";

// The one writer of a postmortem's document state: the folded Yjs state in "Postmortem" plus the
// log of updates that arrived since.

/** Logs one update as it arrives, before the debounced store, so a crash loses nothing acknowledged. */
export async function appendDocumentUpdate(postmortemId: string, update: Uint8Array): Promise<void> {
  await db().postmortemUpdate.create({ data: { postmortemId, update: Buffer.from(update) } });
}

/** The document as stored: the last folded state with every logged update applied. */
export async function loadStoredDocument(postmortemId: string, into = new Y.Doc()): Promise<Y.Doc | null> {
  const [postmortem, updates] = await Promise.all([
    db().postmortem.findUnique({ where: { id: postmortemId }, select: { ydoc: true } }),
    db().postmortemUpdate.findMany({ where: { postmortemId }, orderBy: { id: "asc" }, select: { update: true } }),
  ]);
  if (!postmortem) return null;
  Y.applyUpdate(into, new Uint8Array(postmortem.ydoc));
  for (const { update } of updates) Y.applyUpdate(into, new Uint8Array(update));
  return into;
}

/**
 * Folds the document into its stored state with a JSON snapshot and text (export, search), and drops
 * the logged updates it now contains: those committed before the state was taken.
 */
export async function storeDocumentState(postmortemId: string, ydoc: Y.Doc): Promise<void> {
  const [latest] = await db().$queryRaw<{ id: bigint | null }[]>`SELECT max("id") AS "id" FROM "PostmortemUpdate" WHERE "postmortemId" = ${postmortemId}`;
  const { content, text } = documentSnapshot(ydoc);
  const state = Buffer.from(Y.encodeStateAsUpdate(ydoc));
  await db().$transaction([
    db().postmortem.update({ where: { id: postmortemId }, data: { ydoc: state, content: content as object, contentText: text } }),
    db().postmortemUpdate.deleteMany({ where: { postmortemId, id: { lte: latest?.id ?? -1n } } }),
  ]);
}
