"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import type { TActionState } from "@/lib/http/action-state";
import type { IncidentRole, IncidentStatus, Severity } from "@/lib/generated/prisma/enums";
import { formatDurationIn } from "@/lib/clock/durations";
import { allowedTransitions, canTransition, INCIDENT_ROLES, SEVERITIES } from "@/lib/incidents/rules";
import { CommandPalette, type TCommandPaletteLabels, type TRoomCommand } from "./command-palette";
import { ResolveDialog, type TResolveDialogProps } from "./resolve-dialog";
import { RoomLiveStatus, useRoomLive } from "./room-live";

export type TRoomHeaderLabels = {
  status: Record<IncidentStatus, string>;
  severity: Record<Severity, string>;
  severityOption: Record<Severity, string>;
  moveTo: string;
  changeSeverity: string;
  resolve: string;
  since: string;
  live: { live: string; reconnecting: string };
  controls: string;
  palette: TCommandPaletteLabels & {
    moveTo: string;
    resolve: string;
    severity: string;
    takeCommand: string;
    assign: string;
    update: string;
    note: string;
    keyEvent: string;
    roles: Record<IncidentRole, string>;
  };
};

/** A control elsewhere in the room that a palette command moves to (the roles panel, the update form, the feed). */
const controlOf = (target: string) => document.querySelector<HTMLElement>(`[data-palette-target="${target}"]`);

/** A command that moves to the control named `target`, offered while the room shows it. */
const jumpTo = (target: string, label: string): TRoomCommand => ({
  id: target,
  label,
  available: () => controlOf(target) !== null,
  run: () => focusControl(target),
});

function focusControl(target: string) {
  const control = controlOf(target);
  if (control instanceof HTMLDetailsElement) {
    control.open = true;
    control.querySelector<HTMLElement>("select, input:not([type=hidden]), textarea")?.focus();
  } else {
    control?.focus();
  }
  control?.scrollIntoView({ block: "nearest" });
}

type TChangeAction = (incidentId: string, change: Record<string, unknown>) => Promise<TActionState>;

/** "1 h 20 m" since the incident started, kept current while the room is open. */
function SinceStart({ startedAt, renderedAt, locale, label }: { startedAt: string; renderedAt: number; locale: string; label: string }) {
  const [now, setNow] = useState(renderedAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="muted small" data-testid="since-start">
      {label.replace("{duration}", formatDurationIn(locale, now - new Date(startedAt).getTime()))}
    </span>
  );
}

/**
 * The room's header: what the incident is, its status and severity as they are now (a change made
 * here shows at once and is confirmed by the live stream), who holds the roles, how long it has run,
 * and the controls that change status and severity. Every control sends the value it shows, so a
 * change made from a page that had not caught up is refused, not applied.
 */
export function RoomHeader({
  incidentId,
  locale,
  startedAt,
  renderedAt,
  labels,
  canEdit,
  changeAction,
  heading,
  roles,
  takeCommand,
  resolve,
}: {
  incidentId: string;
  locale: string;
  startedAt: string;
  renderedAt: number;
  labels: TRoomHeaderLabels;
  canEdit: boolean;
  changeAction: TChangeAction;
  heading: ReactNode;
  roles: ReactNode;
  takeCommand: ReactNode;
  resolve: TResolveDialogProps;
}) {
  const room = useRoomLive();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [resolving, setResolving] = useState(false);
  const [, startTransition] = useTransition();
  const severitySelect = useRef<HTMLSelectElement>(null);
  const closeResolve = useCallback(() => setResolving(false), []);
  const header = useRef<HTMLElement>(null);
  // The feed's composer sticks just below this header, whose height changes as its rows wrap.
  useEffect(() => {
    const element = header.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => root.style.setProperty("--room-header-height", `${element.offsetHeight}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--room-header-height");
    };
  }, []);
  const status = room.pending.status ?? room.status;
  const severity = room.pending.severity ?? room.severity;
  const busy = room.pending.status !== undefined || room.pending.severity !== undefined;

  const change = (field: "status" | "severity", to: string) => {
    const seen = field === "status" ? { expectedStatus: room.status } : { expectedSeverity: room.severity };
    setError(null);
    room.expect({ [field]: to });
    startTransition(async () => {
      const result = await changeAction(incidentId, { [field]: to, ...seen });
      if (result?.error) {
        room.settle([field]);
        setError(result.error);
        // The refusal says what changed meanwhile; the page catches up with it.
        router.refresh();
      } else {
        room.settle([field], { [field]: to });
      }
    });
  };

  const palette = labels.palette;
  // While a change is on its way, no other status or severity change is offered (as the buttons are disabled).
  const changes: TRoomCommand[] = busy
    ? []
    : [
        ...allowedTransitions(status)
          .filter((to) => to !== "resolved")
          .map((to) => ({ id: `status-${to}`, label: palette.moveTo.replace("{status}", labels.status[to]), run: () => change("status", to) })),
        ...SEVERITIES.filter((to) => to !== severity).map((to) => ({
          id: `severity-${to}`,
          label: palette.severity.replace("{severity}", labels.severity[to]),
          run: () => change("severity", to),
        })),
      ];
  const commands: TRoomCommand[] = [
    ...changes,
    ...(canTransition(status, "resolved") ? [{ id: "resolve", label: palette.resolve, run: () => setResolving(true) }] : []),
    {
      id: "take-command",
      label: palette.takeCommand,
      available: () => controlOf("take-command") !== null,
      run: () => controlOf("take-command")?.querySelector<HTMLButtonElement>("button[type=submit]")?.click(),
    },
    ...INCIDENT_ROLES.map((role) => jumpTo(`assign-${role}`, palette.assign.replace("{role}", palette.roles[role]))),
    jumpTo("stakeholder-update", palette.update),
    jumpTo("note", palette.note),
    jumpTo("key-event", palette.keyEvent),
  ];

  return (
    <header ref={header} className="room-header" data-testid="room-header">
      <div className="room-header-row">
        <div className="room-title">{heading}</div>
        <div className="room-state">
          <span className={`badge sev-${severity}`} data-testid="incident-severity">
            {labels.severity[severity]}
          </span>
          <span data-testid="incident-status" aria-busy={room.pending.status !== undefined}>
            <span className={`badge status-${status}`}>{labels.status[status]}</span>
          </span>
          <SinceStart startedAt={startedAt} renderedAt={renderedAt} locale={locale} label={labels.since} />
          <RoomLiveStatus labels={labels.live} />
        </div>
      </div>
      <div className="room-header-row">
        {roles}
        {canEdit ? (
          <div className="room-controls" role="group" aria-label={labels.controls}>
            <CommandPalette commands={commands} labels={palette} />
            {takeCommand ? <span data-palette-target="take-command">{takeCommand}</span> : null}
            {allowedTransitions(status).filter((to) => to !== "resolved").length > 0 ? <span className="muted small">{labels.moveTo}:</span> : null}
            {allowedTransitions(status)
              .filter((to) => to !== "resolved")
              .map((to) => (
                <button key={to} type="button" className="small" disabled={busy} onClick={() => change("status", to)}>
                  {labels.status[to]}
                </button>
              ))}
            {canTransition(status, "resolved") ? (
              <button type="button" className={status === "monitoring" ? "small primary" : "small"} disabled={busy} onClick={() => setResolving(true)}>
                {labels.resolve}
              </button>
            ) : null}
            <form
              className="inline"
              aria-label={labels.changeSeverity}
              onSubmit={(event) => {
                event.preventDefault();
                const to = severitySelect.current?.value;
                if (to && to !== room.severity) change("severity", to);
              }}
            >
              {/* Keyed by the current severity: a live change replaces what the select shows. */}
              <select key={room.severity} ref={severitySelect} name="severity" defaultValue={room.severity} aria-label={labels.changeSeverity} disabled={busy}>
                {SEVERITIES.map((option) => (
                  <option key={option} value={option}>
                    {labels.severityOption[option]}
                  </option>
                ))}
              </select>
              <button type="submit" className="small" disabled={busy}>
                {labels.changeSeverity}
              </button>
            </form>
          </div>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="form-error" data-testid="room-error">
          {error}
        </p>
      ) : null}
      {canEdit ? <ResolveDialog {...resolve} open={resolving} onClose={closeResolve} expectedStatus={room.status} /> : null}
    </header>
  );
}
