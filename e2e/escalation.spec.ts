import { expect, test } from "@playwright/test";
import { DEMO, openFromMenu, screenshot, signIn } from "./helpers";

test("an admin builds a two-step escalation policy with the keyboard and gives it to a service", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await openFromMenu(page, "admin-menu", "Escalation policies");
  await expect(page.getByRole("heading", { name: "Escalation policies", level: 1 })).toBeVisible();
  const name = `Checkout on call ${Date.now()}`;

  const form = page.getByRole("form", { name: "New escalation policy" });
  await form.getByLabel("Name").focus();
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Primary, then the lead");
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowUp");
  await form.getByTestId("step-1").getByLabel("Notify these people").selectOption({ label: "Ben Carter" });
  await form.getByTestId("step-1").getByLabel("Wait for an acknowledgement (minutes) before the next step").fill("1");
  await form
    .getByTestId("step-2")
    .getByLabel("Notify these people")
    .selectOption([{ label: "Aiko Tanaka" }, { label: "Chen Wei" }]);
  await form.getByTestId("step-2").getByLabel("Team channels").selectOption({ label: "Payments SRE" });
  await form.getByLabel("Name").press("Enter");

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const edit = page.getByRole("form", { name: "Edit escalation policy" });
  await expect(edit.getByLabel("Repeat the whole policy (times after the first pass)")).toHaveValue("1");
  await expect(edit.getByTestId("step-1").getByLabel("Wait for an acknowledgement (minutes) before the next step")).toHaveValue("1");
  await expect(edit.getByTestId("step-2").getByLabel("Team channels").locator("option:checked")).toHaveText("Payments SRE");

  await openFromMenu(page, "admin-menu", "Escalation policies");
  const row = page.locator("tr", { hasText: name });
  await expect(row).toContainText("Step 1: Ben Carter, then 1 min");
  await expect(row).toContainText("Step 2: Aiko Tanaka, Chen Wei, the Payments SRE team channel, then 5 min");
  await screenshot(page, "escalation-policies-en");

  await page.goto("/services/checkout-api");
  const settings = page.getByRole("form", { name: "On call: escalation and urgency" });
  await settings.getByLabel("Escalation policy").selectOption({ label: name });
  await settings.getByLabel("Time zone").fill("Europe/Berlin");
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    settings.getByRole("button", { name: "Save escalation settings" }).click(),
  ]);
  await expect(settings.getByRole("alert")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("form", { name: "On call: escalation and urgency" }).getByLabel("Escalation policy")).not.toHaveValue("");
  await expect(page.getByRole("form", { name: "On call: escalation and urgency" }).getByLabel("Time zone")).toHaveValue("Europe/Berlin");

  await settings.getByLabel("Time zone").fill("Mars/Olympus");
  await settings.getByRole("button", { name: "Save escalation settings" }).click();
  await expect(settings.getByRole("alert")).toContainText("must be an IANA time zone");

  // Declaring for the service pages its on-call: step 1's Ben Carter commands, not the declaring admin.
  await page.goto("/incidents/new");
  await page.getByLabel("What is happening?").fill(`Checkout declared with paging ${Date.now()}`);
  await page.getByLabel(/Checkout API/).check();
  await expect(page.getByLabel("Page the on-call of the chosen services")).toBeChecked();
  await page.getByRole("button", { name: "Declare incident" }).click();
  await expect(page.getByTestId("holder-commander")).toContainText("Ben Carter");
});

test("a one-tap link that is not known says so, in English and in Japanese, without signing in", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/a/${"x".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("This link is not known");
  await context.addCookies([{ name: "firebreak-locale", value: "ja", url: page.url() }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "このリンクは使用できません" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("このリンクは見つかりません");
  await screenshot(page, "action-link-unknown-ja");
  await context.close();
});
