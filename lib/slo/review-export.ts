import { stringify } from "csv-stringify/sync";
import type { TTranslate } from "@/lib/i18n/translate";
import { automationFlags, reviewIncidentRows, reviewServiceRows, reviewSloRows, reviewSlowBurnGroups, slowBurnFiringAtEndFlags } from "./review-table";
import { rangeDates } from "./review-range";
import type { TSprintReview } from "./sprint-review";
import { formatUtcMinute } from "@/lib/clock/format-time";
import { markdownTableCell, spreadsheetText } from "@/lib/markup/escape";
import { objectivePercent } from "./format";
import { verdictText } from "./verdict";

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
  const flags = automationFlags(review, t);
  const parts = [
    `# ${t("review.title")}: ${formatUtcMinute(review.from)} – ${formatUtcMinute(review.to)}`,
    `## ${t("review.services")}`,
    table(
      [t("review.col.service"), t("review.col.verdict"), t("review.col.incidents"), t("review.col.mtta"), t("review.col.mttr"), t("review.col.slowBurns")],
      reviewServiceRows(review, t).map((row) => [row.service, row.verdict, row.incidents, row.mtta, row.mttr, row.slowBurns]),
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
    ...slowBurnsMarkdown(review, t),
    `## ${t("review.automate")}`,
    flags.length === 0
      ? t("review.automateNone")
      : flags.map((flag) => `- ${cell(t("review.automateLine", { ...flag, incident: `${flag.reference} ${flag.title}` }))}`).join("\n"),
  ];
  return `${parts.join("\n\n")}\n`;
}

/** The slow burns, one table per service as on the page, and the SLOs still burning when the sprint ended. */
function slowBurnsMarkdown(review: TSprintReview, t: TTranslate): string[] {
  const groups = reviewSlowBurnGroups(review, t);
  if (groups.length === 0) return [`## ${t("review.slowBurns")}`, t("review.noSlowBurns")];
  const stillBurning = slowBurnFiringAtEndFlags(review);
  return [
    `## ${t("review.slowBurns")}`,
    ...groups.flatMap((group) => [
      `### ${cell(t("review.burn.group", { service: group.service, count: group.count }))}`,
      table(
        [
          t("review.col.slo"),
          t("review.col.rule"),
          t("review.col.started"),
          t("review.col.ended"),
          t("review.col.duration"),
          t("review.col.incident"),
          t("review.col.acknowledged"),
        ],
        group.burns.map((burn) => [
          burn.slo,
          burn.rule,
          formatUtcMinute(burn.startedAt),
          burn.endedAt ? formatUtcMinute(burn.endedAt) : burn.stillFiring,
          burn.duration,
          burn.incidentCell,
          burn.acknowledged,
        ]),
      ),
    ]),
    ...(stillBurning.length === 0
      ? []
      : [`### ${t("review.burn.firingAtEnd")}`, stillBurning.map((flag) => `- ${cell(t("review.burn.firingAtEndLine", flag))}`).join("\n")]),
  ];
}

/** One row per SLO (services without one get a row too), for spreadsheets. */
export function sprintReviewCsv(review: TSprintReview, t: TTranslate): string {
  const records = review.services.flatMap((row) => {
    const service = {
      service: spreadsheetText(row.service.name),
      incidents: row.incidents.length,
      slow_burns: row.slowBurns,
      mtta_minutes: row.mttaMs === null ? "" : (row.mttaMs / 60_000).toFixed(1),
      mttr_minutes: row.mttrMs === null ? "" : (row.mttrMs / 60_000).toFixed(1),
      automate_recovery: [
        ...new Set(row.incidents.filter((incident) => incident.costs.some((cost) => cost.automateRecovery)).map((incident) => incident.reference)),
      ].join(" "),
    };
    const percent = (fraction: number, noData: boolean) => (noData ? "" : (fraction * 100).toFixed(1));
    if (row.slos.length === 0)
      return [
        {
          ...service,
          slo: "",
          objective_percent: "",
          window: "",
          budget_start_percent: "",
          budget_end_percent: "",
          consumed_percent: "",
          slow_burn_firing_at_end: "",
          verdict: "",
          verdict_reason: t("review.noSlo"),
        },
      ];
    return row.slos.map((slo) => ({
      ...service,
      slo: spreadsheetText(slo.slo.name),
      objective_percent: String(objectivePercent(slo.slo.objective)),
      window: t(`slo.window.${slo.slo.window}`),
      budget_start_percent: percent(slo.atStart.remainingFraction, slo.atStart.noData),
      budget_end_percent: percent(slo.atEnd.remainingFraction, slo.atEnd.noData),
      consumed_percent: percent(slo.consumedDuringSprint, slo.atEnd.noData),
      slow_burn_firing_at_end: slo.slowBurnFiringAtEnd ? "yes" : "no",
      // Each row its own SLO's verdict: the service's worst one would contradict the page and the Markdown.
      verdict: slo.assessment.verdict,
      verdict_reason: spreadsheetText(verdictText(slo.assessment, t)),
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
      "verdict_reason",
      "incidents",
      "mtta_minutes",
      "mttr_minutes",
      "automate_recovery",
      "slow_burns",
      "slow_burn_firing_at_end",
    ],
  });
}

const minutes = (milliseconds: number | null) => (milliseconds === null ? "" : (milliseconds / 60_000).toFixed(1));

/** One row per slow burn, grouped per service and oldest first as on the page, for spreadsheets. */
export function sprintReviewSlowBurnsCsv(review: TSprintReview, t: TTranslate): string {
  const records = reviewSlowBurnGroups(review, t).flatMap((group) =>
    group.burns.map((burn) => ({
      service: spreadsheetText(group.service),
      slo: spreadsheetText(burn.slo),
      rule: spreadsheetText(burn.rule),
      started_at: burn.startedAt.toISOString(),
      ended_at: burn.endedAt?.toISOString() ?? "",
      duration_minutes: minutes(burn.durationMs),
      firing_at_sprint_end: burn.firingAtEnd ? "yes" : "no",
      incident: burn.incident ? spreadsheetText(burn.incidentCell) : "",
      acknowledged_at: burn.acknowledgedAt?.toISOString() ?? "",
      acknowledge_minutes: minutes(burn.acknowledgeMs),
      acknowledged_by: spreadsheetText(burn.acknowledgedBy ?? ""),
    })),
  );
  return stringify(records, {
    header: true,
    columns: [
      "service",
      "slo",
      "rule",
      "started_at",
      "ended_at",
      "duration_minutes",
      "firing_at_sprint_end",
      "incident",
      "acknowledged_at",
      "acknowledge_minutes",
      "acknowledged_by",
    ],
  });
}

/** The review as a downloadable file, named after its dates; a CSV holds one table, the SLOs' or the slow burns'. */
export function sprintReviewFile(review: TSprintReview, format: "markdown" | "csv", table: "slos" | "slow-burns", t: TTranslate) {
  const dates = rangeDates(review);
  const filename = `sprint-review-${dates.from}-${dates.to}`;
  if (format === "markdown") return { body: sprintReviewMarkdown(review, t), contentType: "text/markdown; charset=utf-8", filename: `${filename}.md` };
  return table === "slos"
    ? { body: sprintReviewCsv(review, t), contentType: "text/csv; charset=utf-8", filename: `${filename}.csv` }
    : { body: sprintReviewSlowBurnsCsv(review, t), contentType: "text/csv; charset=utf-8", filename: `${filename}-slow-burns.csv` };
}
