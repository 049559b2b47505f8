import { prosemirrorJSONToYDoc, prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { plainText, type TDocNode } from "./document-nodes";
import { DOCUMENT_FIELD, postmortemSchema } from "./document-schema";

let schema: ReturnType<typeof postmortemSchema> | undefined;
const documentSchema = () => (schema ??= postmortemSchema());

/** The Yjs state of a new document with this content. */
export function newDocumentState(document: TDocNode): Uint8Array {
  return Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(documentSchema(), document, DOCUMENT_FIELD));
}

export function loadDocument(state: Uint8Array): Y.Doc {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, state);
  return ydoc;
}

/** The document's content as ProseMirror JSON, and its plain text for search. */
export function documentSnapshot(ydoc: Y.Doc): { content: TDocNode; text: string } {
  const content = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(DOCUMENT_FIELD)) as TDocNode;
  return { content, text: plainText(content) };
}

/**
 * Refills the data-driven sections in place, as one Yjs change that collaborators receive like any
 * edit; everything outside those sections, and sections people deleted, stays as it is.
 */
export function replaceGeneratedSections(ydoc: Y.Doc, sections: Record<string, TDocNode[]>): string[] {
  const replaced: string[] = [];
  ydoc.transact(() => {
    for (const child of ydoc.getXmlFragment(DOCUMENT_FIELD).toArray()) {
      if (!(child instanceof Y.XmlElement) || child.nodeName !== "generatedSection") continue;
      const section = String(child.getAttribute("section"));
      const content = sections[section];
      if (!content) continue;
      prosemirrorJSONToYXmlFragment(documentSchema(), { type: "generatedSection", attrs: { section }, content }, child);
      replaced.push(section);
    }
  });
  return replaced;
}

/** Makes the document equal `document` (restoring a version) as a change on top of its history. */
export function replaceDocument(ydoc: Y.Doc, document: TDocNode): void {
  prosemirrorJSONToYXmlFragment(documentSchema(), document, ydoc.getXmlFragment(DOCUMENT_FIELD));
}

/** A change to a live document, described as plain data so it can cross module copies (see document-changes.ts). */
export type TDocumentOperation =
  { kind: "replaceGeneratedSections"; sections: Record<string, TDocNode[]> } | { kind: "replaceDocument"; document: TDocNode } | { kind: "snapshot" };

export type TDocumentOperationResult = { replacedSections: string[]; state: Uint8Array; content: TDocNode };

/** Applies an operation to a document and reports the sections it replaced and the resulting state. */
export function applyDocumentOperation(ydoc: Y.Doc, operation: TDocumentOperation): TDocumentOperationResult {
  const replacedSections = operation.kind === "replaceGeneratedSections" ? replaceGeneratedSections(ydoc, operation.sections) : [];
  if (operation.kind === "replaceDocument") replaceDocument(ydoc, operation.document);
  return { replacedSections, state: Y.encodeStateAsUpdate(ydoc), content: documentSnapshot(ydoc).content };
}
