import Link from "next/link";
import { ReviewBudgetChart } from "@/components/slo/review-budget-chart";
import { SloVerdict } from "@/components/slo/slo-verdict";
import { LocalTime } from "@/components/ui/local-time";
import { PrintButton } from "@/components/ui/print-button";
import { requireUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { safeParsePageFilter } from "@/lib/http/search-params";
import { getTranslator } from "@/lib/i18n/server";
import { rangeDates, sprintRange, ZSprintReviewRange } from "@/lib/slo/review-range";
import { automationFlags, reviewIncidentRows, reviewServiceRows, reviewSloRows, reviewSlowBurnGroups, slowBurnFiringAtEndFlags } from "@/lib/slo/review-table";
import { sprintReview } from "@/lib/slo/sprint-review";
import { budgetChartBars } from "@/lib/slo/review-chart";
import { formatPercent } from "@/lib/slo/format";
import { RELIABILITY_THRESHOLD } from "@/lib/slo/rules";

export const metadata = { title: "Sprint review" };

const PRESET_WEEKS = [1, 2, 3, 4] as const;

export default async function SprintReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const { locale, t } = await getTranslator();
  const parsed = safeParsePageFilter(ZSprintReviewRange, await searchParams);
  const now = new Date();
  let range = sprintRange({}, now);
  let rangeError = parsed.success ? null : t("review.invalidRange");
  if (parsed.success) {
    try {
      range = sprintRange(parsed.data, now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      rangeError = t("review.invalidRange");
    }
  }
  const review = await sprintReview(range.from, range.to);
  const dates = rangeDates(range);
  const rangeQuery = parsed.success && parsed.data.from ? `from=${dates.from}&to=${dates.to}` : `weeks=${(parsed.success && parsed.data.weeks) || 2}`;
  // The exports are computed as of the same instant as the page, so they hold the same numbers.
  const query = `${rangeQuery}&at=${encodeURIComponent(now.toISOString())}`;
  const services = reviewServiceRows(review, t);
  const slos = reviewSloRows(review, t);
  const incidents = reviewIncidentRows(review, t);
  const flags = automationFlags(review, t);
  const slowBurns = reviewSlowBurnGroups(review, t);
  const stillBurning = slowBurnFiringAtEndFlags(review);
  const bars = budgetChartBars(review);

  return (
    <div className="stack review">
      <div className="page-head">
        <div>
          <h1>{t("review.title")}</h1>
          <p className="muted" data-testid="review-range">
            {t("review.sprint")}: <LocalTime iso={review.from.toISOString()} locale={locale} dated /> –{" "}
            <LocalTime iso={review.to.toISOString()} locale={locale} dated />
          </p>
        </div>
        <div className="button-row no-print">
          <a className="button" href={`/api/review?${query}&format=markdown&lang=${locale}`} download data-testid="export-markdown">
            {t("review.exportMarkdown")}
          </a>
          <a className="button" href={`/api/review?${query}&format=csv&lang=${locale}`} download>
            {t("review.exportCsv")}
          </a>
          <a className="button" href={`/api/review?${query}&format=csv&table=slow-burns&lang=${locale}`} download data-testid="export-slow-burns">
            {t("review.exportSlowBurnsCsv")}
          </a>
          <PrintButton label={t("review.print")} />
        </div>
      </div>
      <p className="muted">{t("review.lede")}</p>

      <form className="filters no-print" method="get" aria-label={t("review.sprint")}>
        <div className="button-row">
          {PRESET_WEEKS.map((weeks) => (
            <Link key={weeks} className="button" href={`/review?weeks=${weeks}`} aria-current={rangeQuery === `weeks=${weeks}` ? "page" : undefined}>
              {weeks === 1 ? t("review.lastWeek") : t("review.lastWeeks", { weeks })}
            </Link>
          ))}
        </div>
        <label className="field">
          {t("review.from")}
          <input type="date" name="from" defaultValue={dates.from} required />
        </label>
        <label className="field">
          {t("review.to")}
          <input type="date" name="to" defaultValue={dates.to} required />
        </label>
        <button type="submit">{t("review.show")}</button>
      </form>
      {rangeError ? (
        <p role="alert" className="form-error">
          {rangeError}
        </p>
      ) : null}

      {review.services.length === 0 ? <p className="empty">{t("review.noServices")}</p> : null}

      <section className="panel">
        <h2>{t("review.services")}</h2>
        <table className="data" data-testid="review-services">
          <thead>
            <tr>
              <th>{t("review.col.service")}</th>
              <th>{t("review.col.verdict")}</th>
              <th>{t("review.col.incidents")}</th>
              <th>{t("review.col.mtta")}</th>
              <th>{t("review.col.mttr")}</th>
              <th>{t("review.col.slowBurns")}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((row) => (
              <tr key={row.serviceSlug} data-service={row.service}>
                <td>
                  <Link href={`/services/${row.serviceSlug}`}>{row.service}</Link>
                </td>
                <td>
                  {row.assessment ? (
                    <SloVerdict
                      verdict={row.assessment.assessment}
                      slo={row.assessment.assessment.verdict === "no_data" ? undefined : row.assessment.slo}
                      t={t}
                      locale={locale}
                      testId="service-verdict"
                    />
                  ) : (
                    <span className="muted" data-testid="service-verdict">
                      {row.verdict}
                    </span>
                  )}
                </td>
                <td>{row.incidents}</td>
                <td>{row.mtta}</td>
                <td>{row.mttr}</td>
                <td data-testid="service-slow-burns">{row.slowBurns}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t("review.mttHelp")}</p>
      </section>

      <section className="panel">
        <h2>{t("review.slos")}</h2>
        <p className="muted small" data-testid="budget-chart-note">
          {t(bars.length > 0 ? "review.chart.atRisk" : "review.chart.noneAtRisk", { threshold: formatPercent(RELIABILITY_THRESHOLD) })}
        </p>
        {bars.length > 0 ? (
          <ReviewBudgetChart
            bars={bars}
            labels={{ atStart: t("review.col.atStart"), atEnd: t("review.col.atEnd"), title: t("review.chartLabel"), overflow: t("review.chart.overflow") }}
          />
        ) : null}
        <table className="data" data-testid="review-slos">
          <thead>
            <tr>
              <th>{t("review.col.service")}</th>
              <th>{t("review.col.slo")}</th>
              <th>{t("review.col.objective")}</th>
              <th>{t("review.col.atStart")}</th>
              <th>{t("review.col.atEnd")}</th>
              <th>{t("review.col.consumed")}</th>
              <th>{t("review.col.verdict")}</th>
            </tr>
          </thead>
          <tbody>
            {slos.map((row) => (
              <tr key={row.sloId} data-slo={`${row.service} · ${row.slo}`}>
                <td>{row.service}</td>
                <td>{row.slo}</td>
                <td>{row.objective}</td>
                <td data-testid="at-start">{row.atStart}</td>
                <td data-testid="at-end">{row.atEnd}</td>
                <td data-testid="consumed">{row.consumed}</td>
                <td>
                  <SloVerdict verdict={row.assessment} t={t} locale={locale} testId="slo-verdict" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="panel">
        <h2>{t("review.incidents")}</h2>
        {incidents.length === 0 ? (
          <p className="muted">{t("review.noIncidents")}</p>
        ) : (
          <table className="data small" data-testid="review-incidents">
            <thead>
              <tr>
                <th>{t("review.col.incident")}</th>
                <th>{t("review.col.service")}</th>
                <th>{t("review.col.severity")}</th>
                <th>{t("review.col.started")}</th>
                <th>{t("review.col.duration")}</th>
                <th>{t("review.col.acknowledge")}</th>
                <th>{t("review.col.recovery")}</th>
                <th>{t("review.col.cost")}</th>
                <th>{t("review.col.flags")}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((row) => (
                <tr key={row.reference} data-incident={row.reference}>
                  <td>
                    <Link href={`/incidents/${row.reference}`}>{row.reference}</Link> {row.title}
                  </td>
                  <td>{row.services}</td>
                  <td>
                    <span className={`badge sev-${row.severity}`}>{row.severity}</span>
                  </td>
                  <td>
                    <LocalTime iso={row.startedAt.toISOString()} locale={locale} />
                  </td>
                  <td>{row.duration}</td>
                  <td>{row.acknowledge}</td>
                  <td>{row.recovery}</td>
                  <td data-testid="incident-cost">{row.cost}</td>
                  <td>
                    {row.flags.map((flag) => (
                      <span key={flag} className="badge flag verdict-freeze_risky_releases">
                        {flag}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="slow-burns-heading" data-testid="review-slow-burns">
        <h2 id="slow-burns-heading">{t("review.slowBurns")}</h2>
        <p className="muted small">{t("review.slowBurnsLede")}</p>
        {slowBurns.length === 0 ? (
          <p className="muted">{t("review.noSlowBurns")}</p>
        ) : (
          <table className="data small">
            <thead>
              <tr>
                <th>{t("review.col.slo")}</th>
                <th>{t("review.col.rule")}</th>
                <th>{t("review.col.started")}</th>
                <th>{t("review.col.ended")}</th>
                <th>{t("review.col.duration")}</th>
                <th>{t("review.col.incident")}</th>
                <th>{t("review.col.acknowledged")}</th>
              </tr>
            </thead>
            {slowBurns.map((group) => (
              <tbody key={group.serviceSlug ?? ""} data-service={group.service}>
                <tr>
                  <th scope="rowgroup" colSpan={7}>
                    {group.serviceSlug ? (
                      <Link href={`/services/${group.serviceSlug}`}>{t("review.burn.group", { service: group.service, count: group.count })}</Link>
                    ) : (
                      t("review.burn.group", { service: group.service, count: group.count })
                    )}
                  </th>
                </tr>
                {group.burns.map((burn) => (
                  <tr key={burn.id} data-testid="slow-burn">
                    <td>{burn.slo}</td>
                    <td>{burn.rule}</td>
                    <td>
                      <LocalTime iso={burn.startedAt.toISOString()} locale={locale} />
                    </td>
                    <td>{burn.endedAt ? <LocalTime iso={burn.endedAt.toISOString()} locale={locale} /> : <span className="badge">{burn.stillFiring}</span>}</td>
                    <td>{burn.duration}</td>
                    <td>
                      {burn.incident ? (
                        <>
                          <Link href={`/incidents/${burn.incident.reference}`}>{burn.incident.reference}</Link> {burn.incident.title}
                        </>
                      ) : (
                        burn.incidentCell
                      )}
                    </td>
                    <td>{burn.acknowledged}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        )}
        {stillBurning.length > 0 ? (
          <>
            <h3>{t("review.burn.firingAtEnd")}</h3>
            <ul data-testid="slow-burns-at-end">
              {stillBurning.map((flag) => (
                <li key={flag.sloId}>{t("review.burn.firingAtEndLine", flag)}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("review.automate")}</h2>
        {flags.length === 0 ? (
          <p className="muted">{t("review.automateNone")}</p>
        ) : (
          <ul data-testid="automation-flags">
            {flags.map((flag) => (
              <li key={`${flag.reference}-${flag.slo}`}>{t("review.automateLine", { ...flag, incident: `${flag.reference} ${flag.title}` })}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
