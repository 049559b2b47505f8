import { randomUUID } from "node:crypto";
import { PATCH as updateActionItemRoute } from "@/app/api/action-items/[id]/route";
import { POST as acknowledgeAlertRoute } from "@/app/api/alerts/[id]/acknowledge/route";
import { POST as acknowledgeIncidentRoute } from "@/app/api/incidents/[ref]/acknowledge/route";
import { POST as createPostmortemRoute } from "@/app/api/incidents/[ref]/postmortem/route";
import { POST as acknowledgeHandoffRoute } from "@/app/api/incidents/[ref]/roles/[role]/acknowledge/route";
import { DELETE as releaseRoleRoute } from "@/app/api/incidents/[ref]/roles/[role]/route";
import { POST as assignRoleRoute } from "@/app/api/incidents/[ref]/roles/route";
import { PATCH as updateIncidentRoute } from "@/app/api/incidents/[ref]/route";
import { DELETE as removeSloImpactRoute } from "@/app/api/incidents/[ref]/slos/[sloId]/route";
import { POST as recordSloImpactRoute } from "@/app/api/incidents/[ref]/slos/route";
import { POST as keyEventRoute } from "@/app/api/incidents/[ref]/timeline/[entryId]/key-event/route";
import { PATCH as editNoteRoute } from "@/app/api/incidents/[ref]/timeline/[entryId]/route";
import { POST as addNoteRoute } from "@/app/api/incidents/[ref]/timeline/route";
import { POST as declareRoute } from "@/app/api/incidents/route";
import { POST as rotateIntegrationRoute } from "@/app/api/integrations/[ref]/rotate/route";
import { DELETE as deleteIntegrationRoute, PATCH as updateIntegrationRoute } from "@/app/api/integrations/[ref]/route";
import { POST as createIntegrationRoute } from "@/app/api/integrations/route";
import { POST as addActionItemRoute } from "@/app/api/postmortems/[id]/action-items/route";
import { DELETE as removeAuthorRoute } from "@/app/api/postmortems/[id]/authors/[userId]/route";
import { POST as addAuthorRoute } from "@/app/api/postmortems/[id]/authors/route";
import { POST as addCommentRoute } from "@/app/api/postmortems/[id]/comments/route";
import { POST as regenerateRoute } from "@/app/api/postmortems/[id]/regenerate/route";
import { POST as postmortemStatusRoute } from "@/app/api/postmortems/[id]/status/route";
import { POST as createServiceRoute } from "@/app/api/services/route";
import { DELETE as deleteSloRoute, PATCH as updateSloRoute } from "@/app/api/slos/[id]/route";
import { POST as pushSliRoute } from "@/app/api/slos/[id]/sli/route";
import { POST as createSloRoute } from "@/app/api/slos/route";
import { DELETE as revokeTokenRoute } from "@/app/api/tokens/[id]/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import { PATCH as updateUserRoute } from "@/app/api/users/[id]/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { createIntegration } from "@/lib/alerts/integrations";
import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { findIntegrationByKey } from "@/lib/alerts/receive";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { incidentReference } from "@/lib/incidents/rules";
import { addIncidentNote, assignIncidentRole, declareIncident, updateIncident } from "@/lib/incidents/service";
import { addPostmortemAuthor, createActionItem, createPostmortem } from "@/lib/postmortems/service";
import { createSlo, recordSloImpact } from "@/lib/slo/service";
import { createTestUser } from "@/lib/testing/factories";
import { createApiToken } from "@/lib/users/service";
import { oncallWrites } from "./documented-oncall-writes";

// Every write in the README's JSON API table, each with a fresh subject, as an admin makes it.
export type THandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
/** `sessionOnly`: refused with an API token (tokens are created from a browser session). */
export type TWrite = { handler: THandler; method: string; path: string; params: Record<string, string>; body?: unknown; succeeds: number; sessionOnly?: true };

let admin: TActor;
let responder: TActor;
let serviceId: string;

/** Creates the people and service the writes need; `admin` makes the writes. */
export async function prepareDocumentedWrites(): Promise<{ admin: TActor; responder: TActor }> {
  [admin, responder] = await Promise.all([createTestUser("admin", "Writes admin"), createTestUser("responder", "Writes responder")]);
  serviceId = (await createService(admin, { name: `Documented writes ${randomUUID()}`, ownerTeam: "Core", description: "" })).id;
  return { admin, responder };
}

const unique = () => randomUUID().slice(0, 8);
export const handler = (route: unknown) => route as THandler;

export async function incident(declaredBy: TActor = admin) {
  const declared = await declareIncident(declaredBy, { title: `Session write ${unique()}`, severity: "SEV3", serviceIds: [], summary: "" });
  return { id: declared.id, ref: incidentReference(declared.number) };
}

async function resolvedIncident() {
  const declared = await incident();
  await updateIncident(admin, declared.id, { status: "resolved" });
  return declared;
}

async function postmortem() {
  return createPostmortem(admin, (await resolvedIncident()).id, "en");
}

async function slo() {
  return createSlo(admin, { serviceId, name: `session ${unique()}`, kind: "availability", objectivePercent: 99.9, window: "rolling_30d" });
}

async function integration() {
  return createIntegration(admin, { name: `session ${unique()}`, source: "generic", defaultServiceId: null, defaultSeverity: "SEV3" });
}

/** Each write by its README name, and how to make one. */
export const DOCUMENTED_WRITES: Record<string, () => Promise<TWrite>> = {
  "POST /api/slos": async () => ({
    handler: handler(createSloRoute),
    method: "POST",
    path: "/api/slos",
    params: {},
    body: { serviceId, name: `session ${unique()}`, kind: "availability", objectivePercent: 99.9, window: "rolling_30d" },
    succeeds: 201,
  }),
  "PATCH /api/slos/{id}": async () => {
    const { id } = await slo();
    return { handler: handler(updateSloRoute), method: "PATCH", path: `/api/slos/${id}`, params: { id }, body: { description: "edited" }, succeeds: 200 };
  },
  "DELETE /api/slos/{id}": async () => {
    const { id } = await slo();
    return { handler: handler(deleteSloRoute), method: "DELETE", path: `/api/slos/${id}`, params: { id }, succeeds: 200 };
  },
  "POST /api/slos/{id}/sli": async () => {
    const { id } = await slo();
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000).toISOString();
    const body = { buckets: [{ minute, good: 99, total: 100 }] };
    return { handler: handler(pushSliRoute), method: "POST", path: `/api/slos/${id}/sli`, params: { id }, body, succeeds: 200 };
  },
  "POST /api/incidents/{ref}/slos": async () => {
    const [{ ref }, { id: sloId }] = await Promise.all([incident(), slo()]);
    const body = { sloId, impact: "degraded" };
    return { handler: handler(recordSloImpactRoute), method: "POST", path: `/api/incidents/${ref}/slos`, params: { ref }, body, succeeds: 200 };
  },
  "DELETE /api/incidents/{ref}/slos/{sloId}": async () => {
    const [declared, { id: sloId }] = await Promise.all([incident(), slo()]);
    await recordSloImpact(admin, declared.id, { sloId, impact: "degraded" });
    const params = { ref: declared.ref, sloId };
    return { handler: handler(removeSloImpactRoute), method: "DELETE", path: `/api/incidents/${declared.ref}/slos/${sloId}`, params, succeeds: 200 };
  },
  "POST /api/incidents/{ref}/postmortem": async () => {
    const { ref } = await resolvedIncident();
    const body = { language: "en" };
    return { handler: handler(createPostmortemRoute), method: "POST", path: `/api/incidents/${ref}/postmortem`, params: { ref }, body, succeeds: 201 };
  },
  "POST /api/postmortems/{id}/status": async () => {
    const { id } = await postmortem();
    const body = { to: "in_review" };
    return { handler: handler(postmortemStatusRoute), method: "POST", path: `/api/postmortems/${id}/status`, params: { id }, body, succeeds: 200 };
  },
  "POST /api/postmortems/{id}/regenerate": async () => {
    const { id } = await postmortem();
    return { handler: handler(regenerateRoute), method: "POST", path: `/api/postmortems/${id}/regenerate`, params: { id }, succeeds: 200 };
  },
  "POST /api/postmortems/{id}/authors": async () => {
    const { id } = await postmortem();
    const body = { userId: responder.id };
    return { handler: handler(addAuthorRoute), method: "POST", path: `/api/postmortems/${id}/authors`, params: { id }, body, succeeds: 201 };
  },
  "DELETE /api/postmortems/{id}/authors/{userId}": async () => {
    const { id } = await postmortem();
    await addPostmortemAuthor(admin, id, responder.id);
    const userId = responder.id;
    return { handler: handler(removeAuthorRoute), method: "DELETE", path: `/api/postmortems/${id}/authors/${userId}`, params: { id, userId }, succeeds: 200 };
  },
  "POST /api/postmortems/{id}/comments": async () => {
    const { id } = await postmortem();
    const body = { quote: "the queue", body: "Which queue?" };
    return { handler: handler(addCommentRoute), method: "POST", path: `/api/postmortems/${id}/comments`, params: { id }, body, succeeds: 201 };
  },
  "POST /api/postmortems/{id}/action-items": async () => {
    const { id } = await postmortem();
    const body = { title: "Alert on queue depth", priority: "P1" };
    return { handler: handler(addActionItemRoute), method: "POST", path: `/api/postmortems/${id}/action-items`, params: { id }, body, succeeds: 201 };
  },
  "PATCH /api/action-items/{id}": async () => {
    const { id } = await createActionItem(admin, (await postmortem()).id, {
      title: "Alert on queue depth",
      ownerId: null,
      priority: "P2",
      dueDate: null,
      status: "open",
      trackerUrl: null,
    });
    return {
      handler: handler(updateActionItemRoute),
      method: "PATCH",
      path: `/api/action-items/${id}`,
      params: { id },
      body: { status: "done" },
      succeeds: 200,
    };
  },
  "POST /api/incidents": async () => ({
    handler: handler(declareRoute),
    method: "POST",
    path: "/api/incidents",
    params: {},
    body: { title: `Declared in the browser ${unique()}`, severity: "SEV3" },
    succeeds: 201,
  }),
  "PATCH /api/incidents/{ref}": async () => {
    const { ref } = await incident();
    const body = { status: "investigating" };
    return { handler: handler(updateIncidentRoute), method: "PATCH", path: `/api/incidents/${ref}`, params: { ref }, body, succeeds: 200 };
  },
  "POST /api/incidents/{ref}/roles": async () => {
    const { ref } = await incident();
    const body = { role: "operations", userId: responder.id };
    return { handler: handler(assignRoleRoute), method: "POST", path: `/api/incidents/${ref}/roles`, params: { ref }, body, succeeds: 200 };
  },
  "DELETE /api/incidents/{ref}/roles/{role}": async () => {
    const declared = await incident();
    await assignIncidentRole(admin, declared.id, { role: "operations", userId: responder.id });
    const params = { ref: declared.ref, role: "operations" };
    return { handler: handler(releaseRoleRoute), method: "DELETE", path: `/api/incidents/${declared.ref}/roles/operations`, params, succeeds: 200 };
  },
  "POST /api/incidents/{ref}/timeline": async () => {
    const { ref } = await incident();
    const body = { body: "Rolled back the deploy" };
    return { handler: handler(addNoteRoute), method: "POST", path: `/api/incidents/${ref}/timeline`, params: { ref }, body, succeeds: 201 };
  },
  "PATCH /api/incidents/{ref}/timeline/{entryId}": async () => {
    const declared = await incident();
    const note = await addIncidentNote(admin, declared.id, "Rolled back the deploy");
    const params = { ref: declared.ref, entryId: note.id.toString() };
    const path = `/api/incidents/${declared.ref}/timeline/${params.entryId}`;
    return { handler: handler(editNoteRoute), method: "PATCH", path, params, body: { body: "Rolled back deploy 1.42" }, succeeds: 200 };
  },
  "POST /api/services": async () => ({
    handler: handler(createServiceRoute),
    method: "POST",
    path: "/api/services",
    params: {},
    body: { name: `Browser service ${unique()}`, ownerTeam: "Core" },
    succeeds: 201,
  }),
  "POST /api/users": async () => ({
    handler: handler(createUserRoute),
    method: "POST",
    path: "/api/users",
    params: {},
    body: { email: `browser-${unique()}@test.firebreak.local`, name: "Browser user", role: "viewer", password: "a-long-enough-password" },
    succeeds: 201,
  }),
  "PATCH /api/users/{id}": async () => {
    const { id } = await createTestUser("viewer");
    return { handler: handler(updateUserRoute), method: "PATCH", path: `/api/users/${id}`, params: { id }, body: { role: "responder" }, succeeds: 200 };
  },
  "POST /api/tokens": async () => ({
    handler: handler(createTokenRoute),
    method: "POST",
    path: "/api/tokens",
    params: {},
    body: { name: `browser ${unique()}` },
    succeeds: 201,
    sessionOnly: true,
  }),
  "DELETE /api/tokens/{id}": async () => {
    const { id } = await createApiToken(admin, `to revoke ${unique()}`);
    return { handler: handler(revokeTokenRoute), method: "DELETE", path: `/api/tokens/${id}`, params: { id }, succeeds: 200 };
  },
  "POST /api/incidents/{ref}/acknowledge": async () => {
    const { ref } = await incident();
    return { handler: handler(acknowledgeIncidentRoute), method: "POST", path: `/api/incidents/${ref}/acknowledge`, params: { ref }, succeeds: 200 };
  },
  "POST /api/incidents/{ref}/roles/{role}/acknowledge": async () => {
    const declared = await incident(responder);
    await assignIncidentRole(responder, declared.id, { role: "commander", userId: admin.id });
    const params = { ref: declared.ref, role: "commander" };
    const path = `/api/incidents/${declared.ref}/roles/commander/acknowledge`;
    return { handler: handler(acknowledgeHandoffRoute), method: "POST", path, params, succeeds: 200 };
  },
  "POST /api/incidents/{ref}/timeline/{entryId}/key-event": async () => {
    const declared = await incident();
    const note = await addIncidentNote(admin, declared.id, "Root cause identified");
    const params = { ref: declared.ref, entryId: note.id.toString() };
    const path = `/api/incidents/${declared.ref}/timeline/${params.entryId}/key-event`;
    return { handler: handler(keyEventRoute), method: "POST", path, params, body: { keyEvent: true }, succeeds: 200 };
  },
  "POST /api/integrations": async () => ({
    handler: handler(createIntegrationRoute),
    method: "POST",
    path: "/api/integrations",
    params: {},
    body: { name: `browser ${unique()}`, source: "alertmanager" },
    succeeds: 201,
  }),
  "PATCH /api/integrations/{id}": async () => {
    const { id } = await integration();
    const body = { minOccurrences: 2 };
    return { handler: handler(updateIntegrationRoute), method: "PATCH", path: `/api/integrations/${id}`, params: { ref: id }, body, succeeds: 200 };
  },
  "POST /api/integrations/{id}/rotate": async () => {
    const { id } = await integration();
    return { handler: handler(rotateIntegrationRoute), method: "POST", path: `/api/integrations/${id}/rotate`, params: { ref: id }, succeeds: 200 };
  },
  "DELETE /api/integrations/{id}": async () => {
    const { id } = await integration();
    return { handler: handler(deleteIntegrationRoute), method: "DELETE", path: `/api/integrations/${id}`, params: { ref: id }, succeeds: 200 };
  },
  "POST /api/alerts/{id}/acknowledge": async () => {
    const created = await integration();
    const receiving = await findIntegrationByKey(created.key);
    if (!receiving) throw new Error("the integration was just created");
    const dedupKey = `session-${unique()}`;
    await ingestAlertDelivery(receiving, JSON.stringify({ dedupKey, status: "firing", title: "Queue depth high", severity: "warning" }));
    const { id } = await db().alert.findFirstOrThrow({ where: { integrationId: created.id, dedupKey }, select: { id: true } });
    return { handler: handler(acknowledgeAlertRoute), method: "POST", path: `/api/alerts/${id}/acknowledge`, params: { id }, succeeds: 200 };
  },
  ...oncallWrites(() => admin),
};
