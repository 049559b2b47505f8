import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { createTestUser } from "@/lib/testing/factories";
import { collectSliOnce } from "./collector";
import { sloStatus } from "./queries";
import { ZSliBatch } from "./schema";
import { createSlo, pushSliBuckets } from "./service";
import { sumSliIntervals } from "./sli-sums";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// The issue's instant: the 2nd of a 31-day month, 34 hours into it.
const now = new Date("2026-12-02T10:00:00Z");
const monthStart = Date.parse("2026-12-01T00:00:00Z");
const tag = Math.random().toString(36).slice(2, 8);

// A Prometheus query_range endpoint: 10,000 requests a minute, 0.93% failing in November and 1.1% in December.
const TOTAL = 10_000;
const goodIn = (minute: number) => (minute < monthStart ? TOTAL - 93 : TOTAL - 110);
let server: Server;
let prometheusUrl: string;
let admin: TActor;

beforeAll(async () => {
  admin = await createTestUser("admin");
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const form = new URLSearchParams(body);
      const values: [number, string][] = [];
      // The sample at t counts the minute before it.
      for (let at = Number(form.get("start")); at <= Number(form.get("end")); at += Number(form.get("step"))) {
        values.push([at, String(form.get("query") === "total" ? TOTAL : goodIn(at * 1000 - MINUTE))]);
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values }] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  prometheusUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const newSlo = async (name: string, source: "push" | "prometheus") => {
  const service = await createService(admin, { name: `${name} ${tag}`, ownerTeam: "Core", description: "" });
  return createSlo(admin, {
    serviceId: service.id,
    name,
    kind: "availability",
    objectivePercent: 99,
    window: "calendar_month",
    timeZone: "UTC",
    source,
    ...(source === "prometheus" ? { prometheus: { url: prometheusUrl, goodQuery: "good", totalQuery: "total" } } : {}),
  });
};

describe("a calendar-month SLO on the 2nd of December", () => {
  it("reads its burn rates over their whole length across the month boundary, with factors for a 31-day month", async () => {
    const slo = await newSlo("month burn", "prometheus");
    await collectSliOnce({ now, sloIds: [slo.id] });
    const status = await sloStatus(slo.id, now);

    // The budget is December's alone: 34 hours at 1.1%.
    expect(status?.window.start.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(status?.counts).toEqual({ good: 2040 * (TOTAL - 110), total: 2040 * TOTAL });
    // The 3-day burn rate reads 38 November hours at 0.93% and 34 December hours at 1.1%, not December alone (1.1).
    const rateOver = (windowMs: number) => status?.burnRates.find((entry) => entry.windowMs === windowMs)?.rate;
    expect(rateOver(3 * DAY)).toBeCloseTo((2280 * 93 + 2040 * 110) / (3 * 24 * 60 * 100), 12);
    expect(rateOver(DAY)).toBeCloseTo(1.1, 12);
    expect(status?.exhaustion.atSevenDayRate).not.toBeNull();

    // December has 31 days: the workbook's factors scaled to it, so a 3-day burn of 1.01 stays under 1.03 (it would pass a 30-day month's 1).
    expect(status?.burnRateRules.map((rule) => rule.factor)).toEqual([14.88, 6.2, 3.1, 1.03]);
    expect(status?.alert).toEqual({ state: "ok", firing: [] });
  });

  it("takes pushed minutes from the last 7 days, before the month began, and refuses older ones", async () => {
    const slo = await newSlo("month push", "push");
    const sevenDaysAgo = new Date(now.getTime() - 7 * DAY);
    const accepted = ZSliBatch.parse({ buckets: [{ minute: sevenDaysAgo.toISOString(), good: 9, total: 10 }] });
    expect(await pushSliBuckets(admin, slo.id, accepted, now)).toEqual({ stored: 1 });
    const older = ZSliBatch.parse({ buckets: [{ minute: new Date(sevenDaysAgo.getTime() - MINUTE).toISOString(), good: 9, total: 10 }] });
    await expect(pushSliBuckets(admin, slo.id, older, now)).rejects.toThrow(
      /before the SLO's window and the 7 days its burn rates read \(2026-11-25T10:00:00.000Z\)/,
    );
    // The minute counts for the 7-day rate (the exhaustion projection), not for December's budget.
    expect(await sumSliIntervals([{ sloId: slo.id, from: sevenDaysAgo, to: now }])).toEqual([{ good: 9, total: 10 }]);
    expect((await sloStatus(slo.id, now))?.budget.noData).toBe(true);
  });
});
