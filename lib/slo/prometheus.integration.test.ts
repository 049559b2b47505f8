import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";
import {
  hasPrometheus,
  MISSING_PROMETHEUS,
  openMetricsCounter,
  startBackfilledPrometheus,
  type TCounterSample,
  type TRealPrometheus,
} from "@/lib/testing/real-prometheus";
import { collectSliOnce } from "./collector";
import { perMinuteCountQuery } from "./prometheus";
import { createSlo } from "./service";

const MINUTE = 60_000;
// A fixed past instant: the backfilled samples and the collector's `now` never depend on the machine's clock.
const T0 = Date.parse("2026-11-20T10:00:00Z");
const at = (minutes: number, seconds: number) => T0 + minutes * MINUTE + seconds * 1000;

/**
 * Scrapes every 15 s at :05, :20, :35 and :50 from 09:45 to 10:15. 1,000 good requests a minute;
 * a burst of 50 errors straddles 10:01 (20 seen by the 10:00:50 scrape, 30 by the 10:01:05 one);
 * another 50 fall inside 10:05; the good counter resets at 10:08:20 (a restart) and restarts at 100.
 */
function scrapes(): TCounterSample[] {
  const samples: TCounterSample[] = [];
  let good = 5_000;
  let bad = 0;
  for (let scrape = 0; scrape < 120; scrape++) {
    const atMs = at(-15, 5 + 15 * scrape);
    if (atMs === at(8, 20)) good = 100;
    else if (scrape > 0) good += 250;
    if (atMs === at(0, 50)) bad += 20;
    if (atMs === at(1, 5)) bad += 30;
    if (atMs === at(5, 35)) bad += 50;
    samples.push({ labels: { job: "checkout", code: "200" }, value: good, atMs }, { labels: { job: "checkout", code: "500" }, value: bad, atMs });
  }
  return samples;
}

let prometheus: TRealPrometheus | undefined;
let admin: TActor;
const tag = Math.random().toString(36).slice(2, 8);

if (!hasPrometheus) console.warn(`Skipping the real-Prometheus SLI tests: ${MISSING_PROMETHEUS}`);

beforeAll(async () => {
  if (!hasPrometheus) return;
  admin = await createTestUser("admin");
  prometheus = await startBackfilledPrometheus(openMetricsCounter("http_requests", scrapes()));
});

afterAll(async () => {
  await prometheus?.stop();
});

/** An SLO pulling from the test's Prometheus with `query(selector)`, collected once at 10:20; its stored minutes from 09:50 to 10:14. */
async function collectedMinutes(name: string, query: (counter: string) => string) {
  const service = await createService(admin, { name: `${name} ${tag}`, ownerTeam: "Core", description: "" });
  const slo = await createSlo(admin, {
    serviceId: service.id,
    name,
    kind: "availability",
    objectivePercent: 99,
    window: "rolling_7d",
    source: "prometheus",
    prometheus: {
      url: (prometheus as TRealPrometheus).url,
      goodQuery: query('http_requests_total{job="checkout",code!~"5.."}'),
      totalQuery: query('http_requests_total{job="checkout"}'),
    },
  });
  const [result] = await collectSliOnce({ now: new Date(at(20, 0)), sloIds: [slo.id] });
  expect(result?.error).toBeNull();
  const buckets = await db().sliBucket.findMany({
    where: { sloId: slo.id, minute: { gte: new Date(at(-10, 0)), lt: new Date(at(15, 0)) } },
    orderBy: { minute: "asc" },
  });
  return buckets.map((bucket) => ({ minute: (bucket.minute.getTime() - T0) / MINUTE, bad: Number(bucket.total - bucket.good), total: Number(bucket.total) }));
}

describe.skipIf(!hasPrometheus)(`SLI minutes pulled from a real Prometheus (${hasPrometheus ? "/usr/bin/prometheus" : MISSING_PROMETHEUS})`, () => {
  it("counts a burst straddling a minute boundary once, with the README's per-minute query, through the collector", async () => {
    const minutes = await collectedMinutes("exact per minute", perMinuteCountQuery);
    const expected = Array.from({ length: 25 }, (_, index) => {
      const minute = index - 10;
      const bad = { 0: 20, 1: 30, 5: 50 }[minute] ?? 0;
      // The restart's minute counts the requests since the restart (the scrapes at :20, :35 and :50).
      const good = minute === 8 ? 600 : 1000;
      return { minute, bad, total: good + bad };
    });
    expect(minutes).toEqual(expected);
    const badAround = (from: number, to: number) =>
      minutes.filter((entry) => entry.minute >= from && entry.minute <= to).reduce((sum, entry) => sum + entry.bad, 0);
    expect(badAround(0, 1)).toBe(50);
    expect(badAround(5, 5)).toBe(50);
  });

  it("shows why the old recipe was replaced: sum(increase(x[1m])) loses the straddling burst and inflates the other", async () => {
    const minutes = await collectedMinutes("increase per minute", (counter) => `sum(increase(${counter}[1m]))`);
    const badIn = (minute: number) => minutes.find((entry) => entry.minute === minute)?.bad;
    // The 30 errors first seen at 10:01:05 fall between two minutes' samples; the 20 and the 50 are extrapolated.
    expect(badIn(1)).toBe(0);
    expect((badIn(0) ?? 0) + (badIn(1) ?? 0)).not.toBe(50);
    expect(badIn(5)).toBe(67);
  });
});
