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
import { apiRequest, routeParams } from "@/lib/testing/api-request";
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

describe("the postmortem API", () => {
  it("creates, reviews and exports a postmortem with the roles and rules of the UI", async () => {
    const incident = await declareIncident(author.actor, { title: "API postmortem subject", severity: "SEV3", serviceIds: [], summary: "" });
    const ref = incidentReference(incident.number);
    const early = await createRoute(apiRequest("POST", `/api/incidents/${ref}/postmortem`, author.token, { language: "en" }), routeParams({ ref }));
    expect(early.status).toBe(422);
    await updateIncident(author.actor, incident.id, { status: "resolved" });
    expect((await createRoute(apiRequest("POST", `/api/incidents/${ref}/postmortem`, viewer.token, { language: "en" }), routeParams({ ref }))).status).toBe(
      403,
    );
    expect((await createRoute(apiRequest("POST", `/api/incidents/${ref}/postmortem`, author.token, { language: "fr" }), routeParams({ ref }))).status).toBe(
      400,
    );
    const created = await createRoute(apiRequest("POST", `/api/incidents/${ref}/postmortem`, author.token, { language: "en" }), routeParams({ ref }));
    expect(created.status).toBe(201);
    const postmortem = await created.json();
    expect(postmortem).not.toHaveProperty("ydoc");
    const id = postmortem.id as string;

    const item = await addItemRoute(
      apiRequest("POST", `/api/postmortems/${id}/action-items`, author.token, { title: "Page on the DLQ", priority: "P1", trackerUrl: "javascript:alert(1)" }),
      routeParams({ id }),
    );
    expect(item.status).toBe(400);
    const unknownOwner = await addItemRoute(
      apiRequest("POST", `/api/postmortems/${id}/action-items`, author.token, { title: "Page on the DLQ", ownerId: "nobody" }),
      routeParams({ id }),
    );
    expect(unknownOwner.status).toBe(422);
    expect(await db().actionItem.count({ where: { postmortemId: id } })).toBe(0);
    const added = await (
      await addItemRoute(
        apiRequest("POST", `/api/postmortems/${id}/action-items`, author.token, { title: "Page on the DLQ", priority: "P1" }),
        routeParams({ id }),
      )
    ).json();
    expect(
      (await updateItemRoute(apiRequest("PATCH", `/api/action-items/${added.id}`, author.token, { status: "done" }), routeParams({ id: added.id }))).status,
    ).toBe(200);

    const goals = { data: true, impact: true, rootCause: true, actionPlan: true, shared: true };
    expect((await statusRoute(apiRequest("POST", `/api/postmortems/${id}/status`, author.token, { to: "in_review" }), routeParams({ id }))).status).toBe(200);
    expect(
      (await statusRoute(apiRequest("POST", `/api/postmortems/${id}/status`, author.token, { to: "approved", checklist: goals }), routeParams({ id }))).status,
    ).toBe(403);
    expect(
      (await addAuthorRoute(apiRequest("POST", `/api/postmortems/${id}/authors`, author.token, { userId: reviewer.actor.id }), routeParams({ id }))).status,
    ).toBe(422);
    expect(
      (await statusRoute(apiRequest("POST", `/api/postmortems/${id}/status`, reviewer.token, { to: "approved", checklist: goals }), routeParams({ id })))
        .status,
    ).toBe(200);
    expect((await statusRoute(apiRequest("POST", `/api/postmortems/${id}/status`, reviewer.token, { to: "published" }), routeParams({ id }))).status).toBe(200);
    expect(await db().incident.findUniqueOrThrow({ where: { id: incident.id }, select: { status: true } })).toEqual({ status: "closed" });

    const markdown = await exportRoute(apiRequest("GET", `/api/postmortems/${id}/export?format=markdown`, viewer.token), routeParams({ id }));
    expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await markdown.text()).toContain("| Page on the DLQ | — | P1 | — | Done |");
    const html = await exportRoute(apiRequest("GET", `/api/postmortems/${id}/export?format=html`, viewer.token), routeParams({ id }));
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await html.text()).toMatch(/^<!doctype html>/);
    const json = await (await exportRoute(apiRequest("GET", `/api/postmortems/${id}/export?format=json`, viewer.token), routeParams({ id }))).json();
    expect(json).toMatchObject({ status: "published", reviewer: expect.any(String), actionItems: [{ title: "Page on the DLQ", status: "done" }] });
    expect((await exportRoute(apiRequest("GET", `/api/postmortems/${id}/export?format=pdf`, viewer.token), routeParams({ id }))).status).toBe(400);

    const found = await (await listRoute(apiRequest("GET", "/api/postmortems?q=API%20postmortem&status=published", viewer.token), routeParams({}))).json();
    expect(found.postmortems.map((entry: { id: string }) => entry.id)).toContain(id);
  });
});
