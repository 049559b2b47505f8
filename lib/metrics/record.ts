import { metrics } from "./registry";

/**
 * What the domain code counts, one small function per event, so that a domain module says what
 * happened and never how Prometheus names it.
 */

/** An alert delivery answered by intake: how long it took, and with which refusal status if refused. */
export function recordAlertDelivery(source: string, seconds: number, refusedWithStatus?: number): void {
  const { alertIntakeSeconds, alertDeliveriesRejected } = metrics();
  alertIntakeSeconds.observe({ source }, seconds);
  if (refusedWithStatus !== undefined) alertDeliveriesRejected.inc({ source, status: String(refusedWithStatus) });
}

/** A delivery whose key matches no integration (of the endpoint's kind). */
export function recordUnknownIntegrationDelivery(): void {
  metrics().alertDeliveriesRejected.inc({ source: "unknown", status: "404" });
}

/** A delivery intake failed on (it is answered 5xx and the sender retries). */
export function recordAlertIntakeError(source: string, seconds: number): void {
  const { alertIntakeSeconds, alertIntakeErrors } = metrics();
  alertIntakeSeconds.observe({ source }, seconds);
  alertIntakeErrors.inc({ source });
}

/** Incidents committed as opened by `source` (an alert source, or "person"). */
export function recordIncidentsOpened(source: string, count = 1): void {
  if (count > 0) metrics().incidentsOpened.inc({ source }, count);
}

export function recordLiveStreamOpened(): void {
  metrics().liveStreams.inc();
}

export function recordLiveStreamClosed(): void {
  metrics().liveStreams.dec();
}

/** One outgoing webhook delivery attempt, and whether it failed. */
export function recordWebhookAttempt(failed: boolean): void {
  const { webhookAttempts, webhookFailures } = metrics();
  webhookAttempts.inc();
  if (failed) webhookFailures.inc();
}

/** One notification delivery attempt on a channel (email, slack, …), and whether it failed. */
export function recordNotificationAttempt(channel: string, failed: boolean): void {
  const { notificationAttempts, notificationFailures } = metrics();
  notificationAttempts.inc({ channel });
  if (failed) notificationFailures.inc({ channel });
}
