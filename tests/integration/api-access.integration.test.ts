import { beforeAll, describe, expect, it } from "vitest";
import { POST as declareRoute, GET as listRoute } from "@/app/api/incidents/route";
import { PATCH as updateRoute } from "@/app/api/incidents/[ref]/route";
import { POST as assignRoute } from "@/app/api/incidents/[ref]/roles/route";
import { DELETE as releaseRoute } from "@/app/api/incidents/[ref]/roles/[role]/route";
import { POST as acknowledgeHandoffRoute } from "@/app/api/incidents/[ref]/roles/[role]/acknowledge/route";
import { POST as keyEventRoute } from "@/app/api/incidents/[ref]/timeline/[entryId]/key-event/route";
import { POST as noteRoute } from "@/app/api/incidents/[ref]/timeline/route";
import { DELETE as revokeRoute } from "@/app/api/tokens/[id]/route";
import { POST as createUserRoute } from "@/app/api/users/route";
import { db } from "@/lib/db/prisma";
import { createTestUserWithToken } from "@/lib/testing/factories";

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let admin: TCaller;
let responder: TCaller;
let viewer: TCaller;

beforeAll(async () => {
  [admin, responder, viewer] = await Promise.all([createTestUserWithToken("admin"), createTestUserWithToken("responder"), createTestUserWithToken("viewer")]);
});

function call(method: string, path: string, token: string | null, body?: unknown, rawBody?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request(`http://localhost${path}`, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
}
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
const noParams = params({} as Record<string, never>);

async function declareAs(caller: TCaller, title = "API incident") {
  return declareRoute(call("POST", "/api/incidents", caller.token, { title, severity: "SEV2" }), noParams);
}

describe("authentication", () => {
  it("rejects calls without a token or session", async () => {
    const response = await listRoute(call("GET", "/api/incidents", null), noParams);
    expect(response.status).toBe(401);
  });

  it("rejects an unknown or revoked token", async () => {
    expect((await listRoute(call("GET", "/api/incidents", "fbk_not-a-token"), noParams)).status).toBe(401);
    const caller = await createTestUserWithToken("responder");
    const tokenId = (await db().apiToken.findFirstOrThrow({ where: { userId: caller.actor.id } })).id;
    expect((await revokeRoute(call("DELETE", `/api/tokens/${tokenId}`, caller.token), params({ id: tokenId }))).status).toBe(200);
    expect((await listRoute(call("GET", "/api/incidents", caller.token), noParams)).status).toBe(401);
  });
});

describe("role enforcement", () => {
  it("lets a viewer read but not declare, and writes nothing", async () => {
    expect((await listRoute(call("GET", "/api/incidents", viewer.token), noParams)).status).toBe(200);
    const before = await db().incident.count();
    const response = await declareAs(viewer);
    expect(response.status).toBe(403);
    expect(await db().incident.count()).toBe(before);
  });

  it("refuses every incident change from a viewer", async () => {
    const incident = await (await declareAs(responder, "Viewer cannot touch")).json();
    const ref = `INC-${incident.number}`;
    const entriesBefore = await db().timelineEntry.count({ where: { incidentId: incident.id } });
    const attempts = [
      updateRoute(call("PATCH", `/api/incidents/${ref}`, viewer.token, { status: "resolved" }), params({ ref })),
      assignRoute(call("POST", `/api/incidents/${ref}/roles`, viewer.token, { role: "commander", userId: viewer.actor.id }), params({ ref })),
      releaseRoute(call("DELETE", `/api/incidents/${ref}/roles/operations`, viewer.token), params({ ref, role: "operations" })),
      noteRoute(call("POST", `/api/incidents/${ref}/timeline`, viewer.token, { body: "hi" }), params({ ref })),
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
      (await assignRoute(call("POST", `/api/incidents/${ref}/roles`, responder.token, { role: "commander", userId: admin.actor.id }), params({ ref }))).status,
    ).toBe(200);
    expect((await noteRoute(call("POST", `/api/incidents/${ref}/timeline`, responder.token, { body: "Rolled back 1.42" }), params({ ref }))).status).toBe(201);
    const note = await (
      await noteRoute(call("POST", `/api/incidents/${ref}/timeline`, responder.token, { body: "Root cause identified" }), params({ ref }))
    ).json();
    const entry = { ref, entryId: note.id };
    expect((await keyEventRoute(call("POST", "/key-event", viewer.token, { keyEvent: true }), params(entry))).status).toBe(403);
    expect((await keyEventRoute(call("POST", "/key-event", responder.token, { keyEvent: "yes" }), params(entry))).status).toBe(400);
    expect((await (await keyEventRoute(call("POST", "/key-event", responder.token, { keyEvent: true }), params(entry))).json()).keyEvent).toBe(true);
    const handoff = { ref, role: "commander" };
    expect((await acknowledgeHandoffRoute(call("POST", "/acknowledge", responder.token), params(handoff))).status).toBe(403);
    expect((await acknowledgeHandoffRoute(call("POST", "/acknowledge", admin.token), params(handoff))).status).toBe(200);
    const resolved = await updateRoute(call("PATCH", `/api/incidents/${ref}`, responder.token, { status: "resolved" }), params({ ref }));
    expect(resolved.status).toBe(200);
    expect((await resolved.json()).status).toBe("resolved");
  });

  it("keeps user management for admins", async () => {
    const body = { email: `new-${Date.now()}@example.com`, name: "New", role: "viewer", password: "a-long-enough-password" };
    expect((await createUserRoute(call("POST", "/api/users", responder.token, body), noParams)).status).toBe(403);
    expect((await createUserRoute(call("POST", "/api/users", admin.token, body), noParams)).status).toBe(201);
    expect((await createUserRoute(call("POST", "/api/users", admin.token, body), noParams)).status).toBe(409);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with 400 and a message", async () => {
    const response = await declareRoute(call("POST", "/api/incidents", responder.token, undefined, "{not json"), noParams);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_json" });
  });

  it("names each invalid field and writes nothing", async () => {
    const before = await db().incident.count();
    const response = await declareRoute(call("POST", "/api/incidents", responder.token, { title: "", severity: "SEV9" }), noParams);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["severity", "title"]);
    expect(await db().incident.count()).toBe(before);
  });

  it("rejects unknown fields and impossible transitions", async () => {
    const incident = await (await declareAs(responder, "Strict updates")).json();
    const ref = incident.id;
    const unknown = await updateRoute(call("PATCH", `/api/incidents/${ref}`, responder.token, { status: "resolved", owner: "me" }), params({ ref }));
    expect(unknown.status).toBe(400);
    const impossible = await updateRoute(call("PATCH", `/api/incidents/${ref}`, responder.token, { status: "closed" }), params({ ref }));
    expect(impossible.status).toBe(422);
    expect((await impossible.json()).message).toMatch(/declared to closed/);
    const missing = await updateRoute(call("PATCH", "/api/incidents/INC-999999", responder.token, { status: "resolved" }), params({ ref: "INC-999999" }));
    expect(missing.status).toBe(404);
  });
});
