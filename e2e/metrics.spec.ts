import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { exposedSeriesNames, parseMetrics, sampleValue } from "../lib/testing/prometheus-text";
import { E2E_METRICS_TOKEN } from "../playwright.config";
import { addAlertmanagerIntegration, alertFixture, DEMO, signIn } from "./helpers";

async function scrape(request: APIRequestContext) {
  const response = await request.get("/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(response.status()).toBe(200);
  return response.text();
}

// The real server: the receiver's route bundle counts, the /metrics route's bundle reads, and server.ts
// loaded the same modules on its own before Next: one registry for all of them (docs/decisions/020).
test("an alert delivered to the real server shows in its /metrics, and so do a live stream and an editor's connection", async ({ page, request }) => {
  expect((await request.get("/metrics")).status()).toBe(401);
  // A signed-in browser holds a session, which opens nothing here.
  await signIn(page, DEMO.admin);
  expect((await page.request.get("/metrics")).status()).toBe(401);

  const webhookPath = await addAlertmanagerIntegration(page, `Metrics ${randomUUID().slice(0, 8)}`);
  const before = parseMetrics(await scrape(request));
  const payload = alertFixture("alertmanager-0.25-group-firing.json")
    .replaceAll("APILatencyHigh", `MetricsSpec${randomUUID().slice(0, 8)}`)
    .replace(/"fingerprint": "[0-9a-f]+"/g, () => `"fingerprint": "${randomUUID().replaceAll("-", "").slice(0, 16)}"`);
  const delivered = await request.post(webhookPath, { data: payload, headers: { "content-type": "application/json" } });
  expect(delivered.status()).toBe(202);

  // The incident list keeps a live stream open.
  await page.goto("/incidents");
  await expect
    .poll(async () => sampleValue(parseMetrics(await scrape(request)), "firebreak_sse_connections"), { timeout: 10_000 })
    .toBeGreaterThanOrEqual(1);

  // The collaboration server is server.ts's; /metrics is Next's route.
  await page.goto("/postmortems");
  await page.getByRole("link", { name: /Search returns no results/ }).click();
  await expect(page.getByTestId("collab-status")).toHaveText("Live");
  const collaboration = parseMetrics(await scrape(request));
  expect(sampleValue(collaboration, "firebreak_collaboration_documents")).toBeGreaterThanOrEqual(1);
  expect(sampleValue(collaboration, "firebreak_collaboration_connections")).toBeGreaterThanOrEqual(1);

  const text = await scrape(request);
  const after = parseMetrics(text);
  const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
  expect(delta("firebreak_alert_intake_duration_seconds_count", { source: "alertmanager" })).toBe(1);
  expect(delta("firebreak_incidents_opened_total", { source: "alertmanager" })).toBe(1);
  expect(sampleValue(after, "firebreak_ready")).toBe(1);
  expect(sampleValue(after, "firebreak_db_pool_connections")).toBeGreaterThan(0);
  for (const name of ["nodejs_eventloop_lag_p99_seconds", "firebreak_slo_collector_lag_seconds", "firebreak_alert_deliveries_rejected_total"]) {
    expect(exposedSeriesNames(text)).toContain(name);
  }
});
