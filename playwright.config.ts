import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { installClockFromEnv } from "./lib/clock/shifted-clock";

// With FIREBREAK_CLOCK set (npm run test:e2e:month-start), the runner, its workers and the server share one clock.
installClockFromEnv();

const PORT = Number(process.env.E2E_PORT ?? 3210);
// A fresh data directory per run: the server seeds the demo into it on first start.
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(tmpdir(), "firebreak-e2e");
/** The scrape token of the e2e server's /metrics (e2e/metrics.spec.ts). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  // Retries hide flakiness: a test that fails once is fixed, not retried.
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 60_000,
  // A page's answer on a loaded 2-core CI machine can take longer than Playwright's 5 s default.
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    // Recording a trace of every test (DOM snapshots at each action) took 30 % of the suite's CPU on a
    // 2-core machine; a failure keeps its screenshot and the server's output. To debug one with a
    // trace: FIREBREAK_E2E_TRACE=1 npx playwright test <spec>.
    trace: process.env.FIREBREAK_E2E_TRACE ? "retain-on-failure" : "off",
    screenshot: "only-on-failure",
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        // Compositing and rasterising on the CPU directly, not through SwiftShader's emulated GPU: less CPU for the same pixels.
        "--disable-gpu-compositing",
        "--disable-gpu-rasterization",
        "--disable-software-rasterizer",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    command: `rm -rf "${E2E_DATA_DIR}" && exec node --import tsx server.ts`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    // Stopped as an operator would stop it, so that it stops its PostgreSQL (without this, Playwright SIGKILLs the process group).
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "pipe",
    stderr: "pipe",
    // Short-lived streams let a test cut a page off and watch it reconnect and catch up.
    // A low intake limit lets the rate-limit spec overflow a minute in a few hundred posts, not 1,801.
    // Loopback is allowed for outbound requests so that the notification specs' SMTP server (started by the spec) can be reached.
    env: { PORT: String(PORT), FIREBREAK_DATA_DIR: E2E_DATA_DIR, NODE_ENV: "production", FIREBREAK_DEMO: "true", FIREBREAK_STREAM_MAX_SECONDS: "3", FIREBREAK_OUTBOUND_ALLOW: "127.0.0.0/8", FIREBREAK_INTAKE_PER_MINUTE: "120", FIREBREAK_METRICS_TOKEN: E2E_METRICS_TOKEN },
  },
});
