import { createId } from "@/lib/db/ids";
import type { TSql } from "@/lib/db/sql";
import { notFound, unprocessable } from "@/lib/errors";
import type { IncidentSource, Severity } from "@/lib/generated/prisma/enums";
import type { TOpeningAlert } from "@/lib/timeline/entry-details";
import { appendTimelineEntriesWith } from "@/lib/timeline/service";
import { openingTimesProblem } from "./rules";

/**
 * Everything that differs between the ways an incident opens, said by the caller rather than
 * guessed from who calls: a person declaring names themselves commander and has acknowledged;
 * an alert, an SLO burn or an escalation hands the role to someone who has not, yet.
 */
export type TIncidentOpening = {
  source: IncidentSource;
  title: string;
  severity: Severity;
  summary: string;
  serviceIds: string[];
  startedAt: Date;
  /** when people or monitoring noticed: a person may say it was earlier; an alert's is its arrival */
  detectedAt: Date;
  /** the person declaring, or Firebreak's system account when no person did */
  declaredById: string;
  commander: { userId: string; acknowledged: boolean };
  alert?: TOpeningAlert;
};

/**
 * Opens an incident inside the caller's transaction (`sql`): the incident, its `declared` entry, its own
 * copy of the role checklists, and its commander with the `role_assigned` entry. The commander
 * role is held from the first moment, so it is never empty. Two statements (decision 026): alerts
 * open incidents in bursts, and each query through the client costs the process more than the
 * database. Unknown services or commander refuse the opening, and the caller's transaction with it.
 */
export async function openIncident(sql: TSql, input: TIncidentOpening, now: Date): Promise<{ id: string; number: number }> {
  const problem = openingTimesProblem(input.startedAt, input.detectedAt, now);
  if (problem) throw unprocessable(problem.key, problem.vars);
  const id = createId();
  const serviceIds = [...new Set(input.serviceIds)];
  const at = now.toISOString();
  // Nothing is written (not even an incident number used up) unless every service and the commander exist.
  const [opened] = await sql<{ number: number | null; commanderName: string | null; services: { id: string; name: string }[] }>`
    WITH affected AS (
      SELECT service."id", service."name" FROM "Service" service WHERE service."id" = ANY(${serviceIds}::text[])
    ), commander AS (
      SELECT person."id", person."name" FROM "User" person WHERE person."id" = ${input.commander.userId}
    ), incident AS (
      INSERT INTO "Incident" ("id", "title", "severity", "summary", "startedAt", "detectedAt", "source", "declaredById", "createdAt", "updatedAt")
      SELECT ${id}, ${input.title}, ${input.severity}::"Severity", ${input.summary}, ${input.startedAt.toISOString()}::timestamp(3),
        ${input.detectedAt.toISOString()}::timestamp(3), ${input.source}::"IncidentSource", ${input.declaredById}, ${at}::timestamp(3), ${at}::timestamp(3)
      WHERE (SELECT count(*) FROM affected) = ${serviceIds.length}::int AND EXISTS (SELECT 1 FROM commander)
      RETURNING "id", "number"
    ), linked AS (
      INSERT INTO "IncidentService" ("incidentId", "serviceId") SELECT incident."id", affected."id" FROM incident, affected
    ), checklist AS (
      INSERT INTO "IncidentChecklistItem" ("id", "incidentId", "role", "position", "textEn", "textJa")
      SELECT 'a' || replace(gen_random_uuid()::text, '-', ''), incident."id", item."role", item."position", item."textEn", item."textJa"
      FROM incident, "ChecklistTemplateItem" item
    ), role AS (
      INSERT INTO "IncidentRoleAssignment" ("id", "incidentId", "role", "userId", "assignedById", "assignedAt", "acknowledgedAt")
      SELECT ${createId()}, incident."id", 'commander'::"IncidentRole", commander."id", ${input.declaredById}, ${at}::timestamp(3),
        ${input.commander.acknowledged ? at : null}::timestamp(3)
      FROM incident, commander
    )
    SELECT (SELECT "number" FROM incident) AS "number", (SELECT "name" FROM commander) AS "commanderName",
      COALESCE((SELECT json_agg(json_build_object('id', affected."id", 'name', affected."name") ORDER BY affected."name") FROM affected), '[]'::json) AS "services"`;
  const unknown = serviceIds.filter((serviceId) => !opened?.services.some((service) => service.id === serviceId));
  if (unknown.length > 0) throw unprocessable("errors.incident.unknownServices", { ids: unknown.join(", ") });
  if (opened?.commanderName == null) throw notFound("commander");
  if (opened.number === null) throw new Error("the incident insert wrote no row");

  await appendTimelineEntriesWith(sql, [
    // The entry names what opened the incident: the alert, or else the services the person named.
    {
      incidentId: id,
      kind: "declared",
      actorId: input.declaredById,
      occurredAt: now,
      detail: input.alert
        ? { title: input.title, severity: input.severity, alert: input.alert }
        : { title: input.title, severity: input.severity, services: opened.services.map((service) => service.name) },
    },
    {
      incidentId: id,
      kind: "role_assigned",
      actorId: input.declaredById,
      occurredAt: now,
      detail: { role: "commander", toUserId: input.commander.userId, toName: opened.commanderName },
    },
  ]);
  return { id, number: opened.number };
}
