import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/queries";
import { getTranslator } from "@/lib/i18n/server";
import { getTeamBySlug, LOOKAHEAD_DAYS, onCallSummaries, type TShiftWithPeople } from "@/lib/oncall/queries";
import { describeChannelTarget } from "@/lib/oncall/team-channel-view";
import { listUsers } from "@/lib/users/queries";
import { TEAM_CHANNEL_KINDS } from "@/lib/oncall/schema";
import { addTeamChannelAction, createRotationAction, createScheduleAction, myFeedAction, removeTeamChannelAction, updateTeamAction } from "../actions";
import { ZoneList } from "../zone-list";

export const metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ slug: string }> }) {
  const actor = await requireUser();
  const { slug } = await params;
  const [{ locale, t }, team] = await Promise.all([getTranslator(), getTeamBySlug(decodeURIComponent(slug))]);
  if (!team) notFound();
  const canManage = can(actor.role, "oncall:manage");
  const [summaries, users, services] = await Promise.all([
    onCallSummaries(team.schedules, new Date(), actor.id),
    canManage ? listUsers() : Promise.resolve([]),
    canManage ? listServices() : Promise.resolve([]),
  ]);
  const members = team.members.map((member) => member.user);
  const span = (shift: TShiftWithPeople | null, empty: string) =>
    shift ? (
      <>
        {shift.people.map((person) => person.name).join(", ") || t("oncall.now.nobody")} · <LocalTime iso={shift.start.toISOString()} locale={locale} /> →{" "}
        <LocalTime iso={shift.end.toISOString()} locale={locale} />
      </>
    ) : (
      empty
    );

  return (
    <div className="stack">
      <div>
        <div className="muted small">
          <Link href="/teams">{t("oncall.teams.title")}</Link> · {t("oncall.team.zone", { zone: team.timeZone })}
        </div>
        <h1>{team.name}</h1>
      </div>

      <section className="panel" data-testid="team-on-call">
        <h2>{t("oncall.now.title")}</h2>
        {summaries.length === 0 ? <p className="empty">{t("oncall.schedules.empty")}</p> : null}
        {summaries.map((summary) => (
          <div key={summary.scheduleId}>
            <h3>
              <Link href={`/teams/${team.slug}/schedules/${summary.scheduleId}`}>{summary.scheduleName}</Link>
            </h3>
            <dl className="small">
              <dt>{t("oncall.now.now")}</dt>
              <dd>{span(summary.now, t("oncall.now.nobody"))}</dd>
              <dt>{t("oncall.now.next")}</dt>
              <dd>{span(summary.next, t("oncall.now.notScheduled", { days: LOOKAHEAD_DAYS }))}</dd>
              <dt>{t("oncall.now.mine")}</dt>
              <dd>{span(summary.mine, t("oncall.now.notScheduled", { days: LOOKAHEAD_DAYS }))}</dd>
            </dl>
          </div>
        ))}
        <ActionForm action={myFeedAction} label={t("oncall.feed.mine")} secretLabel={t("oncall.feed.secret")}>
          <p className="muted small">{t("oncall.feed.hint")}</p>
          <div>
            <SubmitButton small>{t("oncall.feed.mine")}</SubmitButton>
          </div>
        </ActionForm>
      </section>

      <section className="panel">
        <h2>{t("oncall.team.members")}</h2>
        <p>{members.map((member) => member.name).join(", ") || t("common.none")}</p>
        {canManage ? (
          <ActionForm action={updateTeamAction} label={t("oncall.team.editMembers")}>
            <input type="hidden" name="teamId" value={team.id} />
            <input type="hidden" name="field" value="members" />
            <fieldset className="fieldset">
              <legend>{t("oncall.team.editMembers")}</legend>
              {users
                .filter((user) => !user.disabledAt)
                .map((user) => (
                  <label key={user.id}>
                    <input type="checkbox" name="memberIds" value={user.id} defaultChecked={members.some((member) => member.id === user.id)} /> {user.name}
                  </label>
                ))}
            </fieldset>
            <div>
              <SubmitButton small>{t("oncall.submit.save")}</SubmitButton>
            </div>
          </ActionForm>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("oncall.team.services")}</h2>
        {team.services.length === 0 ? (
          <p className="empty">{t("oncall.team.noServices")}</p>
        ) : (
          <ul>
            {team.services.map((service) => (
              <li key={service.id}>
                <Link href={`/services/${service.slug}`}>{service.name}</Link>
              </li>
            ))}
          </ul>
        )}
        {canManage ? (
          <ActionForm action={updateTeamAction} label={t("oncall.team.editServices")}>
            <input type="hidden" name="teamId" value={team.id} />
            <input type="hidden" name="field" value="services" />
            <fieldset className="fieldset">
              <legend>{t("oncall.field.services")}</legend>
              {services.map((service) => (
                <label key={service.id}>
                  <input type="checkbox" name="serviceIds" value={service.id} defaultChecked={team.services.some((owned) => owned.id === service.id)} /> {service.name}
                </label>
              ))}
            </fieldset>
            <div>
              <SubmitButton small>{t("oncall.submit.save")}</SubmitButton>
            </div>
          </ActionForm>
        ) : null}
      </section>

      <section className="panel" data-testid="team-channels" aria-labelledby="team-channels-title">
        <h2 id="team-channels-title">{t("oncall.channels.title")}</h2>
        <p className="muted small">{t("oncall.channels.hint")}</p>
        {team.channels.length === 0 ? <p className="empty">{t("oncall.channels.empty")}</p> : null}
        <ul>
          {team.channels.map((channel) => (
            <li key={channel.id} data-testid="team-channel">
              <strong>{channel.label}</strong> · {t(`me.kind.${channel.kind}`)}
              {describeChannelTarget(channel.target) ? ` · ${describeChannelTarget(channel.target)}` : null} · {t(channel.locale === "ja" ? "pm.language.ja" : "pm.language.en")}
              {canManage ? (
                <ActionForm action={removeTeamChannelAction} className="inline" label={t("oncall.channels.remove", { label: channel.label })}>
                  <input type="hidden" name="teamId" value={team.id} />
                  <input type="hidden" name="channelId" value={channel.id} />
                  <SubmitButton small>{t("oncall.channels.remove", { label: channel.label })}</SubmitButton>
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
        {canManage ? (
          <details>
            <summary>{t("oncall.channels.add")}</summary>
            <ActionForm action={addTeamChannelAction} resetOnSuccess label={t("oncall.channels.add")}>
              <input type="hidden" name="teamId" value={team.id} />
              <label className="field">
                {t("oncall.channels.kind")}
                <select name="kind" defaultValue="slack">
                  {TEAM_CHANNEL_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`me.kind.${kind}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t("oncall.channels.label")}
                <input name="label" required maxLength={100} />
              </label>
              <label className="field">
                {t("oncall.channels.address")}
                <input name="address" maxLength={100} aria-describedby="team-channel-address-help" />
              </label>
              <p id="team-channel-address-help" className="muted small">
                {t("oncall.channels.addressHelp")}
              </p>
              <label className="field">
                {t("oncall.channels.language")}
                <select name="locale" defaultValue={locale}>
                  <option value="en">{t("pm.language.en")}</option>
                  <option value="ja">{t("pm.language.ja")}</option>
                </select>
              </label>
              <div>
                <SubmitButton primary>{t("oncall.channels.add")}</SubmitButton>
              </div>
            </ActionForm>
          </details>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("oncall.rotations.title")}</h2>
        {team.rotations.length === 0 ? <p className="empty">{t("oncall.rotations.empty")}</p> : null}
        <ul>
          {team.rotations.map((rotation) => (
            <li key={rotation.id} data-testid="rotation">
              <strong>{rotation.name}</strong> · {rotation.shiftLength === "custom" ? t("oncall.rotations.hours", { hours: rotation.shiftHours }) : t(`oncall.rotations.${rotation.shiftLength}`)} ·{" "}
              {t("oncall.rotations.handoffAt", { time: rotation.handoffTime, zone: rotation.timeZone, date: rotation.startDate.toISOString().slice(0, 10) })} ·{" "}
              {rotation.members.map((member) => member.user.name).join(" → ") || t("common.none")}
            </li>
          ))}
        </ul>
        {canManage ? (
          <details>
            <summary>{t("oncall.rotations.add")}</summary>
            <ActionForm action={createRotationAction} resetOnSuccess label={t("oncall.rotations.add")}>
              <input type="hidden" name="teamId" value={team.id} />
              <label className="field">
                {t("oncall.field.name")}
                <input name="name" required minLength={2} maxLength={100} />
              </label>
              <label className="field">
                {t("oncall.rotations.shift")}
                <select name="shiftLength" defaultValue="weekly">
                  <option value="daily">{t("oncall.rotations.daily")}</option>
                  <option value="weekly">{t("oncall.rotations.weekly")}</option>
                  <option value="custom">{t("oncall.rotations.custom")}</option>
                </select>
              </label>
              <label className="field">
                {t("oncall.rotations.shiftHours")}
                <input name="shiftHours" type="number" min={1} max={672} />
              </label>
              <label className="field">
                {t("oncall.rotations.handoff")}
                <input name="handoffTime" type="time" required defaultValue="10:00" />
              </label>
              <label className="field">
                {t("oncall.rotations.startDate")}
                <input name="startDate" type="date" required />
              </label>
              <label className="field">
                {t("oncall.field.zone")}
                <input name="timeZone" list="time-zones" defaultValue={team.timeZone} />
              </label>
              <ZoneList />
              <fieldset className="fieldset">
                <legend>{t("oncall.rotations.order")}</legend>
                {members.map((_, index) => (
                  <label key={index} className="field">
                    {t("oncall.rotations.position", { n: index + 1 })}
                    <select name={`member-${index}`} defaultValue="">
                      <option value="">—</option>
                      {members.map((member) => (
                        <option key={member.id} value={member.id}>
                          {member.name}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </fieldset>
              <div>
                <SubmitButton primary>{t("oncall.submit.create")}</SubmitButton>
              </div>
            </ActionForm>
          </details>
        ) : null}
      </section>

      <section className="panel">
        <h2>{t("oncall.schedules.title")}</h2>
        {team.schedules.length === 0 ? <p className="empty">{t("oncall.schedules.empty")}</p> : null}
        <ul>
          {team.schedules.map((schedule) => (
            <li key={schedule.id}>
              <Link href={`/teams/${team.slug}/schedules/${schedule.id}`}>{schedule.name}</Link>
            </li>
          ))}
        </ul>
        {canManage ? (
          <ActionForm action={createScheduleAction} resetOnSuccess label={t("oncall.schedules.add")}>
            <input type="hidden" name="teamId" value={team.id} />
            <label className="field">
              {t("oncall.field.name")}
              <input name="name" required minLength={2} maxLength={100} />
            </label>
            <div>
              <SubmitButton>{t("oncall.schedules.add")}</SubmitButton>
            </div>
          </ActionForm>
        ) : null}
      </section>
    </div>
  );
}
