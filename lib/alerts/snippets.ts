import type { AlertSource } from "@/lib/generated/prisma/enums";

const DATADOG_PAYLOAD = {
  id: "$ID",
  alert_id: "$ALERT_ID",
  alert_cycle_key: "$ALERT_CYCLE_KEY",
  aggreg_key: "$AGGREG_KEY",
  alert_transition: "$ALERT_TRANSITION",
  alert_type: "$ALERT_TYPE",
  alert_priority: "$ALERT_PRIORITY",
  alert_status: "$ALERT_STATUS",
  alert_scope: "$ALERT_SCOPE",
  alert_metric: "$ALERT_METRIC",
  title: "$EVENT_TITLE",
  body: "$EVENT_MSG",
  date: "$DATE",
  link: "$LINK",
  tags: "$TAGS",
  hostname: "$HOSTNAME",
};

export const SOURCE_NAMES: Record<AlertSource, string> = {
  alertmanager: "Prometheus Alertmanager",
  grafana: "Grafana Alerting",
  cloudwatch: "AWS CloudWatch (SNS)",
  datadog: "Datadog",
  mackerel: "Mackerel",
  pagerduty: "PagerDuty Events API v2",
  generic: "Generic JSON",
  slo: "Firebreak SLO burn-rate alerts",
};

/** A ready-to-paste configuration for the sender, with this integration's URL and key filled in. */
export function configSnippet(source: AlertSource, webhookUrl: string, key: string): string {
  const origin = new URL(webhookUrl).origin;
  switch (source) {
    case "alertmanager":
      return `# alertmanager.yml
receivers:
  - name: firebreak
    webhook_configs:
      - url: ${webhookUrl}
        send_resolved: true
        max_alerts: 0
route:
  receiver: firebreak
  group_by: [alertname, service]`;
    case "grafana":
      return `Alerting → Contact points → Add contact point
  Integration: Webhook
  URL:         ${webhookUrl}
  HTTP method: POST
Then use it in a notification policy. Firebreak reads each alert's status, fingerprint,
labels (severity, service), annotations (summary, description, runbook_url) and the dashboard/panel URLs.`;
    case "cloudwatch":
      return `# Subscribe the alarm topic over HTTPS; Firebreak verifies SNS signatures.
aws sns subscribe \\
  --topic-arn arn:aws:sns:<region>:<account>:<topic> \\
  --protocol https \\
  --notification-endpoint '${webhookUrl}'
# Then add the topic ARN to "Allowed SNS topic ARNs" below. If Firebreak cannot reach AWS,
# the confirmation link appears on this page: open it once.`;
    case "datadog":
      return `Integrations → Webhooks → New
  Name:    firebreak
  URL:     ${webhookUrl}
  Payload:
${JSON.stringify(DATADOG_PAYLOAD, null, 2)
  .split("\n")
  .map((line) => `    ${line}`)
  .join("\n")}
Mention @webhook-firebreak in the monitors that should reach Firebreak.`;
    case "mackerel":
      return `Channels → Add notification channel → Webhook
  URL: ${webhookUrl}
  Notify on: alerts (all statuses, so that "ok" resolves the alert)`;
    case "pagerduty":
      return `# Anything that speaks PagerDuty Events API v2 can send here unchanged:
curl -X POST ${origin}/api/pagerduty/v2/enqueue \\
  -H 'Content-Type: application/json' \\
  -d '{"routing_key":"${key}","event_action":"trigger","dedup_key":"disk/db-1",
       "payload":{"summary":"Disk 95% on db-1","source":"db-1","severity":"critical"}}'
# The answer is 202 {"status":"success","message":"Event processed","dedup_key":"…"}.`;
    case "generic":
      return `curl -X POST ${origin}/api/ingest \\
  -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' \\
  -d '{"dedupKey":"backup/orders-db","status":"firing","title":"Nightly backup failed",
       "severity":"error","service":"orders-db","description":"pg_dump exited with 1"}'
# Send the same dedupKey with "status":"resolved" to resolve it.`;
    case "slo":
      return `# Nothing to configure: Firebreak sends every SLO's multi-window burn-rate alerts here
# (page: 2% of budget in 1 h, 5% in 6 h; ticket: 10% in 1 d, 10% in 3 d) and resolves them
# when the burn stops. They arrive in the generic format, so a script may post the same:
curl -X POST ${origin}/api/ingest -H 'Authorization: Bearer ${key}' -H 'Content-Type: application/json' -d @alert.json`;
  }
}
