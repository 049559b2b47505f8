import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { notFound } from "@/lib/errors";
import { appendTimelineEntry } from "@/lib/timeline/service";
import type { TChecklistTemplateItemCreate } from "./schema";

/** Ticks (or unticks) an item; the progress is on the timeline. */
export async function setChecklistItemDone(actor: TActor, incidentId: string, itemId: string, done: boolean, now = new Date()) {
  assertCan(actor, "incident:write");
  return db().$transaction(async (tx) => {
    const item = await tx.incidentChecklistItem.findFirst({ where: { id: itemId, incidentId } });
    if (!item) throw notFound("checklistItem");
    if ((item.doneAt !== null) === done) return item;
    await appendTimelineEntry(tx, {
      incidentId,
      kind: "checklist_item_checked",
      actorId: actor.id,
      occurredAt: now,
      detail: { itemId, role: item.role, done, textEn: item.textEn, textJa: item.textJa },
    });
    return tx.incidentChecklistItem.update({ where: { id: itemId }, data: done ? { doneAt: now, doneById: actor.id } : { doneAt: null, doneById: null } });
  });
}

export async function addChecklistTemplateItem(actor: TActor, input: TChecklistTemplateItemCreate) {
  assertCan(actor, "integration:manage");
  const last = await db().checklistTemplateItem.findFirst({ where: { role: input.role }, orderBy: { position: "desc" }, select: { position: true } });
  return db().checklistTemplateItem.create({ data: { ...input, position: (last?.position ?? 0) + 1 } });
}

export async function removeChecklistTemplateItem(actor: TActor, itemId: string) {
  assertCan(actor, "integration:manage");
  const deleted = await db().checklistTemplateItem.deleteMany({ where: { id: itemId } });
  if (deleted.count === 0) throw notFound("checklistItem");
}
