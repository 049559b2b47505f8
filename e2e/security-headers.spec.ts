import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("pages carry a nonce-based Content-Security-Policy that the app runs under without a single violation", async ({ page }) => {
  const violations: string[] = [];
  const missing: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });

  const signInPage = await page.goto("/signin");
  const policy = signInPage?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(signInPage?.headers()["permissions-policy"]).toContain("camera=()");
  // Next put this response's nonce on its inline scripts.
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  expect(await page.locator("script[nonce]").first().evaluate((script) => (script as HTMLScriptElement).nonce)).toBe(nonce);

  // The whole app hydrates and works under the policy: sign in, open the incident list and a room.
  await signIn(page, DEMO.ben);
  await page.getByRole("link", { name: /Checkout failing for card payments/ }).first().click();
  await expect(page.getByRole("heading", { name: /Checkout failing for card payments/ })).toBeVisible();
  // A fresh nonce per page.
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toBe(policy);

  // A NUL in a page address is refused before any page code (or query) sees it.
  for (const address of ["/incidents/%00", "/incidents/INC-%00", "/postmortems?q=%00"]) expect((await page.request.get(address)).status()).toBe(400);

  expect(violations).toEqual([]);
  // The browser's favicon request finds the icon.
  expect(missing).toEqual([]);
});
