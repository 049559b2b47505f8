import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
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

export async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(demoPassword());
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/incidents/);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join("e2e", "screenshots", `${name}.png`), fullPage: true });
}
