import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { DEMO, expectNoEnglish, screenshot, signIn } from "./helpers";

async function responder(browser: Browser, email: string, locale: "en" | "ja" = "en") {
  const context = await browser.newContext();
  if (locale === "ja") await context.addCookies([{ name: "firebreak-locale", value: "ja", url: test.info().project.use.baseURL ?? "" }]);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function declare(page: Page, title: string, severity = "SEV2") {
  await page.goto("/incidents/new");
  await page.locator('input[name="title"]').fill(title);
  await page.getByLabel(new RegExp(severity)).check();
  await page.getByRole("main").locator('button[type="submit"]').click();
  await expect(page.getByTestId("incident-title")).toHaveText(title);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
  return page.url();
}

/** Cuts a page off from its live stream (the server ends streams every 3 s here; the reconnection is refused). */
async function cutOffStream(page: Page) {
  await page.route("**/events?**", (route) => route.abort("internetdisconnected"));
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "false", { timeout: 15_000 });
}

test("a severity change reaches the other responder's controls at once, and a change made from a stale page is refused", async ({ browser }) => {
  const ben = await responder(browser, DEMO.ben);
  const chen = await responder(browser, DEMO.chen);
  const room = await declare(ben, "Stale controls check");
  await chen.goto(room);
  await expect(chen.getByTestId("live-status")).toHaveAttribute("data-connected", "true");

  await chen.getByRole("combobox", { name: "Change severity" }).selectOption("SEV1");
  await chen.getByRole("button", { name: "Change severity" }).click();
  await expect(ben.getByTestId("incident-severity")).toHaveText("SEV1");
  await expect(ben.getByRole("combobox", { name: "Change severity" })).toHaveValue("SEV1");

  // Ben's page stops hearing; Chen moves the severity on; Ben's page still shows SEV1.
  await cutOffStream(ben);
  await chen.getByRole("combobox", { name: "Change severity" }).selectOption("SEV3");
  await chen.getByRole("button", { name: "Change severity" }).click();
  await expect(chen.getByTestId("incident-severity")).toHaveText("SEV3");
  await expect(ben.getByRole("combobox", { name: "Change severity" })).toHaveValue("SEV1");

  await ben.getByRole("combobox", { name: "Change severity" }).selectOption("SEV2");
  await ben.getByRole("button", { name: "Change severity" }).click();
  await expect(ben.getByTestId("room-error")).toHaveText(
    "Someone changed the severity to SEV3 after your page showed SEV1: nothing was changed. The page now shows the current state; check it and try again.",
  );
  await expect(ben.getByRole("combobox", { name: "Change severity" })).toHaveValue("SEV3");
  await expect(ben.getByTestId("incident-severity")).toHaveText("SEV3");
  await expect(chen.getByTestId("incident-severity")).toHaveText("SEV3");
  await ben.context().close();
  await chen.context().close();
});

test("in Japanese, a status change from a stale page is refused with a Japanese message", async ({ browser }) => {
  const ben = await responder(browser, DEMO.ben, "ja");
  const chen = await responder(browser, DEMO.chen);
  const room = await declare(ben, "古い画面からの変更");
  await chen.goto(room);
  await cutOffStream(ben);
  await chen.getByRole("group", { name: "Status" }).getByRole("button", { name: "Identified", exact: true }).click();
  await expect(chen.getByTestId("incident-status")).toHaveText("Identified");

  await ben.getByRole("group", { name: "ステータス" }).getByRole("button", { name: "調査中", exact: true }).click();
  await expect(ben.getByTestId("room-error")).toHaveText(
    "この画面が「宣言済み」を表示した後に、ほかの人がステータスを「原因特定」に変更しました。変更は適用していません。画面は最新の状態になっています。確認してからやり直してください。",
  );
  await expect(ben.getByTestId("incident-status")).toHaveText("原因特定");
  await expect(chen.getByTestId("incident-status")).toHaveText("Identified");
  await ben.context().close();
  await chen.context().close();
});

test("\"I'm on it\" acknowledges, takes command (accepting the handoff) and starts investigating, in English and Japanese", async ({ browser }) => {
  const ben = await responder(browser, DEMO.ben);
  const chen = await responder(browser, DEMO.chen, "ja");
  const room = await declare(ben, "Paged engineer takes command");
  await expect(ben.getByRole("button", { name: "I'm on it" })).toBeVisible();
  const commander = ben.locator('[data-role="commander"]');
  await commander.getByRole("combobox").selectOption({ label: "Chen Wei" });
  await commander.getByRole("button", { name: "Hand off" }).click();
  await expect(ben.getByTestId("pending-commander")).toBeVisible();

  await chen.goto(room);
  await chen.getByRole("button", { name: "対応します" }).click();
  await expect(chen.getByTestId("incident-status")).toHaveText("調査中");
  await expect(chen.getByTestId("pending-commander")).toHaveCount(0);
  await expect(chen.getByTestId("holder-commander")).toContainText("Chen Wei");
  await expect(chen.getByTestId("acknowledgement")).toContainText("Chen Wei");
  await expect(chen.getByRole("button", { name: "対応します" })).toHaveCount(0);
  await expectNoEnglish(chen.getByTestId("room-header"), ["INC-", "Paged engineer takes command", "Ben Carter", "Chen Wei", "SEV2", "Ctrl", "Enter"]);

  // Ben sees all three steps live, on the timeline too.
  await expect(ben.getByTestId("incident-status")).toHaveText("Investigating");
  await expect(ben.getByTestId("pending-commander")).toHaveCount(0);
  await expect(ben.getByRole("button", { name: "I'm on it" })).toHaveCount(0);
  const timeline = ben.getByTestId("timeline");
  await expect(timeline).toContainText("acknowledged the incident");
  await expect(timeline).toContainText("acknowledged the Incident commander handoff");
  await expect(timeline).toContainText("changed status from Declared to Investigating");
  await ben.context().close();
  await chen.context().close();
});

test("resolving asks for a summary, offers the final stakeholder update and is confirmed; the status page then promises nothing", async ({ browser }) => {
  const ben = await responder(browser, DEMO.ben);
  await declare(ben, "Resolving with a final update");
  const resolve = ben.getByRole("button", { name: "Resolve…" });
  await expect(resolve).not.toHaveClass(/primary/);

  const updates = ben.getByTestId("stakeholder-updates");
  await updates.getByText("Write a stakeholder update").click();
  await updates.getByLabel("Impact").fill("Search slow for every customer");
  await updates.getByLabel("Message").fill("Index rebuilt; latency back to normal.");
  await updates.getByRole("button", { name: "Publish update" }).click();
  await expect(updates.getByTestId("stakeholder-update")).toContainText("Next update by");

  await resolve.click();
  const dialog = ben.getByRole("dialog", { name: /^Resolve INC-\d+$/ });
  await expect(dialog.getByLabel("How was it resolved?")).toHaveValue("Index rebuilt; latency back to normal.");
  await expect(dialog.getByRole("checkbox", { name: /Publish a final stakeholder update/ })).toBeChecked();
  await expect(dialog.getByLabel("Impact, for the final update")).toHaveValue("Search slow for every customer");
  await expectNoAccessibilityViolations(ben);
  await dialog.getByLabel("How was it resolved?").fill("Rebuilt the search index; p99 back under 300 ms.");
  await dialog.getByRole("button", { name: "Resolve incident" }).click();

  await expect(ben.getByTestId("incident-status")).toHaveText("Resolved");
  await expect(dialog).toBeHidden();
  await expect(ben.getByTestId("timeline").locator('li[data-kind="status_changed"]').first()).toContainText("Rebuilt the search index; p99 back under 300 ms.");
  await updates.getByRole("link", { name: "Status page" }).click();
  await expect(ben.getByTestId("stakeholder-update").first()).toContainText("Rebuilt the search index; p99 back under 300 ms.");
  await expect(ben.getByText("Next update by")).toHaveCount(0);
  await ben.context().close();
});

test("the feed is the centre of the room: newest first, paged, filtered, with a composer in view and keyboard posting", async ({ browser }) => {
  test.setTimeout(180_000);
  const ben = await responder(browser, DEMO.ben);
  const chen = await responder(browser, DEMO.chen);
  const room = await declare(ben, "A long incident");
  const reference = room.split("/").at(-1) ?? "";
  const posted = await Promise.all(
    Array.from({ length: 54 }, (_, n) => ben.request.post(`/api/incidents/${reference}/timeline`, { data: { body: `Observation ${n + 1}` } })),
  );
  expect(posted.map((response) => response.status())).toEqual(Array(54).fill(201));
  expect((await ben.request.post(`/api/incidents/${reference}/timeline`, { data: { body: "Observation 55" } })).status()).toBe(201);
  await ben.reload();
  await chen.goto(room);
  // The note box is four key presses from the top of the page: skip to content, skip to the note box.
  await ben.keyboard.press("Tab");
  await expect(ben.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await ben.keyboard.press("Enter");
  await ben.keyboard.press("Tab");
  await expect(ben.getByRole("link", { name: "Skip to the note box" })).toBeFocused();
  await ben.keyboard.press("Enter");
  const noteBox = ben.getByRole("textbox", { name: "Add a note to the timeline" });
  await expect(noteBox).toBeFocused();
  const timeline = ben.getByTestId("timeline");


  await expect(timeline.locator(":scope > li")).toHaveCount(50);
  await expect(timeline.locator(":scope > li").first()).toContainText("Observation 55");

  await ben.getByRole("button", { name: "Load older entries" }).click();
  await expect(timeline.locator(":scope > li")).toHaveCount(57);
  await expect(ben.getByRole("button", { name: "Load older entries" })).toHaveCount(0);
  await expect(timeline.locator(":scope > li").last()).toContainText("declared the incident");
  await ben.getByTestId("feed-order").click();
  await expect(timeline.locator(":scope > li").first()).toContainText("declared the incident");
  await ben.getByTestId("feed-order").click();

  await ben.getByRole("group", { name: "Show" }).getByRole("button", { name: "Status and roles" }).click();
  await expect(timeline.locator(":scope > li")).toHaveCount(2);
  await ben.getByRole("group", { name: "Show" }).getByRole("button", { name: "Everything" }).click();
  await expect(timeline.locator(":scope > li")).toHaveCount(50);

  // Ctrl+Enter posts; the note is first in the feed for its author at once, and reaches Chen live.
  await noteBox.fill("Cache warmed; hit ratio 94%.");
  await ben.keyboard.press("Control+Enter");
  await expect(timeline.locator(":scope > li").first()).toContainText("Cache warmed; hit ratio 94%.");
  await expect(noteBox).toHaveValue("");
  await expect(chen.getByTestId("timeline").locator(":scope > li").first()).toContainText("Cache warmed; hit ratio 94%.");
  await expect(timeline.locator('li[data-pending="true"]')).toHaveCount(0);

  // Marking a key event names its entry; the mark reaches Chen; the key-event filter keeps it.
  await ben.getByRole("button", { name: "Mark as key event: Ben Carter: Cache warmed; hit ratio 94%." }).click();
  await expect(chen.getByTestId("timeline").locator('li[data-key-event="true"]')).toContainText("Cache warmed; hit ratio 94%.");
  await chen.getByRole("group", { name: "Show" }).getByRole("button", { name: "Key events" }).click();
  await expect(chen.getByTestId("timeline").locator(":scope > li")).toHaveCount(1);

  // Checklist items are checkboxes.
  const firstItem = ben.getByTestId("checklist-commander").getByRole("checkbox").first();
  await expect(firstItem).toHaveAttribute("aria-checked", "false");
  await firstItem.click();
  await expect(ben.getByTestId("checklist-commander").getByRole("checkbox").first()).toHaveAttribute("aria-checked", "true");

  // The header and the composer stay in view at the bottom of the feed.
  await ben.mouse.wheel(0, 20_000);
  await expect(ben.getByTestId("room-header")).toBeInViewport();
  await expect(noteBox).toBeInViewport();
  await expectNoAccessibilityViolations(ben);
  await ben.context().close();
  await chen.context().close();
});

test("the room at 1280 and 1920 px connects live in English and Japanese, passes axe-core and shows no English in Japanese", async ({ browser }) => {
  const ben = await responder(browser, DEMO.ben);
  const room = await declare(ben, "Checkout latency after the 14:00 deploy");
  const reference = room.split("/").at(-1) ?? "";
  for (let n = 1; n <= 12; n += 1) {
    await ben.request.post(`/api/incidents/${reference}/timeline`, { data: { body: `p99 check ${n}: ${400 + n * 20} ms` } });
  }
  const chen = await responder(browser, DEMO.chen, "ja");
  for (const [page, locale] of [
    [ben, "en"],
    [chen, "ja"],
  ] as const) {
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 1080 });
      await page.goto(room);
      await expect(page.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
      await screenshot(page, `room-${width}-${locale}`);
      await page.mouse.wheel(0, 1_500);
      await screenshot(page, `room-${width}-${locale}-scrolled`, {});
    }
  }
  await expectNoAccessibilityViolations(chen);
  await expectNoEnglish(chen.getByTestId("activity-feed"), ["Checkout latency after the 14:00 deploy", "Ben Carter", "SEV2", "Ctrl", "Enter", "p99", "check", "ms", "UTC"]);
  await ben.context().close();
  await chen.context().close();
});
