import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Fails with axe-core's own findings when the page breaks a WCAG 2.1 A/AA rule axe can check. */
export async function expectNoAccessibilityViolations(page: Page) {
  // Next renders a page's <title> with its metadata, which a refresh after a server action streams
  // again: checked in that moment, the page briefly has none (axe's document-title, seen in CI).
  // A page that never gets one still fails here.
  await expect.poll(() => page.title(), { message: "the page has a <title>" }).not.toBe("");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes.map((node) => node.target.join(" ")).join(", ")})`)).toEqual([]);
}
