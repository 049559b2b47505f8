import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MAX_DOCUMENT_BYTES, MAX_UPDATE_BYTES } from "./collaboration-limits";
import { DocumentSizeLimits } from "./document-size";

/** The update an editor sends when it appends `bytes` of text that does not shrink when encoded. */
function appendUpdate(editor: Y.Doc, bytes: number): Uint8Array {
  const before = Y.encodeStateVector(editor);
  editor.getText("body").insert(editor.getText("body").length, randomBytes(Math.ceil(bytes / 2)).toString("hex"));
  return Y.encodeStateAsUpdate(editor, before);
}

describe("document size caps", () => {
  it("refuses a single update over its cap", () => {
    const limits = new DocumentSizeLimits();
    const editor = new Y.Doc();
    expect(limits.admits(new Y.Doc(), appendUpdate(editor, MAX_UPDATE_BYTES + 1024))).toBe(false);
    expect(limits.admits(new Y.Doc(), appendUpdate(new Y.Doc(), MAX_UPDATE_BYTES - 1024))).toBe(true);
  });

  it("takes updates until the document would pass its cap, then takes deletions only", () => {
    const limits = new DocumentSizeLimits();
    const server = new Y.Doc();
    const editor = new Y.Doc();
    let update = appendUpdate(editor, MAX_UPDATE_BYTES / 2);
    while (limits.admits(server, update)) {
      Y.applyUpdate(server, update);
      limits.applied(server, update);
      update = appendUpdate(editor, MAX_UPDATE_BYTES / 2);
    }
    const size = Y.encodeStateAsUpdate(server).byteLength;
    expect(size).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    expect(size).toBeGreaterThan(MAX_DOCUMENT_BYTES - MAX_UPDATE_BYTES);
  });

  it("takes deletions, but no growth, in a document already over its cap", () => {
    const limits = new DocumentSizeLimits();
    const server = new Y.Doc();
    const editor = new Y.Doc();
    // Written before the cap existed, or by the server itself (regenerated sections).
    while (Y.encodeStateAsUpdate(server).byteLength <= MAX_DOCUMENT_BYTES + 64 * 1024) Y.applyUpdate(server, appendUpdate(editor, MAX_UPDATE_BYTES / 2));
    expect(limits.admits(server, appendUpdate(editor, 16))).toBe(false);

    const reader = new Y.Doc();
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(reader);
    reader.getText("body").delete(0, 1_000);
    expect(limits.admits(server, Y.encodeStateAsUpdate(reader, before))).toBe(true);
  });
});
