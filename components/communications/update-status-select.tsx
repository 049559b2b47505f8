"use client";

import { useRoomLive } from "@/components/incidents/room-live";
import type { IncidentStatus } from "@/lib/generated/prisma/enums";
import { INCIDENT_STATUSES } from "@/lib/incidents/rules";

/**
 * The status a stakeholder update announces, preselected from the room's live status: a status change
 * (this responder's or another's) shows here as soon as the stream reports it, before the page re-renders,
 * so an update written right after it does not announce the old status.
 */
export function UpdateStatusSelect({ labels }: { labels: Record<IncidentStatus, string> }) {
  const { status } = useRoomLive();
  return (
    <select key={status} name="status" defaultValue={status}>
      {INCIDENT_STATUSES.map((option) => (
        <option key={option} value={option}>
          {labels[option]}
        </option>
      ))}
    </select>
  );
}
