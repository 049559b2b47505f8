import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { DEMO, openFromMenu, screenshot, signIn } from "./helpers";

test("an admin adds a heartbeat, a job calls its URL, and the page shows it up, in English and Japanese", async ({ page, request }) => {
  await signIn(page, DEMO.admin);
  await openFromMenu(page, "admin-menu", "Integrations");
  const integrationForm = page.getByRole("form", { name: "Add an integration" });
  await integrationForm.getByLabel("Name", { exact: true }).fill("Cron jobs");
  await integrationForm.locator("select[name=source]").selectOption("generic");
  await integrationForm.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByRole("heading", { name: "Cron jobs" })).toBeVisible();

  await openFromMenu(page, "admin-menu", "Heartbeats");
  const form = page.getByRole("form", { name: "Add a heartbeat" });
  await form.getByLabel("Name").fill("nightly-backup");
  await form.getByLabel("Alert through integration (generic format)").selectOption({ label: "Cron jobs" });
  await form.getByLabel("Expected every (minutes)").fill("60");
  await form.getByRole("button", { name: "Create heartbeat" }).click();
  const pingUrl = (await form.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(pingUrl).toMatch(/\/api\/heartbeat\/fbh_[\w-]{32}$/);

  const row = page.getByTestId("heartbeat-nightly-backup");
  await expect(row).toContainText("Waiting for the first call");
  const called = await request.get(new URL(pingUrl).pathname);
  expect(called.status()).toBe(200);
  await page.reload();
  await expect(row).toContainText("Up");
  await expect(row).not.toContainText(new URL(pingUrl).pathname.split("/").pop() as string);
  await expectNoAccessibilityViolations(page);
  await screenshot(page, "heartbeats-en");

  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "ハートビート", exact: true })).toBeVisible();
  await expect(row).toContainText("正常");
  await expectNoAccessibilityViolations(page);
  await screenshot(page, "heartbeats-ja");
});
