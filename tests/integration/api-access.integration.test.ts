import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as declareRoute, GET as listRoute } from "@/app/api/incidents/route";
import { PATCH as updateRoute } from "@/app/api/incidents/[ref]/route";
import { POST as assignRoute } from "@/app/api/incidents/[ref]/roles/route";
import { DELETE as releaseRoute } from "@/app/api/incidents/[ref]/roles/[role]/route";
import { POST as acknowledgeIncidentRoute } from "@/app/api/incidents/[ref]/acknowledge/route";
import { POST as acknowledgeHandoffRoute } from "@/app/api/incidents/[ref]/roles/[role]/acknowledge/route";
import { POST as keyEventRoute } from "@/app/api/incidents/[ref]/timeline/[entryId]/key-event/route";
import { POST as noteRoute } from "@/app/api/incidents/[ref]/timeline/route";
import { DELETE as revokeRoute } from "@/app/api/tokens/[id]/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { db } from "@/lib/db/prisma";
import { apiRequest, routeParams } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let admin: TCaller;
let responder: TCaller;
let viewer: TCaller;

beforeAll(async () => {
  [admin, responder, viewer] = await Promise.all([createTestUserWithToken("admin"), createTestUserWithToken("responder"), createTestUserWithToken("viewer")]);
});

const noParams = routeParams({} as Record<string, never>);

async function declareAs(caller: TCaller, title = "API incident") {
  return declareRoute(apiRequest("POST", "/api/incidents", caller.token, { title, severity: "SEV2" }), noParams);
}

describe("authentication", () => {
  it("rejects calls without a token or session", async () => {
    const response = await listRoute(apiRequest("GET", "/api/incidents", null), noParams);
    expect(response.status).toBe(401);
  });

  it("rejects an unknown or revoked token", async () => {
    expect((await listRoute(apiRequest("GET", "/api/incidents", "fbk_not-a-token"), noParams)).status).toBe(401);
    const caller = await createTestUserWithToken("responder");
    const tokenId = (await db().apiToken.findFirstOrThrow({ where: { userId: caller.actor.id } })).id;
    expect((await revokeRoute(apiRequest("DELETE", `/api/tokens/${tokenId}`, caller.token), routeParams({ id: tokenId }))).status).toBe(200);
    expect((await listRoute(apiRequest("GET", "/api/incidents", caller.token), noParams)).status).toBe(401);
  });
});

describe("role enforcement", () => {
  it("lets a viewer read but not declare, and writes nothing", async () => {
    expect((await listRoute(apiRequest("GET", "/api/incidents", viewer.token), noParams)).status).toBe(200);
    const title = `Viewer declares ${randomUUID()}`;
    const response = await declareAs(viewer, title);
    expect(response.status).toBe(403);
    expect(await db().incident.count({ where: { title } })).toBe(0);
  });

  it("refuses every incident change from a viewer", async () => {
    const incident = await (await declareAs(responder, "Viewer cannot touch")).json();
    const ref = `INC-${incident.number}`;
    const entriesBefore = await db().timelineEntry.count({ where: { incidentId: incident.id } });
    const attempts = [
      updateRoute(apiRequest("PATCH", `/api/incidents/${ref}`, viewer.token, { status: "resolved" }), routeParams({ ref })),
      assignRoute(apiRequest("POST", `/api/incidents/${ref}/roles`, viewer.token, { role: "commander", userId: viewer.actor.id }), routeParams({ ref })),
      releaseRoute(apiRequest("DELETE", `/api/incidents/${ref}/roles/operations`, viewer.token), routeParams({ ref, role: "operations" })),
      noteRoute(apiRequest("POST", `/api/incidents/${ref}/timeline`, viewer.token, { body: "hi" }), routeParams({ ref })),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    expect(await db().timelineEntry.count({ where: { incidentId: incident.id } })).toBe(entriesBefore);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("declared");
  });

  it("lets a responder run an incident end to end", async () => {
    const created = await declareAs(responder, "Responder runs it");
    expect(created.status).toBe(201);
    const incident = await created.json();
    const ref = String(incident.number);
    expect(
      (
        await assignRoute(
          apiRequest("POST", `/api/incidents/${ref}/roles`, responder.token, { role: "commander", userId: admin.actor.id }),
          routeParams({ ref }),
        )
      ).status,
    ).toBe(200);
    expect(
      (await noteRoute(apiRequest("POST", `/api/incidents/${ref}/timeline`, responder.token, { body: "Rolled back 1.42" }), routeParams({ ref }))).status,
    ).toBe(201);
    const note = await (
      await noteRoute(apiRequest("POST", `/api/incidents/${ref}/timeline`, responder.token, { body: "Root cause identified" }), routeParams({ ref }))
    ).json();
    const entry = { ref, entryId: note.id };
    expect((await keyEventRoute(apiRequest("POST", "/key-event", viewer.token, { keyEvent: true }), routeParams(entry))).status).toBe(403);
    expect((await keyEventRoute(apiRequest("POST", "/key-event", responder.token, { keyEvent: "yes" }), routeParams(entry))).status).toBe(400);
    expect((await (await keyEventRoute(apiRequest("POST", "/key-event", responder.token, { keyEvent: true }), routeParams(entry))).json()).keyEvent).toBe(true);
    expect((await acknowledgeIncidentRoute(apiRequest("POST", "/acknowledge", responder.token), routeParams({ ref }))).status).toBe(200);
    const acknowledged = await db().timelineEntry.findFirstOrThrow({ where: { incident: { number: Number(ref.replace("INC-", "")) }, kind: "acknowledged" } });
    // Said as coming through the API, not the room: a script acknowledging for someone is on record as such.
    expect(acknowledged).toMatchObject({ actorId: responder.actor.id, detail: expect.objectContaining({ via: "api" }) });
    const handoff = { ref, role: "commander" };
    expect((await acknowledgeHandoffRoute(apiRequest("POST", "/acknowledge", responder.token), routeParams(handoff))).status).toBe(403);
    expect((await acknowledgeHandoffRoute(apiRequest("POST", "/acknowledge", admin.token), routeParams(handoff))).status).toBe(200);
    const resolved = await updateRoute(apiRequest("PATCH", `/api/incidents/${ref}`, responder.token, { status: "resolved" }), routeParams({ ref }));
    expect(resolved.status).toBe(200);
    expect((await resolved.json()).status).toBe("resolved");
  });

  it("keeps user management for admins", async () => {
    const body = { email: `new-${Date.now()}@example.com`, name: "New", role: "viewer", password: "a-long-enough-password" };
    expect((await createUserRoute(apiRequest("POST", "/api/users", responder.token, body), noParams)).status).toBe(403);
    expect((await createUserRoute(apiRequest("POST", "/api/users", admin.token, body), noParams)).status).toBe(201);
    expect((await createUserRoute(apiRequest("POST", "/api/users", admin.token, body), noParams)).status).toBe(409);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with 400 and a message", async () => {
    const response = await declareRoute(apiRequest("POST", "/api/incidents", responder.token, undefined, "{not json"), noParams);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_json" });
  });

  it("names each invalid field and writes nothing", async () => {
    const summary = `Invalid declaration ${randomUUID()}`;
    const response = await declareRoute(apiRequest("POST", "/api/incidents", responder.token, { title: "", severity: "SEV9", summary }), noParams);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["severity", "title"]);
    expect(await db().incident.count({ where: { summary } })).toBe(0);
  });

  it("rejects unknown fields and impossible transitions", async () => {
    const incident = await (await declareAs(responder, "Strict updates")).json();
    const ref = incident.id;
    const unknown = await updateRoute(apiRequest("PATCH", `/api/incidents/${ref}`, responder.token, { status: "resolved", owner: "me" }), routeParams({ ref }));
    expect(unknown.status).toBe(400);
    const impossible = await updateRoute(apiRequest("PATCH", `/api/incidents/${ref}`, responder.token, { status: "closed" }), routeParams({ ref }));
    expect(impossible.status).toBe(422);
    expect((await impossible.json()).message).toMatch(/declared to closed/);
    const missing = await updateRoute(
      apiRequest("PATCH", "/api/incidents/INC-999999", responder.token, { status: "resolved" }),
      routeParams({ ref: "INC-999999" }),
    );
    expect(missing.status).toBe(404);
  });
});
