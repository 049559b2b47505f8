import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { createTestUser } from "@/lib/testing/factories";
import { db } from "@/lib/db/prisma";
import { sloStatus } from "./queries";
import { ZSliBatch, ZSloCreate, ZSloUpdate } from "./schema";
import { createSlo, pushSliBuckets, updateSlo } from "./service";
import { sumSliIntervals } from "./sli-sums";

const MINUTE = 60_000;
const now = new Date("2026-11-24T12:00:00Z");
let responder: TActor;
let serviceId: string;

beforeAll(async () => {
  const admin = await createTestUser("admin");
  responder = await createTestUser("responder");
  serviceId = (await createService(admin, { name: `SLO service ${Date.now()}`, ownerTeam: "Core", description: "" })).id;
});

/** The last `count` complete minutes before `now` (windows end at the last complete minute). */
const minutesBefore = (count: number, build: (index: number) => { good: number; total: number }) =>
  Array.from({ length: count }, (_, index) => ({ minute: new Date(now.getTime() - (index + 1) * MINUTE).toISOString(), ...build(index) }));

describe("SLI data and the budget computed from it", () => {
  it("computes budget, burn rates and the alert state from pushed minute buckets", async () => {
    const slo = await createSlo(responder, {
      serviceId,
      name: "availability",
      kind: "availability",
      objectivePercent: 99.9,
      window: "rolling_30d",
      timeZone: "UTC",
      description: "",
    });
    // The last hour: 1,000 requests a minute, 2% failing (burn rate 20), the hour before: all good.
    const lastHour = minutesBefore(60, () => ({ good: 980, total: 1000 }));
    const hourBefore = minutesBefore(120, () => ({ good: 1000, total: 1000 })).slice(60);
    expect(await pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets: [...lastHour, ...hourBefore] }), now)).toEqual({ stored: 120 });

    const status = await sloStatus(slo.id, now);
    expect(status?.budget.consumedBad).toBe(1200);
    expect(status?.budget.allowedBad).toBeCloseTo(120, 6);
    expect(status?.burnRates.find((entry) => entry.windowMs === 60 * MINUTE)?.rate).toBeCloseTo(20, 6);
    expect(status?.burnRates.find((entry) => entry.windowMs === 2 * 60 * MINUTE)?.rate).toBeCloseTo(10, 6);
    expect(status?.alert.state).toBe("page");
    expect(status?.verdict).toBe("freeze_risky_releases");

    // Re-sending a minute replaces it.
    await pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets: minutesBefore(60, () => ({ good: 1000, total: 1000 })) }), now);
    const recovered = await sloStatus(slo.id, now);
    expect(recovered?.budget.consumedBad).toBe(0);
    expect(recovered?.alert.state).toBe("ok");
    expect(recovered?.verdict).toBe("feature_work_ok");
  });

  it("refuses bad counts, future minutes and minutes outside the window, storing nothing", async () => {
    const slo = await createSlo(responder, {
      serviceId,
      name: "strict",
      kind: "availability",
      objectivePercent: 99,
      window: "rolling_7d",
      timeZone: "UTC",
      description: "",
    });
    expect(ZSliBatch.safeParse({ buckets: [{ minute: now.toISOString(), good: 5, total: 4 }] }).error?.issues[0]?.message).toBe("must not exceed total");
    expect(ZSliBatch.safeParse({ buckets: [{ minute: now.toISOString(), good: -1, total: 4 }] }).success).toBe(false);
    const future = ZSliBatch.parse({
      buckets: [...minutesBefore(3, () => ({ good: 1, total: 1 })), { minute: new Date(now.getTime() + 5 * MINUTE).toISOString(), good: 1, total: 1 }],
    });
    await expect(pushSliBuckets(responder, slo.id, future, now)).rejects.toThrow(/buckets\.3\.minute: .* is in the future/);
    const ancient = ZSliBatch.parse({ buckets: [{ minute: "2026-10-01T00:00:00Z", good: 1, total: 1 }] });
    await expect(pushSliBuckets(responder, slo.id, ancient, now)).rejects.toThrow(/before the SLO's window/);
    expect((await sloStatus(slo.id, now))?.budget.noData).toBe(true);
    await expect(pushSliBuckets(responder, "no-such-slo", ancient, now)).rejects.toMatchObject({ status: 404 });
  });

  it("rejects an objective of 100%", () => {
    expect(ZSloCreate.safeParse({ serviceId, name: "x", kind: "availability", objectivePercent: 100, window: "rolling_7d" }).success).toBe(false);
  });
});

describe("exact objectives", () => {
  it("reads errors at exactly 0.1% against a 99.9% objective as a burn rate of 1: no ticket, no freeze", async () => {
    const slo = await createSlo(responder, { serviceId, name: "exactly at budget", kind: "availability", objectivePercent: 99.9, window: "rolling_30d" });
    expect(slo.objective).toBe(999_000);
    // Four days of 1,000 requests a minute with exactly one failing: the 3-day ticket's both windows burn at 1.
    const fourDays = minutesBefore(4 * 24 * 60, () => ({ good: 999, total: 1000 }));
    await pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets: fourDays }), now);
    const status = await sloStatus(slo.id, now);
    expect(status?.burnRates.map((entry) => entry.rate)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(status?.alert).toEqual({ state: "ok", firing: [] });
    expect(status?.budget).toMatchObject({ consumedFraction: 1, remainingFraction: 0, overspent: false });
    expect(status?.verdict).toBe("prioritise_reliability");

    // One more failed request in the last five minutes tips both windows of the 3-day ticket over.
    await pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets: minutesBefore(1, () => ({ good: 998, total: 1000 })) }), now);
    const tipped = await sloStatus(slo.id, now);
    expect(tipped?.alert.firing.map((rule) => rule.name)).toEqual(["10% of budget in 3 d"]);
    expect(tipped?.verdict).toBe("freeze_risky_releases");
  });
});

describe("burn-rate windows", () => {
  it("end at the last complete minute: a 5-minute window holds the 5 minutes before the current one", async () => {
    const slo = await createSlo(responder, { serviceId, name: "last complete minute", kind: "availability", objectivePercent: 99, window: "rolling_7d" });
    const midMinute = new Date(now.getTime() + 30_000);
    // 11:50–11:54 all good, 11:55–11:59 10% failing, and the minute going on (12:00) with its first, good requests.
    const buckets = [...minutesBefore(10, (index) => ({ good: index < 5 ? 90 : 100, total: 100 })), { minute: now.toISOString(), good: 40, total: 40 }];
    await pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets }), midMinute);
    const status = await sloStatus(slo.id, midMinute);
    expect(status?.window.end).toEqual(now);
    // 50 bad of 500 is 10% against a 1% budget.
    expect(status?.burnRates.find((entry) => entry.windowMs === 5 * MINUTE)?.rate).toBe(10);
    expect(status?.burnRates.find((entry) => entry.windowMs === 30 * MINUTE)?.rate).toBe(5);
    expect(status?.counts).toEqual({ good: 950, total: 1000 });
  });
});

describe("hourly rollups", () => {
  it("sums any interval from rollups and ragged minute ends exactly as the minute buckets do", async () => {
    const slo = await createSlo(responder, { serviceId, name: "rollups", kind: "availability", objectivePercent: 99.5, window: "rolling_7d" });
    // Five hours of minutes with varying counts, some minutes missing, then some replaced.
    const buckets = minutesBefore(300, (index) => ({ good: 900 + ((index * 37) % 100), total: 1000 })).filter((_, index) => index % 7 !== 3);
    await pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets }), now);
    await pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets: minutesBefore(90, () => ({ good: 10, total: 20 })).slice(60) }), now);

    const offsets = [0, 1, 7, 59, 60, 61, 119, 130, 181, 240, 299, 301];
    const intervals = offsets.flatMap((fromOffset) =>
      offsets
        .filter((toOffset) => toOffset < fromOffset)
        .map((toOffset) => ({ sloId: slo.id, from: new Date(now.getTime() - fromOffset * MINUTE), to: new Date(now.getTime() - toOffset * MINUTE + 1_000) })),
    );
    const fromRollups = await sumSliIntervals(intervals);
    const fromMinutes = await Promise.all(
      intervals.map(async (interval) => {
        const [row] = await db().$queryRaw<{ good: bigint | null; total: bigint | null }[]>`
          SELECT sum("good") AS good, sum("total") AS total FROM "SliBucket" WHERE "sloId" = ${slo.id} AND "minute" >= ${interval.from} AND "minute" < ${interval.to}`;
        return { good: Number(row?.good ?? 0), total: Number(row?.total ?? 0) };
      }),
    );
    expect(fromRollups).toEqual(fromMinutes);
    expect(fromMinutes.some((counts) => counts.total > 100_000)).toBe(true);
  });
});

describe("editing SLOs", () => {
  it("changes fields, keeps the result a whole SLO, and leaves Prometheus URLs to admins", async () => {
    const admin = await createTestUser("admin");
    const slo = await createSlo(responder, { serviceId, name: "editable", kind: "availability", objectivePercent: 99, window: "rolling_28d" });
    // No factors of its own: the workbook's, scaled to the window whenever it is evaluated.
    expect(slo).toMatchObject({ objective: 990_000, burnRateFactors: [] });
    expect((await sloStatus(slo.id, now))?.burnRateRules.map((rule) => rule.factor)).toEqual([13.44, 5.6, 2.8, 0.93]);
    const edited = await updateSlo(responder, slo.id, ZSloUpdate.parse({ objectivePercent: 99.5, burnRateFactors: [20, 8, 3, 1], description: "Orders API" }));
    expect(edited).toMatchObject({ objective: 995_000, burnRateFactors: [20, 8, 3, 1], description: "Orders API", window: "rolling_28d" });
    expect((await sloStatus(slo.id, now))?.burnRateRules.map((rule) => rule.factor)).toEqual([20, 8, 3, 1]);
    // null goes back to the scaled table, which follows a changed window.
    expect(await updateSlo(responder, slo.id, ZSloUpdate.parse({ burnRateFactors: null, window: "rolling_7d" }))).toMatchObject({ burnRateFactors: [] });
    expect((await sloStatus(slo.id, now))?.burnRateRules.map((rule) => rule.factor)).toEqual([3.36, 1.4, 0.7, 0.23]);

    await expect(updateSlo(responder, slo.id, ZSloUpdate.parse({ kind: "latency" }))).rejects.toThrow(/latency SLO needs its threshold/);
    await expect(updateSlo(responder, slo.id, ZSloUpdate.parse({ source: "prometheus" }))).rejects.toThrow(/needs url, goodQuery and totalQuery/);
    const prometheus = { url: "http://prometheus.internal:9090", goodQuery: "good", totalQuery: "total" };
    await expect(updateSlo(responder, slo.id, ZSloUpdate.parse({ source: "prometheus", prometheus }))).rejects.toMatchObject({ status: 403 });
    expect(ZSloUpdate.safeParse({ prometheus: { ...prometheus, url: "http://user:secret@prometheus:9090" } }).error?.issues[0]?.message).toMatch(/credentials/);
    const pulled = await updateSlo(admin, slo.id, ZSloUpdate.parse({ source: "prometheus", prometheus }));
    expect(pulled).toMatchObject({ source: "prometheus", prometheusUrl: prometheus.url, collectedThrough: null });
    // A responder saving the form unchanged keeps the admin's Prometheus settings.
    expect(await updateSlo(responder, slo.id, ZSloUpdate.parse({ name: "renamed", prometheus }))).toMatchObject({ name: "renamed" });
    await expect(pushSliBuckets(responder, slo.id, ZSliBatch.parse({ buckets: minutesBefore(1, () => ({ good: 1, total: 1 })) }), now)).rejects.toThrow(
      /comes from prometheus/,
    );
  });
});
