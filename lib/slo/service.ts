import { assertCan, can, type TActor } from "@/lib/auth/permissions";
import { db, type TTransaction } from "@/lib/db/prisma";
import { forbidden, notFound, unprocessable } from "@/lib/errors";
import type { Slo } from "@/lib/generated/prisma/client";
import { labelled } from "@/lib/i18n/message";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { objectivePpmFromPercent } from "./format";
import type { z } from "zod";
import { latencyNeedsThreshold, prometheusNeedsQueries, type TSliBatch, type TSloCreate, ZSloCreate, type TSloImpactLink, type TSloUpdate } from "./schema";
import { writeSliMinutes } from "./sli-store";
import { sliDataStart, windowEndAt } from "./windows";

const MINUTE = 60_000;

function prometheusColumns(prometheus: TSloCreate["prometheus"]) {
  return { prometheusUrl: prometheus?.url ?? null, prometheusGoodQuery: prometheus?.goodQuery ?? null, prometheusTotalQuery: prometheus?.totalQuery ?? null };
}

/** The server fetches a Prometheus URL from inside the network: like integrations, only admins set one. */
function assertCanConfigurePrometheus(actor: TActor) {
  if (!can(actor.role, "integration:manage")) throw forbidden("errors.slo.prometheusAdminsOnly");
}

export async function createSlo(actor: TActor, fields: z.input<typeof ZSloCreate>) {
  assertCan(actor, "incident:write");
  const input = ZSloCreate.parse(fields);
  if (input.prometheus) assertCanConfigurePrometheus(actor);
  const service = await db().service.findUnique({ where: { id: input.serviceId }, select: { id: true } });
  if (!service) throw unprocessable("errors.slo.unknownService");
  const { objectivePercent, prometheus, burnRateFactors, ...rest } = input;
  const existing = await db().slo.findUnique({ where: { serviceId_name: { serviceId: input.serviceId, name: input.name } }, select: { id: true } });
  if (existing) throw unprocessable("errors.slo.nameTaken", { name: input.name });
  return db().slo.create({
    data: {
      ...rest,
      ...prometheusColumns(prometheus),
      objective: objectivePpmFromPercent(objectivePercent),
      // None of its own: the workbook's table, scaled to each window when it is evaluated.
      burnRateFactors: burnRateFactors ?? [],
    },
  });
}

/**
 * Changes an SLO. Stored SLI data stays; a new data source is collected from the start of the
 * window on the collector's next run.
 */
export async function updateSlo(actor: TActor, sloId: string, update: TSloUpdate): Promise<Slo> {
  assertCan(actor, "incident:write");
  const slo = await db().slo.findUnique({ where: { id: sloId } });
  if (!slo) throw notFound("slo");
  const { objectivePercent, prometheus, burnRateFactors, ...rest } = update;
  const stored = prometheusColumns(
    slo.prometheusUrl ? { url: slo.prometheusUrl, goodQuery: slo.prometheusGoodQuery ?? "", totalQuery: slo.prometheusTotalQuery ?? "" } : null,
  );
  const prometheusChanged = prometheus !== undefined && JSON.stringify(prometheusColumns(prometheus)) !== JSON.stringify(stored);
  if (prometheus && prometheusChanged) assertCanConfigurePrometheus(actor);
  const merged = {
    kind: update.kind ?? slo.kind,
    latencyThresholdMs: update.latencyThresholdMs !== undefined ? update.latencyThresholdMs : slo.latencyThresholdMs,
    source: update.source ?? slo.source,
    prometheus: prometheus !== undefined ? prometheus : slo.prometheusUrl,
  };
  if (!latencyNeedsThreshold(merged)) throw unprocessable("errors.slo.latencyThreshold");
  if (!prometheusNeedsQueries(merged)) throw unprocessable("errors.slo.prometheusQueries");
  if (update.name && update.name !== slo.name) {
    const clash = await db().slo.findUnique({ where: { serviceId_name: { serviceId: slo.serviceId, name: update.name } }, select: { id: true } });
    if (clash) throw unprocessable("errors.slo.nameTaken", { name: update.name });
  }
  const sourceChanged = (update.source !== undefined && update.source !== slo.source) || prometheusChanged;
  return db().slo.update({
    where: { id: sloId },
    data: {
      ...rest,
      ...(objectivePercent !== undefined ? { objective: objectivePpmFromPercent(objectivePercent) } : {}),
      ...(burnRateFactors !== undefined ? { burnRateFactors: burnRateFactors ?? [] } : {}),
      ...(prometheus !== undefined ? prometheusColumns(prometheus) : {}),
      ...(sourceChanged ? { collectedThrough: null, collectError: "", collectErrorAt: null } : {}),
    },
  });
}

export async function deleteSlo(actor: TActor, sloId: string) {
  assertCan(actor, "incident:write");
  const { count } = await db().slo.deleteMany({ where: { id: sloId } });
  if (count === 0) throw notFound("slo");
}

/**
 * Stores pushed SLI counts, one row per minute; re-sending a minute replaces it. Every bucket is
 * checked before anything is written: minutes in the future or before the SLO's window (or the
 * last 7 days, which the burn rates read, when that reaches further back) are refused.
 */
export async function pushSliBuckets(actor: TActor, sloId: string, batch: TSliBatch, now = new Date()) {
  assertCan(actor, "incident:write");
  const slo = await db().slo.findUnique({ where: { id: sloId } });
  if (!slo) throw notFound("slo");
  if (slo.source !== "push") throw unprocessable("errors.slo.notPushed", { source: labelled(slo.source, `slo.source.${slo.source}`) });
  const start = sliDataStart(slo.window, slo.timeZone, windowEndAt(now));
  const minutes = batch.buckets.map((bucket) => new Date(Math.floor(bucket.minute.getTime() / MINUTE) * MINUTE));
  batch.buckets.forEach((bucket, index) => {
    if (bucket.minute.getTime() > now.getTime()) throw unprocessable("errors.slo.bucketInFuture", { index, minute: bucket.minute.toISOString() });
    if ((minutes[index] as Date) < start)
      throw unprocessable("errors.slo.bucketTooOld", { index, minute: bucket.minute.toISOString(), start: start.toISOString() });
  });
  // The last value sent for a minute wins, also within one batch.
  const byMinute = new Map(batch.buckets.map((bucket, index) => [(minutes[index] as Date).getTime(), bucket]));
  const rows = [...byMinute].map(([minute, bucket]) => ({ minute: new Date(minute), good: bucket.good, total: bucket.total }));
  const stored = await db().$transaction((tx) => writeSliMinutes(tx, sloId, rows), { timeout: 30_000 });
  return { stored };
}

/**
 * Records that an incident hurt an SLO, on the incident's timeline. For SLOs measured from
 * incidents a full outage's impact window becomes bad minutes: the collector recounts from the
 * incident's start.
 */
export async function recordSloImpact(actor: TActor, incidentId: string, link: TSloImpactLink, now = new Date()) {
  assertCan(actor, "incident:write");
  await db().$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { startedAt: true } });
    if (!incident) throw notFound("incident");
    const slo = await tx.slo.findUnique({ where: { id: link.sloId }, select: { id: true, name: true, service: { select: { name: true } } } });
    if (!slo) throw unprocessable("errors.slo.unknownSlo");
    const previous = await tx.incidentSloImpact.findUnique({ where: { incidentId_sloId: { incidentId, sloId: slo.id } }, select: { impact: true } });
    if (previous?.impact === link.impact) return;
    await tx.incidentSloImpact.upsert({
      where: { incidentId_sloId: { incidentId, sloId: slo.id } },
      create: { incidentId, sloId: slo.id, impact: link.impact, createdById: actor.id },
      update: { impact: link.impact },
    });
    await recountFrom(tx, slo.id, incident.startedAt);
    await appendTimelineEntry(tx, {
      incidentId,
      kind: "slo_impact_changed",
      actorId: actor.id,
      occurredAt: now,
      detail: { sloId: slo.id, slo: `${slo.service.name} · ${slo.name}`, impact: link.impact, previous: previous?.impact ?? null },
    });
  });
}

export async function removeSloImpact(actor: TActor, incidentId: string, sloId: string, now = new Date()) {
  assertCan(actor, "incident:write");
  await db().$transaction(async (tx) => {
    const removed = await tx.incidentSloImpact.findUnique({
      where: { incidentId_sloId: { incidentId, sloId } },
      select: { impact: true, incident: { select: { startedAt: true } }, slo: { select: { name: true, service: { select: { name: true } } } } },
    });
    if (!removed) throw notFound("sloImpact");
    await tx.incidentSloImpact.delete({ where: { incidentId_sloId: { incidentId, sloId } } });
    await recountFrom(tx, sloId, removed.incident.startedAt);
    await appendTimelineEntry(tx, {
      incidentId,
      kind: "slo_impact_changed",
      actorId: actor.id,
      occurredAt: now,
      detail: { sloId, slo: `${removed.slo.service.name} · ${removed.slo.name}`, impact: null, previous: removed.impact },
    });
  });
}

/** Incident-measured SLOs are recounted by the collector from this instant on. */
function recountFrom(tx: TTransaction, sloId: string, from: Date) {
  return tx.$executeRaw`
    UPDATE "Slo" SET "collectedThrough" = least("collectedThrough", ${new Date(Math.floor(from.getTime() / MINUTE) * MINUTE)}::timestamp(3))
    WHERE "id" = ${sloId} AND "source" = 'incidents' AND "collectedThrough" IS NOT NULL`;
}
