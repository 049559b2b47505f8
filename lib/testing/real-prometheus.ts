// A real Prometheus (Debian's /usr/bin/prometheus) serving backfilled samples, for tests of what
// Firebreak reads from it. `.ci/run` installs the package; tests skip without it.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freeLoopbackPort } from "@/lib/db/embedded-postgres";

const PROMETHEUS = "/usr/bin/prometheus";
const PROMTOOL = "/usr/bin/promtool";
const READY_TIMEOUT_MS = 30_000;

export const hasPrometheus = existsSync(PROMETHEUS) && existsSync(PROMTOOL);
export const MISSING_PROMETHEUS = `${PROMETHEUS} or ${PROMTOOL} is missing: install Debian's prometheus package (apt-get install prometheus, as .ci/run does)`;

export type TRealPrometheus = { url: string; stop: () => Promise<void> };

/** One counter sample as OpenMetrics writes it: `name{labels} value timestamp-in-seconds`. */
export type TCounterSample = { labels: Record<string, string>; value: number; atMs: number };

/** An OpenMetrics exposition of one counter family: samples grouped per series, each series in time order. */
export function openMetricsCounter(family: string, samples: TCounterSample[]): string {
  const seriesKey = (sample: TCounterSample) =>
    Object.entries(sample.labels)
      .map(([name, value]) => `${name}="${value}"`)
      .join(",");
  const bySeries = new Map<string, TCounterSample[]>();
  for (const sample of samples) bySeries.set(seriesKey(sample), [...(bySeries.get(seriesKey(sample)) ?? []), sample]);
  const lines = [`# TYPE ${family} counter`];
  for (const [labels, series] of bySeries) {
    for (const sample of series.sort((a, b) => a.atMs - b.atMs)) lines.push(`${family}_total{${labels}} ${sample.value} ${sample.atMs / 1000}`);
  }
  return `${[...lines, "# EOF"].join("\n")}\n`;
}

/**
 * Backfills `openMetrics` with `promtool tsdb create-blocks-from openmetrics` into a fresh data
 * directory and starts Prometheus on it, on a free loopback port; resolves once /-/ready answers.
 */
export async function startBackfilledPrometheus(openMetrics: string): Promise<TRealPrometheus> {
  const dir = await mkdtemp(path.join(tmpdir(), "firebreak-prometheus-"));
  const dataDir = path.join(dir, "data");
  await writeFile(path.join(dir, "backfill.om"), openMetrics);
  await writeFile(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 1m\n");
  await promisify(execFile)(PROMTOOL, ["tsdb", "create-blocks-from", "openmetrics", path.join(dir, "backfill.om"), dataDir]);
  const port = await freeLoopbackPort();
  const server = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${dataDir}`,
      // Backfilled samples are as old as the test says; keep them whatever the machine's date.
      "--storage.tsdb.retention.time=100y",
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  server.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const stop = async () => {
    if (server.exitCode === null) server.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await fetch(`${url}/-/ready`).then((response) => response.ok, () => false))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus did not become ready:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop };
}
