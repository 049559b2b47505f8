import { expect, test } from "@playwright/test";
import { DEMO, demoPassword, openFromMenu, screenshot, signIn } from "./helpers";

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/incidents");
  await expect(page).toHaveURL(/\/signin/);
  await page.locator('input[name="email"]').fill(DEMO.ben);
  await page.locator('input[name="password"]').fill(`${demoPassword()}-wrong`);
  await page.locator('button[type="submit"]').click();
  await expect(page.getByText("That email and password did not match an active account.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await screenshot(page, "signin-en");
});

test("a browser that keeps guessing is told how long to wait", async ({ page }) => {
  // An address no demo account uses: the wait applies to this (email, client) pair only.
  const email = `guesser-${Date.now()}@example.com`;
  await page.goto("/signin");
  const throttled = /^Too many wrong passwords from this device\. Try again in \d+ s\.$/;
  const answers: string[] = [];
  // Waits double (1 s, 2 s, 4 s …) after five failures, so a guess soon lands inside one.
  while (answers.length < 12 && !throttled.test(answers.at(-1) ?? "")) {
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill(`guess ${answers.length}`);
    await Promise.all([
      page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
      page.locator('button[type="submit"]').click(),
    ]);
    const failure = page.locator("form p.form-error[role=alert]");
    await expect(failure).toBeVisible();
    answers.push((await failure.textContent()) ?? "");
  }
  expect(answers.slice(0, 6)).toEqual(Array(6).fill("That email and password did not match an active account."));
  expect(answers.at(-1)).toMatch(throttled);
});

test("an admin creates a responder, who then gets a personal API token that works and can be revoked", async ({ page, browser, request }) => {
  await signIn(page, DEMO.admin);
  await openFromMenu(page, "admin-menu", "Users");
  const email = `frank.${Date.now()}@example.com`;
  const form = page.getByRole("form", { name: "Create a user" });
  await form.getByLabel("Name").fill("Frank Ito");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("Initial password (12+ characters)").fill("frank-initial-password");
  await form.getByRole("button", { name: "Create user" }).click();
  const row = page.locator(`tr[data-email="${email}"]`);
  await expect(row).toContainText("Frank Ito");
  // The create form clears itself once the action has finished and the list has re-rendered.
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");
  await row.getByRole("combobox").selectOption("responder");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("combobox")).toHaveValue("responder");
  await screenshot(page, "users-en");

  const frank = await browser.newPage();
  await frank.goto("/signin");
  await frank.locator('input[name="email"]').fill(email);
  await frank.locator('input[name="password"]').fill("frank-initial-password");
  await frank.locator('button[type="submit"]').click();
  await expect(frank.getByTestId("current-user")).toContainText("Frank Ito · Responder");
  await expect(frank.getByRole("link", { name: "Users" })).toHaveCount(0);

  await openFromMenu(frank, "user-menu", "API tokens");
  await frank.getByLabel("Token name").fill("deploy-bot");
  await frank.getByRole("button", { name: "Create token" }).click();
  const token = (await frank.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(token).toMatch(/^fbk_/);
  await screenshot(frank, "tokens-en");

  // `request` has no browser cookies: only the token authenticates these calls.
  const bearer = { authorization: `Bearer ${token}` };
  const me = await (await request.get("/api/me", { headers: bearer })).json();
  expect(me.email).toBe(email);
  const declared = await request.post("/api/incidents", { headers: bearer, data: { title: "Declared from a script", severity: "SEV4" } });
  expect(declared.status()).toBe(201);

  await frank.reload();
  await frank.getByRole("button", { name: "Revoke" }).click();
  await expect(frank.getByRole("cell", { name: "Revoked" })).toBeVisible();
  const afterRevoke = await request.get("/api/me", { headers: bearer });
  expect(afterRevoke.status()).toBe(401);
  await frank.close();
});

test("timestamps show in the viewer's time zone with UTC on hover", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo", locale: "ja-JP" });
  const page = await context.newPage();
  await signIn(page, DEMO.chen);
  const started = page.getByTestId("incident-list").locator("time").first();
  const utc = await started.getAttribute("title");
  const iso = await started.getAttribute("datetime");
  expect(utc).toMatch(/ UTC$/);
  // Tokyo's wall clock, labelled with the zone (the date before it unless it is today there).
  const clock = new Intl.DateTimeFormat("ja", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Tokyo" }).format(new Date(iso ?? ""));
  await expect(started).toHaveText(new RegExp(`(^|日 )${clock} JST$`));
  await context.close();
});
