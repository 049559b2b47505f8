import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as unlinkRoute } from "@/app/api/incidents/[ref]/slos/[sloId]/route";
import { POST as linkRoute } from "@/app/api/incidents/[ref]/slos/route";
import { GET as reviewRoute } from "@/app/api/review/route";
import { GET as sloRoute, PATCH as updateRoute } from "@/app/api/slos/[id]/route";
import { POST as pushRoute } from "@/app/api/slos/[id]/sli/route";
import { POST as createRoute, GET as listRoute } from "@/app/api/slos/route";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { declareIncident } from "@/lib/incidents/service";
import { apiRequest, routeParams } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let responder: TCaller;
let viewer: TCaller;
let serviceId: string;

beforeAll(async () => {
  const admin = await createTestUserWithToken("admin");
  [responder, viewer] = await Promise.all([createTestUserWithToken("responder"), createTestUserWithToken("viewer")]);
  serviceId = (await createService(admin.actor, { name: `SLO API ${Date.now()}`, ownerTeam: "Core", description: "" })).id;
});

describe("the SLO API", () => {
  it("creates, edits and feeds an SLO, refusing bad input with the field named and nothing stored", async () => {
    const body = { serviceId, name: "api availability", kind: "availability", objectivePercent: 99.9, window: "rolling_30d" };
    expect((await createRoute(apiRequest("POST", "/api/slos", viewer.token, body), routeParams({}))).status).toBe(403);
    const tooPerfect = await createRoute(apiRequest("POST", "/api/slos", responder.token, { ...body, objectivePercent: 100 }), routeParams({}));
    expect(tooPerfect.status).toBe(400);
    expect((await tooPerfect.json()).message).toMatch(/objectivePercent: must be below 100%/);
    const created = await createRoute(apiRequest("POST", "/api/slos", responder.token, body), routeParams({}));
    expect(created.status).toBe(201);
    const slo = await created.json();
    // The objective goes in and comes out as the percentage; the exact ppm it is stored as stays inside.
    expect(slo).toMatchObject({ objectivePercent: 99.9, burnRateFactors: null });
    expect(slo).not.toHaveProperty("objective");
    const precise = await updateRoute(apiRequest("PATCH", `/api/slos/${slo.id}`, responder.token, { objectivePercent: 99.9995 }), routeParams({ id: slo.id }));
    expect(precise.status).toBe(200);
    expect(await precise.json()).toMatchObject({ objectivePercent: 99.9995 });
    const tooPrecise = await updateRoute(apiRequest("PATCH", `/api/slos/${slo.id}`, responder.token, { objectivePercent: 99.99995 }), routeParams({ id: slo.id }));
    expect((await tooPrecise.json()).message).toMatch(/objectivePercent: must have at most four decimals/);
    const listed = await (await listRoute(apiRequest("GET", `/api/slos?serviceId=${serviceId}`, viewer.token), routeParams({}))).json();
    expect(listed.slos.find((entry: { id: string }) => entry.id === slo.id)).toMatchObject({ objectivePercent: 99.9995 });
    const status = await (await sloRoute(apiRequest("GET", `/api/slos/${slo.id}`, viewer.token), routeParams({ id: slo.id }))).json();
    expect(status.slo).toMatchObject({ objectivePercent: 99.9995, burnRateFactors: null });
    expect(status.burnRateRules.map((rule: { factor: number }) => rule.factor)).toEqual([14.4, 6, 3, 1]);

    const edited = await updateRoute(apiRequest("PATCH", `/api/slos/${slo.id}`, responder.token, { burnRateFactors: [10, 5, 2] }), routeParams({ id: slo.id }));
    expect(edited.status).toBe(400);
    expect((await updateRoute(apiRequest("PATCH", `/api/slos/${slo.id}`, responder.token, { window: "rolling_7d" }), routeParams({ id: slo.id }))).status).toBe(
      200,
    );

    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000).toISOString();
    const bad = await pushRoute(
      apiRequest("POST", `/api/slos/${slo.id}/sli`, responder.token, { buckets: [{ minute, good: 11, total: 10 }] }),
      routeParams({ id: slo.id }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/buckets\.0\.good: must not exceed total/);
    const unknown = await pushRoute(
      apiRequest("POST", "/api/slos/nope/sli", responder.token, { buckets: [{ minute, good: 1, total: 1 }] }),
      routeParams({ id: "nope" }),
    );
    expect(unknown.status).toBe(404);
    expect(await db().sliBucket.count({ where: { sloId: slo.id } })).toBe(0);
    const pushed = await pushRoute(
      apiRequest("POST", `/api/slos/${slo.id}/sli`, responder.token, { buckets: [{ minute, good: 9, total: 10 }] }),
      routeParams({ id: slo.id }),
    );
    expect(await pushed.json()).toEqual({ stored: 1 });
  });

  it("records an incident's impact on an SLO on the incident's timeline, for responders only", async () => {
    const slo = await (
      await createRoute(
        apiRequest("POST", "/api/slos", responder.token, {
          serviceId,
          name: "api uptime",
          kind: "availability",
          objectivePercent: 99.5,
          window: "rolling_7d",
          source: "incidents",
        }),
        routeParams({}),
      )
    ).json();
    const incident = await declareIncident(responder.actor, { title: "Uptime incident", severity: "SEV2", serviceIds: [], summary: "" });
    const ref = incident.id;
    expect(
      (await linkRoute(apiRequest("POST", `/api/incidents/${ref}/slos`, viewer.token, { sloId: slo.id, impact: "full_outage" }), routeParams({ ref }))).status,
    ).toBe(403);
    expect(
      (await linkRoute(apiRequest("POST", `/api/incidents/${ref}/slos`, responder.token, { sloId: slo.id, impact: "total" }), routeParams({ ref }))).status,
    ).toBe(400);
    const linked = await linkRoute(
      apiRequest("POST", `/api/incidents/${ref}/slos`, responder.token, { sloId: slo.id, impact: "full_outage" }),
      routeParams({ ref }),
    );
    expect((await linked.json()).slos.map((entry: { impact: string }) => entry.impact)).toEqual(["full_outage"]);
    expect((await unlinkRoute(apiRequest("DELETE", `/api/incidents/${ref}/slos/${slo.id}`, responder.token), routeParams({ ref, sloId: slo.id }))).status).toBe(
      200,
    );
    expect(await db().timelineEntry.count({ where: { incidentId: incident.id, kind: "slo_impact_changed" } })).toBe(2);
  });

  it("serves the sprint review as JSON, Markdown and CSV, and names a bad range", async () => {
    const review = await reviewRoute(apiRequest("GET", "/api/review?weeks=1", viewer.token), routeParams({}));
    expect(review.status).toBe(200);
    expect((await review.json()).services.length).toBeGreaterThan(0);
    const markdown = await reviewRoute(apiRequest("GET", "/api/review?weeks=2&format=markdown&lang=ja", viewer.token), routeParams({}));
    expect(markdown.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(await markdown.text()).toMatch(/^# スプリントレビュー: /);
    const csv = await reviewRoute(apiRequest("GET", "/api/review?from=2026-11-01&to=2026-11-14&format=csv", viewer.token), routeParams({}));
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="sprint-review-2026-11-01-2026-11-14.csv"');
    expect((await csv.text()).split("\n")[0]).toMatch(/^service,slo,objective_percent/);
    const backwards = await reviewRoute(apiRequest("GET", "/api/review?from=2026-11-14&to=2026-11-01", viewer.token), routeParams({}));
    expect(backwards.status).toBe(422);
    expect((await reviewRoute(apiRequest("GET", "/api/review?weeks=9", viewer.token), routeParams({}))).status).toBe(400);
  });
});
