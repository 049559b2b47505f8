import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AlertPayloadError, type TNormalisedDelivery } from "../schema";
import { normaliseCloudWatch } from "./cloudwatch";
import { normaliseDatadog } from "./datadog";
import { normaliseGeneric } from "./generic";
import { normaliseMackerel } from "./mackerel";
import { normalisePagerDuty } from "./pagerduty";
import { normaliseAlertmanager, normaliseGrafana } from "./prometheus-style";

const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, "../../../fixtures/alerts", name), "utf8"));
const receivedAt = new Date("2026-11-24T10:00:00Z");

describe("Alertmanager webhook v4 (captured from Alertmanager 0.25)", () => {
  it("turns each alert of a firing group into its own alert keyed by fingerprint", () => {
    const { alerts, notes } = normaliseAlertmanager(fixture("alertmanager-0.25-group-firing.json"), receivedAt);
    expect(alerts.map((alert) => [alert.dedupKey, alert.status])).toEqual([
      ["ca3126066f0f6d46", "firing"],
      ["71acc1cf632c83ff", "firing"],
    ]);
    expect(alerts[0]).toMatchObject({
      title: "APILatencyHigh: p99 latency above 800ms",
      level: "warning",
      sourceSeverity: "warning",
      serviceHint: "api",
      groupKey: '{}:{alertname="APILatencyHigh", service="api"}',
      endsAt: null,
      links: [{ href: "http://prometheus:9090/graph?g0.expr=histogram_quantile", text: "Source", kind: "source" }],
    });
    expect(alerts[0]?.startsAt.toISOString()).toBe("2026-11-23T08:25:11.526Z");
    expect(alerts[0]?.labels.instance).toBe("api-1");
    expect(notes).toEqual([]);
  });

  it("resolves only the alerts that say so in a group that is still firing", () => {
    const { alerts } = normaliseAlertmanager(fixture("alertmanager-0.25-group-partly-resolved.json"), receivedAt);
    expect(alerts.map((alert) => [alert.dedupKey, alert.status])).toEqual([
      ["ca3126066f0f6d46", "resolved"],
      ["71acc1cf632c83ff", "firing"],
    ]);
    expect(alerts[0]?.endsAt?.toISOString()).toBe("2026-11-23T08:25:14.000Z");
    expect(alerts[1]?.endsAt).toBeNull();
  });

  it("notes alerts the sender truncated, with the group, for the incident's timeline", () => {
    const { alerts, notes, truncated } = normaliseAlertmanager(fixture("alertmanager-0.25-group-truncated.json"), receivedAt);
    expect(alerts).toHaveLength(2);
    expect(notes[0]).toMatch(/left out 15 alert/);
    expect(truncated).toEqual({ sender: "Alertmanager", groupKey: '{}:{alertname="APIInstanceDown", service="api"}', count: 15 });
    expect(normaliseAlertmanager(fixture("alertmanager-0.25-group-firing.json"), receivedAt).truncated).toBeUndefined();
    expect(normaliseGrafana({ ...fixture("grafana-11-firing.json"), truncatedAlerts: 1 }, receivedAt).truncated).toMatchObject({ sender: "Grafana", count: 1 });
  });

  it("names what is wrong in a malformed payload", () => {
    const payload = fixture("alertmanager-0.25-group-firing.json");
    delete payload.alerts[1].fingerprint;
    payload.alerts[0].status = "burning";
    expect(() => normaliseAlertmanager(payload, receivedAt)).toThrow(/alerts\.0\.status[\s\S]*alerts\.1\.fingerprint/);
    expect(() => normaliseAlertmanager({ ...fixture("alertmanager-0.25-group-firing.json"), version: "3" }, receivedAt)).toThrow(/version 3 is not supported/);
    expect(() => normaliseAlertmanager("hello", receivedAt)).toThrow(AlertPayloadError);
  });

  it("refuses absurd timestamps", () => {
    const payload = fixture("alertmanager-0.25-group-firing.json");
    payload.alerts[0].startsAt = "2099-01-01T00:00:00Z";
    expect(() => normaliseAlertmanager(payload, receivedAt)).toThrow(/alerts\.0\.startsAt: 2099-01-01T00:00:00.000Z is in the future/);
    payload.alerts[0].startsAt = "1970-01-01T00:00:00Z";
    expect(() => normaliseAlertmanager(payload, receivedAt)).toThrow(/alerts\.0\.startsAt: 1970-01-01T00:00:00.000Z is not a plausible time/);
    payload.alerts[0].startsAt = "yesterday";
    expect(() => normaliseAlertmanager(payload, receivedAt)).toThrow(/is not a timestamp/);
  });
});

describe("Grafana Alerting webhook", () => {
  it("reads severity, service, dashboard and runbook links, and the evaluated values", () => {
    const [alert] = normaliseGrafana(fixture("grafana-11-firing.json"), receivedAt).alerts;
    expect(alert).toMatchObject({
      dedupKey: "b0d3e1a9f2c7d415",
      status: "firing",
      level: "critical",
      serviceHint: "checkout-api",
      title: "CheckoutErrorRate: Checkout 5xx ratio above 5%",
    });
    expect(alert?.startsAt.toISOString()).toBe("2026-11-24T00:14:50.000Z");
    expect(alert?.links.map((link) => [link.kind, link.text])).toEqual([
      ["source", "Source"],
      ["runbook", "Runbook"],
      ["dashboard", "Dashboard"],
      ["panel", "Panel"],
      ["silence", "Silence"],
    ]);
    expect(alert?.description).toContain("value=0.124");
  });

  it("resolves by the alert's own status", () => {
    const [alert] = normaliseGrafana(fixture("grafana-11-resolved.json"), receivedAt).alerts;
    expect(alert?.status).toBe("resolved");
    expect(alert?.endsAt?.toISOString()).toBe("2026-11-24T00:41:50.000Z");
  });

  it("is not confused with an Alertmanager payload", () => {
    expect(() => normaliseGrafana(fixture("alertmanager-0.25-group-firing.json"), receivedAt)).toThrow(/version 4 is not supported/);
  });
});

describe("CloudWatch alarms through SNS", () => {
  it("reads the alarm from the JSON string in a Lambda record", () => {
    const { alerts, externalId } = normaliseCloudWatch(fixture("cloudwatch-alarm-via-sns-lambda-record.json"), new Date("2018-06-12T13:01:00Z"));
    expect(externalId).toBe("ba186730-a68f-534b-ada6-34a9609753de");
    expect(alerts[0]).toMatchObject({
      dedupKey: "851669633371:ap-northeast-1:lambda-error",
      groupKey: "lambda-error",
      status: "firing",
      level: null,
      sourceSeverity: "ALARM",
      title: "lambda-error: lambda-error-desc",
    });
    expect(alerts[0]?.description).toMatch(/^Threshold Crossed/);
    // StateChangeTime without a zone is UTC.
    expect(alerts[0]?.startsAt.toISOString()).toBe("2018-06-12T13:00:07.954Z");
  });

  it("reads an HTTP subscription's notification, keyed by the alarm ARN, with its dimensions", () => {
    const { alerts } = normaliseCloudWatch(fixture("cloudwatch-alarm-via-sns-http-notification.json"), receivedAt);
    expect(alerts[0]).toMatchObject({ dedupKey: "arn:aws:cloudwatch:ap-northeast-1:851669633371:alarm:orders-db-write-latency", status: "firing" });
    expect(alerts[0]?.labels).toMatchObject({ region: "ap-northeast-1", namespace: "AWS/RDS", metric: "WriteLatency", DBInstanceIdentifier: "orders-db" });
    expect(alerts[0]?.startsAt.toISOString()).toBe("2026-11-24T08:41:12.531Z");
  });

  it("resolves on OK and treats insufficient data as a warning that keeps firing", () => {
    const envelope = fixture("cloudwatch-alarm-via-sns-http-notification.json");
    const alarm = JSON.parse(envelope.Message);
    const ok = normaliseCloudWatch({ ...envelope, Message: JSON.stringify({ ...alarm, NewStateValue: "OK" }) }, receivedAt).alerts[0];
    expect(ok?.status).toBe("resolved");
    const blind = normaliseCloudWatch({ ...envelope, Message: JSON.stringify({ ...alarm, NewStateValue: "INSUFFICIENT_DATA" }) }, receivedAt).alerts[0];
    expect(blind).toMatchObject({ status: "firing", level: "warning" });
    expect(blind?.title).toMatch(/^Insufficient data: /);
  });

  it("rejects a message that is not an alarm", () => {
    const envelope = fixture("cloudwatch-alarm-via-sns-http-notification.json");
    expect(() => normaliseCloudWatch({ ...envelope, Message: "plain text" }, receivedAt)).toThrow(/not a CloudWatch alarm/);
    expect(() => normaliseCloudWatch({ ...envelope, Message: "{}" }, receivedAt)).toThrow(/AlarmName/);
    expect(() => normaliseCloudWatch(fixture("cloudwatch-sns-subscription-confirmation.json"), receivedAt)).toThrow(/expected an SNS Notification/);
  });
});

describe("Datadog webhook (recommended payload)", () => {
  it("keys a monitor's alert cycle, maps priority and reads tags", () => {
    const [alert] = normaliseDatadog(fixture("datadog-recommended-triggered.json"), receivedAt).alerts;
    expect(alert).toMatchObject({
      dedupKey: "7634109782366405223",
      groupKey: "9bd4ac313a4d1e8fae2482df7b77628",
      status: "firing",
      level: "critical",
      serviceHint: "orders-db",
    });
    expect(alert?.labels).toMatchObject({ env: "prod", host: "db-1", team: "data" });
    expect(alert?.startsAt.toISOString()).toBe("2025-11-25T09:00:00.000Z");
    expect(alert?.description).not.toContain("%%%");
  });

  it("resolves on Recovered within the same cycle", () => {
    const [alert] = normaliseDatadog(fixture("datadog-recommended-recovered.json"), receivedAt).alerts;
    expect(alert).toMatchObject({ dedupKey: "7634109782366405223", status: "resolved" });
  });

  it("needs a key to recognise repeats", () => {
    const { alert_cycle_key: _cycle, alert_id: _id, aggreg_key: _aggregation, ...keyless } = fixture("datadog-recommended-triggered.json");
    expect(() => normaliseDatadog(keyless, receivedAt)).toThrow(/alert_cycle_key/);
    expect(() => normaliseDatadog({ ...keyless, alert_cycle_key: "$ALERT_CYCLE_KEY" }, receivedAt)).toThrow(/alert_cycle_key/);
  });
});

describe("Mackerel webhook", () => {
  it("keys by alert id, reads the service from the host's role, and ignores unknown fields", () => {
    const [alert] = normaliseMackerel({ ...fixture("mackerel-critical.json"), addedLater: { anything: true } }, receivedAt).alerts;
    expect(alert).toMatchObject({ dedupKey: "3Yr9xq1Ff7o", status: "firing", level: "critical", serviceHint: "Search", title: "Load average on app-03" });
    expect(alert?.startsAt.toISOString()).toBe("2025-11-25T08:59:00.000Z");
  });

  it("resolves on status ok", () => {
    const [alert] = normaliseMackerel(fixture("mackerel-ok.json"), receivedAt).alerts;
    expect(alert?.status).toBe("resolved");
    expect(alert?.endsAt?.toISOString()).toBe("2025-11-25T09:21:00.000Z");
  });

  it("accepts other events with no alert", () => {
    expect(normaliseMackerel({ event: "sample", orgName: "x" }, receivedAt).alerts).toEqual([]);
  });
});

describe("PagerDuty Events API v2", () => {
  it("maps a trigger", () => {
    const { alerts, responseKey } = normalisePagerDuty(fixture("pagerduty-events-v2-trigger.json"), receivedAt);
    expect(responseKey).toBe("srv01/HTTP");
    expect(alerts[0]).toMatchObject({ dedupKey: "srv01/HTTP", status: "firing", level: "critical", groupKey: "prod-datapipe" });
    expect(alerts[0]?.startsAt.toISOString()).toBe("2026-11-24T08:42:58.315Z");
    expect(alerts[0]?.labels["free space"]).toBe("1%");
  });

  it("generates a dedup key when the sender has none", () => {
    const { dedup_key: _key, ...event } = fixture("pagerduty-events-v2-trigger.json");
    const generated = normalisePagerDuty(event, receivedAt, () => "generated-1");
    expect(generated.responseKey).toBe("generated-1");
    expect(generated.alerts[0]?.dedupKey).toBe("generated-1");
  });

  it("resolves by dedup key and ignores acknowledge", () => {
    expect(normalisePagerDuty(fixture("pagerduty-events-v2-resolve.json"), receivedAt).alerts[0]).toMatchObject({ dedupKey: "srv01/HTTP", status: "resolved" });
    expect(normalisePagerDuty({ event_action: "acknowledge", dedup_key: "srv01/HTTP" }, receivedAt).alerts).toEqual([]);
  });

  it("rejects what PagerDuty would reject", () => {
    expect(() => normalisePagerDuty({ event_action: "resolve" }, receivedAt)).toThrow(/dedup_key/);
    expect(() => normalisePagerDuty({ event_action: "trigger", payload: { summary: "x", source: "y", severity: "fatal" } }, receivedAt)).toThrow(
      /payload\.severity/,
    );
    expect(() =>
      normalisePagerDuty({ event_action: "trigger", dedup_key: "k".repeat(256), payload: { summary: "x", source: "y", severity: "info" } }, receivedAt),
    ).toThrow(/255/);
  });
});

describe("generic JSON", () => {
  it("reads the documented minimal schema", () => {
    const [alert] = normaliseGeneric(fixture("generic-firing.json"), receivedAt).alerts;
    expect(alert).toMatchObject({
      dedupKey: "backup-job/orders-db",
      groupKey: "backup-job/orders-db",
      status: "firing",
      level: "error",
      serviceHint: "orders-db",
    });
  });

  it("rejects unknown fields and wrong types, by name", () => {
    expect(() => normaliseGeneric({ ...fixture("generic-firing.json"), colour: "red" }, receivedAt)).toThrow(/colour/);
    expect(() => normaliseGeneric({ ...fixture("generic-firing.json"), status: 1 }, receivedAt)).toThrow(/status/);
    const link = { href: "https://runbooks.example.com/orders-db", text: "Runbook", rel: "runbook" };
    expect(() => normaliseGeneric({ ...fixture("generic-firing.json"), links: [link] }, receivedAt)).toThrow(/links\.0: .*"rel"/);
  });

  it("accepts only http(s) links: a script or data URL in an alert is refused at intake", () => {
    for (const href of ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd"]) {
      expect(() => normaliseGeneric({ ...fixture("generic-firing.json"), links: [{ href, text: "Runbook" }] }, receivedAt)).toThrow(
        /links\.0\.href: must be an http\(s\) URL/,
      );
    }
  });
});

describe("a sender's time ahead of the receipt", () => {
  const ahead = (minutes: number) => new Date(receivedAt.getTime() + minutes * 60_000);
  const withTime = (name: string, set: (payload: ReturnType<typeof fixture>, at: Date) => void) => (at: Date) => {
    const payload = fixture(name);
    set(payload, at);
    return payload;
  };
  const cloudWatchAt = (at: Date) => {
    const envelope = fixture("cloudwatch-alarm-via-sns-http-notification.json");
    const alarm = JSON.parse(envelope.Message);
    return { ...envelope, Message: JSON.stringify({ ...alarm, StateChangeTime: at.toISOString().replace("Z", "+0000") }) };
  };
  const senders: [string, (at: Date) => unknown, (payload: unknown) => TNormalisedDelivery, "startsAt" | "endsAt"][] = [
    [
      "alerts.0.startsAt",
      withTime("alertmanager-0.25-group-firing.json", (p, at) => (p.alerts[0].startsAt = at.toISOString())),
      (p) => normaliseAlertmanager(p, receivedAt),
      "startsAt",
    ],
    [
      "alerts.0.endsAt",
      withTime("alertmanager-0.25-group-partly-resolved.json", (p, at) => (p.alerts[0].endsAt = at.toISOString())),
      (p) => normaliseAlertmanager(p, receivedAt),
      "endsAt",
    ],
    [
      "alerts.0.startsAt",
      withTime("grafana-11-firing.json", (p, at) => (p.alerts[0].startsAt = at.toISOString())),
      (p) => normaliseGrafana(p, receivedAt),
      "startsAt",
    ],
    ["StateChangeTime", cloudWatchAt, (p) => normaliseCloudWatch(p, receivedAt), "startsAt"],
    ["date", withTime("datadog-recommended-triggered.json", (p, at) => (p.date = String(at.getTime()))), (p) => normaliseDatadog(p, receivedAt), "startsAt"],
    [
      "alert.openedAt",
      withTime("mackerel-critical.json", (p, at) => (p.alert.openedAt = at.getTime() / 1000)),
      (p) => normaliseMackerel(p, receivedAt),
      "startsAt",
    ],
    ["alert.closedAt", withTime("mackerel-ok.json", (p, at) => (p.alert.closedAt = at.getTime() / 1000)), (p) => normaliseMackerel(p, receivedAt), "endsAt"],
    [
      "payload.timestamp",
      withTime("pagerduty-events-v2-trigger.json", (p, at) => (p.payload.timestamp = at.toISOString())),
      (p) => normalisePagerDuty(p, receivedAt),
      "startsAt",
    ],
    ["alerts.0.startsAt", withTime("generic-firing.json", (p, at) => (p.startsAt = at.toISOString())), (p) => normaliseGeneric(p, receivedAt), "startsAt"],
    [
      "alerts.0.endsAt",
      withTime("generic-firing.json", (p, at) => Object.assign(p, { status: "resolved", endsAt: at.toISOString() })),
      (p) => normaliseGeneric(p, receivedAt),
      "endsAt",
    ],
  ];

  it.each(senders)("refuses %s more than five minutes ahead, naming it (%#)", (field, payloadAt, normalise) => {
    expect(() => normalise(payloadAt(ahead(6)))).toThrow(AlertPayloadError);
    expect(() => normalise(payloadAt(ahead(6)))).toThrow(`${field}: ${ahead(6).toISOString()} is in the future`);
    expect(() => normalise(payloadAt(ahead(24 * 60)))).toThrow(/is in the future/);
  });

  it.each(senders)("reads %s up to five minutes ahead as the receipt time, and an earlier one as sent (%#)", (_field, payloadAt, normalise, which) => {
    expect(normalise(payloadAt(ahead(5))).alerts[0]?.[which]).toEqual(receivedAt);
    expect(normalise(payloadAt(ahead(0.5))).alerts[0]?.[which]).toEqual(receivedAt);
    expect(normalise(payloadAt(ahead(-3))).alerts[0]?.[which]).toEqual(ahead(-3));
  });
});
