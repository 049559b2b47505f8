import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Firebreak's metrics, one set per process. The launcher (server.ts) and Next's route bundles each
 * load their own copy of this module, so the set lives on globalThis: whichever copy comes first
 * creates it, and an ingest counted in a route handler is what server.ts's /metrics scrape reads
 * (docs/decisions/020). Names and meanings are listed in the README ("Operating Firebreak").
 */
function createMetrics() {
  const registry = new Registry();
  // Process CPU, memory, file descriptors, GC, and the event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    alertIntakeSeconds: new Histogram({
      name: "firebreak_alert_intake_duration_seconds",
      help: "Time from receiving an alert delivery's body to its answer (key lookup, rate limit, validation, storage, routing), by the integration's source; the count is the intake rate",
      labelNames: ["source"] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    alertDeliveriesRejected: new Counter({
      name: "firebreak_alert_deliveries_rejected_total",
      help: "Alert deliveries refused, by source and HTTP status (400 malformed, 403 SNS topic or signature, 404 unknown key, 413 too large, 422 invalid, 429 over the intake limit)",
      labelNames: ["source", "status"] as const,
      registers,
    }),
    alertIntakeErrors: new Counter({
      name: "firebreak_alert_intake_errors_total",
      help: "Alert deliveries that failed inside Firebreak (answered 5xx, mostly while the database cannot be reached); senders retry them",
      labelNames: ["source"] as const,
      registers,
    }),
    incidentsOpened: new Counter({
      name: "firebreak_incidents_opened_total",
      help: "Incidents opened, by what opened them: an alert source (alertmanager, grafana, …, slo for burn-rate alerts) or person",
      labelNames: ["source"] as const,
      registers,
    }),
    liveStreams: new Gauge({ name: "firebreak_sse_connections", help: "Live streams (Server-Sent Events) open on this process", registers }),
    collaborationDocuments: new Gauge({
      name: "firebreak_collaboration_documents",
      help: "Postmortem documents open for collaborative editing on this process",
      registers,
    }),
    collaborationConnections: new Gauge({ name: "firebreak_collaboration_connections", help: "Editors' WebSocket connections on this process", registers }),
    webhookAttempts: new Counter({ name: "firebreak_outgoing_webhook_attempts_total", help: "Outgoing webhook (status update) delivery attempts", registers }),
    webhookFailures: new Counter({
      name: "firebreak_outgoing_webhook_failures_total",
      help: "Outgoing webhook delivery attempts that failed (no answer, or not 2xx); each is retried until its attempts run out",
      registers,
    }),
    notificationAttempts: new Counter({
      name: "firebreak_notification_attempts_total",
      help: "On-call notification delivery attempts, by channel",
      labelNames: ["channel"] as const,
      registers,
    }),
    notificationFailures: new Counter({
      name: "firebreak_notification_failures_total",
      help: "On-call notification delivery attempts that failed, by channel",
      labelNames: ["channel"] as const,
      registers,
    }),
    collectorLag: new Gauge({
      name: "firebreak_slo_collector_lag_seconds",
      help: "Seconds since the last SLI minute collected for an SLO measured from Prometheus or from incidents (since the SLO was created, before its first collection); about 60–120 while the collector keeps up",
      labelNames: ["slo_id", "slo", "service"] as const,
      registers,
    }),
    databasePoolConnections: new Gauge({ name: "firebreak_db_pool_connections", help: "Connections the database pool holds, busy or idle", registers }),
    databasePoolIdle: new Gauge({ name: "firebreak_db_pool_idle_connections", help: "Connections of the database pool waiting for a query", registers }),
    databasePoolWaiting: new Gauge({
      name: "firebreak_db_pool_waiting_requests",
      help: "Queries and transactions waiting for a connection of the database pool (above 0 for long: the pool is too small or queries are slow)",
      registers,
    }),
    databasePoolMax: new Gauge({ name: "firebreak_db_pool_max_connections", help: "The most connections the database pool opens", registers }),
    ready: new Gauge({
      name: "firebreak_ready",
      help: "1 when /api/ready would answer 200 (database writable, migrations applied, Redis reachable when configured), else 0",
      registers,
    }),
    readinessCheck: new Gauge({
      name: "firebreak_readiness_check",
      help: "1 when a readiness check passes, 0 when it fails, by check (database, migrations, redis)",
      labelNames: ["check"] as const,
      registers,
    }),
  };
}

export type TMetrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { firebreakMetrics?: TMetrics };

/** This process's metrics, created on first use. */
export function metrics(): TMetrics {
  globalForMetrics.firebreakMetrics ??= createMetrics();
  return globalForMetrics.firebreakMetrics;
}
