// The ingest benchmark's load: Alertmanager v4 webhooks of 10 alerts each over a pool of 500 groups
// (5,000 alerts), sent by autocannon. Shared by the ingest benchmark and the on-call benchmark, which
// runs it beside the escalations it times.
import autocannon from "autocannon";

export const ALERTS_PER_WEBHOOK = 10;
export const POOL_GROUPS = 500;
/** alerts per second the ingest benchmark's target load offers */
export const TARGET_ALERTS_PER_SECOND = 2500;

const benchAlerts = (group: number, firstAlert: number) =>
  Array.from({ length: ALERTS_PER_WEBHOOK }, (_, index) => ({
    labels: { alertname: `Bench${group}`, instance: `node-${firstAlert + index}`, service: "bench", severity: "critical" },
    annotations: { summary: `Bench group ${group} firing` },
    startsAt: "2026-11-24T00:00:00Z",
    generatorURL: "http://prometheus:9090/graph",
    fingerprint: `bench-${group}-${firstAlert + index}`,
  }));

export function alertmanagerWebhook(group: number, firstAlert: number): string {
  const alerts = benchAlerts(group, firstAlert).map((alert) => ({ status: "firing", ...alert, endsAt: "0001-01-01T00:00:00Z" }));
  return JSON.stringify({ version: "4", groupKey: `{}:{alertname="Bench${group}"}`, status: "firing", receiver: "firebreak", alerts, truncatedAlerts: 0 });
}

/** The same 10 alerts as Prometheus posts them to Alertmanager's own API (POST /api/v2/alerts), for the yardstick. */
export function alertmanagerApiAlerts(group: number, firstAlert: number): string {
  return JSON.stringify(benchAlerts(group, firstAlert).map(({ fingerprint: _fingerprint, ...alert }) => alert));
}

let sequence = 0;

/** Webhooks for the groups of the pool in turn, each call continuing where the previous one stopped. */
export function cyclingThroughGroups(body: (group: number, firstAlert: number) => string = alertmanagerWebhook): autocannon.Request[] {
  return [
    {
      setupRequest: (request) => {
        const group = sequence++ % POOL_GROUPS;
        return { ...request, body: body(group, group * ALERTS_PER_WEBHOOK) };
      },
    },
  ];
}

export async function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
}

/**
 * The first sight of the pool: every group is new, so each webhook opens an incident for its 10
 * alerts. Timed from the first request to the last answer: autocannon notices that a fixed number of
 * requests is done only on its one-second tick, so its own duration is a whole number of seconds.
 */
export async function firstSight(
  url: string,
  body: (group: number, firstAlert: number) => string = alertmanagerWebhook,
): Promise<{ result: autocannon.Result; groupsPerSecond: number }> {
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, method: "POST", connections: 20, amount: POOL_GROUPS, headers: { "content-type": "application/json" }, requests: cyclingThroughGroups(body) },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", () => (lastAnswer = performance.now()));
  });
  return { result, groupsPerSecond: POOL_GROUPS / ((lastAnswer - started) / 1000) };
}

/** The pool's webhooks for groups `offset`, `offset + 1` … instead of 0, 1 …: groups of their own (a warm-up that opens incidents, a second first sight). */
export const groupsFrom = (offset: number) => (group: number, firstAlert: number) =>
  alertmanagerWebhook(offset + group, offset * ALERTS_PER_WEBHOOK + firstAlert);

/** Re-sends of the known groups (Alertmanager's repeat_interval) at `alertsPerSecond`, from 20 connections. */
export function sustainedLoad(
  url: string,
  options: { alertsPerSecond?: number; seconds: number; body?: (group: number, firstAlert: number) => string },
): Promise<autocannon.Result> {
  return runAutocannon({
    url,
    method: "POST",
    connections: 20,
    duration: options.seconds,
    ...(options.alertsPerSecond === undefined ? {} : { overallRate: options.alertsPerSecond / ALERTS_PER_WEBHOOK }),
    headers: { "content-type": "application/json" },
    requests: cyclingThroughGroups(options.body),
  });
}
