import { beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/incidents/[ref]/postmortem/route";
import { PATCH as updateItemRoute } from "@/app/api/action-items/[id]/route";
import { POST as addItemRoute } from "@/app/api/postmortems/[id]/action-items/route";
import { POST as addAuthorRoute } from "@/app/api/postmortems/[id]/authors/route";
import { GET as exportRoute } from "@/app/api/postmortems/[id]/export/route";
import { POST as statusRoute } from "@/app/api/postmortems/[id]/status/route";
import { GET as listRoute } from "@/app/api/postmortems/route";
import { db } from "@/lib/db/prisma";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { incidentReference } from "@/lib/incidents/rules";
import { createTestUserWithToken } from "@/lib/testing/factories";

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let author: TCaller;
let reviewer: TCaller;
let viewer: TCaller;

beforeAll(async () => {
  [author, reviewer, viewer] = await Promise.all([
    createTestUserWithToken("responder"),
    createTestUserWithToken("responder"),
    createTestUserWithToken("viewer"),
  ]);
});

function call(method: string, path: string, token: string, body?: unknown) {
  return new Request(`http://localhost${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

describe("the postmortem API", () => {
  it("creates, reviews and exports a postmortem with the roles and rules of the UI", async () => {
    const incident = await declareIncident(author.actor, { title: "API postmortem subject", severity: "SEV3", serviceIds: [], summary: "" });
    const ref = incidentReference(incident.number);
    const early = await createRoute(call("POST", `/api/incidents/${ref}/postmortem`, author.token, { language: "en" }), params({ ref }));
    expect(early.status).toBe(422);
    await updateIncident(author.actor, incident.id, { status: "resolved" });
    expect((await createRoute(call("POST", `/api/incidents/${ref}/postmortem`, viewer.token, { language: "en" }), params({ ref }))).status).toBe(403);
    expect((await createRoute(call("POST", `/api/incidents/${ref}/postmortem`, author.token, { language: "fr" }), params({ ref }))).status).toBe(400);
    const created = await createRoute(call("POST", `/api/incidents/${ref}/postmortem`, author.token, { language: "en" }), params({ ref }));
    expect(created.status).toBe(201);
    const postmortem = await created.json();
    expect(postmortem).not.toHaveProperty("ydoc");
    const id = postmortem.id as string;

    const item = await addItemRoute(
      call("POST", `/api/postmortems/${id}/action-items`, author.token, { title: "Page on the DLQ", priority: "P1", trackerUrl: "javascript:alert(1)" }),
      params({ id }),
    );
    expect(item.status).toBe(400);
    const added = await (
      await addItemRoute(call("POST", `/api/postmortems/${id}/action-items`, author.token, { title: "Page on the DLQ", priority: "P1" }), params({ id }))
    ).json();
    expect((await updateItemRoute(call("PATCH", `/api/action-items/${added.id}`, author.token, { status: "done" }), params({ id: added.id }))).status).toBe(
      200,
    );

    const goals = { data: true, impact: true, rootCause: true, actionPlan: true, shared: true };
    expect((await statusRoute(call("POST", `/api/postmortems/${id}/status`, author.token, { to: "in_review" }), params({ id }))).status).toBe(200);
    expect((await statusRoute(call("POST", `/api/postmortems/${id}/status`, author.token, { to: "approved", checklist: goals }), params({ id }))).status).toBe(
      403,
    );
    expect((await addAuthorRoute(call("POST", `/api/postmortems/${id}/authors`, author.token, { userId: reviewer.actor.id }), params({ id }))).status).toBe(
      422,
    );
    expect(
      (await statusRoute(call("POST", `/api/postmortems/${id}/status`, reviewer.token, { to: "approved", checklist: goals }), params({ id }))).status,
    ).toBe(200);
    expect((await statusRoute(call("POST", `/api/postmortems/${id}/status`, reviewer.token, { to: "published" }), params({ id }))).status).toBe(200);
    expect(await db().incident.findUniqueOrThrow({ where: { id: incident.id }, select: { status: true } })).toEqual({ status: "closed" });

    const markdown = await exportRoute(call("GET", `/api/postmortems/${id}/export?format=markdown`, viewer.token), params({ id }));
    expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await markdown.text()).toContain("| Page on the DLQ | — | P1 | — | Done |");
    const html = await exportRoute(call("GET", `/api/postmortems/${id}/export?format=html`, viewer.token), params({ id }));
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await html.text()).toMatch(/^<!doctype html>/);
    const json = await (await exportRoute(call("GET", `/api/postmortems/${id}/export?format=json`, viewer.token), params({ id }))).json();
    expect(json).toMatchObject({ status: "published", reviewer: expect.any(String), actionItems: [{ title: "Page on the DLQ", status: "done" }] });
    expect((await exportRoute(call("GET", `/api/postmortems/${id}/export?format=pdf`, viewer.token), params({ id }))).status).toBe(400);

    const found = await (await listRoute(call("GET", "/api/postmortems?q=API%20postmortem&status=published", viewer.token), params({}))).json();
    expect(found.postmortems.map((entry: { id: string }) => entry.id)).toContain(id);
  });
});
