-- CreateEnum
CREATE TYPE "IncidentSource" AS ENUM ('person', 'alert', 'slo_burn', 'escalation');

-- AlterTable: incidents opened before the column was added get their source from what declared them.
ALTER TABLE "Incident" ADD COLUMN "source" "IncidentSource" NOT NULL DEFAULT 'person';

-- Firebreak's system account declares every incident an alert opens; the alert named by the
-- `declared` entry says whether it was an SLO burn-rate alert.
UPDATE "Incident" AS incident
SET "source" = CASE
  WHEN EXISTS (
    SELECT 1 FROM "TimelineEntry" AS entry
    WHERE entry."incidentId" = incident.id AND entry.kind = 'declared' AND entry.detail -> 'alert' ->> 'source' = 'slo'
  ) THEN 'slo_burn'::"IncidentSource"
  ELSE 'alert'::"IncidentSource"
END
WHERE incident."declaredById" = 'firebreak-system';

-- Every new incident names its source (openIncident); no default hides a writer that forgot.
ALTER TABLE "Incident" ALTER COLUMN "source" DROP DEFAULT;
