import * as Y from "yjs";
import { MAX_DOCUMENT_BYTES, MAX_UPDATE_BYTES } from "./collaboration-limits";

const encodedSize = (document: Y.Doc) => Y.encodeStateAsUpdate(document).byteLength;

function sizeWithUpdate(document: Y.Doc, update: Uint8Array): number {
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(document));
    Y.applyUpdate(copy, update);
    return encodedSize(copy);
  } finally {
    copy.destroy();
  }
}

/**
 * Decides whether an open document may take an update. Measuring a document on every keystroke
 * would cost more than the keystroke, so each document carries an upper bound of its size (last
 * measurement plus every update since) and is measured again only when that bound nears the cap.
 */
export class DocumentSizeLimits {
  private readonly upperBounds = new WeakMap<Y.Doc, number>();

  /** False when the update alone is over its cap, or would take the document over its cap. */
  admits(document: Y.Doc, update: Uint8Array): boolean {
    if (update.byteLength > MAX_UPDATE_BYTES) return false;
    const bound = this.upperBounds.get(document);
    if (bound !== undefined && bound + update.byteLength <= MAX_DOCUMENT_BYTES) return true;
    const size = encodedSize(document);
    this.upperBounds.set(document, size);
    if (size + update.byteLength <= MAX_DOCUMENT_BYTES) return true;
    // At the cap: try it on a copy, so that deleting text (which shrinks the document) always works.
    const after = sizeWithUpdate(document, update);
    return after <= MAX_DOCUMENT_BYTES || after <= size;
  }

  /** Counts a change the document took (from an editor or from the server itself). */
  applied(document: Y.Doc, update: Uint8Array): void {
    const bound = this.upperBounds.get(document);
    if (bound !== undefined) this.upperBounds.set(document, bound + update.byteLength);
  }
}
