import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, newLineAfter, screenshot, signIn } from "./helpers";

const APNS_INCIDENT = "Push notifications not delivered: APNs certificate expired";
const HEADINGS = [
  "Date",
  "Authors",
  "Status",
  "Summary",
  "Impact",
  "Root causes",
  "Trigger",
  "Resolution",
  "Detection",
  "Action items",
  "Lessons learned",
  "Timeline",
  "Supporting information",
];

async function openLive(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId("collab-status")).toHaveText("Live");
  return page.getByTestId("postmortem-editor");
}

/** The document's text without other people's caret labels. */
function documentText(page: Page) {
  return page.getByTestId("postmortem-editor").evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return copy.textContent;
  });
}

test("two responders write a postmortem together, a viewer only reads it, and the export has the template and the incident's data", async ({ browser }) => {
  // Three people, an export and a review in one story: ~45-60 s on two busy cores, over the default 60.
  test.setTimeout(150_000);
  const benContext = await browser.newContext();
  const chenContext = await browser.newContext();
  const viewerContext = await browser.newContext();
  const ben = await benContext.newPage();
  const chen = await chenContext.newPage();
  const viewer = await viewerContext.newPage();
  await signIn(ben, DEMO.ben);
  await signIn(chen, DEMO.chen);
  await signIn(viewer, DEMO.viewer);

  await ben.getByRole("link", { name: APNS_INCIDENT }).first().click();
  await ben.getByTestId("incident-postmortem").getByRole("button", { name: "Create postmortem" }).click();
  await expect(ben).toHaveURL(/\/postmortems\/\w+/);
  const url = ben.url();
  const benEditor = await openLive(ben, url);
  const chenEditor = await openLive(chen, url);
  await expect(benEditor.getByRole("heading", { name: "Detection" })).toBeVisible();
  await expect(benEditor).toContainText("APNs rejecting pushes: BadCertificate");

  // Each takes a line in a different section (Ben's above Chen's, so neither click lands on a line
  // the other's typing just moved), then both type at the same time.
  await newLineAfter(ben, "In two or three sentences");
  await expect.poll(() => documentText(chen)).toBe(await documentText(ben));
  await newLineAfter(chen, "What was done to mitigate");
  await Promise.all([
    ben.keyboard.type("Ben: APNs rejected every iOS push for 50 minutes.", { delay: 15 }),
    chen.keyboard.type("Chen: uploaded the renewed certificate at 03:48 JST.", { delay: 15 }),
  ]);
  await expect(benEditor).toContainText("Chen: uploaded the renewed certificate at 03:48 JST.");
  await expect(chenEditor).toContainText("Ben: APNs rejected every iOS push for 50 minutes.");
  // People's lines are their own paragraphs, not more of the template's prompt.
  await expect(benEditor.locator("p", { hasText: "Ben: APNs rejected" })).not.toHaveClass(/prompt/);
  // Each sees the other's caret, named.
  await expect(ben.locator(".collaboration-carets__label", { hasText: "Chen Wei" })).toBeVisible();
  await expect(chen.locator(".collaboration-carets__label", { hasText: "Ben Carter" })).toBeVisible();
  await expect.poll(async () => (await documentText(ben)) === (await documentText(chen))).toBe(true);

  // Something learned after the draft was made: regenerating refills the timeline, keeping what people wrote.
  const room = await benContext.newPage();
  await room.goto(url);
  await room
    .getByRole("link", { name: /^INC-\d+$/ })
    .first()
    .click();
  await room.getByRole("textbox", { name: "Add a note to the timeline" }).fill("Late finding: the renewal reminder went to a deleted mailbox.");
  await room.getByRole("button", { name: "Add note" }).click();
  await expect(room.getByTestId("timeline")).toContainText("Late finding");
  await room.close();
  await ben.getByRole("button", { name: "Regenerate data sections" }).click();
  await expect(chenEditor).toContainText("Late finding: the renewal reminder went to a deleted mailbox.");
  await expect(benEditor).toContainText("Late finding: the renewal reminder went to a deleted mailbox.");
  await expect(chenEditor).toContainText("Ben: APNs rejected every iOS push for 50 minutes.");

  // Blame-assigning language is hinted, never blocked.
  await newLineAfter(chen, "What made it worse or slower");
  await chen.keyboard.type("Dana forgot to renew it.");
  await expect(chen.locator(".blame-hint", { hasText: "forgot to" })).toHaveAttribute("title", /process or tooling/);
  await screenshot(ben, "postmortem-editor-en");

  // A viewer reads along but cannot change anything.
  const viewerEditor = await openLive(viewer, url);
  await expect(viewerEditor).toContainText("Chen: uploaded the renewed certificate");
  await expect(viewerEditor).toHaveAttribute("contenteditable", "false");
  await viewerEditor.locator("p", { hasText: "What was done to mitigate" }).click();
  await viewer.keyboard.type("viewer text");
  // A positive signal before looking for an absence: a line Ben writes after the viewer typed reaches
  // the viewer, so the viewer's keystrokes were handled long before; then both documents agree.
  await newLineAfter(ben, "Chen: uploaded the renewed certificate");
  await ben.keyboard.type("Ben: written after the viewer typed.");
  await expect(viewerEditor).toContainText("Ben: written after the viewer typed.");
  await expect.poll(async () => (await documentText(viewer)) === (await documentText(ben))).toBe(true);
  await expect(viewerEditor).not.toContainText("viewer text");
  await expect(benEditor).not.toContainText("viewer text");

  // Markdown export: every template heading in order, the incident's timeline and its alert.
  const [download] = await Promise.all([ben.waitForEvent("download"), ben.getByTestId("export-postmortem-markdown").click()]);
  const markdown = await readFile(await download.path(), "utf8");
  const positions = HEADINGS.map((heading) => markdown.search(new RegExp(`^#{2,3} ${heading}$`, "m")));
  expect(positions.every((position) => position >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(markdown).toContain("| Time (UTC) | Who | What |");
  expect(markdown).toMatch(/\| Dana Okafor \| noted: The APNs certificate expired at 03:00 JST/);
  expect(markdown).toContain("**APNs rejecting pushes: BadCertificate** (generic)");
  expect(markdown).toContain("`alertname=PushDeliveryFailing`");
  expect(markdown).toContain("[Runbook](https://runbooks.example.com/notifications/apns)");
  expect(markdown).toContain("Ben: APNs rejected every iOS push for 50 minutes.");
  expect(markdown).toContain("Chen: uploaded the renewed certificate at 03:48 JST.");
  expect(markdown).toContain("| Notifications · Push delivery | 50 |");

  // The outage spent over 20% of the Push delivery budget: the policy wants a P0 action item before approval.
  await expect(ben.getByTestId("p0-required")).toContainText("Notifications · Push delivery");
  const items = ben.getByTestId("action-items");
  await items.locator("summary", { hasText: "Add an action item" }).click();
  await items.locator(`input[name="title"]`).fill("Alert 30 days before any certificate expires");
  await items.locator(`select[name="ownerId"]`).selectOption({ label: "Dana Okafor" });
  await items.locator(`select[name="priority"]`).selectOption("P0");
  // Due in two weeks of the server's clock (the suite also runs with FIREBREAK_CLOCK set): not overdue.
  await items.locator(`input[name="dueDate"]`).fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
  await items.getByRole("button", { name: "Add an action item" }).click();
  await expect(items.locator("li", { hasText: "Alert 30 days before any certificate expires" })).toContainText("Dana Okafor");
  await expect(ben.getByTestId("p0-required")).toHaveCount(0);

  // Review: Ben wrote it, so Chen (not an author) approves against the five goals; publishing closes the incident.
  await ben.getByTestId("review-panel").getByRole("button", { name: "Submit for review" }).click();
  await expect(ben.getByTestId("postmortem-status")).toHaveText("In review");
  await chen.reload();
  // Hydrated (the editor is live) before ticking boxes the client re-renders.
  await expect(chen.getByTestId("collab-status")).toHaveText("Live");
  const review = chen.getByTestId("review-panel");
  for (const goal of await review.getByRole("checkbox").all()) await goal.check();
  await expect(review.getByRole("checkbox", { checked: true })).toHaveCount(5);
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(chen.getByTestId("postmortem-status")).toHaveText("Approved");
  await chen.getByTestId("review-panel").getByRole("button", { name: "Publish" }).click();
  await expect(chen.getByTestId("postmortem-status")).toHaveText("Published");
  await chen.getByRole("link", { name: /^INC-\d+$/ }).click();
  await expect(chen.getByTestId("incident-status")).toContainText("Closed");

  await benContext.close();
  await chenContext.close();
  await viewerContext.close();
});

test("postmortems are searchable and action items are tracked across them, in Japanese too", async ({ page }) => {
  await signIn(page, DEMO.chen);
  await page.getByRole("link", { name: "Postmortems" }).click();
  await page.getByRole("searchbox").fill("kuromoji");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("postmortem-list")).toContainText("Search returns no results for Japanese queries");
  await page.getByRole("link", { name: "Action items" }).click();
  const overdue = page.getByTestId("action-item-list").locator("tr.overdue");
  await expect(overdue).toContainText("Gate index rebuilds on an analyzer mapping check");
  await page.getByLabel("Overdue only").check();
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByTestId("action-item-list").locator("tbody tr")).toHaveCount(1);

  // A comment on a quoted selection, then resolved.
  await page.getByRole("link", { name: "INC-1" }).first().click();
  await expect(page.getByTestId("collab-status")).toHaveText("Live");
  await page.getByTestId("postmortem-editor").locator("p", { hasText: "kuromoji" }).first().click({ clickCount: 3 });
  await page.getByRole("button", { name: "Comment on selection" }).click();
  await expect(page.locator(".comment-form .quote")).toContainText("kuromoji");
  await page.getByLabel("Your comment").fill("Was the mapping check in CI at the time?");
  await page.getByRole("button", { name: "Add comment" }).click();
  const comments = page.getByTestId("comments");
  await expect(comments).toContainText("Was the mapping check in CI at the time?");
  await expect(comments.locator(".quote")).toContainText("kuromoji");
  await comments.getByRole("button", { name: "Resolve" }).click();
  await expect(comments).toContainText("1 resolved");

  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: "http://localhost:3210" }]);
  await page.goto("/postmortems");
  await page.getByRole("link", { name: /Search returns no results/ }).click();
  await expect(page.getByTestId("collab-status")).toHaveText("接続中");
  await expect(page.getByTestId("postmortem-editor").getByRole("heading", { name: "根本原因" })).toBeVisible();
  await expect(page.getByTestId("postmortem-status")).toHaveText("レビュー中");
  await screenshot(page, "postmortem-ja");
});
