import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// A server of its own, so this test can restart it without disturbing the shared one.
const PORT = Number(process.env.E2E_RESTART_PORT ?? 3211);
const BASE = `http://localhost:${PORT}`;
const DATA_DIR = path.join(tmpdir(), "firebreak-e2e-restart");

function startServer(): ChildProcess {
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server.ts"], {
    env: { ...process.env, PORT: String(PORT), FIREBREAK_DATA_DIR: DATA_DIR, NEXTAUTH_URL: BASE, NODE_ENV: "production" },
    stdio: "ignore",
  });
}

async function waitUntilHealthy() {
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`${BASE}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 90_000, intervals: [250] },
    )
    .toBe(200);
}

async function stopServer(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

async function signIn(page: Page) {
  const { password } = JSON.parse(readFileSync(path.join(DATA_DIR, "demo-sign-in.json"), "utf8")) as { password: string };
  await page.goto(`${BASE}/signin`);
  await page.locator('input[name="email"]').fill("ben.carter@example.com");
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/incidents/);
}

test("a postmortem's text is intact after the server restarts", async ({ page }) => {
  test.setTimeout(180_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  let server = startServer();
  try {
    await waitUntilHealthy();
    await signIn(page);
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

    await stopServer(server);
    await expect(page.getByTestId("collab-status")).not.toHaveText("Live");
    server = startServer();
    await waitUntilHealthy();

    await page.goto(url);
    await expect(page.getByTestId("collab-status")).toHaveText("Live");
    await expect(page.getByTestId("postmortem-editor")).toContainText("Typed just before the restart.");
  } finally {
    await stopServer(server);
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
});
