import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { attachOutputIfFailed, launchFirebreak, newDataDir, removeDataDir, stopFirebreak, waitUntilHealthy, type TFirebreakProcess } from "./server-process";

// A server of its own (with the demo data), so this test can restart it without disturbing the shared one.
let dataDir = "";
const servers: TFirebreakProcess[] = [];

test.afterEach(async ({}, testInfo) => {
  await attachOutputIfFailed(testInfo, servers);
  for (const server of servers.splice(0)) await stopFirebreak(server);
  if (dataDir) await removeDataDir(dataDir);
});

async function start(port?: number) {
  const server = await launchFirebreak({ dataDir, port, env: { FIREBREAK_DEMO: "true" } });
  servers.push(server);
  await waitUntilHealthy(server);
  return server;
}

async function signIn(page: Page, base: string) {
  const { password } = JSON.parse(readFileSync(`${dataDir}/demo-sign-in.json`, "utf8")) as { password: string };
  await page.goto(`${base}/signin`);
  await page.locator('input[name="email"]').fill("ben.carter@example.com");
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/incidents/);
}

test("a postmortem's text is intact after the server restarts", async ({ page }) => {
  test.setTimeout(300_000);
  dataDir = await newDataDir("restart");
  const first = await start();
  const base = first.baseUrl;
  await signIn(page, base);
  await page.getByRole("link", { name: "Push notifications not delivered: APNs certificate expired" }).first().click();
  await page.getByTestId("incident-postmortem").getByRole("button", { name: "Create postmortem" }).click();
  await expect(page.getByTestId("collab-status")).toHaveText("Live");
  const url = page.url();
  const prompt = page.getByTestId("postmortem-editor").locator("p", { hasText: "What was done to mitigate" });
  await prompt.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Typed just before the restart.");
  await expect(page.getByTestId("postmortem-editor")).toContainText("Typed just before the restart.");
  // The server has acknowledged every change: from here on they are its to keep.
  await expect(page.getByTestId("save-status")).toHaveText("All changes on the server");

  await stopFirebreak(first);
  await expect(page.getByTestId("collab-status")).not.toHaveText("Live");
  await start(Number(new URL(base).port));

  await page.goto(url);
  await expect(page.getByTestId("collab-status")).toHaveText("Live");
  await expect(page.getByTestId("postmortem-editor")).toContainText("Typed just before the restart.");
});
