import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { declareIncident, updateIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { collectSliOnce } from "./collector";
import { incidentSloImpacts, serviceSloOverview } from "./queries";
import { createSlo, recordSloImpact } from "./service";
import { sprintReview } from "./sprint-review";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// 2 December, 15:00 in Tokyo: the outage below was six days earlier, in November.
const december2 = new Date("2026-12-02T06:00:00Z");
const outageStart = new Date("2026-11-26T18:00:00Z");
const NOVEMBER_MINUTES_IN_TOKYO = 30 * 24 * 60;

let admin: TActor;
let responder: TActor;
const tag = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  admin = await createTestUser("admin");
  responder = await createTestUser("responder");
});

/** A service with an incident-measured SLO and a 50-minute full outage starting at `start`, counted at `now`. */
async function outageOnIncidentSlo(window: "calendar_month" | "rolling_7d", start: Date, now: Date) {
  const service = await createService(admin, { name: `Push ${window} ${tag}`, ownerTeam: "Mobile", description: "" });
  const slo = await createSlo(responder, {
    serviceId: service.id,
    name: "Push delivery",
    kind: "availability",
    objectivePercent: 99.5,
    window,
    timeZone: "Asia/Tokyo",
    source: "incidents",
  });
  const incident = await declareIncident(
    responder,
    { title: "APNs certificate expired", severity: "SEV2", serviceIds: [service.id], summary: "", startedAt: start },
    start,
  );
  await updateIncident(responder, incident.id, { status: "monitoring" }, new Date(start.getTime() + 50 * MINUTE));
  await recordSloImpact(responder, incident.id, { sloId: slo.id, impact: "full_outage" }, new Date(start.getTime() + 75 * MINUTE));
  await collectSliOnce({ now, sloIds: [slo.id] });
  return { service, slo, incident };
}

describe("an incident's budget cost is measured in the SLO window that contained it", () => {
  it("charges a November outage to November's calendar-month budget when looked at on 2 December", async () => {
    const { service, slo, incident } = await outageOnIncidentSlo("calendar_month", outageStart, december2);
    const novemberShare = 50 / (0.005 * NOVEMBER_MINUTES_IN_TOKYO);

    // The incident room's "SLOs touched" and the postmortem's impact table read this.
    const [impact] = await incidentSloImpacts(incident.id, december2);
    expect(impact).toMatchObject({ slo: { id: slo.id }, impact: "full_outage", badEvents: 50 });
    expect(impact?.consumedFraction).toBeCloseTo(novemberShare, 9);
    // Looking again weeks later changes nothing: November is over.
    const [later] = await incidentSloImpacts(incident.id, new Date(december2.getTime() + 40 * DAY));
    expect(later?.consumedFraction).toBeCloseTo(novemberShare, 9);

    // A sprint review across the month change charges it to November too.
    const review = await sprintReview(new Date("2026-11-23T00:00:00Z"), new Date("2026-12-07T00:00:00Z"));
    const reviewed = review.services.find((row) => row.service.id === service.id)?.incidents.find((row) => row.id === incident.id);
    expect(reviewed?.costs).toEqual([expect.objectContaining({ sloId: slo.id, needsP0ActionItem: true })]);
    expect(reviewed?.costs[0]?.consumedFraction).toBeCloseTo(novemberShare, 9);

    // December's budget is untouched by it, and December's service page lists no incident for it.
    const [overview] = await serviceSloOverview(service.id, december2);
    expect(overview?.budget.consumedBad).toBe(0);
    expect(overview?.incidents).toEqual([]);
    // On 27 November the service page listed it, with the same cost against November so far.
    const [inNovember] = await serviceSloOverview(service.id, new Date("2026-11-27T06:00:00Z"));
    expect(inNovember?.incidents).toEqual([expect.objectContaining({ badEvents: 50 })]);
  });

  it("charges an outage that has left a rolling window to the last window that held it", async () => {
    const start = new Date(december2.getTime() - 10 * DAY);
    const { service, incident } = await outageOnIncidentSlo("rolling_7d", start, december2);
    const [impact] = await incidentSloImpacts(incident.id, december2);
    expect(impact?.badEvents).toBe(50);
    // The window [start, start + 7 d) had 7 days of minutes: 50 of the 50.4 allowed bad minutes.
    expect(impact?.consumedFraction).toBeCloseTo(50 / (0.005 * 7 * 24 * 60), 9);
    // The current window (the last 7 days) holds none of it.
    const [overview] = await serviceSloOverview(service.id, december2);
    expect(overview?.budget.consumedBad).toBe(0);
  });
});
