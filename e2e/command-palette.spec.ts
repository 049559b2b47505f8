import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { DEMO, expectNoEnglish, screenshot, signIn } from "./helpers";

async function declare(page: Page, title: string) {
  await page.goto("/incidents/new");
  await page.locator('input[name="title"]').fill(title);
  await page.getByLabel(/SEV2/).check();
  await page.getByRole("main").locator('button[type="submit"]').click();
  await expect(page.getByTestId("incident-title")).toHaveText(title);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
}

async function runCommand(page: Page, typed: string) {
  await page.keyboard.press("Control+k");
  const palette = page.getByTestId("command-palette");
  await expect(palette).toBeVisible();
  await palette.getByRole("combobox").fill(typed);
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
}

test("a responder runs the room from the keyboard: Ctrl+K, a few letters, Enter", async ({ page }) => {
  await signIn(page, DEMO.ben);
  await declare(page, "Palette check");

  await page.keyboard.press("Control+k");
  const palette = page.getByTestId("command-palette");
  await expect(palette.getByRole("combobox", { name: "Type a command: a status, a severity, a role…" })).toBeFocused();
  await expect(palette.getByRole("option")).toContainText(["Move to Investigating", "Change severity to SEV1", "Write a note"]);
  await expectNoAccessibilityViolations(page);
  // Arrows choose among what the typed words leave; Enter runs the chosen one.
  await palette.getByRole("combobox").fill("severity");
  await page.keyboard.press("ArrowDown");
  await expect(palette.getByRole("option", { selected: true })).toHaveText("Change severity to SEV3");
  await palette.getByRole("combobox").fill("nothing like this");
  await expect(palette.getByRole("status")).toHaveText("No command matches.");
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  // Without a keyboard (a phone): the close button, or a tap outside the palette.
  await page.getByTestId("open-palette").click();
  await palette.getByRole("button", { name: "Close the commands" }).click();
  await expect(palette).toBeHidden();
  await page.getByTestId("open-palette").click();
  await expect(palette).toBeVisible();
  await page.mouse.click(8, 8);
  await expect(palette).toBeHidden();
  // Selecting the typed text with a drag that ends outside the box leaves it open.
  await page.getByTestId("open-palette").click();
  const search = palette.getByRole("combobox");
  await search.fill("severity");
  const box = await search.boundingBox();
  if (!box) throw new Error("the palette's search box has no box");
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(4, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(palette).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();

  await runCommand(page, "investig");
  await expect(page.getByTestId("incident-status")).toHaveText("Investigating");
  await expect(page.getByTestId("timeline")).toContainText("changed status from Declared to Investigating");

  await runCommand(page, "sev1");
  await expect(page.getByTestId("incident-severity")).toHaveText("SEV1");

  await runCommand(page, "note");
  await expect(page.locator("#note-box")).toBeFocused();
  await page.keyboard.type("Rolled back the canary");
  await page.keyboard.press("Control+Enter");
  // Stored (no longer "posting…"): its entry now has the newest key-event button.
  await expect(page.getByTestId("timeline").locator("li:not([data-pending])", { hasText: "Rolled back the canary" })).toBeVisible();
  await expect(page.getByTestId("timeline").locator("li[data-pending]")).toHaveCount(0);

  await runCommand(page, "key event");
  await expect(page.getByRole("button", { name: "Mark as key event: Ben Carter: Rolled back the canary" })).toBeFocused();
  // Oldest first, the command still goes to the newest entry (not to the incident's first).
  await page.getByTestId("feed-order").click();
  await runCommand(page, "key event");
  const newest = page.getByRole("button", { name: "Mark as key event: Ben Carter: Rolled back the canary" });
  await expect(newest).toBeFocused();
  // Once it is marked, the command goes to the newest entry not yet marked, never to an un-mark button.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Not a key event: Ben Carter: Rolled back the canary" })).toBeVisible();
  await runCommand(page, "key event");
  await expect(page.locator(":focus")).toHaveAccessibleName(/^Mark as key event: /);
  await expect(page.locator(":focus")).not.toHaveAccessibleName(/Rolled back the canary/);

  await runCommand(page, "operations");
  await expect(page.getByRole("combobox", { name: "Give this role to: Operations" })).toBeFocused();

  await runCommand(page, "stakeholder");
  await expect(page.getByTestId("stakeholder-updates").locator("details")).toHaveAttribute("open", "");

  // Resolving still asks for the summary and a confirmation.
  await runCommand(page, "resolve");
  await expect(page.getByTestId("resolve-dialog")).toBeVisible();
});

test("in Japanese the palette speaks Japanese and finds commands by Japanese words", async ({ browser }) => {
  const context = await browser.newContext();
  await context.addCookies([{ name: "firebreak-locale", value: "ja", url: test.info().project.use.baseURL ?? "" }]);
  const page = await context.newPage();
  await signIn(page, DEMO.chen);
  await declare(page, "パレット確認");

  await page.keyboard.press("Control+k");
  const palette = page.getByTestId("command-palette");
  await expect(palette.getByRole("option").first()).toBeVisible();
  await expectNoEnglish(palette, ["SEV1", "SEV2", "SEV3", "SEV4"]);
  await expectNoAccessibilityViolations(page);
  await screenshot(page, "command-palette-ja");
  await palette.getByRole("combobox").fill("調査");
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(page.getByTestId("incident-status")).toHaveText("調査中");
  await context.close();
});
