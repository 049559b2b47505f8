import { beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { ingestAlertDelivery, type TIngestIntegration } from "@/lib/alerts/ingest";
import { createIntegration, deleteIntegration, updateIntegration } from "@/lib/alerts/integrations";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { formatUtcMinute } from "@/lib/clock/durations";
import { db } from "@/lib/db/prisma";
import { translator } from "@/lib/i18n/translate";
import { acknowledgeIncident, updateIncident } from "@/lib/incidents/service";
import { incidentReference } from "@/lib/incidents/rules";
import { createTestUser } from "@/lib/testing/factories";
import { burnRateAlertPayload } from "./burn-rate-alerts";
import { sprintReviewMarkdown, sprintReviewSlowBurnsCsv } from "./review-export";
import { reviewServiceRows, reviewSlowBurnGroups, slowBurnFiringAtEndFlags } from "./review-table";
import { errorBudget, WORKBOOK_BURN_RATE_ALERTS, type TBurnRateAlertRule } from "./rules";
import { createSlo } from "./service";
import { sprintReview } from "./sprint-review";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Far from every other test's data: the review reads every burn-rate alert.
const start = new Date("2025-06-01T00:00:00Z");
const end = new Date("2025-06-15T00:00:00Z");
const after = (base: Date, milliseconds: number) => new Date(base.getTime() + milliseconds);
const [pageIn1h, , ticketIn1d, ticketIn3d] = WORKBOOK_BURN_RATE_ALERTS as [TBurnRateAlertRule, TBurnRateAlertRule, TBurnRateAlertRule, TBurnRateAlertRule];
const tag = Math.random().toString(36).slice(2, 8);

type TAlertingSlo = Parameters<typeof burnRateAlertPayload>[0];
let responder: TActor;
let integration: TIngestIntegration;
let checkout: { id: string; name: string };
let search: { id: string; name: string };
let availability: TAlertingSlo;
let latency: TAlertingSlo;
let querySuccess: TAlertingSlo;
let incidentRef: string;
let incidentTitle: string;

/** Sends what the collector sends when one rule of an SLO starts or stops firing, through the real alert path. */
async function burn(slo: TAlertingSlo, rule: TBurnRateAlertRule, firing: boolean, at: Date) {
  const changes = [{ rule, firing, longRate: rule.factor * 1.5, shortRate: rule.factor * 2 }];
  const payload = burnRateAlertPayload(slo, { budget: errorBudget(slo.objective, { good: 99_000, total: 100_000 }) }, changes, at);
  const outcome = await ingestAlertDelivery(integration, JSON.stringify(payload), { now: at });
  expect(outcome.accepted).toBe(true);
}

const firingAlertOf = (slo: TAlertingSlo, rule: TBurnRateAlertRule) =>
  db().alert.findFirstOrThrow({ where: { dedupKey: `slo:${slo.id}:${rule.longWindowMs}`, status: "firing" } });

beforeAll(async () => {
  const admin = await createTestUser("admin");
  responder = await createTestUser("responder");
  const created = await createIntegration(admin, { name: `SLO alerts ${tag}`, source: "slo", defaultServiceId: null, defaultSeverity: "SEV3" });
  // Ticket burns (warning → SEV4) notify without opening incidents; pages (critical → SEV2) open one.
  integration = await updateIntegration(admin, created.id, { commanderId: responder.id, openIncidentAtOrAbove: "SEV3" });
  // The collector sends to every SLO integration there is, other test files' too: deleted, this one
  // receives only what the test hands it.
  await deleteIntegration(admin, created.id);

  const service = async (name: string) => {
    const slug = `${name.toLowerCase().replace(/\W+/g, "-")}-${tag}`;
    const row = await createService(admin, { name: `${name} ${tag}`, slug, ownerTeam: "Core", description: "" });
    return { id: row.id, name: row.name, slug };
  };
  const slo = async (owner: { id: string; name: string; slug: string }, name: string): Promise<TAlertingSlo> => {
    const row = await createSlo(responder, { serviceId: owner.id, name, kind: "availability", objectivePercent: 99.9, window: "rolling_30d" });
    return { id: row.id, name, objective: 999_000, window: "rolling_30d", service: { name: owner.name, slug: owner.slug } };
  };
  const checkoutService = await service("Checkout");
  const searchService = await service("Search");
  checkout = checkoutService;
  search = searchService;
  availability = await slo(checkoutService, "availability");
  latency = await slo(checkoutService, "latency");
  querySuccess = await slo(searchService, "query success");

  // Before the sprint: fired and resolved, not listed.
  await burn(availability, ticketIn1d, true, after(start, -3 * DAY));
  await burn(availability, ticketIn1d, false, after(start, -DAY));
  // Straddling the start: listed, 26 h.
  await burn(availability, ticketIn3d, true, after(start, -DAY));
  await burn(availability, ticketIn3d, false, after(start, 2 * HOUR));
  // Inside, no incident (a ticket opens none), acknowledged on its own after 20 minutes: 5 h.
  await burn(latency, ticketIn1d, true, after(start, 2 * DAY));
  await acknowledgeAlert(responder, (await firingAlertOf(latency, ticketIn1d)).id, after(start, 2 * DAY + 20 * MINUTE));
  await burn(latency, ticketIn1d, false, after(start, 2 * DAY + 5 * HOUR));
  // A page opens an incident (not listed); the slow burn of the same service joins it and is still firing at the end.
  await burn(querySuccess, pageIn1h, true, after(start, 5 * DAY));
  await burn(querySuccess, ticketIn3d, true, after(start, 5 * DAY + 10 * MINUTE));
  const ticket = await firingAlertOf(querySuccess, ticketIn3d);
  expect(ticket.incidentId).not.toBeNull();
  const incident = await db().incident.findUniqueOrThrow({ where: { id: ticket.incidentId as string } });
  incidentRef = incidentReference(incident.number);
  incidentTitle = incident.title;
  await acknowledgeIncident(responder, incident.id, after(start, 5 * DAY + 30 * MINUTE));
  await burn(querySuccess, pageIn1h, false, after(start, 5 * DAY + HOUR));
  // Straddling the end: firing when the sprint ended, 5 h in all.
  await burn(availability, ticketIn1d, true, after(end, -2 * HOUR));
  // After the sprint: not listed.
  await burn(availability, ticketIn3d, true, after(end, HOUR));
  await burn(availability, ticketIn3d, false, after(end, 2 * HOUR));
  await burn(availability, ticketIn1d, false, after(end, 3 * HOUR));
  // Resolved, so that no later review of any other test counts it as still going on.
  await updateIncident(responder, incident.id, { status: "resolved" }, after(end, 4 * HOUR));
});

describe("slow burns in the sprint review", () => {
  it("lists exactly the ticket-level burns that fired during the sprint, oldest first, with durations, incidents and acknowledgements", async () => {
    const review = await sprintReview(start, end);
    const ours = review.slowBurns.filter((burn) => burn.serviceId === checkout.id || burn.serviceId === search.id);
    expect(ours.map((burn) => [burn.slo, burn.rule.name, burn.rule.factor, burn.startedAt, burn.endedAt])).toEqual([
      ["availability", "10% of budget in 3 d", "1", after(start, -DAY), after(start, 2 * HOUR)],
      ["latency", "10% of budget in 1 d", "3", after(start, 2 * DAY), after(start, 2 * DAY + 5 * HOUR)],
      ["query success", "10% of budget in 3 d", "1", after(start, 5 * DAY + 10 * MINUTE), null],
      ["availability", "10% of budget in 1 d", "3", after(end, -2 * HOUR), after(end, 3 * HOUR)],
    ]);
    expect(ours.map((burn) => burn.durationMs)).toEqual([26 * HOUR, 5 * HOUR, end.getTime() - after(start, 5 * DAY + 10 * MINUTE).getTime(), 5 * HOUR]);
    expect(ours.map((burn) => burn.firingAtEnd)).toEqual([false, false, true, true]);
    expect(ours.map((burn) => burn.incident?.reference ?? null)).toEqual([null, null, incidentRef, null]);
    expect(ours.map((burn) => burn.acknowledgeMs)).toEqual([null, 20 * MINUTE, 20 * MINUTE, null]);
    expect(ours.map((burn) => burn.acknowledgedBy)).toEqual([null, responder.name, responder.name, null]);

    const checkoutRow = review.services.find((row) => row.service.id === checkout.id);
    const searchRow = review.services.find((row) => row.service.id === search.id);
    expect(checkoutRow?.slowBurns).toBe(3);
    expect(searchRow?.slowBurns).toBe(1);
    expect(checkoutRow?.slos.map((row) => [row.slo.name, row.slowBurns, row.slowBurnFiringAtEnd])).toEqual([
      ["availability", 2, true],
      ["latency", 1, false],
    ]);
    expect(
      slowBurnFiringAtEndFlags(review).filter((flag) => flag.sloId === availability.id || flag.sloId === querySuccess.id || flag.sloId === latency.id),
    ).toEqual([
      { sloId: availability.id, service: checkout.name, slo: "availability" },
      { sloId: querySuccess.id, service: search.name, slo: "query success" },
    ]);
  });

  it("leaves a sprint without slow burns empty", async () => {
    const quiet = await sprintReview(after(start, 3 * DAY), after(start, 4 * DAY));
    expect(quiet.slowBurns.filter((burn) => burn.serviceId === checkout.id || burn.serviceId === search.id)).toEqual([]);
    expect(sprintReviewMarkdown(quiet, translator("en"))).toContain("## Slow burns (tickets)\n\nNo slow burns in this sprint.");
  });

  it("exports the page's cells: Markdown per service in both languages, and the slow-burn CSV", async () => {
    const review = await sprintReview(start, end);
    for (const locale of ["en", "ja"] as const) {
      const t = translator(locale);
      const markdown = sprintReviewMarkdown(review, t);
      const groups = reviewSlowBurnGroups(review, t).filter((group) => group.service === checkout.name || group.service === search.name);
      expect(groups.map((group) => [group.service, group.count])).toEqual([
        [checkout.name, "3"],
        [search.name, "1"],
      ]);
      for (const group of groups) {
        expect(markdown).toContain(`### ${t("review.burn.group", { service: group.service, count: group.count })}`);
        for (const burn of group.burns) {
          const ended = burn.endedAt ? formatUtcMinute(burn.endedAt) : burn.stillFiring;
          expect(markdown).toContain(
            `| ${burn.slo} | ${burn.rule} | ${formatUtcMinute(burn.startedAt)} | ${ended} | ${burn.duration} | ${burn.incidentCell} | ${burn.acknowledged} |`,
          );
        }
      }
      const serviceRow = reviewServiceRows(review, t).find((row) => row.service === checkout.name);
      expect(markdown).toContain(`| ${checkout.name} | ${serviceRow?.verdict} | 0 | — | — | 3 |`);
    }

    const en = sprintReviewMarkdown(review, translator("en"));
    expect(en).toContain(`| query success | 10% of budget in 3 d · 1× | 2025-06-06 00:10 UTC | still firing | 8 d 23 h | ${incidentRef} `);
    expect(en).toContain(
      `| latency | 10% of budget in 1 d · 3× | 2025-06-03 00:00 UTC | 2025-06-03 05:00 UTC | 5 h 00 m | none | after 20 m by ${responder.name} |`,
    );
    expect(en).toContain(`- ${checkout.name} · availability: a slow burn was still firing when the sprint ended; plan reliability work for it.`);
    const ja = sprintReviewMarkdown(review, translator("ja"));
    expect(ja).toContain("## 緩やかな消費（チケット）");
    expect(ja).toContain(
      `| latency | 1 日で予算の 10% · 3× | 2025-06-03 00:00 UTC | 2025-06-03 05:00 UTC | 5時間 | なし | ${responder.name} が20分で確認 |`,
    );

    const csv = sprintReviewSlowBurnsCsv(review, translator("en")).trim().split("\n");
    const ours = csv.filter((line) => line.startsWith(checkout.name) || line.startsWith(search.name));
    expect(ours).toEqual([
      `${checkout.name},availability,10% of budget in 3 d · 1×,2025-05-31T00:00:00.000Z,2025-06-01T02:00:00.000Z,1560.0,no,,,,`,
      `${checkout.name},latency,10% of budget in 1 d · 3×,2025-06-03T00:00:00.000Z,2025-06-03T05:00:00.000Z,300.0,no,,2025-06-03T00:20:00.000Z,20.0,${responder.name}`,
      `${checkout.name},availability,10% of budget in 1 d · 3×,2025-06-14T22:00:00.000Z,2025-06-15T03:00:00.000Z,300.0,yes,,,,`,
      `${search.name},query success,10% of budget in 3 d · 1×,2025-06-06T00:10:00.000Z,,12950.0,yes,${incidentRef} ${incidentTitle},2025-06-06T00:30:00.000Z,20.0,${responder.name}`,
    ]);
  });
});
