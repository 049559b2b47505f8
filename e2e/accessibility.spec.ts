import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { DEMO, signIn } from "./helpers";

// The pages a responder and an admin use, as the demo fills them; each in English and Japanese.
const PAGES = [
  "/incidents",
  "/incidents/INC-1",
  "/alerts",
  "/services",
  "/services/checkout-api",
  "/review",
  "/postmortems",
  "/action-items",
  "/integrations",
  "/heartbeats",
  "/admin/webhooks",
  "/admin/checklists",
  "/admin/users",
  "/settings/tokens",
  "/settings/profile",
] as const;

for (const locale of ["en", "ja"] as const) {
  test(`every main page passes axe-core's WCAG 2.1 AA checks (${locale})`, async ({ page }) => {
    // Fifteen pages and an axe run each: generous for a loaded machine, ~30 s on an idle one.
    test.setTimeout(300_000);
    await signIn(page, DEMO.admin);
    await page.context().addCookies([{ name: "firebreak-locale", value: locale, url: page.url() }]);
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.locator("h1").first()).toBeVisible();
      await test.step(path, () => expectNoAccessibilityViolations(page));
    }
  });
}
