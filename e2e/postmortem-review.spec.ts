import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { DEMO, newLineAfter, screenshot, signIn } from "./helpers";

/** A resolved incident of this spec's own, Ben commanding and `noter` writing a note; its postmortem's page. */
async function postmortemOfOwnIncident(ben: Page, noter: Page): Promise<string> {
  const origin = new URL(ben.url()).origin;
  const headers = { origin };
  const declared = await ben.request.post("/api/incidents", { headers, data: { title: `Edge config push ${randomUUID().slice(0, 8)}`, severity: "SEV2" } });
  expect(declared.status()).toBe(201);
  const reference = `INC-${(await declared.json()).number}`;
  expect((await noter.request.post(`/api/incidents/${reference}/timeline`, { headers, data: { body: "Rolled back the config push" } })).status()).toBe(201);
  expect((await ben.request.patch(`/api/incidents/${reference}`, { headers, data: { status: "resolved" } })).status()).toBe(200);
  const created = await ben.request.post(`/api/incidents/${reference}/postmortem`, { headers, data: { language: "en" } });
  expect(created.status()).toBe(201);
  return `/postmortems/${(await created.json()).id}`;
}

async function signedIn(browser: Browser, email: string, options: { hasTouch?: boolean } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function openLive(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId("collab-status")).toHaveText(/^(Live|接続中)$/);
}

const withLocale = async (page: Page, locale: "en" | "ja") =>
  page.context().addCookies([{ name: "firebreak-locale", value: locale, url: new URL(page.url()).origin }]);

test("the review cannot deadlock: authors are the people who acted and can be changed, and the panel says who may approve", async ({ browser }) => {
  test.setTimeout(150_000);
  const ben = await signedIn(browser, DEMO.ben);
  const chen = await signedIn(browser, DEMO.chen);
  const url = await postmortemOfOwnIncident(ben, chen);
  await openLive(ben, url);
  const review = ben.getByTestId("review-panel");
  await expect(ben.getByTestId("postmortem-authors")).toContainText("Ben Carter");
  await expect(ben.getByTestId("postmortem-authors")).toContainText("Chen Wei");
  await expect(ben.getByTestId("approvers")).toContainText(/^Can approve: .*Aiko Tanaka/);
  await expect(ben.getByTestId("approvers")).not.toContainText("Chen Wei");

  // Everyone who could approve made an author: the panel says nobody can, and why.
  const add = review.getByRole("combobox", { name: "Add an author" });
  while ((await add.locator("option:not([disabled])").count()) > 0) {
    const before = await review.locator(".author-list li").count();
    await add.selectOption({ index: 1 });
    await review.getByRole("button", { name: "Add", exact: true }).click();
    await expect(review.locator(".author-list li")).toHaveCount(before + 1);
  }
  await expect(ben.getByTestId("approvers")).toHaveText(
    "Nobody can approve it: every responder is an author. Remove an author who did not write it, so that someone else can review it.",
  );
  await expect(ben.getByTestId("postmortem-editor")).toContainText("Aiko Tanaka");
  await expectNoAccessibilityViolations(ben);

  // Ben takes Chen off the authors, from the keyboard: Chen may now approve.
  await review.getByRole("button", { name: "Remove Chen Wei from the authors" }).focus();
  await ben.keyboard.press("Enter");
  await expect(ben.getByTestId("postmortem-authors")).not.toContainText("Chen Wei");
  await expect(ben.getByTestId("approvers")).toHaveText("Can approve: Chen Wei");
  await review.getByRole("button", { name: "Submit for review" }).click();
  await expect(ben.getByTestId("postmortem-status")).toHaveText("In review");
  await expect(review.getByRole("button", { name: /Remove/ })).toHaveCount(0);

  await withLocale(chen, "ja");
  await openLive(chen, url);
  await expect(chen.getByTestId("approvers")).toHaveText("承認できる人：Chen Wei");
  await expect(chen.getByTestId("review-panel").getByRole("button", { name: "承認" })).toBeVisible();
  await chen.context().close();
  await ben.context().close();
});

test("wording hints are listed beside the document for keyboard and touch, and again at submission and approval", async ({ browser }) => {
  test.setTimeout(150_000);
  const ben = await signedIn(browser, DEMO.ben);
  const chen = await signedIn(browser, DEMO.chen, { hasTouch: true });
  // Ben alone acted, so Chen is no author and may approve.
  const url = await postmortemOfOwnIncident(ben, ben);
  await openLive(ben, url);
  const hints = ben.getByTestId("hint-list");
  await expect(hints).toContainText("No phrase puts blame on people.");
  await newLineAfter(ben, "What was done to mitigate");
  await ben.keyboard.type("Dana forgot to renew it: human error. She should have known.");
  await expect(hints.getByRole("paragraph")).toHaveText("3 phrases describe people, not the system");
  await expect(hints.getByRole("listitem").first()).toContainText("Say what the process or tooling did not prompt or check.");

  // By keyboard: Tab reaches a hint; Enter selects its phrase in the document.
  const second = hints.getByRole("button", { name: "Show “human error” in the document" });
  await hints.getByRole("button", { name: "Show “forgot to” in the document" }).focus();
  await ben.keyboard.press("Tab");
  await expect(second).toBeFocused();
  await ben.keyboard.press("Enter");
  await expect.poll(() => ben.evaluate(() => window.getSelection()?.toString())).toBe("human error");

  // Sent to review once the server has every keystroke; the panel lists the open hints.
  await expect(ben.getByTestId("save-status")).toHaveText("All changes on the server");
  await ben.getByTestId("review-panel").getByRole("button", { name: "Submit for review" }).click();
  await expect(ben.getByTestId("postmortem-status")).toHaveText("In review");
  await expect(ben.getByTestId("review-hints")).toContainText("3 phrases describe people, not the system");
  await expect(ben.getByTestId("review-hints")).toContainText("human error");
  // By touch, for another responder reading in Japanese.
  await withLocale(chen, "ja");
  await openLive(chen, url);
  const chenHints = chen.getByTestId("hint-list");
  await expect(chenHints.getByRole("heading")).toHaveText("表現のヒント");
  await expect(chenHints.getByRole("paragraph")).toHaveText("システムではなく人を責める表現が3件あります");
  await chenHints.getByRole("button", { name: "文書内の「should have known」を表示" }).tap();
  await expect.poll(() => chen.evaluate(() => window.getSelection()?.toString())).toBe("should have known");
  // Where Chen approves, the open hints are listed (hints, never blocks).
  await expect(chen.getByTestId("review-hints")).toContainText("システムではなく人を責める表現が3件あります");
  await expect(chen.getByTestId("review-panel").getByRole("button", { name: "承認" })).toBeVisible();
  await expectNoAccessibilityViolations(chen);
  await chen.context().close();
  await ben.context().close();
});

test("the export after publishing states Published, with bold that renders, no unanswered prompts and absolute links", async ({ browser }) => {
  test.setTimeout(150_000);
  const ben = await signedIn(browser, DEMO.ben);
  const chen = await signedIn(browser, DEMO.chen);
  const aiko = await signedIn(browser, DEMO.admin);
  const url = await postmortemOfOwnIncident(ben, chen);
  await openLive(ben, url);
  await ben.getByTestId("review-panel").getByRole("button", { name: "Submit for review" }).click();
  await expect(ben.getByTestId("postmortem-status")).toHaveText("In review");
  await openLive(aiko, url);
  const review = aiko.getByTestId("review-panel");
  for (const goal of await review.getByRole("checkbox").all()) await goal.check();
  await review.getByRole("button", { name: "Approve" }).click();
  await expect(aiko.getByTestId("postmortem-status")).toHaveText("Approved");
  await review.getByRole("button", { name: "Publish" }).click();
  await expect(aiko.getByTestId("postmortem-status")).toHaveText("Published");
  await expect(aiko.getByTestId("postmortem-editor")).toContainText("Published · SEV2 · incident Closed");

  const [download] = await Promise.all([aiko.waitForEvent("download"), aiko.getByTestId("export-postmortem-markdown").click()]);
  const markdown = await readFile(await download.path(), "utf8");
  expect(markdown).toMatch(/^## Status\n\nPublished · SEV2 · incident Closed$/m);
  expect(markdown).not.toContain("Draft");
  expect(markdown).toMatch(/^- \*\*Started:\*\* \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
  expect(markdown).not.toMatch(/\*\*[^*\n]*\s\*\*/);
  expect(markdown).toMatch(/^## Root causes\n\n\*Not written yet\.\*$/m);
  expect(markdown).not.toContain("In two or three sentences");
  const origin = new URL(aiko.url()).origin;
  expect(markdown).toMatch(new RegExp(`\\]\\(${origin.replace(/[.]/g, "\\.")}/incidents/INC-\\d+#entry-\\d+\\)`));
  expect(markdown).not.toMatch(/\]\(\//);
  const html = await (await aiko.request.get(`/api/postmortems/${url.split("/").at(-1)}/export?format=html`)).text();
  expect(html).toContain("<p>Published · SEV2 · incident Closed</p>");
  expect(html).not.toContain('href="/');
  for (const page of [ben, chen, aiko]) await page.context().close();
});

test("the editor loads without linkify or duplicate-import warnings, and a collaborator's name never covers the text", async ({ browser }) => {
  test.setTimeout(150_000);
  const ben = await signedIn(browser, DEMO.ben);
  const chen = await signedIn(browser, DEMO.chen);
  const url = await postmortemOfOwnIncident(ben, chen);
  const messages: string[] = [];
  ben.on("console", (message) => messages.push(message.text()));
  await openLive(ben, url);
  await openLive(chen, url);
  // Ben's line right above Chen's: the name of Chen's caret must not sit on what Ben is typing, nor on Chen's own line.
  await newLineAfter(ben, "In two or three sentences");
  await ben.keyboard.type("Ben: APNs rejected every iOS push for fifty minutes, from 03:00 to 03:50 JST.");
  await expect(chen.getByTestId("postmortem-editor")).toContainText("from 03:00 to 03:50 JST.");
  await newLineAfter(chen, "from 03:00 to 03:50 JST.");
  await chen.keyboard.type("Chen: renewed the certificate.");
  const label = ben.locator(".collaboration-carets__label", { hasText: "Chen Wei" });
  await expect(label).toBeVisible();
  await expect(ben.getByTestId("postmortem-editor")).toContainText("Chen: renewed the certificate.");
  const overlaps = await ben.getByTestId("postmortem-editor").evaluate((editor) => {
    const name = editor.querySelector(".collaboration-carets__label")?.getBoundingClientRect();
    if (!name) return ["no label"];
    const covered: string[] = [];
    const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest(".collaboration-carets__caret")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        const apart = rect.right <= name.left || rect.left >= name.right || rect.bottom <= name.top || rect.top >= name.bottom;
        if (!apart && rect.width > 0) covered.push(node.textContent ?? "");
      }
    }
    return covered;
  });
  expect(overlaps).toEqual([]);
  // Level with the caret's line: the name is shown beside the line Chen is on.
  const line = await ben.getByTestId("postmortem-editor").locator("p", { hasText: "Chen: renewed the certificate." }).boundingBox();
  const box = await label.boundingBox();
  expect(box && line && box.y >= line.y - 2 && box.y + box.height <= line.y + line.height + 2).toBe(true);
  await label.scrollIntoViewIfNeeded();
  const shown = await label.boundingBox();
  await screenshot(ben, "postmortem-caret-label", { clip: { x: 0, y: Math.max(0, (shown?.y ?? 0) - 120), width: 1280, height: 240 } });
  // Each library once in the page: no re-registered linkify schemes, no second copy of Yjs.
  expect(messages.filter((message) => /linkifyjs|already imported/i.test(message))).toEqual([]);
  await chen.context().close();
  await ben.context().close();
});

for (const locale of ["en", "ja"] as const) {
  test(`the postmortem page at 1280 and 1920 px passes axe-core (${locale})`, async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, DEMO.ben);
    await withLocale(page, locale);
    await page.goto("/postmortems");
    await page
      .getByTestId("postmortem-list")
      .getByRole("link", { name: /Search returns no results/ })
      .click();
    await expect(page.getByTestId("collab-status")).toHaveText(locale === "en" ? "Live" : "接続中");
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 1080 });
      await expect(page.getByTestId("hint-list")).toBeVisible();
      await expectNoAccessibilityViolations(page);
      await screenshot(page, `postmortem-${locale}-${width}`);
    }
  });
}
