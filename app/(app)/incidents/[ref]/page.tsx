import { notFound } from "next/navigation";
import { AlertCard } from "@/components/alerts/alert-card";
import { StakeholderUpdatesPanel } from "@/components/communications/stakeholder-updates";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { RolesPanel } from "@/components/incidents/roles-panel";
import { LiveUpdates } from "@/components/incidents/live-updates";
import { SeverityOptions } from "@/components/incidents/severity-options";
import { IncidentTimeline } from "@/components/incidents/timeline";
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
import { postmortemOfIncident } from "@/lib/postmortems/queries";
import { incidentSloImpacts, listSlos } from "@/lib/slo/queries";
import { peopleInIncidentRoom } from "@/lib/incidents/presence";
import { getIncidentRoom, listPossibleResponders } from "@/lib/incidents/queries";
import { formatDurationIn } from "@/lib/clock/durations";
import { allowedTransitions, canTransition, incidentReference } from "@/lib/incidents/rules";
import { describeTruncatedAlerts } from "@/lib/timeline/describe";
import {
  acknowledgeHandoffAction,
  acknowledgeIncidentAction,
  addNoteAction,
  assignRoleAction,
  editNoteAction,
  markKeyEventAction,
  publishUpdateAction,
  recordSloImpactAction,
  releaseRoleAction,
  removeSloImpactAction,
  setChecklistItemAction,
  updateIncidentAction,
} from "../actions";
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
    getIncidentRoom(decodeURIComponent(ref)),
    listPossibleResponders(),
    listServices(),
  ]);
  if (!incident) notFound();
  const [alerts, present, updates, checklist, sloImpacts, allSlos, postmortem, escalation, deliveries] = await Promise.all([
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
  const now = new Date();
  const canEdit = can(actor.role, "incident:write") && incident.status !== "closed";
  const times = [
    ["room.started", incident.startedAt],
    ["room.detected", incident.detectedAt],
    ["room.mitigated", incident.mitigatedAt],
    ["room.resolved", incident.resolvedAt],
  ] as const;

  return (
    <>
      <div className="page-head">
        <div>
          <div className="muted small">
            {incidentReference(incident.number)} · {t("room.declaredBy", { name: incident.declaredBy.name })}
          </div>
          <h1 data-testid="incident-title">{incident.title}</h1>
          <div style={{ display: "flex", gap: "0.5rem", alignItems: "center" }}>
            <SeverityBadge severity={incident.severity} t={t} />
            <span data-testid="incident-status">
              <StatusBadge status={incident.status} t={t} />
            </span>
            <span className="muted small">{incident.services.map((service) => service.name).join(", ")}</span>
            <LiveUpdates
              streamUrl={`/api/incidents/${incident.id}/events`}
              afterId={(incident.timeline.at(-1)?.id ?? 0n).toString()}
              labels={{ live: t("live.connected"), reconnecting: t("live.reconnecting") }}
            />
            {present.length > 0 ? (
              <span className="muted small" data-testid="present">
                {t("room.hereNow", { names: present.map((person) => person.name).join(", ") })}
              </span>
            ) : null}
          </div>
          <OnCallNow serviceSlugs={incident.services.map((service) => service.slug)} t={t} locale={locale} />
        </div>
      </div>

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
                <SubmitButton small primary>
                  {t("room.acknowledge")}
                </SubmitButton>
              </IncidentActionForm>
            ) : null}
          </>
        )}
      </div>

      {escalation ? (
        <EscalationPanel t={t} locale={locale} state={escalation} incidentId={incident.id} canEscalate={canEdit} escalateAction={escalateNowAction} />
      ) : null}
      {deliveries.length > 0 ? (
        <details style={{ marginBottom: "1rem" }}>
          <summary className="small">{t("room.deliveries", { count: deliveries.length, failed: deliveries.filter((attempt) => !attempt.ok).length })}</summary>
          <DeliveryAttempts t={t} locale={locale} attempts={deliveries} testId="incident-deliveries" />
        </details>
      ) : null}

      {allAlertsResolved(alerts) && canTransition(incident.status, "monitoring") ? (
        <div className="banner-ok" role="status" style={{ marginBottom: "1rem" }} data-testid="alerts-resolved">
          <span>{t("room.allAlertsResolved", { count: alerts.length })}</span>
          {canEdit ? (
            <IncidentActionForm incidentId={incident.id} action={updateIncidentAction} className="inline" label={t("room.moveToMonitoring")}>
              <input type="hidden" name="status" value="monitoring" />
              <SubmitButton small>{t("room.moveToMonitoring")}</SubmitButton>
            </IncidentActionForm>
          ) : null}
        </div>
      ) : null}

      <div className="grid-room">
        <div className="stack">
          <dl className="facts">
            {times.map(([label, value]) => (
              <div key={label}>
                <dt>{t(label)}</dt>
                <dd>{value ? <LocalTime iso={value.toISOString()} locale={locale} /> : "—"}</dd>
              </div>
            ))}
          </dl>

          {canEdit ? (
            <section className="panel" aria-label={t("room.status")}>
              <div style={{ display: "flex", gap: "1.5rem", flexWrap: "wrap", alignItems: "center" }}>
                <div className="button-row">
                  <span className="muted small">{t("room.moveTo")}:</span>
                  {allowedTransitions(incident.status).map((status) => (
                    <IncidentActionForm incidentId={incident.id} key={status} action={updateIncidentAction} className="inline" label={t(`status.${status}`)}>
                      <input type="hidden" name="status" value={status} />
                      <SubmitButton small primary={status === "resolved"}>
                        {t(`status.${status}`)}
                      </SubmitButton>
                    </IncidentActionForm>
                  ))}
                </div>
                <IncidentActionForm incidentId={incident.id} action={updateIncidentAction} className="inline" label={t("room.changeSeverity")}>
                  <select name="severity" defaultValue={incident.severity} aria-label={t("room.changeSeverity")}>
                    <SeverityOptions t={t} />
                  </select>
                  <SubmitButton small>{t("room.changeSeverity")}</SubmitButton>
                </IncidentActionForm>
              </div>
            </section>
          ) : null}

          <section className="panel">
            <h2>{t("room.summary")}</h2>
            <p className="entry-body" data-testid="incident-summary">
              {incident.summary || <span className="muted">{t("room.noSummary")}</span>}
            </p>
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
            incident={{ id: incident.id, reference: incidentReference(incident.number), title: incident.title, status: incident.status }}
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

          <section className="panel">
            <h2>{t("room.timeline")}</h2>
            {canEdit ? (
              <IncidentActionForm incidentId={incident.id} action={addNoteAction} resetOnSuccess label={t("room.noteLabel")}>
                <label className="field">
                  {t("room.noteLabel")}
                  <textarea name="body" required maxLength={10000} placeholder={t("room.notePlaceholder")} />
                </label>
                <div>
                  <SubmitButton primary>{t("room.addNote")}</SubmitButton>
                </div>
              </IncidentActionForm>
            ) : null}
            <div style={{ marginTop: "1rem" }}>
              <IncidentTimeline
                entries={incident.timeline}
                incidentId={incident.id}
                viewerId={actor.id}
                canEdit={canEdit}
                locale={locale}
                t={t}
                editNoteAction={editNoteAction}
                markKeyEventAction={markKeyEventAction}
              />
            </div>
          </section>
        </div>

        <aside className="panel">
          <h2>{t("room.roles")}</h2>
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
        </aside>
      </div>
    </>
  );
}
