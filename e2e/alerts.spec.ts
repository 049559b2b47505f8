import { expect, test } from "@playwright/test";
import { addAlertmanagerIntegration, alertFixture as fixture, DEMO, openFromMenu, screenshot, signIn } from "./helpers";

test("an Alertmanager webhook opens an incident that shows its alerts, and the resolved payload updates it", async ({ page, request }) => {
  await signIn(page, DEMO.admin);
  const webhookPath = await addAlertmanagerIntegration(page, "Prometheus (staging)");

  const firing = await request.post(webhookPath, { data: fixture("alertmanager-0.25-group-firing.json"), headers: { "content-type": "application/json" } });
  expect(firing.status()).toBe(202);
  const { incidents } = await firing.json();
  expect(incidents).toHaveLength(1);

  const rejected = await request.post(webhookPath, { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
  expect(rejected.status()).toBe(400);
  await page.reload();
  const deliveries = page.getByTestId("deliveries");
  await expect(deliveries.locator('tr[data-accepted="true"]')).toHaveCount(1);
  await expect(deliveries.locator('tr[data-accepted="false"]')).toContainText("The body is not valid JSON");
  await screenshot(page, "integration-en");

  await page.getByRole("link", { name: "Incidents" }).first().click();
  // Other specs fire the same fixture: this incident's link is the one to its own reference.
  await page.locator(`a[href="/incidents/${incidents[0]}"]`, { hasText: "APILatencyHigh: p99 latency above 800ms" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incidents[0]}$`));
  const alerts = page.getByTestId("incident-alerts");
  await expect(alerts.getByTestId("alert")).toHaveCount(2);
  await expect(alerts.locator('[data-status="firing"]')).toHaveCount(2);
  await expect(alerts).toContainText("instance=api-1");
  await expect(page.getByTestId("timeline")).toContainText("alert from Prometheus (staging): APILatencyHigh: p99 latency above 800ms");

  const resolved = await request.post(webhookPath, {
    data: fixture("alertmanager-0.25-group-partly-resolved.json"),
    headers: { "content-type": "application/json" },
  });
  expect(resolved.status()).toBe(202);
  await page.reload();
  await expect(alerts.locator('[data-status="resolved"]')).toHaveCount(1);
  await expect(alerts.locator('[data-status="firing"]')).toHaveCount(1);
  await expect(page.getByTestId("timeline")).toContainText("alert resolved: APILatencyHigh: p99 latency above 800ms");

  await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
  await expect(page.getByTestId("acknowledgement")).toContainText("Acknowledged by Aiko Tanaka");
  await screenshot(page, "room-alerts-en");

  const payload = await page.request.get(
    `/api/deliveries/${await alerts
      .getByRole("link", { name: /Raw payload/ })
      .first()
      .getAttribute("href")
      .then((href) => href?.split("/")[3])}/payload`,
  );
  expect(await payload.text()).toContain('"fingerprint": "ca3126066f0f6d46"');
});

test("the incident room says how many alerts Alertmanager left out of a group, in English and Japanese", async ({ page, request }) => {
  await signIn(page, DEMO.admin);
  const webhookPath = await addAlertmanagerIntegration(page, "Prometheus (max_alerts 2)");
  const delivered = await request.post(webhookPath, {
    data: fixture("alertmanager-0.25-group-truncated.json"),
    headers: { "content-type": "application/json" },
  });
  expect(delivered.status()).toBe(202);
  const { incidents } = await delivered.json();
  await page.goto(`/incidents/${incidents[0]}`);
  const group = '{}:{alertname="APIInstanceDown", service="api"}';
  await expect(page.getByTestId("alerts-truncated")).toHaveText(
    `Alertmanager left out 15 alerts of group ${group} (the latest count): raise max_alerts in its webhook receiver to see them all here.`,
  );
  await expect(page.getByTestId("incident-alerts").getByTestId("alert")).toHaveCount(2);
  await expect(page.getByTestId("timeline")).toContainText(`noted that Alertmanager left out 15 alerts of group ${group}: raise max_alerts`);

  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId("alerts-truncated")).toContainText(`Alertmanager はグループ ${group} のアラート 15 件を省略しています`);
  await expect(page.getByTestId("timeline")).toContainText(`Alertmanager がグループ ${group} のアラート 15 件を省略したことを記録`);
  await screenshot(page, "room-truncated-ja");
});

test("an integration over its intake limit gets 429 with Retry-After, and its page says how many were refused, in English and Japanese", async ({
  page,
  request,
}) => {
  await signIn(page, DEMO.admin);
  const webhookPath = await addAlertmanagerIntegration(page, "Prometheus (flooding)");
  // The e2e server's limit is 120 deliveries a minute (playwright.config.ts); 241 sequential posts
  // overflow some minute however the minutes fall. Stop at the first refusal, then send two more.
  const post = () => request.post(webhookPath, { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
  let refused = 0;
  for (let sent = 0; sent < 241 && refused === 0; sent++) {
    const response = await post();
    if (response.status() === 429) {
      refused += 1;
      expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(await response.json()).toMatchObject({ error: "rate_limited", message: expect.stringContaining("120 deliveries this minute") });
    } else expect(response.status()).toBe(400);
  }
  expect(refused).toBe(1);
  for (const response of [await post(), await post()]) if (response.status() === 429) refused += 1;

  await page.reload();
  await expect(page.getByTestId("refused-for-rate")).toContainText(`${refused} deliveries refused for rate (429), the last at`);
  await expect(page.getByText("At most 120 deliveries a minute are received")).toBeVisible();
  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId("refused-for-rate")).toContainText(`レート制限により ${refused} 件の受信を拒否しました`);
});

test("an unknown integration key is refused and nothing is stored", async ({ request }) => {
  const response = await request.post("/api/integrations/fbi_doesnotexistdoesnotexist000000/alerts", {
    data: fixture("alertmanager-0.25-group-firing.json"),
    headers: { "content-type": "application/json" },
  });
  expect(response.status()).toBe(404);
  expect(await response.json()).toEqual({ error: "not_found", message: "Unknown integration key" });
});

test("the integrations and alerts pages read in Japanese", async ({ page }) => {
  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: "http://localhost:3210" }]);
  await signIn(page, DEMO.admin);
  await openFromMenu(page, "admin-menu", "インテグレーション");
  await expect(page.getByRole("heading", { name: "インテグレーション", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Prometheus (prod)" }).click();
  await expect(page.getByRole("heading", { name: "ルーティングルール" })).toBeVisible();
  await screenshot(page, "integration-ja");
  await page.getByRole("link", { name: "アラート", exact: true }).click();
  await expect(page.getByTestId("alert-list")).toContainText("CheckoutCardAuthFailing: Card authorisations failing (HTTP 502)");
  await expect(page.getByTestId("alert-list")).toContainText("発火中");
  await screenshot(page, "alerts-ja");
  await page
    .getByTestId("alert-list")
    .getByRole("row", { name: /CheckoutCardAuthFailing/ })
    .first()
    .getByRole("link")
    .click();
  // Prometheus's two alerts, and the four burn-rate alerts of Checkout's SLO that joined the incident.
  await expect(page.getByTestId("incident-alerts").getByTestId("alert").filter({ hasText: "CheckoutCardAuthFailing" })).toHaveCount(2);
  await expect(page.getByTestId("incident-alerts").getByTestId("alert").filter({ hasText: "Firebreak SLO burn-rate alerts" })).toHaveCount(4);
  await expect(page.getByTestId("timeline")).toContainText("Prometheus (prod) からのアラート");
  await screenshot(page, "room-ja-alerts");
});
