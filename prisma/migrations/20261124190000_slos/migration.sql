-- CreateEnum
CREATE TYPE "SliKind" AS ENUM ('availability', 'latency');

-- CreateEnum
CREATE TYPE "SloWindow" AS ENUM ('rolling_7d', 'rolling_28d', 'rolling_30d', 'calendar_month');

-- CreateTable
CREATE TABLE "Slo" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SliKind" NOT NULL,
    "objective" DOUBLE PRECISION NOT NULL,
    "window" "SloWindow" NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "latencyThresholdMs" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Slo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SliBucket" (
    "sloId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "good" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,

    CONSTRAINT "SliBucket_pkey" PRIMARY KEY ("sloId","minute")
);

-- CreateIndex
CREATE UNIQUE INDEX "Slo_serviceId_name_key" ON "Slo"("serviceId", "name");

-- AddForeignKey
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SliBucket" ADD CONSTRAINT "SliBucket_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Counts must make sense: nothing negative, never more good events than events.
ALTER TABLE "SliBucket" ADD CONSTRAINT "SliBucket_counts_check" CHECK ("good" >= 0 AND "total" >= "good");
ALTER TABLE "Slo" ADD CONSTRAINT "Slo_objective_check" CHECK ("objective" > 0 AND "objective" < 1);
