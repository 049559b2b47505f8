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
 * the logged updates it now contains. Whichever process stores, nothing another process logged or
 * stored is lost: the new state is the merge of the state stored now, this process's copy and every
 * logged update it drops (Yjs merges are order-free), taken under a row lock that makes concurrent
 * stores of one postmortem wait for each other. The lock is FOR NO KEY UPDATE, which leaves logging
 * (an insert that only key-shares the row) running meanwhile.
 */
export async function storeDocumentState(postmortemId: string, ydoc: Y.Doc): Promise<void> {
  const live = Y.encodeStateAsUpdate(ydoc);
  await db().$transaction(async (tx) => {
    const [stored] = await tx.$queryRaw<{ ydoc: Uint8Array }[]>`SELECT "ydoc" FROM "Postmortem" WHERE "id" = ${postmortemId} FOR NO KEY UPDATE`;
    if (!stored) return;
    const logged = await tx.postmortemUpdate.findMany({ where: { postmortemId }, orderBy: { id: "asc" }, select: { id: true, update: true } });
    const folded = new Y.Doc();
    Y.applyUpdate(folded, Y.mergeUpdates([new Uint8Array(stored.ydoc), live, ...logged.map(({ update }) => new Uint8Array(update))]));
    const { content, text } = documentSnapshot(folded);
    await tx.postmortem.update({ where: { id: postmortemId }, data: { ydoc: Buffer.from(Y.encodeStateAsUpdate(folded)), content: content as object, contentText: text } });
    // By id: an update logged after the read above, even with a lower id, is not in this state.
    if (logged.length > 0) await tx.postmortemUpdate.deleteMany({ where: { id: { in: logged.map(({ id }) => id) } } });
    folded.destroy();
  });
}
