import type { Prisma } from "@/lib/generated/prisma/client";

/** What a list of incidents shows of each, wherever it is listed (the incident list, an SLO's impact, a notification). */
export const INCIDENT_SUMMARY_FIELDS = {
  id: true,
  number: true,
  title: true,
  severity: true,
  status: true,
} satisfies Prisma.IncidentSelect;
