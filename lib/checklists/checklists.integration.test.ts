import { expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { listIncidentChecklist } from "./queries";
import { addChecklistTemplateItem, removeChecklistTemplateItem, setChecklistItemDone } from "./service";

it("copies the role checklists into each new incident and records progress on its timeline", async () => {
  const [admin, responder, viewer] = await Promise.all([createTestUser("admin"), createTestUser("responder"), createTestUser("viewer")]);
  const incident = await declareIncident(responder, { title: "Checklists", severity: "SEV2", serviceIds: [], summary: "" });
  const checklist = await listIncidentChecklist(incident.id);
  const first = checklist.find((item) => item.role === "commander");
  expect(first?.textJa).toBe("実行担当とコミュニケーション担当を割り当てる");
  expect(new Set(checklist.map((item) => item.role))).toEqual(new Set(["commander", "operations", "communications", "planning"]));

  await expect(setChecklistItemDone(viewer, incident.id, first?.id as string, true)).rejects.toMatchObject({ status: 403 });
  await setChecklistItemDone(responder, incident.id, first?.id as string, true);
  await setChecklistItemDone(responder, incident.id, first?.id as string, true);
  const done = (await listIncidentChecklist(incident.id)).find((item) => item.id === first?.id);
  expect(done?.doneAt).not.toBeNull();
  expect(done?.doneBy?.name).toBe(responder.name);
  expect(await db().timelineEntry.count({ where: { incidentId: incident.id, kind: "checklist_item_checked" } })).toBe(1);

  // Editing the template changes later incidents, not running ones.
  const added = await addChecklistTemplateItem(admin, { role: "planning", textEn: "Book the postmortem meeting", textJa: "ポストモーテムの会議を予約する" });
  expect((await listIncidentChecklist(incident.id)).some((item) => item.textEn === "Book the postmortem meeting")).toBe(false);
  const later = await declareIncident(responder, { title: "Later", severity: "SEV4", serviceIds: [], summary: "" });
  expect((await listIncidentChecklist(later.id)).some((item) => item.textEn === "Book the postmortem meeting")).toBe(true);
  await removeChecklistTemplateItem(admin, added.id);
});
