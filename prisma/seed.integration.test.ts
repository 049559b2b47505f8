import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/prisma";
import { SLO_SELECT, incidentSloImpacts } from "@/lib/slo/queries";
import { sloStatuses } from "@/lib/slo/status";
import { sprintReview } from "@/lib/slo/sprint-review";
import { ZTimelineEvent } from "@/lib/timeline/entry-details";
import { createScratchDatabase } from "@/tests/scratch-database";
import { useDatabase } from "@/tests/use-database";
import { seedDemo } from "./seed";

// The demo's story must hold whatever the date: the Vitest projects run this on the first minute
// of a month, the last day of February, a DST change and 23:59 UTC. The seed needs an empty
// database, so it gets one of its own.
const DAY = 86_400_000;
let now: Date;

beforeAll(async () => {
  await useDatabase(await createScratchDatabase(inject("databaseUrl")));
  now = new Date();
  await seedDemo(now);
}, 120_000);

afterAll(async () => {
  await disconnectDb();
});

const incidentTitled = (title: string) => db().incident.findFirstOrThrow({ where: { title }, select: { id: true, status: true, createdAt: true } });

describe(`the demo seeded at the clock's time`, () => {
  it("is recorded at that time", async () => {
    const live = await incidentTitled("Checkout failing for card payments (HTTP 502)");
    expect(Math.abs(live.createdAt.getTime() - now.getTime())).toBeLessThan(DAY);
  });

  it("charges the six-day-old APNs outage 50 bad minutes of Push delivery, over 20% of its budget", async () => {
    const apns = await incidentTitled("Push notifications not delivered: APNs certificate expired");
    const impacts = await incidentSloImpacts(apns.id);
    const push = impacts.find((impact) => impact.slo.name === "Push delivery");
    expect(push).toMatchObject({ impact: "full_outage", badEvents: 50 });
    expect(push?.consumedFraction).toBeGreaterThan(0.2);
  });

  it("joins Checkout's burn-rate alerts to the live SEV1, and opens no incident for a slow burn", async () => {
    const live = await incidentTitled("Checkout failing for card payments (HTTP 502)");
    const burnAlerts = await db().alert.findMany({ where: { source: "slo", service: { slug: "checkout-api" } }, select: { incidentId: true } });
    expect(burnAlerts.length).toBeGreaterThan(0);
    expect(burnAlerts.every((alert) => alert.incidentId === live.id)).toBe(true);
    // Search's slow (ticket-level) burn is recorded without opening an incident.
    expect(await db().incident.count({ where: { status: { notIn: ["resolved", "closed"] } } })).toBe(1);
  });

  it("puts each SLO in the budget state the story tells", async () => {
    const slos = await db().slo.findMany({ select: SLO_SELECT });
    const statuses = new Map((await sloStatuses(slos)).map((status) => [status.slo.name, status]));
    expect(statuses.get("Checkout availability")?.alert.state).toBe("page");
    expect(statuses.get("Query success")?.verdict).toBe("prioritise_reliability");
    expect(statuses.get("Search availability")?.verdict).toBe("feature_work_ok");
  });

  it("stores every timeline entry in the shape its kind defines", async () => {
    const entries = await db().timelineEntry.findMany({ select: { id: true, kind: true, detail: true } });
    expect(new Set(entries.map((entry) => entry.kind)).size).toBeGreaterThan(10);
    expect(entries.filter((entry) => !ZTimelineEvent.safeParse({ kind: entry.kind, detail: entry.detail }).success)).toEqual([]);
  });

  it("shows the last two weeks' incidents in the sprint review with the postmortem's P0 flag", async () => {
    const review = await sprintReview(new Date(now.getTime() - 14 * DAY), now);
    const incidents = review.services.flatMap((service) => service.incidents);
    expect(new Set(incidents.map((incident) => incident.title))).toEqual(
      new Set([
        "Checkout failing for card payments (HTTP 502)",
        "Search returns no results for Japanese queries",
        "Push notifications not delivered: APNs certificate expired",
      ]),
    );
    const apns = incidents.find((incident) => incident.title.startsWith("Push notifications"));
    expect(apns?.costs.find((cost) => cost.slo === "Push delivery")?.needsP0ActionItem).toBe(true);
  });
});
