import Link from "next/link";
import { notFound } from "next/navigation";
import { InstantInput } from "@/components/oncall/instant-input";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { calendarDays, type TCalendarView } from "@/lib/oncall/calendar";
import { getSchedule, getTeamBySlug, listOverrides, scheduleShifts } from "@/lib/oncall/queries";
import { ZRestrictions } from "@/lib/oncall/schema";
import { addLayerAction, createOverrideAction, deleteOverrideAction, removeLayerAction, scheduleFeedAction, updateScheduleAction } from "../../../actions";
import { ZoneList } from "../../../zone-list";
import { ScheduleCalendar } from "./calendar";

export const metadata = { title: "Schedule" };

type TSearch = { view?: string; date?: string; cover?: string };

export default async function SchedulePage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<TSearch> }) {
  const actor = await requireUser();
  const [{ slug, id }, search] = await Promise.all([params, searchParams]);
  const [{ locale, t }, schedule, team] = await Promise.all([getTranslator(), getSchedule(decodeURIComponent(id)), getTeamBySlug(decodeURIComponent(slug))]);
  if (!schedule || !team || schedule.team.id !== team.id) notFound();
  const view: TCalendarView = search.view === "month" ? "month" : "week";
  const calendar = calendarDays(view, search.date ?? "", team.timeZone);
  const [shifts, overrides] = await Promise.all([scheduleShifts(schedule.id, calendar.from, calendar.to), listOverrides(schedule.id, calendar.from, calendar.to)]);
  const canManage = can(actor.role, "oncall:manage");
  const canCover = can(actor.role, "incident:write");
  const members = schedule.team.members.map((member) => member.user);
  const [coverFrom, coverTo] = (search.cover ?? "").split("_");
  const covering = coverFrom && coverTo && !Number.isNaN(Date.parse(coverFrom)) && !Number.isNaN(Date.parse(coverTo));
  const base = `/teams/${team.slug}/schedules/${schedule.id}`;
  const href = (changes: Partial<TSearch>) => `${base}?${new URLSearchParams({ view, date: calendar.anchor, ...changes }).toString()}`;
  const days = [1, 2, 3, 4, 5, 6, 7];

  return (
    <div className="stack">
      <div>
        <div className="muted small">
          <Link href="/teams">{t("oncall.teams.title")}</Link> · <Link href={`/teams/${team.slug}`}>{team.name}</Link>
        </div>
        <h1>{schedule.name}</h1>
      </div>

      <section className="panel">
        <h2>{t("oncall.calendar.title")}</h2>
        <nav aria-label={t("oncall.calendar.title")} style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "center" }}>
          <Link href={href({ view: "week" })} aria-current={view === "week" ? "page" : undefined}>
            {t("oncall.calendar.week")}
          </Link>
          <Link href={href({ view: "month" })} aria-current={view === "month" ? "page" : undefined}>
            {t("oncall.calendar.month")}
          </Link>
          <Link href={href({ date: calendar.previous })}>← {t("oncall.calendar.previous")}</Link>
          <Link href={href({ date: "" })}>{t("oncall.calendar.today")}</Link>
          <Link href={href({ date: calendar.next })}>{t("oncall.calendar.next")} →</Link>
          <strong data-testid="calendar-title">{calendar.title}</strong>
        </nav>
        <p className="muted small">{t("oncall.calendar.days", { zone: team.timeZone })}</p>
        <ScheduleCalendar
          view={view}
          days={calendar.days}
          shifts={shifts ?? []}
          viewerId={actor.id}
          coverHref={(shift) => `${href({ cover: `${shift.start.toISOString()}_${shift.end.toISOString()}` })}#cover`}
          t={t}
          locale={locale}
        />
      </section>

      <section className="panel">
        <h2>{t("oncall.overrides.title")}</h2>
        {overrides.length === 0 ? <p className="empty">{t("oncall.overrides.empty")}</p> : null}
        <ul>
          {overrides.map((override) => (
            <li key={override.id} data-testid="override">
              {t(`oncall.overrides.phrase.${override.kind}`, { user: override.user?.name ?? "", covered: override.replacesUser?.name ?? "" })} ·{" "}
              <LocalTime iso={override.startsAt.toISOString()} locale={locale} /> → <LocalTime iso={override.endsAt.toISOString()} locale={locale} />
              {override.note ? ` · ${override.note}` : null}
              {canManage || [override.user?.id, override.replacesUser?.id].includes(actor.id) ? (
                <ActionForm action={deleteOverrideAction} className="inline" label={t("oncall.overrides.delete")}>
                  <input type="hidden" name="scheduleId" value={schedule.id} />
                  <input type="hidden" name="overrideId" value={override.id} />
                  <SubmitButton small>{t("oncall.overrides.delete")}</SubmitButton>
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
        {canCover ? (
          <section id="cover">
            <h3>{t("oncall.overrides.add")}</h3>
            <ActionForm action={createOverrideAction} label={t("oncall.overrides.add")} key={search.cover ?? "new"}>
              <input type="hidden" name="scheduleId" value={schedule.id} />
              <label className="field">
                {t("oncall.overrides.kind")}
                <select name="kind" defaultValue="replace">
                  <option value="replace">{t("oncall.overrides.kind.replace")}</option>
                  <option value="add">{t("oncall.overrides.kind.add")}</option>
                  <option value="remove">{t("oncall.overrides.kind.remove")}</option>
                </select>
              </label>
              <label className="field">
                {t("oncall.overrides.user")}
                <select name="userId" defaultValue="">
                  <option value="">{t("oncall.overrides.nobody")}</option>
                  {members.map((member) => (
                    <option key={member.id} value={member.id}>
                      {member.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t("oncall.overrides.replaces")}
                <select name="replacesUserId" defaultValue={covering ? actor.id : ""}>
                  <option value="">{t("oncall.overrides.nobody")}</option>
                  {members.map((member) => (
                    <option key={member.id} value={member.id}>
                      {member.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field" htmlFor="override-starts">
                {t("oncall.overrides.startsAt")}
              </label>
              <InstantInput name="startsAt" id="override-starts" defaultIso={covering ? coverFrom : undefined} required />
              <label className="field" htmlFor="override-ends">
                {t("oncall.overrides.endsAt")}
              </label>
              <InstantInput name="endsAt" id="override-ends" defaultIso={covering ? coverTo : undefined} required />
              <label className="field">
                {t("oncall.overrides.note")}
                <input name="note" maxLength={500} />
              </label>
              <div>
                <SubmitButton primary>{t("oncall.overrides.add")}</SubmitButton>
              </div>
            </ActionForm>
          </section>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("oncall.layers.title")}</h2>
        {schedule.layers.length === 0 ? <p className="empty">{t("oncall.layers.empty")}</p> : null}
        <ol>
          {schedule.layers.map((layer) => {
            const restrictions = ZRestrictions.parse(layer.restrictions);
            return (
              <li key={layer.id} data-testid="layer">
                <strong>{layer.name}</strong> · {layer.rotation.name} ·{" "}
                {restrictions.length === 0
                  ? t("oncall.layers.always")
                  : restrictions.map((rule) => `${rule.days.map((day) => t(`oncall.day.${day}` as "oncall.day.1")).join(" ")} ${rule.from}–${rule.to}`).join("; ") + ` (${layer.restrictionZone})`}
                {canManage ? (
                  <ActionForm action={removeLayerAction} className="inline" label={t("oncall.layers.remove")}>
                    <input type="hidden" name="scheduleId" value={schedule.id} />
                    <input type="hidden" name="layerId" value={layer.id} />
                    <SubmitButton small>{t("oncall.layers.remove")}</SubmitButton>
                  </ActionForm>
                ) : null}
              </li>
            );
          })}
        </ol>
        {canManage ? (
          <details open={schedule.layers.length === 0}>
            <summary>{t("oncall.layers.add")}</summary>
            <ActionForm action={addLayerAction} resetOnSuccess label={t("oncall.layers.add")}>
              <input type="hidden" name="scheduleId" value={schedule.id} />
              <label className="field">
                {t("oncall.field.name")}
                <input name="name" required minLength={2} maxLength={100} />
              </label>
              <label className="field">
                {t("oncall.layers.rotation")}
                <select name="rotationId" required>
                  {team.rotations.map((rotation) => (
                    <option key={rotation.id} value={rotation.id}>
                      {rotation.name}
                    </option>
                  ))}
                </select>
              </label>
              <fieldset className="fieldset">
                <legend>{t("oncall.layers.days")}</legend>
                {days.map((day) => (
                  <label key={day}>
                    <input type="checkbox" name="days" value={day} /> {t(`oncall.day.${day}` as "oncall.day.1")}
                  </label>
                ))}
              </fieldset>
              <label className="field">
                {t("oncall.layers.from")}
                <input name="from" type="time" defaultValue="09:00" />
              </label>
              <label className="field">
                {t("oncall.layers.to")}
                <input name="to" type="time" defaultValue="18:00" />
              </label>
              <label className="field">
                {t("oncall.layers.zone")}
                <input name="restrictionZone" list="time-zones" defaultValue={team.timeZone} />
              </label>
              <ZoneList />
              <div>
                <SubmitButton primary>{t("oncall.layers.add")}</SubmitButton>
              </div>
            </ActionForm>
          </details>
        ) : null}
      </section>

      <section className="panel" data-testid="shift-notices">
        <h2>{t("oncall.reminder.title")}</h2>
        <p className="muted small">{t("oncall.reminder.hint")}</p>
        <p>{schedule.reminderMinutes > 0 ? t("oncall.reminder.current", { minutes: schedule.reminderMinutes }) : t("oncall.reminder.off")}</p>
        {canManage ? (
          <ActionForm action={updateScheduleAction} label={t("oncall.reminder.title")}>
            <input type="hidden" name="scheduleId" value={schedule.id} />
            <label className="field">
              {t("oncall.reminder.minutes")}
              <input name="reminderMinutes" type="number" min={0} max={1440} step={1} required defaultValue={schedule.reminderMinutes} />
            </label>
            <div>
              <SubmitButton small>{t("oncall.submit.save")}</SubmitButton>
            </div>
          </ActionForm>
        ) : null}
      </section>

      {canManage ? (
        <section className="panel">
          <h2>{t("oncall.feed.title")}</h2>
          <ActionForm action={scheduleFeedAction} label={t("oncall.feed.schedule")} secretLabel={t("oncall.feed.secret")}>
            <input type="hidden" name="scheduleId" value={schedule.id} />
            <p className="muted small">{t("oncall.feed.hint")}</p>
            <div>
              <SubmitButton small>{t("oncall.feed.schedule")}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
