-- CreateEnum
CREATE TYPE "OutgoingWebhookKind" AS ENUM ('slack', 'generic');

-- CreateEnum
CREATE TYPE "OutgoingDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- AlterEnum
ALTER TYPE "TimelineEntryKind" ADD VALUE 'stakeholder_update';

-- CreateTable
CREATE TABLE "StakeholderUpdate" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "impact" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "nextUpdateAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StakeholderUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutgoingWebhook" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OutgoingWebhookKind" NOT NULL,
    "url" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "OutgoingWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutgoingWebhookDelivery" (
    "id" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "updateId" TEXT NOT NULL,
    "status" "OutgoingDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT NOT NULL DEFAULT '',
    "httpStatus" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "OutgoingWebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StakeholderUpdate_incidentId_publishedAt_idx" ON "StakeholderUpdate"("incidentId", "publishedAt");

-- CreateIndex
CREATE INDEX "OutgoingWebhookDelivery_status_nextAttemptAt_idx" ON "OutgoingWebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutgoingWebhookDelivery_webhookId_createdAt_idx" ON "OutgoingWebhookDelivery"("webhookId", "createdAt");

-- AddForeignKey
ALTER TABLE "StakeholderUpdate" ADD CONSTRAINT "StakeholderUpdate_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StakeholderUpdate" ADD CONSTRAINT "StakeholderUpdate_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutgoingWebhookDelivery" ADD CONSTRAINT "OutgoingWebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "OutgoingWebhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutgoingWebhookDelivery" ADD CONSTRAINT "OutgoingWebhookDelivery_updateId_fkey" FOREIGN KEY ("updateId") REFERENCES "StakeholderUpdate"("id") ON DELETE CASCADE ON UPDATE CASCADE;
