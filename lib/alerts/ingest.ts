import { retryingConflicts } from "@/lib/db/conflicts";
import { db, type TTransaction } from "@/lib/db/prisma";
import { isUniqueViolation, prismaSql, withSqlTransaction, type TSql } from "@/lib/db/sql";
import type { Integration } from "@/lib/generated/prisma/client";
import { JsonBodyError, parseJsonBody } from "@/lib/http/json-body";
import { recordIncidentsOpened } from "@/lib/metrics/record";
import { incidentReference } from "@/lib/incidents/rules";
import { storeAlertBatch, type TAlertBatch, type TStoredBatch } from "./alert-store";
import { storeFiringDelivery } from "./intake-batching";
import { insertAcceptedDelivery, isKnownExternalDelivery, MAX_ALERT_PAYLOAD_BYTES, recordRejectedDelivery } from "./deliveries";
import { confirmSnsSubscription, recordSnsSubscription } from "./integrations";
import { NORMALISERS } from "./normalisers";
import { snsEnvelopes } from "./normalisers/cloudwatch";
import { recordResolvedAlerts, routeFiringAlerts } from "./routing";
import { severityForAlert } from "./rules";
import { AlertPayloadError, type TNormalisedDelivery, type TSeverityMap } from "./schema";
import { lockTruncatedGroup, recordTruncatedAlerts } from "./truncated-alerts";
import { fetchSnsCertificate, isTrustedSnsUrl, verifySnsSignature, type TFetchCertificate } from "./sns-signature";

export type TIngestIntegration = Pick<
  Integration,
  | "id"
  | "name"
  | "source"
  | "defaultServiceId"
  | "defaultSeverity"
  | "severityMap"
  | "openIncidentAtOrAbove"
  | "minOccurrences"
  | "groupWindowMinutes"
  | "autoMonitorOnResolve"
  | "commanderId"
  | "snsTopicArns"
>;

export type TIngestOutcome =
  | {
      accepted: true;
      httpStatus: number;
      alerts: number;
      firing: number;
      resolved: number;
      ignored: number;
      incidents: string[];
      duplicate: boolean;
      responseKey?: string;
    }
  | { accepted: false; httpStatus: TRefusalStatus; reason: string; /** refused for rate: when to try again */ retryAfterSeconds?: number };

/** How a refused delivery is answered: a bad payload, a forbidden SNS topic or signature, too large, or over the rate. */
export type TRefusalStatus = 400 | 403 | 413 | 422 | 429;

export type TIngestOptions = { now?: Date; fetchCertificate?: TFetchCertificate };

async function reject(integration: TIngestIntegration, httpStatus: TRefusalStatus, reason: string, body: string, now: Date): Promise<TIngestOutcome> {
  await recordRejectedDelivery(integration.id, httpStatus, reason, body, now);
  console.warn(`[alerts] ${integration.name} (${integration.source}): rejected a delivery, ${httpStatus}: ${reason}`);
  return { accepted: false, httpStatus, reason };
}

/**
 * Receives one webhook body for an integration: validates and normalises it, then stores the raw
 * delivery and every alert, and opens, joins or updates incidents (see storeDelivery for the
 * transactions). A bad payload writes nothing but its entry in the delivery log.
 */
export async function ingestAlertDelivery(integration: TIngestIntegration, rawBody: string, options: TIngestOptions = {}): Promise<TIngestOutcome> {
  const now = options.now ?? new Date();
  if (Buffer.byteLength(rawBody) > MAX_ALERT_PAYLOAD_BYTES) {
    return reject(integration, 413, `The payload is larger than ${MAX_ALERT_PAYLOAD_BYTES / 1024} KiB`, rawBody, now);
  }
  let payload: unknown;
  try {
    payload = parseJsonBody(rawBody);
  } catch (error) {
    if (error instanceof JsonBodyError) return reject(integration, 400, error.message, rawBody, now);
    throw error;
  }

  if (integration.source === "cloudwatch") {
    const snsOutcome = await checkSnsEnvelope(integration, payload, rawBody, now, options.fetchCertificate ?? fetchSnsCertificate);
    if (snsOutcome) return snsOutcome;
  }

  let normalised: TNormalisedDelivery;
  try {
    normalised = NORMALISERS[integration.source](payload, now);
  } catch (error) {
    if (error instanceof AlertPayloadError) return reject(integration, error.status, error.message, rawBody, now);
    throw error;
  }
  if (await isKnownExternalDelivery(integration.id, normalised.externalId)) return duplicateOutcome(normalised);

  try {
    return await storeDelivery(integration, rawBody, normalised, now);
  } catch (error) {
    if (isUniqueViolation(error) && normalised.externalId) return duplicateOutcome(normalised);
    throw error;
  }
}

function duplicateOutcome(normalised: TNormalisedDelivery): TIngestOutcome {
  return {
    accepted: true,
    httpStatus: 200,
    alerts: normalised.alerts.length,
    firing: 0,
    resolved: 0,
    ignored: normalised.alerts.length,
    incidents: [],
    duplicate: true,
    responseKey: normalised.responseKey,
  };
}

/**
 * Stores the delivery and its alerts in one statement, then routes what needs routing. A delivery
 * of firing alerts only is committed by that statement alone (repeats, the bulk of traffic, cost
 * one round trip); routing new alerts follows in its own transaction, and if it fails the sender
 * gets a 5xx and its retry routes them. Resolutions and a truncated group write timeline entries
 * (resolutions may move incidents), so a delivery with either runs entirely in one transaction.
 */
async function storeDelivery(integration: TIngestIntegration, rawBody: string, normalised: TNormalisedDelivery, now: Date): Promise<TIngestOutcome> {
  const severityMap = integration.severityMap as TSeverityMap;
  // A payload that names one alert twice counts as its last word on it.
  const latest = [...new Map(normalised.alerts.map((alert) => [alert.dedupKey, alert])).values()];
  const batch: TAlertBatch = {
    integrationId: integration.id,
    source: integration.source,
    defaultServiceId: integration.defaultServiceId,
    rawBody,
    externalId: normalised.externalId,
    notes: normalised.notes,
    alertCount: normalised.alerts.length,
    firing: latest
      .filter((alert) => alert.status === "firing")
      .map((alert) => ({ alert, severity: severityForAlert(alert.level, severityMap, integration.defaultSeverity) })),
    resolved: latest.filter((alert) => alert.status === "resolved"),
    now,
  };

  const { truncated } = normalised;
  type TRouted = { references: string[]; opened: number };
  const routeNew = (sql: TSql, stored: TStoredBatch) => {
    const unrouted = stored.firing.filter((alert) => !alert.incidentId);
    return unrouted.length > 0 ? routeFiringAlerts(sql, integration, unrouted, now) : Promise.resolve({ touched: [], opened: 0 });
  };
  const referencesOf = async (sql: TSql, incidentIds: Set<string>): Promise<string[]> => {
    if (incidentIds.size === 0) return [];
    const incidents = await sql<{ number: number }>`SELECT "number" FROM "Incident" WHERE "id" = ANY(${[...incidentIds]}::text[])`;
    return incidents.map((incident) => incidentReference(incident.number));
  };
  /** Routes new alerts and records resolutions and truncation: the references of the incidents it touched, and how many it opened. */
  const routeAndRecord = async (tx: TTransaction, stored: TStoredBatch): Promise<TRouted> => {
    if (truncated) await lockTruncatedGroup(tx, integration.id, truncated);
    const routed = await routeNew(prismaSql(tx), stored);
    const touched = new Set(routed.touched.map((incident) => incident.id));
    for (const incidentId of await recordResolvedAlerts(tx, integration, stored.resolved, now)) touched.add(incidentId);
    if (truncated) {
      const attached = stored.firing.flatMap((alert) => (alert.incidentId ? [alert.incidentId] : []));
      await recordTruncatedAlerts(tx, integration, truncated, [...attached, ...touched], now);
    }
    return { references: await referencesOf(prismaSql(tx), touched), opened: routed.opened };
  };
  // Counted once committed: a transaction retried after a deadlock opens its incidents once.
  const outcome = (stored: TStoredBatch, routed: TRouted): TIngestOutcome => {
    recordIncidentsOpened(integration.source, routed.opened);
    return {
      accepted: true,
      httpStatus: 202,
      alerts: normalised.alerts.length,
      firing: stored.firing.length,
      resolved: stored.resolved.length,
      ignored: latest.length - stored.firing.length - stored.resolved.length,
      incidents: [
        ...new Set([...stored.firing.flatMap((alert) => (alert.incidentNumber ? [incidentReference(alert.incidentNumber)] : [])), ...routed.references]),
      ].sort(),
      duplicate: false,
      responseKey: normalised.responseKey,
    };
  };

  if (batch.resolved.length > 0 || truncated) {
    const { stored, routed } = await retryingConflicts(() =>
      db().$transaction(async (tx) => {
        const storedInTransaction = await storeAlertBatch(prismaSql(tx), batch);
        return { stored: storedInTransaction, routed: await routeAndRecord(tx, storedInTransaction) };
      }),
    );
    return outcome(stored, routed);
  }
  // Firing alerts only: stored in one statement with the deliveries arriving beside it.
  const stored = await storeFiringDelivery(batch);
  if (stored.firing.every((alert) => alert.incidentId)) return outcome(stored, { references: [], opened: 0 });
  // Only new firing alerts: routed through the pg driver, where a burst of new incidents costs least (decision 026).
  const routed = await retryingConflicts(() =>
    withSqlTransaction(async (sql) => {
      const { touched, opened } = await routeNew(sql, stored);
      return { references: touched.map((incident) => incidentReference(incident.number)), opened };
    }),
  );
  return outcome(stored, routed);
}

/**
 * SNS over HTTP(S): the topic must be allowed and the signature must verify before anything is
 * trusted. Subscription confirmations are stored for the admin. Returns an outcome when the
 * envelope is fully handled here (rejected, or not a notification).
 */
async function checkSnsEnvelope(
  integration: TIngestIntegration,
  payload: unknown,
  rawBody: string,
  now: Date,
  fetchCertificate: TFetchCertificate,
): Promise<TIngestOutcome | null> {
  // A Lambda forwarder is authenticated by the integration key it posts with; it carries no HTTP signature to check.
  if (payload && typeof payload === "object" && "Records" in payload) return null;
  let envelope;
  try {
    [envelope] = snsEnvelopes(payload);
  } catch (error) {
    if (error instanceof AlertPayloadError) return reject(integration, 400, error.message, rawBody, now);
    throw error;
  }
  if (!envelope) return reject(integration, 400, "No SNS message in the body", rawBody, now);
  if (integration.snsTopicArns.length > 0 && !integration.snsTopicArns.includes(envelope.TopicArn)) {
    return reject(integration, 403, `TopicArn ${envelope.TopicArn} is not one of this integration's allowed topics`, rawBody, now);
  }
  const signature = await verifySnsSignature(envelope, fetchCertificate);
  if (!signature.valid) return reject(integration, 403, `SNS signature rejected: ${signature.reason}`, rawBody, now);

  if (envelope.Type === "SubscriptionConfirmation" || envelope.Type === "UnsubscribeConfirmation") {
    const done = { accepted: true as const, httpStatus: 200, alerts: 0, firing: 0, resolved: 0, ignored: 0, incidents: [], duplicate: false };
    if (await isKnownExternalDelivery(integration.id, envelope.MessageId)) return { ...done, duplicate: true };
    await db().$transaction(async (tx) => {
      await insertAcceptedDelivery(tx, {
        integrationId: integration.id,
        body: rawBody,
        externalId: envelope.MessageId,
        alertCount: 0,
        notes: [`SNS ${envelope.Type}`],
        httpStatus: 200,
        now,
      });
      if (envelope.Type === "SubscriptionConfirmation" && envelope.SubscribeURL)
        await recordSnsSubscription(tx, integration.id, envelope.SubscribeURL, envelope.TopicArn);
    });
    const subscribeUrl = envelope.SubscribeURL;
    // Confirmation needs outbound HTTPS to AWS; where that is blocked the admin confirms by hand.
    if (envelope.Type === "SubscriptionConfirmation" && subscribeUrl && isTrustedSnsUrl(subscribeUrl))
      void confirmSnsSubscription(integration.id, subscribeUrl);
    return done;
  }
  return null;
}
