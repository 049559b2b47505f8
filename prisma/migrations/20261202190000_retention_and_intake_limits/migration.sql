-- AlterTable
ALTER TABLE "AlertDelivery" ADD COLUMN     "bodyRemovedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "IntakeMinute" (
    "integrationId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "received" INTEGER NOT NULL,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "lastRefusedAt" TIMESTAMP(3),

    CONSTRAINT "IntakeMinute_pkey" PRIMARY KEY ("integrationId","minute")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastRunBy" TEXT,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "IntakeMinute_minute_idx" ON "IntakeMinute"("minute");

-- CreateIndex
CREATE INDEX "Alert_firstDeliveryId_idx" ON "Alert"("firstDeliveryId");

-- CreateIndex
CREATE INDEX "Alert_lastDeliveryId_idx" ON "Alert"("lastDeliveryId");

-- AddForeignKey
ALTER TABLE "IntakeMinute" ADD CONSTRAINT "IntakeMinute_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- CreateIndex (by hand: schema.prisma cannot express a partial index)
-- Retention looks for payloads still held, by age; the rows it has emptied leave this index, so
-- each run reads only what is left to do, however many emptied rows accumulate.
CREATE INDEX "AlertDelivery_payloadHeld_receivedAt_idx" ON "AlertDelivery"("receivedAt") WHERE "bodyRemovedAt" IS NULL;
