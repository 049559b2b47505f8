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

test("a responder adds an SLO measured from incidents and edits its objective", async ({ page }) => {
  await signIn(page, DEMO.chen);
  await page.goto("/services/notifications");
  const form = page.getByRole("form", { name: "Add an SLO" });
  await form.getByLabel("Name").fill("Email delivery");
  await form.getByLabel("Objective (%)").fill("99.5");
  await form.getByLabel("Window").selectOption("rolling_7d");
  await form.getByLabel("SLI data from").selectOption("incidents");
  await form.getByRole("button", { name: "Add SLO" }).click();
  const slo = page.getByTestId("slo").filter({ hasText: "Email delivery" });
  await expect(slo).toContainText("Objective 99.5% · last 7 days · Data: Incidents");
  await expect(slo).toContainText("Waiting for the first collection");

  await slo.getByText("Edit", { exact: true }).click();
  const edit = slo.getByRole("form", { name: "Edit: Email delivery" });
  await edit.getByLabel("Objective (%)").fill("99.9");
  await edit.getByRole("button", { name: "Save SLO" }).click();
  await expect(slo).toContainText("Objective 99.9% · last 7 days");
  // No factors of its own: blank, with the workbook's factors for 7 days in force.
  await expect(slo.getByLabel("Page: 1 h / 5 m")).toHaveValue("");
  await expect(slo.getByLabel("Page: 1 h / 5 m")).toHaveAttribute("placeholder", "3.36");
});
