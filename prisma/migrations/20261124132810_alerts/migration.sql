-- CreateEnum
CREATE TYPE "AlertSource" AS ENUM ('alertmanager', 'grafana', 'cloudwatch', 'datadog', 'mackerel', 'pagerduty', 'generic');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('firing', 'resolved');

-- CreateEnum
CREATE TYPE "AlertLevel" AS ENUM ('critical', 'error', 'warning', 'info');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TimelineEntryKind" ADD VALUE 'acknowledged';
ALTER TYPE "TimelineEntryKind" ADD VALUE 'alert_attached';
ALTER TYPE "TimelineEntryKind" ADD VALUE 'alert_refired';
ALTER TYPE "TimelineEntryKind" ADD VALUE 'alert_resolved';

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "acknowledgedById" TEXT;

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" "AlertSource" NOT NULL,
    "key" TEXT NOT NULL,
    "keyRotatedAt" TIMESTAMP(3),
    "defaultServiceId" TEXT,
    "defaultSeverity" "Severity" NOT NULL DEFAULT 'SEV3',
    "severityMap" JSONB NOT NULL,
    "openIncidentAtOrAbove" "Severity" NOT NULL DEFAULT 'SEV4',
    "minOccurrences" INTEGER NOT NULL DEFAULT 1,
    "groupWindowMinutes" INTEGER NOT NULL DEFAULT 60,
    "autoMonitorOnResolve" BOOLEAN NOT NULL DEFAULT false,
    "commanderId" TEXT NOT NULL,
    "snsTopicArns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "snsSubscribeUrl" TEXT,
    "snsSubscriptionTopicArn" TEXT,
    "snsConfirmedAt" TIMESTAMP(3),
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" BIGSERIAL NOT NULL,
    "integrationId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted" BOOLEAN NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "externalId" TEXT,
    "body" TEXT NOT NULL,
    "alertCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "source" "AlertSource" NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "status" "AlertStatus" NOT NULL,
    "level" "AlertLevel",
    "sourceSeverity" TEXT NOT NULL DEFAULT '',
    "severity" "Severity" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "labels" JSONB NOT NULL DEFAULT '{}',
    "links" JSONB NOT NULL DEFAULT '[]',
    "serviceId" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "incidentId" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "firstDeliveryId" BIGINT NOT NULL,
    "lastDeliveryId" BIGINT NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_key_key" ON "Integration"("key");

-- CreateIndex
CREATE INDEX "AlertDelivery_integrationId_id_idx" ON "AlertDelivery"("integrationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_integrationId_externalId_key" ON "AlertDelivery"("integrationId", "externalId");

-- CreateIndex
CREATE INDEX "Alert_integrationId_dedupKey_idx" ON "Alert"("integrationId", "dedupKey");

-- CreateIndex
CREATE INDEX "Alert_incidentId_idx" ON "Alert"("incidentId");

-- CreateIndex
CREATE INDEX "Alert_serviceId_groupKey_lastSeenAt_idx" ON "Alert"("serviceId", "groupKey", "lastSeenAt");

-- CreateIndex
CREATE INDEX "Alert_lastSeenAt_idx" ON "Alert"("lastSeenAt");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_defaultServiceId_fkey" FOREIGN KEY ("defaultServiceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_commanderId_fkey" FOREIGN KEY ("commanderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_firstDeliveryId_fkey" FOREIGN KEY ("firstDeliveryId") REFERENCES "AlertDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_lastDeliveryId_fkey" FOREIGN KEY ("lastDeliveryId") REFERENCES "AlertDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one firing episode per alert, so concurrent deliveries of a new alert insert it once
CREATE UNIQUE INDEX "Alert_firing_dedup_key" ON "Alert"("integrationId", "dedupKey") WHERE "status" = 'firing';

-- The account that alerts act as on the timeline. It has no password and is disabled, so nobody can sign in as it
INSERT INTO "User" ("id", "email", "name", "role", "disabledAt", "createdAt", "updatedAt")
VALUES ('firebreak-system', 'system@firebreak.invalid', 'Firebreak', 'viewer', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);
