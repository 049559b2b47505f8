import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMetrics } from "@/lib/operations/metrics-exposition";
import { exposedSeriesNames } from "@/lib/testing/prometheus-text";

const PROMTOOL = "/usr/bin/promtool";
const root = path.join(import.meta.dirname, "../..");
const RULES = path.join(root, "deploy/prometheus/firebreak-rules.yml");
const RULE_TESTS = path.join(root, "deploy/prometheus/firebreak-rules.test.yml");
const DASHBOARD = path.join(root, "deploy/grafana/firebreak-dashboard.json");
const run = promisify(execFile);

type TPanel = { title: string; targets?: { expr: string }[]; panels?: TPanel[] };
const dashboard = JSON.parse(readFileSync(DASHBOARD, "utf8")) as { panels: TPanel[]; templating: { list: { definition?: string }[] } };
const dashboardExpressions = dashboard.panels
  .flatMap((panel) => [panel, ...(panel.panels ?? [])])
  .flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));
const ruleExpressions = [...readFileSync(RULES, "utf8").matchAll(/expr: (?:\|\n((?: {10}.*\n)+)|(.*)\n)/g)].map(([, block, line]) =>
  (block ?? line ?? "").trim(),
);

/** Grafana's variables as a dashboard's queries see them, so that promtool can parse the queries. */
const withGrafanaVariables = (expr: string) => expr.replaceAll("$__rate_interval", "1m").replaceAll("$__range", "1h").replaceAll("$instance", ".*");

/**
 * The series names a PromQL expression selects: identifiers that are neither functions, aggregation
 * keywords nor label names (inside braces or after by/without) nor range durations.
 */
function selectedNames(expr: string): string[] {
  const withoutLabels = expr
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\b(by|without)\s*\([^)]*\)/g, "")
    .replace(/"[^"]*"/g, "");
  return [...withoutLabels.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)]
    .map(([name]) => name as string)
    .filter((name) => !/^(and|or|unless|on|ignoring|group_left|group_right|bool|offset|inf|nan)$/i.test(name) && !/^\d/.test(name));
}

/** The series a `label_values(selector, label)` variable reads its values from. */
const variableSelector = (variable: { definition?: string }) => /^label_values\((.*),\s*\w+\)$/.exec(variable.definition ?? "")?.[1] ?? "";

/** Series Prometheus makes itself for every scrape, not Firebreak's /metrics. */
const PROMETHEUS_OWN = new Set(["up"]);

describe.skipIf(!existsSync(PROMTOOL))("the example Prometheus rules and Grafana dashboard (skipped without Debian's promtool; .ci/run installs it)", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "firebreak-rules-"));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("load in Prometheus: promtool checks the rule file", async () => {
    const { stdout } = await run(PROMTOOL, ["check", "rules", RULES]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("alert when they should: promtool's unit tests of the rules pass", async () => {
    const { stdout } = await run(PROMTOOL, ["test", "rules", RULE_TESTS], { cwd: path.dirname(RULE_TESTS) });
    expect(stdout).toMatch(/SUCCESS/);
  });

  it("hold only queries Prometheus can parse, in every dashboard panel", async () => {
    expect(dashboardExpressions.length).toBeGreaterThan(10);
    const asRules = dashboardExpressions.map(
      ({ expr }, index) => `      - record: firebreak_dashboard_query_${index}\n        expr: ${JSON.stringify(withGrafanaVariables(expr))}\n`,
    );
    const file = path.join(scratch, "dashboard-queries.yml");
    await writeFile(file, `groups:\n  - name: dashboard\n    rules:\n${asRules.join("")}`);
    const { stdout } = await run(PROMTOOL, ["check", "rules", file]);
    expect(stdout).toContain(`SUCCESS: ${dashboardExpressions.length} rules found`);
  });

  it("use only metric names Firebreak's /metrics exposes", async () => {
    const exposed = exposedSeriesNames((await renderMetrics()).body);
    const used = new Set(
      [...ruleExpressions, ...dashboardExpressions.map(({ expr }) => expr), ...dashboard.templating.list.map(variableSelector)].flatMap(selectedNames),
    );
    expect(ruleExpressions.length).toBe(11);
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((name) => !exposed.has(name) && !PROMETHEUS_OWN.has(name))).toEqual([]);
  });
});
