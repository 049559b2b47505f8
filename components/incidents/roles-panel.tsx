import { IncidentActionForm } from "@/components/incidents/incident-action-form";
import { SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { TIncidentChecklistItem } from "@/lib/checklists/queries";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import { formatDurationIn } from "@/lib/clock/durations";
import type { TIncidentRoom } from "@/lib/incidents/queries";
import { canRelease, INCIDENT_ROLES } from "@/lib/incidents/rules";

type TFormAction = (previous: TActionState, formData: FormData) => Promise<TActionState>;

export function RolesPanel({
  incident,
  responders,
  canEdit,
  now,
  locale,
  t,
  viewerId,
  assignRoleAction,
  releaseRoleAction,
  acknowledgeHandoffAction,
  checklist,
  setChecklistItemAction,
}: {
  incident: TIncidentRoom;
  responders: { id: string; name: string }[];
  canEdit: boolean;
  now: Date;
  locale: string;
  t: TTranslate;
  viewerId: string;
  assignRoleAction: TFormAction;
  releaseRoleAction: TFormAction;
  acknowledgeHandoffAction: TFormAction;
  checklist: TIncidentChecklistItem[];
  setChecklistItemAction: TFormAction;
}) {
  return (
    <ul className="roles" data-testid="roles">
      {INCIDENT_ROLES.map((role) => {
        const holder = incident.activeRoles.find((assignment) => assignment.role === role);
        const previous = incident.roles.filter((assignment) => assignment.role === role && assignment.releasedAt !== null);
        return (
          <li key={role} data-role={role}>
            <div className="role-name">{t(`role.${role}`)}</div>
            <div className="muted small">{t(`role.${role}.owns`)}</div>
            <div className="role-holder" data-testid={`holder-${role}`}>
              {holder ? (
                <>
                  <strong>{holder.user.name}</strong>{" "}
                  <span className="muted small">
                    · <LocalTime iso={holder.assignedAt.toISOString()} locale={locale} /> ·{" "}
                    {t("room.heldFor", { duration: formatDurationIn(locale, now.getTime() - holder.assignedAt.getTime()) })}
                  </span>
                </>
              ) : (
                <span className="muted">{t("common.unassigned")}</span>
              )}
            </div>
            {holder && !holder.acknowledgedAt ? (
              <div className="button-row" data-testid={`pending-${role}`}>
                <span className="badge status-identified">{t("room.pendingHandoff", { name: holder.user.name })}</span>
                {canEdit && holder.user.id === viewerId ? (
                  <IncidentActionForm
                    incidentId={incident.id}
                    action={acknowledgeHandoffAction}
                    className="inline"
                    label={`${t("room.acknowledgeHandoff")}: ${t(`role.${role}`)}`}
                  >
                    <input type="hidden" name="role" value={role} />
                    <SubmitButton small primary>
                      {t("room.acknowledgeHandoff")}
                    </SubmitButton>
                  </IncidentActionForm>
                ) : null}
              </div>
            ) : null}
            {checklist.some((item) => item.role === role) ? (
              <ul className="checklist" data-testid={`checklist-${role}`}>
                {checklist
                  .filter((item) => item.role === role)
                  .map((item) => (
                    <li key={item.id} className={item.doneAt ? "done" : undefined} data-done={item.doneAt !== null}>
                      {canEdit ? (
                        <IncidentActionForm
                          incidentId={incident.id}
                          action={setChecklistItemAction}
                          className="inline"
                          label={locale === "ja" ? item.textJa : item.textEn}
                        >
                          <input type="hidden" name="itemId" value={item.id} />
                          <input type="hidden" name="done" value={item.doneAt ? "false" : "true"} />
                          {/* A checkbox to assistive technology: it says what it is and whether it is done. */}
                          <button
                            type="submit"
                            className="check"
                            role="checkbox"
                            aria-checked={item.doneAt !== null}
                            aria-label={locale === "ja" ? item.textJa : item.textEn}
                            title={t(item.doneAt ? "room.checklistUndo" : "room.checklistDone")}
                          >
                            {item.doneAt ? "☑" : "☐"}
                          </button>
                        </IncidentActionForm>
                      ) : (
                        <span aria-hidden>{item.doneAt ? "☑" : "☐"}</span>
                      )}
                      <span className="small">{locale === "ja" ? item.textJa : item.textEn}</span>
                      {item.doneBy ? <span className="muted small"> · {item.doneBy.name}</span> : null}
                    </li>
                  ))}
              </ul>
            ) : null}
            {previous.length > 0 ? <div className="muted small">← {previous.map((assignment) => assignment.user.name).join(" ← ")}</div> : null}
            {canEdit ? (
              <div style={{ display: "flex", gap: "0.4rem", marginTop: "0.4rem", flexWrap: "wrap" }}>
                <IncidentActionForm
                  incidentId={incident.id}
                  action={assignRoleAction}
                  className="inline"
                  label={`${t(holder ? "room.handOff" : "room.assign")}: ${t(`role.${role}`)}`}
                >
                  <input type="hidden" name="role" value={role} />
                  <input type="hidden" name="expectedHolderId" value={holder?.user.id ?? ""} />
                  <select
                    key={holder?.user.id ?? "nobody"}
                    name="userId"
                    aria-label={`${t("room.handTo")}: ${t(`role.${role}`)}`}
                    defaultValue=""
                    required
                    data-palette-target={`assign-${role}`}
                  >
                    <option value="" disabled>
                      {t("room.handTo")}
                    </option>
                    {responders
                      .filter((responder) => responder.id !== holder?.user.id)
                      .map((responder) => (
                        <option key={responder.id} value={responder.id}>
                          {responder.name}
                        </option>
                      ))}
                  </select>
                  <SubmitButton small>{t(holder ? "room.handOff" : "room.assign")}</SubmitButton>
                </IncidentActionForm>
                {holder && canRelease(role) ? (
                  <IncidentActionForm
                    incidentId={incident.id}
                    action={releaseRoleAction}
                    className="inline"
                    label={`${t("room.release")}: ${t(`role.${role}`)}`}
                  >
                    <input type="hidden" name="role" value={role} />
                    <input type="hidden" name="expectedHolderId" value={holder.user.id} />
                    <SubmitButton small>{t("room.release")}</SubmitButton>
                  </IncidentActionForm>
                ) : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
