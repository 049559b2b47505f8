import { it } from "vitest";
import { createIntegration } from "@/lib/alerts/integrations";
import { storeAlertBatches, type TAlertBatch } from "@/lib/alerts/alert-store";
import { NORMALISERS } from "@/lib/alerts/normalisers";
import { poolSql, type TSql } from "@/lib/db/sql";
import { dbPool } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";
import { alertmanagerWebhook } from "@/bench/ingest-load";

it("explains", async () => {
  const admin = await createTestUser("admin");
  const integration = await createIntegration(admin, { name: `explain ${Date.now()}`, source: "alertmanager", defaultServiceId: null, defaultSeverity: "SEV3" });
  const batchOf = (group: number): TAlertBatch => {
    const rawBody = alertmanagerWebhook(group, group * 10);
    const normalised = NORMALISERS.alertmanager(JSON.parse(rawBody), new Date());
    return { integrationId: integration.id, source: "alertmanager", defaultServiceId: null, rawBody, externalId: undefined, notes: [], alertCount: 10,
      firing: normalised.alerts.map((alert) => ({ alert, severity: "SEV3" as const })), resolved: [], now: new Date() };
  };
  for (let g = 0; g < 500; g += 25) await storeAlertBatches(poolSql(), Array.from({ length: 25 }, (_, i) => batchOf(g + i)));
  for (let round = 0; round < 3; round++) for (let g = 0; g < 500; g += 25) await storeAlertBatches(poolSql(), Array.from({ length: 25 }, (_, i) => batchOf(g + i)));
  const explaining: TSql = async <TRow>(strings: TemplateStringsArray, ...values: unknown[]) => {
    const text = "EXPLAIN (ANALYZE, BUFFERS, WAL) " + strings.reduce((query, part, index) => `${query}$${index}${part}`);
    const result = await dbPool().query({ text, values });
    console.log(result.rows.map((row) => row["QUERY PLAN"]).join("\n"));
    return [] as TRow[];
  };
  await storeAlertBatches(explaining, Array.from({ length: 25 }, (_, i) => batchOf(100 + i))).catch(() => {});
  const started = performance.now();
  for (let round = 0; round < 4; round++) for (let g = 0; g < 500; g += 25) await storeAlertBatches(poolSql(), Array.from({ length: 25 }, (_, i) => batchOf(g + i)));
  console.log("80 statements of 25 deliveries (2000 webhooks):", Math.round(performance.now() - started), "ms");
}, 120_000);
