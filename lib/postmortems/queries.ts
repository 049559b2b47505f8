import { db } from "@/lib/db/prisma";
import type { ActionItemPriority, ActionItemStatus, PostmortemStatus } from "@/lib/generated/prisma/enums";
import { translator, type TLocale } from "@/lib/i18n/translate";
import { publicUrl } from "@/lib/http/public-url";
import { incidentReference } from "@/lib/incidents/rules";
import type { TDocNode } from "./document-nodes";
import { documentBlameHints } from "./blameless";
import { documentSnapshot } from "./document-state";
import { documentForExport } from "./export-document";
import { loadStoredDocument } from "./document-store";
import { postmortemHtml, postmortemMarkdown, type TExportActionItem, type TExportLabels } from "./export";
import { PROMPT_KEYS, statusLine } from "./generate";
import { UNFINISHED_ACTION_ITEM_STATUSES } from "./rules";

const PERSON = { select: { id: true, name: true } } as const;

/** Everything the postmortem page shows around the editor. */
export function getPostmortem(postmortemId: string) {
  return db().postmortem.findUnique({
    where: { id: postmortemId },
    select: {
      id: true,
      title: true,
      language: true,
      status: true,
      generatedAt: true,
      reviewChecklist: true,
      reviewComment: true,
      approvedAt: true,
      publishedAt: true,
      updatedAt: true,
      reviewer: PERSON,
      createdBy: PERSON,
      incident: { select: { id: true, number: true, title: true, severity: true, status: true } },
      authors: { select: { user: PERSON } },
      comments: { orderBy: { createdAt: "asc" }, include: { author: PERSON, resolvedBy: PERSON } },
      versions: { orderBy: { createdAt: "desc" }, select: { id: true, label: true, createdAt: true, createdBy: PERSON } },
      actionItems: { orderBy: [{ priority: "asc" }, { createdAt: "asc" }], include: { owner: PERSON } },
    },
  });
}
export type TPostmortemPage = NonNullable<Awaited<ReturnType<typeof getPostmortem>>>;

/** The blame-assigning phrases in the document as it is now (every logged edit included), with suggestions in `locale`. */
export async function openBlameHints(postmortemId: string, locale: TLocale) {
  const ydoc = await loadStoredDocument(postmortemId);
  return ydoc ? documentBlameHints(documentSnapshot(ydoc).content, locale) : [];
}

export function postmortemOfIncident(incidentId: string) {
  return db().postmortem.findUnique({ where: { incidentId }, select: { id: true, status: true, language: true } });
}

export type TPostmortemFilter = { query?: string; status?: PostmortemStatus; limit: number };

/** Postmortems newest first; `query` matches the title, the services and the text. */
export async function listPostmortems(filter: TPostmortemFilter) {
  const query = filter.query?.trim();
  const rows = await db().postmortem.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(query
        ? {
            OR: [
              { title: { contains: query, mode: "insensitive" } },
              { contentText: { contains: query, mode: "insensitive" } },
              { incident: { services: { some: { service: { name: { contains: query, mode: "insensitive" } } } } } },
            ],
          }
        : {}),
    },
    orderBy: { updatedAt: "desc" },
    take: filter.limit,
    select: {
      id: true,
      title: true,
      status: true,
      language: true,
      updatedAt: true,
      publishedAt: true,
      contentText: true,
      incident: { select: { number: true, severity: true, services: { select: { service: { select: { name: true } } } } } },
      _count: { select: { actionItems: true } },
    },
  });
  return rows.map(({ contentText, ...row }) => ({ ...row, excerpt: excerptAround(contentText, query), reference: incidentReference(row.incident.number) }));
}

/** A line of the text around the first match, for search results. */
function excerptAround(text: string, query: string | undefined): string {
  if (!query) return "";
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return "";
  const start = Math.max(0, at - 60);
  return `${start > 0 ? "…" : ""}${text.slice(start, at + query.length + 80).replace(/\s+/g, " ")}…`;
}

export type TActionItemFilter = { status?: ActionItemStatus; priority?: ActionItemPriority; ownerId?: string; overdue?: boolean; limit: number };

export function listActionItems(filter: TActionItemFilter, today = new Date()) {
  const midnight = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  return db().actionItem.findMany({
    where: {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.priority ? { priority: filter.priority } : {}),
      ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
      ...(filter.overdue ? { dueDate: { lt: midnight }, status: { in: [...UNFINISHED_ACTION_ITEM_STATUSES] } } : {}),
    },
    orderBy: [{ priority: "asc" }, { dueDate: { sort: "asc", nulls: "last" } }],
    take: filter.limit,
    include: { owner: PERSON, postmortem: { select: { id: true, title: true, incident: { select: { number: true } } } } },
  });
}

function exportLabels(language: TLocale): TExportLabels {
  const t = translator(language);
  return {
    title: t("pm.item.title"),
    owner: t("pm.item.owner"),
    priority: t("pm.item.priority"),
    due: t("pm.item.due"),
    status: t("pm.item.status"),
    tracker: t("pm.item.tracker"),
    none: t("pm.item.none"),
  };
}

const TEMPLATE_PROMPTS: ReadonlySet<string> = new Set(
  (["en", "ja"] as const).flatMap((language) => {
    const t = translator(language);
    return PROMPT_KEYS.map((key) => t(key));
  }),
);

export type TPostmortemExportFormat = "markdown" | "html" | "json";

/** The postmortem as it is now (stored state plus every logged edit), in the document's language. */
export async function exportPostmortem(postmortemId: string, format: TPostmortemExportFormat) {
  const postmortem = await getPostmortem(postmortemId);
  const ydoc = await loadStoredDocument(postmortemId);
  if (!postmortem || !ydoc) return null;
  const t = translator(postmortem.language);
  const content = documentForExport(documentSnapshot(ydoc).content, {
    statusLine: statusLine(postmortem.language, {
      postmortemStatus: postmortem.status,
      severity: postmortem.incident.severity,
      incidentStatus: postmortem.incident.status,
    }),
    absoluteUrl: publicUrl,
    templatePrompts: TEMPLATE_PROMPTS,
    notWritten: t("pm.export.notWritten"),
  });
  const items: TExportActionItem[] = postmortem.actionItems.map((item) => ({
    title: item.title,
    owner: item.owner?.name ?? "—",
    priority: item.priority,
    dueDate: item.dueDate ? item.dueDate.toISOString().slice(0, 10) : "—",
    status: t(`pm.itemStatus.${item.status}`),
    trackerUrl: item.trackerUrl,
  }));
  const filename = `postmortem-${incidentReference(postmortem.incident.number)}`;
  if (format === "markdown") {
    return {
      body: postmortemMarkdown(content, items, exportLabels(postmortem.language)),
      contentType: "text/markdown; charset=utf-8",
      filename: `${filename}.md`,
    };
  }
  if (format === "html") {
    return {
      body: postmortemHtml(content, items, exportLabels(postmortem.language), postmortem.language, postmortem.title),
      contentType: "text/html; charset=utf-8",
      filename: `${filename}.html`,
    };
  }
  const structured = {
    id: postmortem.id,
    title: postmortem.title,
    language: postmortem.language,
    status: postmortem.status,
    incident: { reference: incidentReference(postmortem.incident.number), title: postmortem.incident.title, severity: postmortem.incident.severity },
    authors: postmortem.authors.map((author) => author.user.name),
    reviewer: postmortem.reviewer?.name ?? null,
    approvedAt: postmortem.approvedAt,
    publishedAt: postmortem.publishedAt,
    actionItems: postmortem.actionItems.map((item) => ({
      title: item.title,
      owner: item.owner?.name ?? null,
      priority: item.priority,
      dueDate: item.dueDate?.toISOString().slice(0, 10) ?? null,
      status: item.status,
      trackerUrl: item.trackerUrl,
    })),
    document: content as TDocNode,
  };
  return { body: JSON.stringify(structured, null, 2), contentType: "application/json; charset=utf-8", filename: `${filename}.json` };
}
