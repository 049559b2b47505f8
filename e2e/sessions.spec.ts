import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("a session cookie saved before signing out opens nothing afterwards", async ({ browser }) => {
  const own = await browser.newContext();
  const page = await own.newPage();
  await signIn(page, DEMO.viewer);
  const saved = (await own.cookies()).filter((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(saved).toHaveLength(1);

  // Someone who copied the cookie (a shared machine, a leaked HAR file) is signed in as the viewer…
  const copy = await browser.newContext();
  await copy.addCookies(saved);
  expect((await copy.request.get("/api/me")).status()).toBe(200);

  await page.goto("/signout");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // …until the viewer signs out: then the copy opens neither pages nor the API.
  const copied = await copy.newPage();
  await copied.goto("/incidents");
  await expect(copied).toHaveURL(/\/signin/);
  expect((await copy.request.get("/api/me")).status()).toBe(401);

  // Signing in again works as before.
  await signIn(page, DEMO.viewer);
  await expect(page.getByTestId("current-user")).toContainText("Emma");
  await Promise.all([own.close(), copy.close()]);
});

test("a token can carry an expiry, and an admin revokes someone else's token from the users page", async ({ browser, request }) => {
  const ben = await browser.newPage();
  await signIn(ben, DEMO.ben);
  await ben.goto("/settings/tokens");
  const name = `ci-${Date.now()}`;
  await ben.getByLabel("Token name").fill(name);
  await ben.getByLabel("Expires").selectOption({ label: "In 30 days" });
  await ben.getByRole("button", { name: "Create token" }).click();
  const token = (await ben.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(token).toMatch(/^fbk_/);
  const bearer = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/me", { headers: bearer })).status()).toBe(200);
  // A token cannot make more tokens.
  const minted = await request.post("/api/tokens", { headers: bearer, data: { name: "from a token" } });
  expect(minted.status()).toBe(403);

  const admin = await browser.newPage();
  await signIn(admin, DEMO.admin);
  await admin.goto("/admin/users");
  const row = admin.locator(`tr[data-email="${DEMO.ben}"]`);
  await row.getByRole("form", { name: new RegExp(`^Revoke: ${name} `) }).getByRole("button", { name: "Revoke" }).click();
  await expect(row).not.toContainText(name);
  expect((await request.get("/api/me", { headers: bearer })).status()).toBe(401);

  await ben.reload();
  await expect(ben.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
  await Promise.all([ben.close(), admin.close()]);
});
