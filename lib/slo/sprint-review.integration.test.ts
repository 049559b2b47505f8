import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { translator } from "@/lib/i18n/translate";
import { acknowledgeIncident, declareIncident, updateIncident } from "@/lib/incidents/service";
import { incidentReference } from "@/lib/incidents/rules";
import { createTestUser } from "@/lib/testing/factories";
import { sprintReviewCsv, sprintReviewMarkdown } from "./review-export";
import { ZSliBatch } from "./schema";
import { createSlo, pushSliBuckets } from "./service";
import { sprintReview } from "./sprint-review";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Far from every other test's data: the review reads every service and incident.
const end = new Date("2025-03-01T00:00:00Z");
const start = new Date(end.getTime() - 14 * DAY);
const t = translator("en");

let responder: TActor;
let serviceName: string;
let incidentRef: string;

/** Ten buckets of 1,000 events just before `at`; `bad` lists the bad events of some of them by index. */
function tenBuckets(at: Date, bad: Record<number, number>) {
  return {
    buckets: Array.from({ length: 10 }, (_, index) => ({
      minute: new Date(at.getTime() - (index + 1) * HOUR).toISOString(),
      good: 1000 - (bad[index] ?? 0),
      total: 1000,
    })),
  };
}

beforeAll(async () => {
  const admin = await createTestUser("admin");
  responder = await createTestUser("responder");
  serviceName = `Reviewed ${Math.random().toString(36).slice(2, 8)}`;
  const service = await createService(admin, { name: serviceName, ownerTeam: "Core", description: "" });
  const slo = await createSlo(responder, { serviceId: service.id, name: "availability", kind: "availability", objectivePercent: 99, window: "rolling_7d" });
  // At the sprint's start: 50 bad of 10,000 in the window (budget 100) → 50% left.
  await pushSliBuckets(responder, slo.id, ZSliBatch.parse(tenBuckets(start, { 3: 50 })), start);
  // The incident three days before the end: 60 bad events during its impact, 20 more later → 80 of 100, 20% left.
  const incidentStart = new Date(end.getTime() - 3 * DAY);
  await pushSliBuckets(
    responder,
    slo.id,
    ZSliBatch.parse({
      buckets: [
        ...tenBuckets(end, { 0: 20 }).buckets.slice(0, 9),
        { minute: new Date(incidentStart.getTime() + 10 * MINUTE).toISOString(), good: 940, total: 1000 },
      ],
    }),
    end,
  );
  const incident = await declareIncident(
    responder,
    {
      title: "Orders | lost",
      severity: "SEV2",
      serviceIds: [service.id],
      summary: "",
      startedAt: incidentStart,
      detectedAt: new Date(incidentStart.getTime() + 5 * MINUTE),
    },
    new Date(incidentStart.getTime() + 5 * MINUTE),
  );
  await acknowledgeIncident(responder, incident.id, new Date(incidentStart.getTime() + 15 * MINUTE));
  await updateIncident(responder, incident.id, { status: "monitoring" }, new Date(incidentStart.getTime() + 40 * MINUTE));
  await updateIncident(responder, incident.id, { status: "resolved" }, new Date(incidentStart.getTime() + 60 * MINUTE));
  incidentRef = incidentReference(incident.number);
  // An incident long before the sprint is not part of it.
  const old = await declareIncident(
    responder,
    { title: "Old news", severity: "SEV3", serviceIds: [service.id], summary: "", startedAt: new Date(start.getTime() - 6 * DAY) },
    new Date(start.getTime() - 6 * DAY),
  );
  await updateIncident(responder, old.id, { status: "resolved" }, new Date(start.getTime() - 5 * DAY));
});

describe("the sprint-planning review", () => {
  it("gives each service its budgets, incidents with their cost, MTTA/MTTR, verdict and automation flags", async () => {
    const review = await sprintReview(start, end);
    const row = review.services.find((candidate) => candidate.service.name === serviceName);
    expect(row?.slos).toHaveLength(1);
    const [slo] = row?.slos ?? [];
    expect(slo?.atStart.remainingFraction).toBeCloseTo(0.5, 9);
    expect(slo?.atEnd.remainingFraction).toBeCloseTo(0.2, 9);
    expect(slo?.consumedDuringSprint).toBeCloseTo(0.8, 9);
    expect(row?.verdict).toBe("prioritise_reliability");
    expect(row?.incidents.map((incident) => incident.reference)).toEqual([incidentRef]);
    const [incident] = row?.incidents ?? [];
    expect(incident).toMatchObject({ durationMs: 60 * MINUTE, acknowledgeMs: 10 * MINUTE, recoveryMs: 40 * MINUTE });
    expect(incident?.costs[0]?.consumedFraction).toBeCloseTo(0.6, 9);
    // 20% of a 99%/7-day budget is 20.16 minutes: a 40-minute recovery should be automated; 60% of the budget needs a P0 item.
    expect(incident?.costs[0]).toMatchObject({ automateRecovery: true, needsP0ActionItem: true });
    expect(row).toMatchObject({ mttaMs: 10 * MINUTE, mttrMs: 40 * MINUTE });
  });

  it("exports the same numbers as Markdown and CSV, with user text unable to break the table", async () => {
    const review = await sprintReview(start, end);
    const markdown = sprintReviewMarkdown(review, t);
    expect(markdown).toContain("# Sprint review: 2025-02-15 00:00 UTC – 2025-03-01 00:00 UTC");
    // The service follows its SLO and names it; each verdict gives its reason.
    expect(markdown).toContain(
      `| ${serviceName} | Prioritise reliability — availability: 20.0% of the budget left, gone on 2025-03-07 (UTC) at today's burn | 1 | 10 m | 40 m | 0 |`,
    );
    expect(markdown).toContain(
      `| ${serviceName} | availability | 99% · last 7 days | 50.0% | 20.0% | 80.0% | Prioritise reliability — 20.0% of the budget left, gone on 2025-03-07 (UTC) at today's burn |`,
    );
    expect(markdown).toContain(
      `| ${incidentRef} Orders \\| lost | ${serviceName} | SEV2 | 2025-02-26 00:00 UTC | 1 h 00 m | 10 m | 40 m | availability 60.0% |`,
    );
    expect(markdown).toContain(
      `- ${incidentRef} Orders \\| lost (${serviceName}, availability): recovery took 40 m, the budget left is 20 m: automate this recovery.`,
    );
    const csv = sprintReviewCsv(review, t).split("\n");
    expect(csv[0]).toBe(
      "service,slo,objective_percent,window,budget_start_percent,budget_end_percent,consumed_percent,verdict,verdict_reason,incidents,mtta_minutes,mttr_minutes,automate_recovery,slow_burns,slow_burn_firing_at_end",
    );
    expect(csv).toContain(
      `${serviceName},availability,99,last 7 days,50.0,20.0,80.0,prioritise_reliability,"Prioritise reliability — 20.0% of the budget left, gone on 2025-03-07 (UTC) at today's burn",1,10.0,40.0,${incidentRef},0,no`,
    );
  });
});
