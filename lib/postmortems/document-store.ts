import * as Y from "yjs";
import { db } from "@/lib/db/prisma";
import { documentSnapshot } from "./document-state";

// The one writer of a postmortem's document state: the folded Yjs state in "Postmortem" plus the
// log of updates that arrived since.

/** Logs one update as it arrives, before the debounced store, so a crash loses nothing acknowledged. */
export async function appendDocumentUpdate(postmortemId: string, update: Uint8Array): Promise<void> {
  await db().postmortemUpdate.create({ data: { postmortemId, update: Buffer.from(update) } });
}

/**
 * The md5 of the stored state each copy in this process holds for certain (it loaded or stored that
 * state): while the stored state keeps that digest, a store need not read it back to know it has it.
 */
const heldStates = new WeakMap<Y.Doc, string>();

/** The document as stored: the last folded state with every logged update applied. */
export async function loadStoredDocument(postmortemId: string, into = new Y.Doc()): Promise<Y.Doc | null> {
  const [[postmortem], updates] = await Promise.all([
    db().$queryRaw<{ ydoc: Uint8Array; digest: string }[]>`SELECT "ydoc", md5("ydoc") AS "digest" FROM "Postmortem" WHERE "id" = ${postmortemId}`,
    db().postmortemUpdate.findMany({ where: { postmortemId }, orderBy: { id: "asc" }, select: { update: true } }),
  ]);
  if (!postmortem) return null;
  Y.applyUpdate(into, new Uint8Array(postmortem.ydoc));
  heldStates.set(into, postmortem.digest);
  for (const { update } of updates) Y.applyUpdate(into, new Uint8Array(update));
  return into;
}

/**
 * The state to store: this process's copy when it already holds every other update (one process, or
 * processes relayed through Redis: the usual case, and the cheap one for a large document), else the
 * merge of all of them.
 */
function foldedState(ydoc: Y.Doc, live: Uint8Array, others: Uint8Array[]): { state: Buffer; content: object; text: string } {
  const held = Y.snapshot(ydoc);
  if (others.every((update) => Y.snapshotContainsUpdate(held, update))) return { state: Buffer.from(live), ...documentSnapshot(ydoc) };
  const folded = new Y.Doc();
  Y.applyUpdate(folded, Y.mergeUpdates([live, ...others]));
  const merged = { state: Buffer.from(Y.encodeStateAsUpdate(folded)), ...documentSnapshot(folded) };
  folded.destroy();
  return merged;
}

/** Stores by other processes that may come between reading and writing before this one gives up (the log keeps everything meanwhile). */
const STORE_ATTEMPTS = 5;

/**
 * Folds the document into its stored state with a JSON snapshot and text (export, search), and drops
 * the logged updates it now contains. Whichever process stores, nothing another process logged or
 * stored is lost: the new state is the merge of the stored state, this process's copy and every
 * logged update it drops (Yjs merges are order-free). The merge is computed outside any transaction
 * (it takes a while for a large document); the write is one statement that updates the row only
 * if its state is still the one merged (by md5; a concurrent store's update waits for the row lock,
 * then finds the state changed) and deletes the merged updates only if it did. If another store came
 * in between, this one merges again.
 */
export async function storeDocumentState(postmortemId: string, ydoc: Y.Doc): Promise<void> {
  const live = Y.encodeStateAsUpdate(ydoc);
  for (let attempt = 1; attempt <= STORE_ATTEMPTS; attempt += 1) {
    const [stored] = await db().$queryRaw<{ digest: string }[]>`SELECT md5("ydoc") AS "digest" FROM "Postmortem" WHERE "id" = ${postmortemId}`;
    if (!stored) return;
    // Another process stored since this copy last saw the stored state: what it stored may be news here.
    const [storedElsewhere] =
      heldStates.get(ydoc) === stored.digest
        ? []
        : await db().$queryRaw<{ ydoc: Uint8Array }[]>`SELECT "ydoc" FROM "Postmortem" WHERE "id" = ${postmortemId} AND md5("ydoc") = ${stored.digest}`;
    const logged = await db().postmortemUpdate.findMany({ where: { postmortemId }, orderBy: { id: "asc" }, select: { id: true, update: true } });
    const others = [...(storedElsewhere ? [new Uint8Array(storedElsewhere.ydoc)] : []), ...logged.map(({ update }) => new Uint8Array(update))];
    if (heldStates.get(ydoc) !== stored.digest && !storedElsewhere) continue;
    const { state, content, text } = foldedState(ydoc, live, others);
    // By id: an update logged after the read above, even with a lower id, is not in this state.
    const loggedIds = logged.map(({ id }) => id);
    const [written] = await db().$queryRaw<{ digest: string }[]>`
      WITH stored AS (
        UPDATE "Postmortem" SET "ydoc" = ${state}, "content" = ${JSON.stringify(content)}::jsonb, "contentText" = ${text}, "updatedAt" = ${new Date()}::timestamp(3)
        WHERE "id" = ${postmortemId} AND md5("ydoc") = ${stored.digest}
        RETURNING md5("ydoc") AS "digest"
      ), folded AS (
        DELETE FROM "PostmortemUpdate" WHERE "id" = ANY(${loggedIds}::bigint[]) AND EXISTS (SELECT 1 FROM stored)
      )
      SELECT "digest" FROM stored`;
    if (written) {
      // The copy holds what it stored only if nothing was merged in that it lacks; else it must read it back next time.
      if (state.equals(Buffer.from(live))) heldStates.set(ydoc, written.digest);
      return;
    }
  }
  throw new Error(`Postmortem ${postmortemId} was stored by other processes ${STORE_ATTEMPTS} times while this one stored it; its edits stay logged`);
}
