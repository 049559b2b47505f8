import type { PostmortemStatus, TimelineEntryKind } from "@/lib/generated/prisma/enums";
import { translator, type TLocale, type TTranslate } from "@/lib/i18n/translate";
import { formatDurationIn, formatUtcMinute } from "@/lib/clock/durations";
import { formatPercent } from "@/lib/slo/format";
import { bold, bulletList, code, generatedSection, heading, italic, link, paragraph, prompt, table, text, type TDocNode } from "./document-nodes";
import { isSafeHref } from "./safe-href";

/** Everything a draft is generated from, gathered by the service; plain data. */
export type TPostmortemSource = {
  language: TLocale;
  postmortemStatus: PostmortemStatus;
  incident: {
    reference: string;
    title: string;
    severity: string;
    status: string;
    summary: string;
    services: string[];
    startedAt: Date;
    detectedAt: Date;
    acknowledgedAt: Date | null;
    mitigatedAt: Date | null;
    resolvedAt: Date | null;
  };
  authors: string[];
  timeline: { id: string; occurredAt: Date; actor: string; kind: TimelineEntryKind; description: string; body: string; keyEvent: boolean }[];
  alerts: {
    title: string;
    source: string;
    integration: string;
    labels: Record<string, string>;
    links: { href: string; text: string }[];
    startsAt: Date;
    payloadUrl: string | null;
  }[];
  sloImpacts: { service: string; slo: string; consumedFraction: number; badEvents: number }[];
  generatedAt: Date;
};

/** The template's sections in order; `generated` ones are filled from the incident and refilled on regeneration. */
export const TEMPLATE_SECTIONS = [
  "date",
  "authors",
  "status",
  "summary",
  "impact",
  "rootCauses",
  "trigger",
  "resolution",
  "detection",
  "actionItems",
  "lessons",
  "timeline",
  "supporting",
] as const;
export type TTemplateSection = (typeof TEMPLATE_SECTIONS)[number];

const ALERT_KINDS: TimelineEntryKind[] = ["alert_attached", "alert_refired", "alert_resolved"];
// More alert events in a row than this fold into one line, as on the incident's timeline.
const STORM_LENGTH = 3;

const between = (t: TTranslate, from: Date | null, to: Date | null) => (from && to ? formatDurationIn(t.locale, to.getTime() - from.getTime()) : "—");

function impactSection(source: TPostmortemSource, t: TTranslate): TDocNode[] {
  const { incident } = source;
  const moment = (label: string, at: Date | null, measure?: { label: string; from: Date }) => [
    bold(`${label}:`),
    text(at ? ` ${formatUtcMinute(at)}${measure ? ` (${measure.label} ${between(t, measure.from, at)})` : ""}` : " —"),
  ];
  const times: TDocNode[][] = [
    moment(t("pm.impact.started"), incident.startedAt),
    moment(t("pm.impact.detected"), incident.detectedAt, { label: t("pm.impact.ttd"), from: incident.startedAt }),
    moment(t("pm.impact.acknowledged"), incident.acknowledgedAt, { label: t("pm.impact.tta"), from: incident.detectedAt }),
    moment(t("pm.impact.mitigated"), incident.mitigatedAt, { label: t("pm.impact.ttm"), from: incident.startedAt }),
    moment(t("pm.impact.resolved"), incident.resolvedAt, { label: t("pm.impact.ttr"), from: incident.startedAt }),
  ];
  const content: TDocNode[] = [paragraph(`${t("pm.impact.services")}: ${incident.services.join(", ") || "—"} · ${incident.severity}`), bulletList(times)];
  if (source.sloImpacts.length > 0) {
    content.push(
      table(
        [t("pm.impact.slo"), t("pm.impact.badEvents"), t("pm.impact.budgetConsumed")],
        source.sloImpacts.map((impact) => [
          [text(`${impact.service} · ${impact.slo}`)],
          [text(impact.badEvents.toLocaleString("en"))],
          [text(formatPercent(impact.consumedFraction))],
        ]),
      ),
    );
  } else {
    content.push(paragraph(t("pm.impact.noSlo")));
  }
  return content;
}

function detectionSection(source: TPostmortemSource, t: TTranslate): TDocNode[] {
  const alerts = [...source.alerts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const first = alerts[0];
  if (!first) return [paragraph(t("pm.detection.noAlerts", { delay: between(t, source.incident.startedAt, source.incident.detectedAt) }))];
  const firstAt = first.startsAt.getTime();
  const firing = alerts.filter((alert) => alert.startsAt.getTime() === firstAt);
  return [
    paragraph(
      t("pm.detection.first", {
        count: firing.length,
        source: first.integration,
        at: formatUtcMinute(first.startsAt),
        delay: between(t, source.incident.startedAt, source.incident.detectedAt),
      }),
    ),
    bulletList(
      firing.map((alert) => [
        bold(alert.title),
        text(` (${alert.source}) `),
        ...Object.entries(alert.labels).flatMap(([key, value]) => [code(`${key}=${value}`), text(" ")]),
        ...alert.links.filter((candidate) => isSafeHref(candidate.href)).flatMap((candidate) => [link(candidate.text, candidate.href), text(" ")]),
      ]),
    ),
    ...(alerts.length > firing.length ? [paragraph(t("pm.detection.later", { count: alerts.length - firing.length }))] : []),
  ];
}

function timelineSection(source: TPostmortemSource, t: TTranslate): TDocNode[] {
  const rows: TDocNode[][][] = [];
  const entries = source.timeline;
  for (let index = 0; index < entries.length;) {
    const entry = entries[index] as (typeof entries)[number];
    let end = index;
    while (end + 1 < entries.length && ALERT_KINDS.includes((entries[end + 1] as typeof entry).kind) && ALERT_KINDS.includes(entry.kind)) end++;
    const href = `/incidents/${source.incident.reference}#entry-${entry.id}`;
    if (end - index + 1 > STORM_LENGTH) {
      rows.push([[link(formatUtcMinute(entry.occurredAt), href)], [text("Firebreak")], [italic(t("timeline.alertsCollapsed", { count: end - index + 1 }))]]);
      index = end + 1;
      continue;
    }
    const what = [entry.description, entry.kind === "note" || entry.kind === "stakeholder_update" ? entry.body : ""].filter(Boolean).join(": ");
    rows.push([[link(formatUtcMinute(entry.occurredAt), href)], [text(entry.actor)], [entry.keyEvent ? bold(what) : text(what)]]);
    index++;
  }
  return [table([t("pm.timeline.time"), t("pm.timeline.who"), t("pm.timeline.what")], rows), paragraph(italic(t("pm.timeline.keyEvents")))];
}

function supportingSection(source: TPostmortemSource, t: TTranslate): TDocNode[] {
  const links = new Map<string, string>();
  for (const alert of source.alerts) {
    for (const candidate of alert.links)
      if (isSafeHref(candidate.href) && !links.has(candidate.href)) links.set(candidate.href, `${candidate.text}: ${alert.title}`);
  }
  const payloads = source.alerts.flatMap((alert) => (alert.payloadUrl ? [[link(`${t("pm.supporting.payload")}: ${alert.title}`, alert.payloadUrl)]] : []));
  const items = [...[...links].map(([href, label]) => [link(label, href)]), ...payloads];
  return [
    items.length > 0 ? bulletList(items) : paragraph(t("pm.supporting.none")),
    paragraph(link(t("pm.supporting.incident"), `/incidents/${source.incident.reference}`)),
  ];
}

/** The Status section's line: the postmortem's review state, the incident's severity and status. */
export function statusLine(language: TLocale, state: { postmortemStatus: PostmortemStatus; severity: string; incidentStatus: string }): TDocNode[] {
  const t = translator(language);
  return [
    text(
      t("pm.statusLine", {
        postmortemStatus: t(`pm.status.${state.postmortemStatus}`),
        severity: state.severity,
        status: t(`status.${state.incidentStatus}` as Parameters<TTranslate>[0]),
      }),
    ),
  ];
}

/** The content of each data-driven section, in the document's language. */
export function generatedSections(source: TPostmortemSource): Record<string, TDocNode[]> {
  const t = translator(source.language);
  const { incident } = source;
  return {
    date: [paragraph(formatUtcMinute(source.generatedAt))],
    authors: [paragraph(source.authors.join(", ") || "—")],
    status: [
      paragraph(...statusLine(source.language, { postmortemStatus: source.postmortemStatus, severity: incident.severity, incidentStatus: incident.status })),
    ],
    summary: [paragraph(incident.summary || incident.title)],
    impact: impactSection(source, t),
    detection: detectionSection(source, t),
    actionItems: [paragraph(italic(t("pm.actionItems.placeholder")))],
    timeline: timelineSection(source, t),
    supporting: supportingSection(source, t),
  };
}

/** The template's prompts: guidance until someone writes the section. */
export const PROMPT_KEYS = [
  "pm.prompt.summary",
  "pm.prompt.impact",
  "pm.prompt.rootCauses",
  "pm.prompt.trigger",
  "pm.prompt.resolution",
  "pm.prompt.wentWell",
  "pm.prompt.wentWrong",
  "pm.prompt.lucky",
] as const satisfies readonly Parameters<TTranslate>[0][];

/** A new draft on the standard template: data-driven sections filled, the rest headed with a short prompt. */
export function generatePostmortemDocument(source: TPostmortemSource): TDocNode {
  const t = translator(source.language);
  const sections = generatedSections(source);
  const promptFor = (key: Parameters<TTranslate>[0]) => prompt(t(key));
  const content: TDocNode[] = [heading(1, `${source.incident.reference}: ${source.incident.title}`)];
  for (const section of TEMPLATE_SECTIONS) {
    content.push(heading(2, t(`pm.section.${section}`)));
    const generated = sections[section];
    if (generated) content.push(generatedSection(section, generated));
    if (section === "summary") content.push(promptFor("pm.prompt.summary"));
    if (section === "impact") content.push(promptFor("pm.prompt.impact"));
    if (section === "rootCauses") content.push(promptFor("pm.prompt.rootCauses"));
    if (section === "trigger") content.push(promptFor("pm.prompt.trigger"));
    if (section === "resolution") content.push(promptFor("pm.prompt.resolution"));
    if (section === "lessons") {
      for (const part of ["wentWell", "wentWrong", "lucky"] as const) {
        content.push(heading(3, t(`pm.section.${part}`)), promptFor(`pm.prompt.${part}`));
      }
    }
  }
  return { type: "doc", content };
}
