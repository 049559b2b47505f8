import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { DEMO, signIn } from "./helpers";

// Every page, as the demo fills it, signed in as each role: an admin in English and Japanese, a
// responder in Japanese, a viewer in English (each language's text and each role's controls are covered).
const EVERYONE = [
  "/incidents",
  "/incidents/INC-1",
  "/incidents/INC-1/status",
  "/incidents/new",
  "/alerts",
  "/services",
  "/services/checkout-api",
  "/teams",
  "/review",
  "/postmortems",
  "/action-items",
  "/settings/notifications",
  "/settings/tokens",
  "/settings/profile",
  "/signout",
] as const;
const ADMINS = [
  "/integrations",
  "/heartbeats",
  "/escalation-policies",
  "/admin/webhooks",
  "/admin/checklists",
  "/admin/notifications",
  "/admin/users",
] as const;

/** The links on `list` into its items (postmortems, a team…): the pages whose address holds an id. */
async function itemsOn(page: Page, list: string, prefix: string): Promise<string[]> {
  await page.goto(list);
  await expect(page.locator("h1").first()).toBeVisible();
  const hrefs = await page
    .locator(`main a[href^="${prefix}"]`)
    .evaluateAll(
      (links, start) => links.map((link) => link.getAttribute("href") ?? "").filter((href) => href.length > start.length && !href.includes("?")),
      prefix,
    );
  expect(hrefs.length, `items on ${list}`).toBeGreaterThan(0);
  return [...new Set(hrefs)];
}

const firstItem = async (page: Page, list: string, prefix: string) => (await itemsOn(page, list, prefix))[0] as string;

async function detailPages(page: Page, admin: boolean): Promise<string[]> {
  const team = await firstItem(page, "/teams", "/teams/");
  // Every postmortem of the demo: a draft being written and one in review (read-only) read differently.
  const pages = [...(await itemsOn(page, "/postmortems", "/postmortems/")), team, await firstItem(page, team, `${team}/schedules/`)];
  if (admin) pages.push(await firstItem(page, "/integrations", "/integrations/"), await firstItem(page, "/escalation-policies", "/escalation-policies/"));
  return pages;
}

async function checkEveryPage(page: Page, email: string, locale: "en" | "ja", admin: boolean) {
  // About thirty pages and an axe run each: generous for a loaded machine.
  test.setTimeout(420_000);
  await signIn(page, email);
  await page.context().addCookies([{ name: "firebreak-locale", value: locale, url: page.url() }]);
  const pages = [...EVERYONE, ...(admin ? ADMINS : []), ...(await detailPages(page, admin))];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    await test.step(path, () => expectNoAccessibilityViolations(page));
  }
}

for (const locale of ["en", "ja"] as const) {
  test(`every page passes axe-core's WCAG 2.1 AA checks for an admin (${locale})`, async ({ page }) => {
    await checkEveryPage(page, DEMO.admin, locale, true);
  });
}

test("every page a responder sees passes axe-core's checks (ja)", async ({ page }) => {
  await checkEveryPage(page, DEMO.chen, "ja", false);
});

test("every page a viewer sees passes axe-core's checks, the refusal of a page for admins too (en)", async ({ page }) => {
  await checkEveryPage(page, DEMO.viewer, "en", false);
  await page.goto("/admin/users");
  await expect(page.locator("h1").first()).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("the sign-in page passes axe-core's checks in English and Japanese", async ({ browser }) => {
  for (const locale of ["en", "ja"] as const) {
    const context = await browser.newContext({ locale: locale === "ja" ? "ja-JP" : "en-US" });
    const page = await context.newPage();
    await page.goto("/signin");
    await expect(page.locator("h1").first()).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await context.close();
  }
});
