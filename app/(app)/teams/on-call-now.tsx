import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import type { TTranslate } from "@/lib/i18n/translate";
import { onCallForService } from "@/lib/oncall/queries";

/** "On call now" for a service (the service page and the incident room): each schedule of its team. */
export async function OnCallNow({ serviceSlugs, t, locale }: { serviceSlugs: readonly string[]; t: TTranslate; locale: string }) {
  const now = new Date();
  const answers = (await Promise.all(serviceSlugs.map((slug) => onCallForService(slug, now)))).filter((answer) => answer?.team);
  const seen = new Set<string>();
  const lines = answers.flatMap((answer) =>
    answer!.schedules.filter((summary) => !seen.has(summary.scheduleId) && seen.add(summary.scheduleId)).map((summary) => ({ team: answer!.team!, summary })),
  );
  if (lines.length === 0) return null;
  return (
    <p className="small" data-testid="on-call-now">
      <strong>{t("oncall.now.line")}:</strong>{" "}
      {lines.map(({ team, summary }, index) => (
        <span key={summary.scheduleId}>
          {index > 0 ? " · " : null}
          <Link href={`/teams/${team.slug}/schedules/${summary.scheduleId}`}>
            {team.name} / {summary.scheduleName}
          </Link>
          {": "}
          {summary.now ? (
            <>
              {summary.now.people.map((person) => person.name).join(", ")} ({t("oncall.now.until")} <LocalTime iso={summary.now.end.toISOString()} locale={locale} />)
            </>
          ) : (
            t("oncall.now.nobody")
          )}
        </span>
      ))}
    </p>
  );
}
