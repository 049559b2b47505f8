import { z } from "zod";
import { describeOutboundFailure, outboundRequest, type TOutboundResponse } from "@/lib/http/outbound";
import type { TSliMinute } from "./sli-store";

const MINUTE = 60_000;
// Prometheus refuses ranges of more than 11,000 points per series.
export const MAX_MINUTES_PER_QUERY = 10_000;
const QUERY_TIMEOUT_MS = 10_000;
// A 10,000-minute matrix of a few series is well under this.
const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

export class PrometheusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PrometheusError";
  }
}

const ZSample = z.tuple([z.number(), z.string()]);
const ZQueryRangeResponse = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    data: z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric: z.record(z.string(), z.string()), values: z.array(ZSample) })) }),
  }),
  z.object({ status: z.literal("error"), errorType: z.string().optional(), error: z.string() }),
]);

/**
 * The PromQL that counts a counter's events in the minute ending where it is evaluated, exactly:
 * per series, the last sample at or before the minute's end minus the last one at or before its
 * start. Minute after minute this telescopes, so every increment is counted once, in the minute
 * whose scrape first saw it, however a burst falls against the scrapes. A series that reset (a
 * restart) counts its value since the reset; one without a sample a minute earlier counts nothing
 * yet, as with increase(). `sum(increase(c[1m]))` instead extrapolates the samples inside the
 * minute and drops what happened between one minute's last scrape and the next one's first: a
 * burst reads as 0 or as 4/3 of itself with a 15 s scrape interval. `counter` is a series selector
 * such as `http_requests_total{job="checkout",code!~"5.."}`.
 */
export const perMinuteCountQuery = (counter: string) => `sum((${counter} - ${counter} offset 1m) >= 0 or (${counter} and ${counter} offset 1m))`;

/**
 * Runs a range query at one-minute steps and sums its series per minute. A query evaluated at the
 * end of a minute (e.g. perMinuteCountQuery's) counts that minute, so the sample at t belongs to
 * the minute starting at t − 1 m.
 */
export async function queryRangeByMinute(baseUrl: string, query: string, from: Date, to: Date): Promise<Map<number, number>> {
  const body = new URLSearchParams({
    query,
    start: String((from.getTime() + MINUTE) / 1000),
    end: String(to.getTime() / 1000),
    step: "60",
  });
  let response: TOutboundResponse;
  try {
    response = await outboundRequest({
      url: `${baseUrl}/api/v1/query_range`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: body.toString(),
      timeoutMs: QUERY_TIMEOUT_MS,
      maxResponseBytes: MAX_RESPONSE_BYTES,
    });
  } catch (error) {
    throw new PrometheusError(`${baseUrl} ${describeOutboundFailure(error)}`);
  }
  // Whatever the server wrote stays out of the error: the URL may point somewhere that is not Prometheus.
  let parsed;
  try {
    parsed = ZQueryRangeResponse.safeParse(JSON.parse(response.body));
  } catch {
    throw new PrometheusError(`${baseUrl} answered HTTP ${response.status} with ${response.contentType}, not JSON`);
  }
  if (!parsed.success) throw new PrometheusError(`${baseUrl} answered HTTP ${response.status} with JSON that is not a Prometheus range query result`);
  if (parsed.data.status === "error") throw new PrometheusError(`Prometheus refused the query (${parsed.data.errorType ?? "error"}): ${parsed.data.error.slice(0, 200)}`);
  const perMinute = new Map<number, number>();
  for (const series of parsed.data.data.result) {
    for (const [seconds, value] of series.values) {
      const count = Number(value);
      if (!Number.isFinite(count)) continue;
      const minute = Math.round(seconds * 1000) - MINUTE;
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + count);
    }
  }
  return perMinute;
}

/**
 * Pairs good and total samples into minute buckets. Queries that extrapolate (increase()) return
 * fractions, so counts are rounded and good is kept within [0, total]; a minute without a total
 * has no data, and a total without a good series means nothing was good (a filtered counter with
 * no samples yields no series).
 */
export function sliMinutesFromSeries(good: Map<number, number>, total: Map<number, number>): TSliMinute[] {
  return [...total]
    .sort(([a], [b]) => a - b)
    .map(([minute, totalCount]) => {
      const roundedTotal = Math.max(0, Math.round(totalCount));
      return { minute: new Date(minute), total: roundedTotal, good: Math.min(roundedTotal, Math.max(0, Math.round(good.get(minute) ?? 0))) };
    });
}

/** Pulls [from, to) in chunks Prometheus accepts. */
export async function pullSliMinutes(source: { url: string; goodQuery: string; totalQuery: string }, from: Date, to: Date): Promise<TSliMinute[]> {
  const minutes: TSliMinute[] = [];
  for (let chunkStart = from.getTime(); chunkStart < to.getTime(); chunkStart += MAX_MINUTES_PER_QUERY * MINUTE) {
    const chunkEnd = new Date(Math.min(to.getTime(), chunkStart + MAX_MINUTES_PER_QUERY * MINUTE));
    const [good, total] = await Promise.all([
      queryRangeByMinute(source.url, source.goodQuery, new Date(chunkStart), chunkEnd),
      queryRangeByMinute(source.url, source.totalQuery, new Date(chunkStart), chunkEnd),
    ]);
    minutes.push(...sliMinutesFromSeries(good, total).filter((bucket) => bucket.minute.getTime() >= chunkStart && bucket.minute < chunkEnd));
  }
  return minutes;
}
