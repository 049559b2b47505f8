-- CreateEnum
CREATE TYPE "SliSource" AS ENUM ('push', 'prometheus', 'incidents');

-- CreateEnum
CREATE TYPE "SloImpact" AS ENUM ('degraded', 'full_outage');

-- AlterEnum
ALTER TYPE "AlertSource" ADD VALUE 'slo';

-- AlterEnum
ALTER TYPE "TimelineEntryKind" ADD VALUE 'slo_impact_changed';

-- AlterTable
ALTER TABLE "Slo" ADD COLUMN     "burnRateFactors" DOUBLE PRECISION[] DEFAULT ARRAY[14.4, 6, 3, 1]::DOUBLE PRECISION[],
ADD COLUMN     "collectError" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "collectErrorAt" TIMESTAMP(3),
ADD COLUMN     "collectLeaseUntil" TIMESTAMP(3),
ADD COLUMN     "collectedThrough" TIMESTAMP(3),
ADD COLUMN     "firingBurnAlerts" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "prometheusGoodQuery" TEXT,
ADD COLUMN     "prometheusTotalQuery" TEXT,
ADD COLUMN     "prometheusUrl" TEXT,
ADD COLUMN     "source" "SliSource" NOT NULL DEFAULT 'push',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "SliHour" (
    "sloId" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "good" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,
    "minutes" INTEGER NOT NULL,

    CONSTRAINT "SliHour_pkey" PRIMARY KEY ("sloId","hour")
);

-- CreateTable
CREATE TABLE "IncidentSloImpact" (
    "incidentId" TEXT NOT NULL,
    "sloId" TEXT NOT NULL,
    "impact" "SloImpact" NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentSloImpact_pkey" PRIMARY KEY ("incidentId","sloId")
);

-- CreateIndex
CREATE INDEX "IncidentSloImpact_sloId_idx" ON "IncidentSloImpact"("sloId");

-- AddForeignKey
ALTER TABLE "SliHour" ADD CONSTRAINT "SliHour_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSloImpact" ADD CONSTRAINT "IncidentSloImpact_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSloImpact" ADD CONSTRAINT "IncidentSloImpact_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSloImpact" ADD CONSTRAINT "IncidentSloImpact_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


ALTER TABLE "SliHour" ADD CONSTRAINT "SliHour_counts_check" CHECK ("good" >= 0 AND "total" >= "good" AND "minutes" BETWEEN 1 AND 60);
-- Four factors, one per workbook alert (1 h, 6 h, 1 d, 3 d), each above zero.
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_burnRateFactors_check" CHECK (cardinality("burnRateFactors") = 4 AND 0 < ALL ("burnRateFactors"));
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_prometheus_check"
  CHECK ("source" <> 'prometheus' OR ("prometheusUrl" IS NOT NULL AND "prometheusGoodQuery" IS NOT NULL AND "prometheusTotalQuery" IS NOT NULL));

-- Existing 28-day SLOs take Sloth's 28-day factors; the column default is the 30-day table.
UPDATE "Slo" SET "burnRateFactors" = ARRAY[13.44, 5.6, 2.8, 0.93] WHERE "window" = 'rolling_28d';

-- The hourly rollup of what is already stored.
INSERT INTO "SliHour" ("sloId", "hour", "good", "total", "minutes")
SELECT "sloId", date_trunc('hour', "minute"), sum("good"), sum("total"), count(*) FROM "SliBucket" GROUP BY 1, 2;
