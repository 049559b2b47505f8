import { notFound } from "next/navigation";
import { AlertCard } from "@/components/alerts/alert-card";
import { StakeholderUpdatesPanel } from "@/components/communications/stakeholder-updates";
import { ActivityFeed } from "@/components/incidents/activity-feed";
import { RolesPanel } from "@/components/incidents/roles-panel";
import { RoomHeader } from "@/components/incidents/room-header";
import { RoomLive } from "@/components/incidents/room-live";
import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { EscalationPanel } from "@/components/escalation/escalation-panel";
import { DeliveryAttempts } from "@/components/notifications/delivery-attempts";
import { IncidentPostmortemPanel } from "@/components/postmortems/incident-postmortem-panel";
import { SloImpactPanel } from "@/components/slo/slo-impact-panel";
import { OnCallNow } from "../../teams/on-call-now";
import { SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { listIncidentAlerts } from "@/lib/alerts/queries";
import { allAlertsResolved } from "@/lib/alerts/rules";
import { can } from "@/lib/auth/permissions";
import { listIncidentChecklist } from "@/lib/checklists/queries";
import { listStakeholderUpdates } from "@/lib/communications/queries";
import { requireUser } from "@/lib/auth/session";
import { listServices } from "@/lib/catalog/queries";
import { serverEnv } from "@/lib/env/server-env";
import { incidentEscalationState } from "@/lib/escalation/queries";
import { listIncidentNotificationAttempts } from "@/lib/notifications/queries";
import { getTranslator } from "@/lib/i18n/server";
import { statusLabels } from "@/lib/incidents/status-labels";
import { postmortemOfIncident } from "@/lib/postmortems/queries";
import { incidentSloImpacts, listSlos } from "@/lib/slo/queries";
import { peopleInIncidentRoom } from "@/lib/incidents/presence";
import { getIncidentRoom, listPossibleResponders } from "@/lib/incidents/queries";
import { formatDurationIn } from "@/lib/clock/durations";
import { FEED_FILTERS } from "@/lib/incidents/feed-filters";
import { feedPage } from "@/lib/incidents/feed";
import { canTransition, INCIDENT_ROLES, incidentReference, offersTakeCommand, SEVERITIES } from "@/lib/incidents/rules";
import type { IncidentRole } from "@/lib/generated/prisma/enums";
import { describeTruncatedAlerts } from "@/lib/timeline/describe";
import {
  acknowledgeHandoffAction,
  acknowledgeIncidentAction,
  assignRoleAction,
  publishUpdateAction,
  recordSloImpactAction,
  releaseRoleAction,
  removeSloImpactAction,
  resolveIncidentAction,
  setChecklistItemAction,
  takeCommandAction,
  updateIncidentAction,
} from "../actions";
import { changeIncidentAction, editNoteInFeedAction, markKeyEventInFeedAction, postNoteAction } from "../room-actions";
import { createPostmortemAction } from "../../postmortems/actions";
import { escalateNowAction } from "../../escalation-policies/actions";

export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }) {
  return { title: decodeURIComponent((await params).ref) };
}

export default async function IncidentRoomPage({ params }: { params: Promise<{ ref: string }> }) {
  const actor = await requireUser();
  const { ref } = await params;
  const [{ locale, t }, incident, responders, services] = await Promise.all([
    getTranslator(),
    getIncidentRoom(decodeURIComponent(ref), { timeline: false }),
    listPossibleResponders(),
    listServices(),
  ]);
  if (!incident) notFound();
  const [feed, alerts, present, updates, checklist, sloImpacts, allSlos, postmortem, escalation, deliveries] = await Promise.all([
    feedPage(incident.id, { filter: "all" }, t, locale),
    listIncidentAlerts(incident.id),
    peopleInIncidentRoom(incident.id),
    listStakeholderUpdates(incident.id),
    listIncidentChecklist(incident.id),
    incidentSloImpacts(incident.id),
    listSlos(),
    postmortemOfIncident(incident.id),
    incidentEscalationState(incident.id),
    listIncidentNotificationAttempts(incident.id),
  ]);
  const pendingHandoffs = incident.activeRoles.filter((assignment) => !assignment.acknowledgedAt);
  const commander = incident.activeRoles.find((assignment) => assignment.role === "commander") ?? null;
  const now = new Date();
  const canEdit = can(actor.role, "incident:write") && incident.status !== "closed";
  const reference = incidentReference(incident.number);
  const latestUpdate = updates[0];
  const times = [
    ["room.started", incident.startedAt],
    ["room.detected", incident.detectedAt],
    ["room.mitigated", incident.mitigatedAt],
    ["room.resolved", incident.resolvedAt],
  ] as const;

  return (
    <RoomLive streamUrl={`/api/incidents/${incident.id}/events`} afterId={feed.entries[0]?.id ?? "0"} status={incident.status} severity={incident.severity}>
      {canEdit ? (
        <a className="skip-link" href="#note-box">
          {t("room.skipToNote")}
        </a>
      ) : null}
      <RoomHeader
        incidentId={incident.id}
        locale={locale}
        startedAt={incident.startedAt.toISOString()}
        renderedAt={now.getTime()}
        canEdit={canEdit}
        changeAction={changeIncidentAction}
        labels={{
          status: statusLabels(t),
          severity: Object.fromEntries(SEVERITIES.map((severity) => [severity, t(`severity.${severity}`)])) as Record<(typeof SEVERITIES)[number], string>,
          severityOption: Object.fromEntries(
            SEVERITIES.map((severity) => [severity, `${severity} · ${t(`severity.${severity}.meaning`).split(":")[0]}`]),
          ) as Record<(typeof SEVERITIES)[number], string>,
          moveTo: t("room.moveTo"),
          changeSeverity: t("room.changeSeverity"),
          resolve: t("room.resolve"),
          since: t("room.sinceStart"),
          live: { live: t("live.connected"), reconnecting: t("live.reconnecting") },
          controls: t("room.status"),
          palette: {
            open: t("palette.open"),
            title: t("palette.title"),
            search: t("palette.search"),
            none: t("palette.none"),
            close: t("palette.close"),
            moveTo: t("palette.moveTo"),
            resolve: t("palette.resolve"),
            severity: t("palette.severity"),
            takeCommand: t("palette.takeCommand"),
            assign: t("palette.assign"),
            update: t("palette.update"),
            note: t("palette.note"),
            keyEvent: t("palette.keyEvent"),
            roles: Object.fromEntries(INCIDENT_ROLES.map((role) => [role, t(`role.${role}`)])) as Record<IncidentRole, string>,
          },
        }}
        heading={
          <>
            <div className="muted small">
              {reference} · {t("room.declaredBy", { name: incident.declaredBy.name })}
              {incident.services.length > 0 ? ` · ${incident.services.map((service) => service.name).join(", ")}` : ""}
            </div>
            <h1 data-testid="incident-title">{incident.title}</h1>
          </>
        }
        roles={
          <ul className="room-roles" aria-label={t("room.roles")}>
            {(["commander", "operations", "communications"] as const).map((role) => {
              const holder = incident.activeRoles.find((assignment) => assignment.role === role);
              return (
                <li key={role}>
                  <span className="muted">{t(`role.${role}`)}:</span> {holder ? holder.user.name : t("common.unassigned")}
                  {holder && !holder.acknowledgedAt ? <span className="muted"> ({t("room.pendingShort")})</span> : null}
                </li>
              );
            })}
            {present.length > 0 ? (
              <li className="muted" data-testid="present">
                {t("room.hereNow", { names: present.map((person) => person.name).join(", ") })}
              </li>
            ) : null}
          </ul>
        }
        takeCommand={
          canEdit && offersTakeCommand(incident, commander && { userId: commander.user.id, acknowledgedAt: commander.acknowledgedAt }) ? (
            <IncidentActionForm incidentId={incident.id} action={takeCommandAction} className="inline" label={t("room.takeCommand")}>
              <SubmitButton small primary>
                {t("room.takeCommand")}
              </SubmitButton>
              <span className="muted small">{t("room.takeCommandHint")}</span>
            </IncidentActionForm>
          ) : null
        }
        resolve={{
          incidentId: incident.id,
          title: t("room.resolveTitle", { reference }),
          summary: latestUpdate?.message ?? "",
          impact: latestUpdate?.impact ?? "",
          offerFinalUpdate: latestUpdate !== undefined,
          labels: {
            summary: t("room.resolveSummary"),
            summaryHint: t("room.resolveSummaryHint"),
            finalUpdate: t("room.resolveFinalUpdate"),
            impact: t("room.resolveImpact"),
            confirm: t("room.resolveConfirm"),
            cancel: t("common.cancel"),
          },
          action: resolveIncidentAction,
        }}
      />

      {!can(actor.role, "incident:write") ? <p className="notice">{t("common.readOnly")}</p> : null}
      {pendingHandoffs.length > 0 ? (
        <p className="notice" data-testid="pending-handoffs">
          {t("room.pendingHandoffs", { roles: pendingHandoffs.map((assignment) => `${t(`role.${assignment.role}`)} → ${assignment.user.name}`).join(", ") })}
        </p>
      ) : null}

      <div className="button-row" style={{ marginBottom: "1rem" }} data-testid="acknowledgement">
        {incident.acknowledgedAt ? (
          <span className="muted small">
            {t("room.acknowledged", {
              name: incident.acknowledgedBy?.name ?? "",
              duration: formatDurationIn(locale, incident.acknowledgedAt.getTime() - incident.detectedAt.getTime()),
            })}
          </span>
        ) : (
          <>
            <span className="muted small">{t("room.notAcknowledged")}</span>
            {canEdit ? (
              <IncidentActionForm incidentId={incident.id} action={acknowledgeIncidentAction} className="inline" label={t("room.acknowledge")}>
                <SubmitButton small>{t("room.acknowledge")}</SubmitButton>
              </IncidentActionForm>
            ) : null}
          </>
        )}
      </div>

      {escalation ? (
        <EscalationPanel t={t} locale={locale} state={escalation} incidentId={incident.id} canEscalate={canEdit} escalateAction={escalateNowAction} />
      ) : null}

      {allAlertsResolved(alerts) && canTransition(incident.status, "monitoring") ? (
        <div className="banner-ok" role="status" style={{ marginBottom: "1rem" }} data-testid="alerts-resolved">
          <span>{t("room.allAlertsResolved", { count: alerts.length })}</span>
          {canEdit ? (
            <IncidentActionForm incidentId={incident.id} action={updateIncidentAction} className="inline" label={t("room.moveToMonitoring")}>
              <input type="hidden" name="status" value="monitoring" />
              <input type="hidden" name="expectedStatus" value={incident.status} />
              <SubmitButton small>{t("room.moveToMonitoring")}</SubmitButton>
            </IncidentActionForm>
          ) : null}
        </div>
      ) : null}

      <div className="grid-room">
        <ActivityFeed
          key={incident.id}
          incidentId={incident.id}
          initial={feed}
          viewer={{ id: actor.id, name: actor.name }}
          canEdit={canEdit}
          locale={locale}
          labels={{
            title: t("room.timeline"),
            noted: t("timeline.note"),
            noteLabel: t("room.noteLabel"),
            notePlaceholder: t("room.notePlaceholder"),
            noteShortcut: t("room.noteShortcut"),
            addNote: t("room.addNote"),
            sending: t("room.sending"),
            empty: t("timeline.empty"),
            loadOlder: t("room.loadOlder"),
            newestFirst: t("room.newestFirst"),
            oldestFirst: t("room.oldestFirst"),
            filter: t("room.feedFilter"),
            filters: Object.fromEntries(FEED_FILTERS.map((filter) => [filter, t(`room.feedFilter.${filter}`)])) as Record<
              (typeof FEED_FILTERS)[number],
              string
            >,
            keyEvent: t("room.keyEvent"),
            markKeyEvent: t("room.markKeyEvent"),
            unmarkKeyEvent: t("room.unmarkKeyEvent"),
            markKeyEventOf: t("room.markKeyEventOf"),
            unmarkKeyEventOf: t("room.unmarkKeyEventOf"),
            edited: t("room.edited"),
            history: t("room.history"),
            edit: t("room.edit"),
            save: t("common.save"),
            alertsCollapsed: t("timeline.alertsCollapsed"),
          }}
          postNote={postNoteAction}
          editNote={editNoteInFeedAction}
          markKeyEvent={markKeyEventInFeedAction}
        />

        <div className="stack">
          <section className="panel" aria-labelledby="roles-title">
            <h2 id="roles-title">{t("room.roles")}</h2>
            <RolesPanel
              incident={incident}
              responders={responders}
              canEdit={canEdit}
              now={now}
              locale={locale}
              t={t}
              viewerId={actor.id}
              assignRoleAction={assignRoleAction}
              releaseRoleAction={releaseRoleAction}
              acknowledgeHandoffAction={acknowledgeHandoffAction}
              checklist={checklist}
              setChecklistItemAction={setChecklistItemAction}
            />
          </section>

          <section className="panel">
            <h2>{t("room.summary")}</h2>
            <p className="entry-body" data-testid="incident-summary">
              {incident.summary || <span className="muted">{t("room.noSummary")}</span>}
            </p>
            <dl className="facts">
              {times.map(([label, value]) => (
                <div key={label}>
                  <dt>{t(label)}</dt>
                  <dd>{value ? <LocalTime iso={value.toISOString()} locale={locale} /> : "—"}</dd>
                </div>
              ))}
            </dl>
            {canEdit ? (
              <details>
                <summary>{t("room.editServices")}</summary>
                <IncidentActionForm incidentId={incident.id} action={updateIncidentAction} label={t("room.editServices")}>
                  <input type="hidden" name="servicesEdited" value="1" />
                  <fieldset>
                    <legend>{t("room.services")}</legend>
                    {services.map((service) => (
                      <label key={service.id} className="choice">
                        <input
                          type="checkbox"
                          name="serviceIds"
                          value={service.id}
                          defaultChecked={incident.services.some((affected) => affected.id === service.id)}
                        />
                        <span>{service.name}</span>
                      </label>
                    ))}
                  </fieldset>
                  <div>
                    <SubmitButton small>{t("common.save")}</SubmitButton>
                  </div>
                </IncidentActionForm>
              </details>
            ) : null}
            {canEdit ? (
              <details>
                <summary>{t("room.editSummary")}</summary>
                <IncidentActionForm incidentId={incident.id} action={updateIncidentAction} label={t("room.editSummary")}>
                  <textarea name="summary" defaultValue={incident.summary} maxLength={20000} aria-label={t("room.summary")} />
                  <div>
                    <SubmitButton small>{t("common.save")}</SubmitButton>
                  </div>
                </IncidentActionForm>
              </details>
            ) : null}
          </section>

          <StakeholderUpdatesPanel
            incident={{ id: incident.id, reference, title: incident.title, status: incident.status }}
            updates={updates}
            canEdit={canEdit}
            now={now}
            locale={locale}
            t={t}
            publishAction={publishUpdateAction}
          />

          <section className="panel" data-testid="incident-alerts">
            <h2>{t("room.alerts")}</h2>
            {incident.alertTruncations.map((entry) => (
              <p key={entry.id.toString()} className="notice" data-testid="alerts-truncated">
                {describeTruncatedAlerts(entry.detail, t, "room.alertsTruncated", "room.alertsTruncated_one")}
              </p>
            ))}
            {alerts.length === 0 ? (
              <p className="muted small">{t("room.noAlerts")}</p>
            ) : (
              alerts.map((alert) => <AlertCard key={alert.id} alert={alert} locale={locale} t={t} />)
            )}
          </section>

          <IncidentPostmortemPanel
            incidentId={incident.id}
            incidentStatus={incident.status}
            postmortem={postmortem}
            canWrite={can(actor.role, "incident:write")}
            defaultLanguage={serverEnv().FIREBREAK_POSTMORTEM_LANGUAGE}
            t={t}
            createAction={createPostmortemAction}
          />

          <SloImpactPanel
            incidentId={incident.id}
            impacts={sloImpacts}
            linkable={allSlos.map((slo) => ({ id: slo.id, label: `${slo.service.name} · ${slo.name}` }))}
            canEdit={canEdit}
            t={t}
            recordAction={recordSloImpactAction}
            removeAction={removeSloImpactAction}
          />

          <OnCallNow serviceSlugs={incident.services.map((service) => service.slug)} t={t} locale={locale} />

          {deliveries.length > 0 ? (
            <details className="panel">
              <summary className="small">
                {t("room.deliveries", { count: deliveries.length, failed: deliveries.filter((attempt) => !attempt.ok).length })}
              </summary>
              <DeliveryAttempts t={t} locale={locale} attempts={deliveries} testId="incident-deliveries" />
            </details>
          ) : null}
        </div>
      </div>
    </RoomLive>
  );
}
