import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn } from "./helpers";

test("a service page shows its SLO's budget, burn rates and verdict, in English and Japanese", async ({ page }) => {
  await signIn(page, DEMO.ben);
  await page.getByRole("link", { name: "Services" }).click();
  await page.getByRole("link", { name: "Checkout API" }).click();
  const slo = page.getByTestId("slo");
  await expect(slo).toContainText("Checkout availability");
  await expect(slo).toContainText("Objective 99.9% · last 30 days");
  // 31 minutes at a 38% error ratio is far beyond 14.4× on both the 1 h and 5 min windows.
  await expect(slo).toContainText("Paging: burning fast");
  await expect(page.getByTestId("budget-remaining")).toHaveText(/^\d+\.\d%$/);
  await expect(slo).toContainText("Feature work OK");
  await screenshot(page, "service-slo-en");

  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: "http://localhost:3210" }]);
  await page.reload();
  await expect(slo).toContainText("呼び出し: 急速に消費中");
  await expect(slo).toContainText("エラーバジェット残量");
});
