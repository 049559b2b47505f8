import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

// A server of its own, so this test can restart it without disturbing the shared one. Its data
// directory follows the run's and its port is a free one, so that runs side by side never share them.
const DATA_DIR = `${process.env.E2E_DATA_DIR ?? path.join(tmpdir(), "firebreak-e2e")}-restart`;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function startServer(port: number): ChildProcess {
  return spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "server.ts"], {
    env: { ...process.env, PORT: String(port), FIREBREAK_DATA_DIR: DATA_DIR, NEXTAUTH_URL: `http://localhost:${port}`, NODE_ENV: "production" },
    stdio: "ignore",
  });
}

/** Waits until this test's own server answers (it must still be running: nothing else may answer in its place). */
async function waitUntilHealthy(server: ChildProcess, base: string) {
  await expect
    .poll(
      async () => {
        if (server.exitCode !== null) return `exited with ${server.exitCode}`;
        try {
          return (await fetch(`${base}/api/health`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 90_000, intervals: [250] },
    )
    .toBe(200);
}

async function stopServer(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

async function signIn(page: Page, base: string) {
  const { password } = JSON.parse(readFileSync(path.join(DATA_DIR, "demo-sign-in.json"), "utf8")) as { password: string };
  await page.goto(`${base}/signin`);
  await page.locator('input[name="email"]').fill("ben.carter@example.com");
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/incidents/);
}

test("a postmortem's text is intact after the server restarts", async ({ page }) => {
  test.setTimeout(180_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const port = await freePort();
  const base = `http://localhost:${port}`;
  let server = startServer(port);
  try {
    await waitUntilHealthy(server, base);
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

    await stopServer(server);
    await expect(page.getByTestId("collab-status")).not.toHaveText("Live");
    server = startServer(port);
    await waitUntilHealthy(server, base);

    await page.goto(url);
    await expect(page.getByTestId("collab-status")).toHaveText("Live");
    await expect(page.getByTestId("postmortem-editor")).toContainText("Typed just before the restart.");
  } finally {
    await stopServer(server);
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
});
