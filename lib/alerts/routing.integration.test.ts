import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { db, dbPool } from "@/lib/db/prisma";
import { incidentReference } from "@/lib/incidents/rules";
import { declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { ingestAlertDelivery, type TIngestIntegration } from "./ingest";
import { createIntegration, deleteIntegration, updateIntegration } from "./integrations";
import { alertGroupLockKey } from "./rules";

const now = new Date("2026-11-23T08:30:00Z");
const tag = Math.random().toString(36).slice(2, 8);

let admin: TActor;

beforeAll(async () => {
  admin = await createTestUser("admin");
});

async function newService(name: string) {
  const slug = `${name}-${tag}-${Math.random().toString(36).slice(2, 6)}`;
  return createService(admin, { name: slug, slug, ownerTeam: "Core", description: "" });
}

async function newIntegration(source: TIngestIntegration["source"], commanderId: string) {
  const integration = await createIntegration(admin, { name: `${source} ${tag}`, source, defaultServiceId: null, defaultSeverity: "SEV3" });
  const updated = await updateIntegration(admin, integration.id, { commanderId });
  // The collector sends burn-rate alerts to every SLO integration there is, other test files' too:
  // deleted, this one receives only what the test hands it, and only the test's transactions wait
  // on its commander.
  if (source === "slo") await deleteIntegration(admin, integration.id);
  return updated;
}

/** What Firebreak's collector sends for a page-level burn of one SLO (lib/slo/burn-rate-alerts.ts), in the generic format. */
const burnRateAlert = (sloId: string, serviceSlug: string) =>
  JSON.stringify({
    alerts: [
      {
        dedupKey: `slo:${sloId}:3600000`,
        groupKey: `slo:${sloId}`,
        status: "firing",
        severity: "critical",
        title: `${serviceSlug} · ${sloId}: 2% of budget in 1 h`,
        service: serviceSlug,
        startsAt: now.toISOString(),
      },
    ],
  });

/**
 * Holds a lock on a user row that every incident opened by an alert needs (its commander's role
 * assignment checks the user), so that routing transactions stop just before they commit.
 */
async function holdCommanderRow(userId: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let transaction: Promise<void> = Promise.resolve();
  const pid = await new Promise<number>((held, failed) => {
    transaction = db().$transaction(
      async (tx) => {
        const [backend] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        await tx.$queryRaw`SELECT "id" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
        held(backend?.pid as number);
        await released;
      },
      { timeout: 30_000 },
    );
    transaction.catch(failed);
  });
  return {
    /** Waits until this many transactions wait on the held row, directly or behind one that does. */
    async waitForWaiters(count: number) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const rows = await db().$queryRaw<{ pid: number; blockers: number[] }[]>`
          SELECT "pid", pg_blocking_pids("pid") AS "blockers" FROM pg_stat_activity WHERE "wait_event_type" = 'Lock'`;
        const chain = new Set([pid]);
        let grew = true;
        while (grew) {
          const joining = rows.filter((row) => !chain.has(row.pid) && row.blockers.some((blocker) => chain.has(blocker)));
          for (const row of joining) chain.add(row.pid);
          grew = joining.length > 0;
        }
        if (chain.size - 1 >= count) return;
        if (Date.now() > deadline) throw new Error(`${chain.size - 1} of ${count} transactions came to wait on the held row`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async release() {
      release();
      await transaction;
    },
  };
}

const incidentsOf = async (integrationIds: string[], serviceId: string) =>
  new Set(
    (await db().alert.findMany({ where: { integrationId: { in: integrationIds }, serviceId }, select: { incidentId: true } })).map((alert) => alert.incidentId),
  );

describe("an SLO burn-rate alert and its service's open incident", () => {
  it("joins the incident another alert of its service is opening at the same moment", async () => {
    const commander = await createTestUser("responder");
    const service = await newService("checkout");
    const prometheus = await newIntegration("generic", commander.id);
    const slo = await newIntegration("slo", commander.id);
    const barrier = await holdCommanderRow(commander.id);

    // The service's alert routes first and opens the incident; the SLO alert arrives before that commits.
    const opening = ingestAlertDelivery(
      prometheus,
      JSON.stringify({
        dedupKey: `5xx-${tag}`,
        status: "firing",
        title: "Checkout 5xx",
        severity: "critical",
        service: service.slug,
        groupKey: "checkout-5xx",
      }),
      { now },
    );
    await barrier.waitForWaiters(1);
    const burning = ingestAlertDelivery(slo, burnRateAlert("availability", service.slug), { now });
    await barrier.waitForWaiters(2);
    await barrier.release();
    await Promise.all([opening, burning]);

    const incidents = await incidentsOf([prometheus.id, slo.id], service.id);
    expect(incidents.size).toBe(1);
    expect([...incidents][0]).not.toBeNull();
  });

  it("opens one incident when two SLOs of one service start burning at once", async () => {
    const commander = await createTestUser("responder");
    const service = await newService("search");
    const slo = await newIntegration("slo", commander.id);
    const barrier = await holdCommanderRow(commander.id);

    const availability = ingestAlertDelivery(slo, burnRateAlert("availability", service.slug), { now });
    await barrier.waitForWaiters(1);
    const latency = ingestAlertDelivery(slo, burnRateAlert("latency", service.slug), { now });
    await barrier.waitForWaiters(2);
    await barrier.release();
    await Promise.all([availability, latency]);

    const incidents = await incidentsOf([slo.id], service.id);
    expect(incidents.size).toBe(1);
    expect([...incidents][0]).not.toBeNull();
  });
});

/** Polls `read` until it gives a value. */
async function eventually<T>(read: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("waited 10 s in vain");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the sender's answer", () => {
  it("names the incident an alert was moved to while its routing waited for the alert's row", async () => {
    const commander = await createTestUser("responder");
    const integration = await newIntegration("generic", commander.id);
    const elsewhere = await declareIncident(admin, { title: "Moved here", severity: "SEV3", serviceIds: [], summary: "" });
    const dedupKey = `moved-${tag}`;
    const groupLock = await dbPool().connect();
    const rowHolder = await dbPool().connect();
    try {
      // Routing waits for the group's lock, after the alert is stored.
      await groupLock.query("BEGIN");
      await groupLock.query("SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended($1, 0))", [alertGroupLockKey(null, dedupKey)]);
      const delivery = ingestAlertDelivery(integration, JSON.stringify({ dedupKey, status: "firing", title: "Moved", severity: "critical" }), { now });
      const alertId = await eventually(
        async () => (await db().alert.findFirst({ where: { integrationId: integration.id, dedupKey }, select: { id: true } }))?.id,
      );
      // Another transaction moves the alert and holds its row; routing reads the row (unattached) and waits for it.
      await rowHolder.query("BEGIN");
      await rowHolder.query(`UPDATE "Alert" SET "incidentId" = $1 WHERE "id" = $2`, [elsewhere.id, alertId]);
      await groupLock.query("COMMIT");
      await eventually(async () => {
        const waiting = await db().$queryRaw<{ pid: number }[]>`
          SELECT "pid" FROM pg_stat_activity WHERE "wait_event_type" = 'Lock' AND "query" LIKE '%FOR UPDATE OF alert%'`;
        return waiting.length > 0 ? true : null;
      });
      await rowHolder.query("COMMIT");

      expect(await delivery).toMatchObject({ accepted: true, incidents: [incidentReference(elsewhere.number)] });
    } finally {
      await groupLock.query("ROLLBACK").catch(() => {});
      await rowHolder.query("ROLLBACK").catch(() => {});
      groupLock.release();
      rowHolder.release();
    }
  });
});
