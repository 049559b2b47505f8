import { LocalTime } from "@/components/ui/local-time";
import type { TTranslate } from "@/lib/i18n/translate";
import { verdictTone, verdictWords, type TSloVerdict } from "@/lib/slo/verdict";

/**
 * An SLO's verdict and its reason in one line: "Feature work OK — but at today's burn the budget is
 * gone on Dec 5", the day in the reader's zone. `slo` names the SLO a service's verdict comes from.
 */
export function SloVerdict({
  verdict,
  t,
  locale,
  slo,
  testId = "verdict",
}: {
  verdict: TSloVerdict;
  t: TTranslate;
  locale: string;
  slo?: string;
  testId?: string;
}) {
  const { label, reason } = verdictWords(verdict, t);
  const [before = "", after] = reason?.split("{date}") ?? [];
  const exhaustsAt = verdict.verdict === "no_data" ? null : verdict.exhaustsAt;
  return (
    <span className="verdict-line" data-testid={testId} data-verdict={verdict.verdict}>
      <span className={`badge verdict-${verdictTone(verdict)}`}>{label}</span>
      {reason ? (
        <>
          {" — "}
          {slo ? `${slo}: ` : null}
          {before}
          {after !== undefined && exhaustsAt ? <LocalTime iso={exhaustsAt.toISOString()} locale={locale} day /> : null}
          {after}
        </>
      ) : null}
    </span>
  );
}
