import { db } from "@/lib/db/prisma";

export function listChecklistTemplate() {
  return db().checklistTemplateItem.findMany({ orderBy: [{ role: "asc" }, { position: "asc" }] });
}

export function listIncidentChecklist(incidentId: string) {
  return db().incidentChecklistItem.findMany({
    where: { incidentId },
    orderBy: [{ role: "asc" }, { position: "asc" }],
    select: { id: true, role: true, textEn: true, textJa: true, doneAt: true, doneBy: { select: { name: true } } },
  });
}
export type TIncidentChecklistItem = Awaited<ReturnType<typeof listIncidentChecklist>>[number];
