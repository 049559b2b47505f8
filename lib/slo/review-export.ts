import { stringify } from "csv-stringify/sync";
import type { TTranslate } from "@/lib/i18n/translate";
import { automationFlags, reviewIncidentRows, reviewServiceRows, reviewSloRows } from "./review-table";
import { rangeDates } from "./review-range";
import type { TSprintReview } from "./sprint-review";
import { formatUtcMinute } from "@/lib/clock/durations";
import { markdownTableCell } from "@/lib/markup/escape";
import { objectivePercent } from "./format";

// Text pasted into a planning doc must not break the table or smuggle markup (links, HTML) in.
const cell = markdownTableCell;

function table(headings: string[], rows: string[][]): string {
  return [
    `| ${headings.map(cell).join(" | ")} |`,
    `| ${headings.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

/** GitHub-flavoured Markdown of the review, in the reader's language, for the sprint-planning doc. */
export function sprintReviewMarkdown(review: TSprintReview, t: TTranslate): string {
  const incidents = reviewIncidentRows(review, t);
  const flags = automationFlags(review);
  const parts = [
    `# ${t("review.title")}: ${formatUtcMinute(review.from)} – ${formatUtcMinute(review.to)}`,
    `## ${t("review.services")}`,
    table(
      [t("review.col.service"), t("review.col.verdict"), t("review.col.incidents"), t("review.col.mtta"), t("review.col.mttr")],
      reviewServiceRows(review, t).map((row) => [row.service, row.verdict, row.incidents, row.mtta, row.mttr]),
    ),
    `## ${t("review.slos")}`,
    table(
      [
        t("review.col.service"),
        t("review.col.slo"),
        t("review.col.objective"),
        t("review.col.atStart"),
        t("review.col.atEnd"),
        t("review.col.consumed"),
        t("review.col.verdict"),
      ],
      reviewSloRows(review, t).map((row) => [row.service, row.slo, row.objective, row.atStart, row.atEnd, row.consumed, row.verdict]),
    ),
    `## ${t("review.incidents")}`,
    incidents.length === 0
      ? t("review.noIncidents")
      : table(
          [
            t("review.col.incident"),
            t("review.col.service"),
            t("review.col.severity"),
            t("review.col.started"),
            t("review.col.duration"),
            t("review.col.acknowledge"),
            t("review.col.recovery"),
            t("review.col.cost"),
            t("review.col.flags"),
          ],
          incidents.map((row) => [
            `${row.reference} ${row.title}`,
            row.services,
            row.severity,
            formatUtcMinute(row.startedAt),
            row.duration,
            row.acknowledge,
            row.recovery,
            row.cost,
            row.flags.join("; "),
          ]),
        ),
    `## ${t("review.automate")}`,
    flags.length === 0
      ? t("review.automateNone")
      : flags.map((flag) => `- ${cell(t("review.automateLine", { ...flag, incident: `${flag.reference} ${flag.title}` }))}`).join("\n"),
  ];
  return `${parts.join("\n\n")}\n`;
}

// A spreadsheet runs a cell that starts with = + - @ as a formula: names are user-supplied.
const spreadsheetText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** One row per SLO (services without one get a row too), for spreadsheets. */
export function sprintReviewCsv(review: TSprintReview, t: TTranslate): string {
  const records = review.services.flatMap((row) => {
    const service = {
      service: spreadsheetText(row.service.name),
      verdict: row.verdict ?? "",
      incidents: row.incidents.length,
      mtta_minutes: row.mttaMs === null ? "" : (row.mttaMs / 60_000).toFixed(1),
      mttr_minutes: row.mttrMs === null ? "" : (row.mttrMs / 60_000).toFixed(1),
      automate_recovery: [
        ...new Set(row.incidents.filter((incident) => incident.costs.some((cost) => cost.automateRecovery)).map((incident) => incident.reference)),
      ].join(" "),
    };
    const percent = (fraction: number, noData: boolean) => (noData ? "" : (fraction * 100).toFixed(1));
    if (row.slos.length === 0)
      return [{ ...service, slo: "", objective_percent: "", window: "", budget_start_percent: "", budget_end_percent: "", consumed_percent: "" }];
    return row.slos.map((slo) => ({
      ...service,
      slo: spreadsheetText(slo.slo.name),
      objective_percent: String(objectivePercent(slo.slo.objective)),
      window: t(`slo.window.${slo.slo.window}`),
      budget_start_percent: percent(slo.atStart.remainingFraction, slo.atStart.noData),
      budget_end_percent: percent(slo.atEnd.remainingFraction, slo.atEnd.noData),
      consumed_percent: percent(slo.consumedDuringSprint, slo.atEnd.noData),
    }));
  });
  return stringify(records, {
    header: true,
    columns: [
      "service",
      "slo",
      "objective_percent",
      "window",
      "budget_start_percent",
      "budget_end_percent",
      "consumed_percent",
      "verdict",
      "incidents",
      "mtta_minutes",
      "mttr_minutes",
      "automate_recovery",
    ],
  });
}

/** The review as a downloadable file, named after its dates. */
export function sprintReviewFile(review: TSprintReview, format: "markdown" | "csv", t: TTranslate) {
  const dates = rangeDates(review);
  const filename = `sprint-review-${dates.from}-${dates.to}`;
  return format === "markdown"
    ? { body: sprintReviewMarkdown(review, t), contentType: "text/markdown; charset=utf-8", filename: `${filename}.md` }
    : { body: sprintReviewCsv(review, t), contentType: "text/csv; charset=utf-8", filename: `${filename}.csv` };
}
