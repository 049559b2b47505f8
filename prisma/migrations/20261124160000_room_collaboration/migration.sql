-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TimelineEntryKind" ADD VALUE 'role_acknowledged';
ALTER TYPE "TimelineEntryKind" ADD VALUE 'key_event_marked';

-- AlterTable
ALTER TABLE "IncidentRoleAssignment" ADD COLUMN     "acknowledgedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "keyEvent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "IncidentPresence" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentPresence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IncidentPresence_incidentId_seenAt_idx" ON "IncidentPresence"("incidentId", "seenAt");

-- AddForeignKey
ALTER TABLE "IncidentPresence" ADD CONSTRAINT "IncidentPresence_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPresence" ADD CONSTRAINT "IncidentPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Roles held before handoffs needed acknowledging count as acknowledged.
UPDATE "IncidentRoleAssignment" SET "acknowledgedAt" = "assignedAt";

-- Someone opening or leaving an incident room is announced to every app process.
CREATE FUNCTION "firebreak_notify_presence"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('firebreak_presence', COALESCE(NEW."incidentId", OLD."incidentId"));
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "IncidentPresence_notify" AFTER INSERT OR DELETE ON "IncidentPresence" FOR EACH ROW EXECUTE FUNCTION "firebreak_notify_presence"();
