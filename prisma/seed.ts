import { randomBytes } from "node:crypto";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { createIntegration, updateIntegration } from "@/lib/alerts/integrations";
import { db } from "@/lib/db/prisma";
import { collectSliOnce } from "@/lib/slo/collector";
import { createSlo, pushSliBuckets, recordSloImpact } from "@/lib/slo/service";
import { acknowledgeIncident, acknowledgeRoleHandoff, addIncidentNote, assignIncidentRole, declareIncident, updateIncident } from "@/lib/incidents/service";
import { insertUser } from "@/lib/users/service";
import { seedOnCall } from "./seed-oncall";
import { DOCUMENT_FIELD } from "@/lib/postmortems/document-schema";
import { loadStoredDocument, storeDocumentState } from "@/lib/postmortems/document-store";
import { changePostmortemStatus, createActionItem, createPostmortem, removePostmortemAuthor } from "@/lib/postmortems/service";
import * as Y from "yjs";

/** `days` of minute buckets up to now, counted by `counts(minutesAgo, index)`, pushed through the API's service. */
async function pushMinutes(
  actor: TActor,
  sloId: string,
  now: Date,
  days: number,
  counts: (minutesAgo: number, index: number) => { good: number; total: number },
) {
  const count = days * 24 * 60;
  const buckets = Array.from({ length: count }, (_, index) => {
    const minutesAgo = count - index;
    return { minute: new Date(Math.floor(now.getTime() / 60_000 - minutesAgo) * 60_000), ...counts(minutesAgo, index) };
  });
  for (let start = 0; start < buckets.length; start += 10_000) {
    await pushSliBuckets(actor, sloId, { buckets: buckets.slice(start, start + 10_000) }, now);
  }
}

/** The integration as the ingest path reads it. */
async function pushMonitorIntegration(integrationId: string) {
  return db().integration.findUniqueOrThrow({ where: { id: integrationId } });
}

/** A paragraph of people's text under a heading of a postmortem, as typing it in the editor would store it. */
async function writeUnderHeading(postmortemId: string, heading: string, words: string) {
  const ydoc = await loadStoredDocument(postmortemId);
  if (!ydoc) throw new Error(`no postmortem ${postmortemId}`);
  const fragment = ydoc.getXmlFragment(DOCUMENT_FIELD);
  const index = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.nodeName === "heading" && node.toString().includes(heading));
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(words)]);
  fragment.insert(index + 1, [paragraph]);
  await storeDocumentState(postmortemId, ydoc);
}

export type TDemoSignIn = { password: string; users: { email: string; role: string }[] };

const minutes = (n: number) => n * 60_000;

/**
 * A realistic demo: five people, three services, a resolved SEV2 from three days ago with its full
 * timeline, a SEV1 in progress that Prometheus opened through an Alertmanager integration, and
 * SLOs with their data in each budget state: Checkout paging, Search's query success nearly spent
 * (its incident's recovery outran the budget), Notifications measured from a full outage, and the
 * search incident's Japanese postmortem in review with two action items (one overdue).
 * Everything goes through the domain services and the alert pipeline, so the timelines are exactly
 * what the product would have recorded.
 */
export async function seedDemo(now = new Date()): Promise<TDemoSignIn> {
  const password = randomBytes(9).toString("base64url");
  const people = [
    { email: "aiko.tanaka@example.com", name: "Aiko Tanaka", role: "admin" },
    { email: "ben.carter@example.com", name: "Ben Carter", role: "responder" },
    { email: "chen.wei@example.com", name: "Chen Wei", role: "responder" },
    { email: "dana.okafor@example.com", name: "Dana Okafor", role: "responder" },
    { email: "emma.lopez@example.com", name: "Emma Lopez", role: "viewer" },
  ] as const;
  const [aiko, ben, chen, dana] = (await Promise.all(people.map((person) => insertUser({ ...person, password })))) as TActor[];
  if (!aiko || !ben || !chen || !dana) throw new Error("demo users were not created");

  const checkout = await createService(aiko, {
    name: "Checkout API",
    slug: "checkout-api",
    ownerTeam: "Payments",
    description: "Carts, payment authorisation and order placement.",
  });
  const search = await createService(aiko, {
    name: "Search",
    slug: "search",
    ownerTeam: "Discovery",
    description: "Product search and suggestions (Elasticsearch).",
  });
  const notifications = await createService(aiko, {
    name: "Notifications",
    slug: "notifications",
    ownerTeam: "Platform",
    description: "Email, push and SMS delivery.",
  });

  const at = (offset: number) => new Date(now.getTime() - offset);

  // The resolved SEV2, three days ago.
  const t0 = minutes(3 * 24 * 60);
  const past = await declareIncident(
    chen,
    {
      title: "Search returns no results for Japanese queries",
      severity: "SEV3",
      serviceIds: [search.id],
      summary: "",
      startedAt: at(t0 + minutes(22)),
      detectedAt: at(t0 + minutes(4)),
    },
    at(t0),
  );
  await updateIncident(chen, past.id, { status: "investigating" }, at(t0 - minutes(1)));
  await assignIncidentRole(chen, past.id, { role: "operations", userId: dana.id }, at(t0 - minutes(2)));
  await acknowledgeRoleHandoff(dana, past.id, "operations", at(t0 - minutes(3)));
  await assignIncidentRole(chen, past.id, { role: "communications", userId: ben.id }, at(t0 - minutes(3)));
  await acknowledgeRoleHandoff(ben, past.id, "communications", at(t0 - minutes(4)));
  await addIncidentNote(dana, past.id, "Zero-result rate for ja-JP went from 2% to 61% at 09:18 UTC. English queries unaffected.", at(t0 - minutes(6)));
  await updateIncident(chen, past.id, { severity: "SEV2" }, at(t0 - minutes(8)));
  await addIncidentNote(
    ben,
    past.id,
    "Posted first stakeholder update in #status: Japanese storefront search degraded, checkout unaffected.",
    at(t0 - minutes(10)),
  );
  await addIncidentNote(
    dana,
    past.id,
    "The 09:15 index rebuild ran with the new analyzer config; kuromoji tokenizer missing from the mapping.",
    at(t0 - minutes(19)),
  );
  await updateIncident(chen, past.id, { status: "identified" }, at(t0 - minutes(20)));
  await assignIncidentRole(chen, past.id, { role: "planning", userId: aiko.id }, at(t0 - minutes(24)));
  await acknowledgeRoleHandoff(aiko, past.id, "planning", at(t0 - minutes(26)));
  await addIncidentNote(dana, past.id, "Switched the search alias back to yesterday's index. Zero-result rate dropping.", at(t0 - minutes(31)));
  await updateIncident(chen, past.id, { status: "monitoring" }, at(t0 - minutes(32)));
  await assignIncidentRole(chen, past.id, { role: "commander", userId: aiko.id }, at(t0 - minutes(45)));
  await acknowledgeRoleHandoff(aiko, past.id, "commander", at(t0 - minutes(45.5)));
  await addIncidentNote(
    aiko,
    past.id,
    "Took over as commander for the end of Chen's shift. Zero-result rate back to 2.1% for 20 minutes.",
    at(t0 - minutes(46)),
  );
  await updateIncident(
    aiko,
    past.id,
    {
      status: "resolved",
      summary:
        "An index rebuild shipped without the Japanese tokenizer, so most ja-JP queries returned nothing for about an hour. Rolled back to the previous index; a mapping check now gates the rebuild.",
    },
    at(t0 - minutes(62)),
  );

  // The SEV1 in progress right now, opened by Prometheus through Alertmanager.
  const prometheus = await createIntegration(aiko, {
    name: "Prometheus (prod)",
    source: "alertmanager",
    defaultServiceId: checkout.id,
    defaultSeverity: "SEV2",
  });
  const integration = await updateIntegration(aiko, prometheus.id, {
    commanderId: ben.id,
    severityMap: { critical: "SEV1", error: "SEV2", warning: "SEV3", info: "SEV4" },
  });
  const cardAuthAlert = (instance: string, fingerprint: string, ratio: string) => ({
    status: "firing",
    labels: { alertname: "CheckoutCardAuthFailing", instance, job: "checkout-api", service: "checkout-api", severity: "critical" },
    annotations: {
      summary: "Card authorisations failing (HTTP 502)",
      description: `5xx ratio of POST /payments/authorise on ${instance} is ${ratio} over 5m`,
      runbook_url: "https://runbooks.example.com/checkout/card-authorisation",
    },
    startsAt: at(minutes(31)).toISOString(),
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus.internal:9090/graph?g0.expr=sum(rate(http_requests_total%7Bcode%3D~%225..%22%7D%5B5m%5D))",
    fingerprint,
  });
  const webhook = {
    receiver: "firebreak",
    status: "firing",
    alerts: [cardAuthAlert("checkout-7f9c", "3f1c9a0b7d2e4c11", "38%"), cardAuthAlert("checkout-2a1b", "8d02e6f4a9b13c57", "41%")],
    groupLabels: { alertname: "CheckoutCardAuthFailing", service: "checkout-api" },
    commonLabels: { alertname: "CheckoutCardAuthFailing", service: "checkout-api", severity: "critical" },
    commonAnnotations: { summary: "Card authorisations failing (HTTP 502)" },
    externalURL: "http://alertmanager.internal:9093",
    version: "4",
    groupKey: '{}:{alertname="CheckoutCardAuthFailing", service="checkout-api"}',
    truncatedAlerts: 0,
  };
  await ingestAlertDelivery(integration, JSON.stringify(webhook), { now: at(minutes(27)) });
  const live = await db().incident.findFirstOrThrow({ where: { alerts: { some: { integrationId: integration.id } } } });
  await acknowledgeIncident(ben, live.id, at(minutes(25)));
  await acknowledgeRoleHandoff(ben, live.id, "commander", at(minutes(25)));
  await updateIncident(
    ben,
    live.id,
    {
      title: "Checkout failing for card payments (HTTP 502)",
      status: "investigating",
      summary: "Card payments fail at the authorisation step; PayPal unaffected.",
    },
    at(minutes(24)),
  );
  await assignIncidentRole(ben, live.id, { role: "operations", userId: chen.id }, at(minutes(23)));
  await acknowledgeRoleHandoff(chen, live.id, "operations", at(minutes(22)));
  await assignIncidentRole(ben, live.id, { role: "communications", userId: dana.id }, at(minutes(21)));
  await addIncidentNote(chen, live.id, "502s come from the payment-gateway sidecar; upstream connect timeouts to the acquirer since 10:02.", at(minutes(15)));
  await addIncidentNote(dana, live.id, "First stakeholder update sent. Next update in 30 minutes.", at(minutes(12)));

  // Checkout's availability SLO: thirty days of SLI data, quiet until the card-payment failures.
  const availability = await createSlo(aiko, {
    serviceId: checkout.id,
    name: "Checkout availability",
    kind: "availability",
    objectivePercent: 99.9,
    window: "rolling_30d",
    timeZone: "UTC",
    description: "Share of checkout requests answered without a 5xx.",
  });
  await pushMinutes(aiko, availability.id, now, 30, (minutesAgo, index) => {
    const total = 1200 + ((index * 37) % 300);
    return { total, good: minutesAgo <= 31 ? Math.round(total * 0.62) : total - (index % 97 === 0 ? 1 : 0) };
  });

  // Search: availability is fine; query success took the ja-JP incident's hit on top of a high baseline.
  const searchAvailability = await createSlo(aiko, {
    serviceId: search.id,
    name: "Search availability",
    kind: "availability",
    objectivePercent: 99.5,
    window: "rolling_28d",
    description: "Search requests answered without a 5xx.",
  });
  await pushMinutes(aiko, searchAvailability.id, now, 28, (_, index) => ({ total: 800, good: index % 5 === 0 ? 796 : 800 }));
  const querySuccess = await createSlo(aiko, {
    serviceId: search.id,
    name: "Query success",
    kind: "availability",
    objectivePercent: 99,
    window: "rolling_7d",
    description: "Queries that return results (zero-result pages count as bad).",
  });
  const outageStart = t0 + minutes(22);
  const outageEnd = t0 - minutes(32);
  await pushMinutes(aiko, querySuccess.id, now, 7, (minutesAgo) => {
    const during = minutesAgo * 60_000 <= outageStart && minutesAgo * 60_000 > outageEnd;
    return { total: 800, good: during ? 560 : minutesAgo % 10 < 7 ? 794 : 795 };
  });

  // Notifications has no metrics: its SLO counts full outages recorded on incidents as bad minutes.
  const delivery = await createSlo(aiko, {
    serviceId: notifications.id,
    name: "Push delivery",
    kind: "availability",
    objectivePercent: 99.5,
    window: "calendar_month",
    timeZone: "Asia/Tokyo",
    source: "incidents",
    description: "Minutes in which push notifications were delivered (from incidents).",
  });
  // The APNs outage, six days ago, opened by the mobile team's push monitor through the alert pipeline.
  const apnsStart = at(minutes(6 * 24 * 60));
  const pushMonitor = await createIntegration(aiko, { name: "Push monitor", source: "generic", defaultServiceId: notifications.id, defaultSeverity: "SEV2" });
  await updateIntegration(aiko, pushMonitor.id, { commanderId: dana.id });
  const apnsAlert = (status: "firing" | "resolved", at: Date) => ({
    dedupKey: "apns/certificate",
    status,
    title: "APNs rejecting pushes: BadCertificate",
    severity: "critical",
    service: "notifications",
    description: "100% of iOS pushes rejected by APNs with 403 BadCertificate since 03:00 JST.",
    labels: { alertname: "PushDeliveryFailing", platform: "ios", provider: "apns" },
    links: [
      { href: "https://grafana.example.com/d/push-delivery", text: "Dashboard" },
      { href: "https://runbooks.example.com/notifications/apns", text: "Runbook" },
    ],
    startsAt: apnsStart.toISOString(),
    ...(status === "resolved" ? { endsAt: at.toISOString() } : {}),
  });
  await ingestAlertDelivery(await pushMonitorIntegration(pushMonitor.id), JSON.stringify(apnsAlert("firing", apnsStart)), {
    now: new Date(apnsStart.getTime() + minutes(18)),
  });
  const apns = await db().incident.findFirstOrThrow({ where: { alerts: { some: { integrationId: pushMonitor.id } } } });
  await acknowledgeIncident(dana, apns.id, new Date(apnsStart.getTime() + minutes(21)));
  await updateIncident(
    dana,
    apns.id,
    {
      title: "Push notifications not delivered: APNs certificate expired",
      summary: "The APNs client certificate expired at 03:00 JST; every iOS push was rejected.",
      status: "identified",
    },
    new Date(apnsStart.getTime() + minutes(30)),
  );
  await addIncidentNote(
    dana,
    apns.id,
    "The APNs certificate expired at 03:00 JST. Renewed certificate uploaded; pushes flowing again.",
    new Date(apnsStart.getTime() + minutes(48)),
  );
  await updateIncident(dana, apns.id, { status: "monitoring" }, new Date(apnsStart.getTime() + minutes(50)));
  await ingestAlertDelivery(await pushMonitorIntegration(pushMonitor.id), JSON.stringify(apnsAlert("resolved", new Date(apnsStart.getTime() + minutes(51)))), {
    now: new Date(apnsStart.getTime() + minutes(51)),
  });
  await updateIncident(dana, apns.id, { status: "resolved" }, new Date(apnsStart.getTime() + minutes(70)));
  await recordSloImpact(dana, apns.id, { sloId: delivery.id, impact: "full_outage" }, new Date(apnsStart.getTime() + minutes(75)));

  // Burn-rate alerts take the alert path: Checkout's burning SLO joins the SEV1 above.
  const sloAlerts = await createIntegration(aiko, { name: "SLO burn-rate alerts", source: "slo", defaultServiceId: null, defaultSeverity: "SEV2" });
  // Pages open (or join) incidents; ticket-level burns are recorded as alerts without paging anyone.
  await updateIntegration(aiko, sloAlerts.id, { commanderId: ben.id, openIncidentAtOrAbove: "SEV3" });
  await collectSliOnce({ now });

  // The search incident's postmortem, in Japanese, written and waiting for a reviewer.
  const searchPostmortem = await createPostmortem(chen, past.id, "ja", at(t0 - minutes(90)));
  // Everyone acted in that incident: Chen and Dana wrote it, so Ben and Aiko are left to review it.
  await removePostmortemAuthor(chen, searchPostmortem.id, ben.id);
  await removePostmortemAuthor(chen, searchPostmortem.id, aiko.id);
  await writeUnderHeading(
    searchPostmortem.id,
    "根本原因",
    "インデックス再構築の設定に kuromoji トークナイザーが含まれていなかった。マッピングの検証がなく、再構築がそのまま本番エイリアスに切り替わる手順だった。",
  );
  await writeUnderHeading(searchPostmortem.id, "発生要因", "09:15 の定期インデックス再構築で、新しいアナライザー設定が初めて適用された。");
  await writeUnderHeading(searchPostmortem.id, "うまくいったこと", "前日のインデックスへのエイリアス切り戻しが 1 コマンドで済んだ。");
  await createActionItem(chen, searchPostmortem.id, {
    title: "Gate index rebuilds on an analyzer mapping check",
    ownerId: dana.id,
    priority: "P0",
    dueDate: new Date(now.getTime() - 2 * 86_400_000),
    status: "in_progress",
    trackerUrl: "https://jira.example.com/browse/SEARCH-231",
  });
  await createActionItem(chen, searchPostmortem.id, {
    title: "Alert on zero-result rate per locale",
    ownerId: chen.id,
    priority: "P1",
    dueDate: new Date(now.getTime() + 10 * 86_400_000),
    status: "open",
    trackerUrl: null,
  });
  await changePostmortemStatus(chen, searchPostmortem.id, "in_review", {}, at(t0 - minutes(120)));

  await seedOnCall(aiko, { ben, chen, dana }, [checkout.id], now);
  return { password, users: people.map(({ email, role }) => ({ email, role })) };
}
