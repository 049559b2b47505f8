import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { createIntegration } from "@/lib/alerts/integrations";
import { db } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";
import { appProcessArgs } from "@/tests/app-process";

const run = promisify(execFile);

it("creates one incident when two app processes receive the same new alerts at once", async () => {
  const admin = await createTestUser("admin");
  const integration = await createIntegration(admin, { name: "two processes", source: "alertmanager", defaultServiceId: null, defaultSeverity: "SEV3" });
  const payload = JSON.parse(await readFile(path.join(import.meta.dirname, "../../fixtures/alerts/alertmanager-0.25-group-firing.json"), "utf8"));
  for (const alert of payload.alerts) alert.fingerprint = `${alert.fingerprint}-${integration.id}`;
  const payloadFile = path.join(await mkdtemp(path.join(tmpdir(), "firebreak-multi-")), "payload.json");
  await writeFile(payloadFile, JSON.stringify(payload));

  const worker = () =>
    run(process.execPath, appProcessArgs("tests/integration/ingest-process.ts", integration.key, payloadFile, "15"), {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    });
  const results = await Promise.all([worker(), worker()]);
  for (const { stdout } of results) expect(JSON.parse(stdout)).toEqual(Array(15).fill(true));

  const alerts = await db().alert.findMany({ where: { integrationId: integration.id } });
  expect(alerts).toHaveLength(2);
  expect(new Set(alerts.map((alert) => alert.incidentId)).size).toBe(1);
  expect(alerts[0]?.incidentId).not.toBeNull();
  expect(alerts.reduce((sum, alert) => sum + alert.occurrences, 0)).toBe(60);
  expect(await db().alertDelivery.count({ where: { integrationId: integration.id } })).toBe(30);
}, 60_000);
