import { LocalTime } from "@/components/ui/local-time";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TChannelKind } from "@/lib/notifications/schema";

export type TDeliveryAttemptRow = {
  id: string;
  channel: TChannelKind;
  methodLabel: string;
  test: boolean;
  ok: boolean;
  error: string;
  latencyMs: number;
  attemptedAt: Date;
  /** in the room: the person notified, or the team whose channel was posted to */
  user?: { name: string } | null;
  team?: { name: string } | null;
};

/** Delivery attempts as a table: on a person's page their own, in the room everyone's (with a person column). */
export function DeliveryAttempts({ t, locale, attempts, testId }: { t: TTranslate; locale: string; attempts: TDeliveryAttemptRow[]; testId: string }) {
  const withPeople = attempts.some((attempt) => attempt.user || attempt.team);
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("me.col.when")}</th>
          {withPeople ? <th>{t("me.col.person")}</th> : null}
          <th>{t("me.col.method")}</th>
          <th>{t("me.col.channel")}</th>
          <th>{t("me.col.result")}</th>
          <th>{t("me.col.latency")}</th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((attempt) => (
          <tr key={attempt.id}>
            <td>
              <LocalTime iso={attempt.attemptedAt.toISOString()} locale={locale} />
            </td>
            {withPeople ? <td>{attempt.user?.name ?? attempt.team?.name}</td> : null}
            <td>
              {attempt.methodLabel}
              {attempt.test ? <span className="muted small"> ({t("me.result.test")})</span> : null}
            </td>
            <td>{t(`channels.kind.${attempt.channel}`)}</td>
            <td>
              <span className={`badge ${attempt.ok ? "status-resolved" : "status-investigating"}`}>{attempt.ok ? t("me.result.ok") : t("me.result.failed")}</span>
              {attempt.error ? <span className="small"> {attempt.error}</span> : null}
            </td>
            <td>{attempt.latencyMs} ms</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
