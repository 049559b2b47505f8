import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Cookie, type Locator, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";

/** The demo sign-in the server wrote on its first start. */
export function demoPassword(): string {
  return JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-sign-in.json"), "utf8")).password;
}

export const DEMO = {
  admin: "aiko.tanaka@example.com",
  ben: "ben.carter@example.com",
  chen: "chen.wei@example.com",
  viewer: "emma.lopez@example.com",
} as const;

/** The session cookie each person got at their first sign-in in this worker. */
const sessionCookies = new Map<string, Cookie[]>();

/**
 * Signs `email` in and lands on the incident list. The sign-in form (and its password hash) runs once
 * per person and worker; later calls reuse that session while it is valid (a sign-out ends it).
 */
export async function signIn(page: Page, email: string) {
  const saved = sessionCookies.get(email);
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto("/incidents");
    if (new URL(page.url()).pathname === "/incidents") return;
    sessionCookies.delete(email);
    await page.context().clearCookies({ name: saved[0]?.name });
  }
  await signInWithForm(page, email);
  sessionCookies.set(
    email,
    (await page.context().cookies()).filter((cookie) => cookie.name.endsWith("session-token")),
  );
}

async function signInWithForm(page: Page, email: string) {
  await page.goto("/signin");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(demoPassword());
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/incidents/);
}

/**
 * Saves what the page looks like to e2e/screenshots/ for people to look at (`npm run screenshots`);
 * in `npm test` nothing asserts on the pictures, so they are not taken.
 */
export async function screenshot(
  page: Page,
  name: string,
  area: { clip?: { x: number; y: number; width: number; height: number }; fullPage?: boolean } = { fullPage: true },
) {
  if (!process.env.FIREBREAK_E2E_SCREENSHOTS) return;
  await page.screenshot({ path: path.join("e2e", "screenshots", `${name}.png`), ...area });
}

/** A payload as a real sender sent it (fixtures/alerts/README.md says where each came from). */
export const alertFixture = (name: string) => readFileSync(path.join("fixtures", "alerts", name), "utf8");

/** Follows a link in one of the top bar's menus: "admin-menu" (administration) or "user-menu" (the signed-in person's pages). */
export async function openFromMenu(page: Page, menu: "admin-menu" | "user-menu", link: string) {
  const opened = page.getByTestId(menu);
  await opened.locator("summary").click();
  await opened.getByRole("link", { name: link, exact: true }).click();
}

/** Adds an Alertmanager integration through its page (routing to `defaultService` when given); returns the path of its webhook. */
export async function addAlertmanagerIntegration(page: Page, name: string, defaultService?: string) {
  await openFromMenu(page, "admin-menu", "Integrations");
  const form = page.getByRole("form", { name: "Add an integration" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.locator("select[name=source]").selectOption("alertmanager");
  if (defaultService) await form.getByLabel("Default service (when the alert names none)").selectOption({ label: defaultService });
  await form.getByRole("button", { name: "Create integration" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByTestId("config-snippet")).toContainText("send_resolved: true");
  const webhookUrl = (await page.getByTestId("webhook-url").textContent())?.trim() ?? "";
  expect(webhookUrl).toMatch(/\/api\/integrations\/fbi_[\w-]+\/alerts$/);
  return new URL(webhookUrl).pathname;
}

/**
 * Fails when a Japanese screen shows English: any word of Latin letters left in its visible text once
 * the data it may show as typed (people's names, titles, references, labels) is taken out.
 */
/** Written the same in a Japanese UI: time-zone abbreviations and key names. */
const SAME_IN_JAPANESE = ["Ctrl+Enter", "⌘+Enter", "Ctrl+K", "JST", "UTC"];

export async function expectNoEnglish(locator: Locator, data: string[]) {
  // What is shown as text: what is in view, but not the lists' choices (people, services, SLOs: data to choose from).
  const text = await locator.evaluate((root) => {
    const shown: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && !parent.closest("select, script, style") && parent.checkVisibility()) shown.push(node.textContent ?? "");
    }
    return shown.join("");
  });
  const rest = [...data, ...SAME_IN_JAPANESE].sort((a, b) => b.length - a.length).reduce((remaining, value) => remaining.split(value).join(" "), text);
  expect(rest.match(/[A-Za-z]{2,}[^\n]{0,30}/g) ?? [], rest).toEqual([]);
}

/**
 * Holds the page's re-renders (Next's refetches of the page, not its server actions) until
 * `release()`, as a slow server would: what the page shows meanwhile comes from its live stream only.
 */
export function holdPageRefreshes(page: Page): { release: () => void } {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  void page.route("**/incidents/**", async (route) => {
    const headers = route.request().headers();
    if (headers["rsc"] === "1" && !headers["next-action"]) await released;
    await route.fallback();
  });
  return { release };
}

/** Opens a new line after a paragraph of the postmortem's document, with the caret on it. */
export async function newLineAfter(page: Page, paragraphText: string) {
  const paragraph = page.getByTestId("postmortem-editor").locator("p", { hasText: paragraphText }).first();
  // The page can still move under the click (the wording hints appear above the document once
  // checked; on a slow machine CI saw the text typed into the title): click until the caret is in it.
  await expect(async () => {
    const box = await paragraph.boundingBox();
    // The bottom-right corner of a wrapped paragraph is its end.
    await paragraph.click({ position: { x: (box?.width ?? 2) - 1, y: (box?.height ?? 2) - 2 } });
    expect(await paragraph.evaluate((element) => element.contains(window.getSelection()?.anchorNode ?? null))).toBe(true);
  }).toPass({ timeout: 15_000 });
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
}
