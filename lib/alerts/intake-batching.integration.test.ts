import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { db, dbPool } from "@/lib/db/prisma";
import { poolSql } from "@/lib/db/sql";
import { createTestUser } from "@/lib/testing/factories";
import { storeAlertBatches, type TAlertBatch } from "./alert-store";
import { storeFiringDelivery } from "./intake-batching";
import { createIntegration } from "./integrations";
import type { TNormalisedAlert } from "./schema";

const now = new Date("2026-12-01T00:00:30Z");
let admin: TActor;

beforeAll(async () => {
  admin = await createTestUser("admin");
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function newIntegrationId() {
  const integration = await createIntegration(admin, {
    name: `batching ${Math.random().toString(36).slice(2, 8)}`,
    source: "generic",
    defaultServiceId: null,
    defaultSeverity: "SEV3",
  });
  return integration.id;
}

function alert(dedupKey: string, status: "firing" | "resolved" = "firing"): TNormalisedAlert {
  return {
    dedupKey,
    groupKey: `group-${dedupKey}`,
    status,
    level: "warning",
    sourceSeverity: "warning",
    title: `Alert ${dedupKey}`,
    description: "",
    labels: { key: dedupKey },
    serviceHint: null,
    startsAt: new Date("2026-11-30T23:59:00Z"),
    endsAt: status === "resolved" ? now : null,
    links: [],
  };
}

function delivery(integrationId: string, firing: string[], options: { resolved?: string[]; externalId?: string } = {}): TAlertBatch {
  return {
    integrationId,
    source: "generic",
    defaultServiceId: null,
    rawBody: JSON.stringify({ firing, resolved: options.resolved ?? [] }),
    externalId: options.externalId,
    notes: [],
    alertCount: firing.length + (options.resolved?.length ?? 0),
    firing: firing.map((key) => ({ alert: alert(key), severity: "SEV3" as const })),
    resolved: (options.resolved ?? []).map((key) => alert(key, "resolved")),
    now,
  };
}

const occurrencesOf = async (integrationId: string) =>
  Object.fromEntries(
    (await db().alert.findMany({ where: { integrationId }, select: { dedupKey: true, occurrences: true } })).map((row) => [row.dedupKey, row.occurrences]),
  );

describe("deliveries stored together", () => {
  it("store each delivery's alerts under its own delivery, in one statement", async () => {
    const integrationId = await newIntegrationId();
    await storeAlertBatches(poolSql(), [delivery(integrationId, ["shared-later"])]);
    const stored = await storeAlertBatches(poolSql(), [
      delivery(integrationId, ["a", "b"]),
      delivery(integrationId, ["c"], { resolved: ["shared-later"] }),
      delivery(integrationId, []),
    ]);

    expect(new Set(stored.map((one) => one.deliveryId)).size).toBe(3);
    expect(stored.map((one) => one.firing.map((firing) => firing.dedupKey))).toEqual([["a", "b"], ["c"], []]);
    expect(stored.map((one) => one.resolved.map((resolved) => resolved.title))).toEqual([[], ["Alert shared-later"], []]);
    expect(stored[0]?.firing.every((firing) => firing.inserted && firing.occurrences === 1)).toBe(true);
    const rows = await db().alert.findMany({ where: { integrationId }, select: { dedupKey: true, firstDeliveryId: true, lastDeliveryId: true, status: true } });
    const byKey = Object.fromEntries(rows.map((row) => [row.dedupKey, row]));
    expect(byKey.a?.firstDeliveryId).toBe(stored[0]?.deliveryId);
    expect(byKey.c?.firstDeliveryId).toBe(stored[1]?.deliveryId);
    expect(byKey["shared-later"]).toMatchObject({ status: "resolved", lastDeliveryId: stored[1]?.deliveryId });
    const deliveries = await db().alertDelivery.findMany({ where: { id: { in: stored.map((one) => one.deliveryId) } }, orderBy: { id: "asc" } });
    expect(deliveries.map((row) => [row.alertCount, row.receivedAt.toISOString()])).toEqual([
      [2, now.toISOString()],
      [2, now.toISOString()],
      [0, now.toISOString()],
    ]);
  });

  it("store the deliveries that arrive while a statement runs together, in the next one", async () => {
    const integrationId = await newIntegrationId();
    const [first, ...arrivedMeanwhile] = await Promise.all(["a", "b", "c", "d"].map((key) => storeFiringDelivery(delivery(integrationId, [key]))));
    // Rows written by one statement share its transaction id.
    const transactionOf = async (deliveryId: bigint | undefined) =>
      (await poolSql()<{ xmin: string }>`SELECT xmin::text AS "xmin" FROM "AlertDelivery" WHERE "id" = ${deliveryId}`)[0]?.xmin;
    const later = await Promise.all(arrivedMeanwhile.map((stored) => transactionOf(stored.deliveryId)));
    expect(new Set(later).size).toBe(1);
    expect(later[0]).not.toBe(await transactionOf(first?.deliveryId));
    expect(await occurrencesOf(integrationId)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
  });

  it("refuse to put one alert in two deliveries of a statement", async () => {
    const integrationId = await newIntegrationId();
    await expect(storeAlertBatches(poolSql(), [delivery(integrationId, ["x"]), delivery(integrationId, ["x"])])).rejects.toThrow(/two deliveries/);
    expect(await db().alertDelivery.count({ where: { integrationId } })).toBe(0);
  });

  it("count every repeat when many deliveries of the same alerts arrive at once", async () => {
    const integrationId = await newIntegrationId();
    const warn = vi.spyOn(console, "warn");
    const senders = 40;
    const stored = await Promise.all(
      Array.from({ length: senders }, (_, index) => storeFiringDelivery(delivery(integrationId, ["hot", "warm", `own-${index}`]))),
    );

    expect(await occurrencesOf(integrationId)).toMatchObject({ hot: senders, warm: senders, "own-0": 1, "own-39": 1 });
    expect(new Set(stored.map((one) => one.deliveryId)).size).toBe(senders);
    expect(stored.map((one) => one.firing.map((firing) => firing.dedupKey))).toEqual(
      Array.from({ length: senders }, (_, index) => ["hot", `own-${index}`, "warm"].sort()),
    );
    // Exactly one delivery inserted each shared alert; the rest counted it.
    expect(stored.filter((one) => one.firing.find((firing) => firing.dedupKey === "hot")?.inserted)).toHaveLength(1);
    expect(await db().alertDelivery.count({ where: { integrationId } })).toBe(senders);
    // No statement had to be split up: deliveries repeating an alert went in different statements.
    expect(warn).not.toHaveBeenCalled();
  });

  it("keep storing other alerts while one alert's row is held by a slow transaction", async () => {
    const integrationId = await newIntegrationId();
    const otherIntegrationId = await newIntegrationId();
    await storeAlertBatches(poolSql(), [delivery(integrationId, ["held"])]);
    const holder = await dbPool().connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Alert" WHERE "integrationId" = $1 AND "dedupKey" = 'held' FOR UPDATE`, [integrationId]);
      const waitingOnTheLock = Array.from({ length: 6 }, () => storeFiringDelivery(delivery(integrationId, ["held"])));

      // Every slot could be taken by the repeats above, each waiting for the lock: these must not wait behind them.
      const unrelated = await Promise.all([
        storeFiringDelivery(delivery(otherIntegrationId, ["free"])),
        storeFiringDelivery(delivery(integrationId, ["also-free"])),
      ]);
      expect(unrelated.map((stored) => stored.firing.map((firing) => firing.dedupKey))).toEqual([["free"], ["also-free"]]);

      await holder.query("COMMIT");
      await Promise.all(waitingOnTheLock);
      expect(await occurrencesOf(integrationId)).toMatchObject({ held: 7, "also-free": 1 });
    } finally {
      holder.release();
    }
  });

  it("store the others when one delivery of a statement is refused", async () => {
    const integrationId = await newIntegrationId();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await storeAlertBatches(poolSql(), [delivery(integrationId, ["first"], { externalId: "message-1" })]);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, index) =>
        storeFiringDelivery(delivery(integrationId, [`key-${index}`], { externalId: index === 5 ? "message-1" : `message-${index + 10}` })),
      ),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array.from({ length: 12 }, (_, index) => (index === 5 ? "rejected" : "fulfilled")));
    expect(String((outcomes[5] as PromiseRejectedResult).reason)).toMatch(/unique/i);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/a statement of \d+ deliveries failed .*storing each alone/));
    expect(Object.keys(await occurrencesOf(integrationId)).sort()).toEqual(
      ["first", ...Array.from({ length: 12 }, (_, index) => `key-${index}`).filter((key) => key !== "key-5")].sort(),
    );
  });
});
