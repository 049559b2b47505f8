-- AlterEnum
ALTER TYPE "TimelineEntryKind" ADD VALUE 'escalation_notified';
ALTER TYPE "TimelineEntryKind" ADD VALUE 'escalation_escalated';
ALTER TYPE "TimelineEntryKind" ADD VALUE 'escalation_exhausted';

-- CreateEnum
CREATE TYPE "EscalationUrgency" AS ENUM ('high', 'low');

-- CreateEnum
CREATE TYPE "EscalationRunStatus" AS ENUM ('active', 'acknowledged', 'exhausted', 'cancelled');

-- CreateEnum
CREATE TYPE "EscalationNotificationStatus" AS ENUM ('pending', 'delivered', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "EscalationAction" AS ENUM ('acknowledge', 'escalate');

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "escalationPolicyId" TEXT,
ADD COLUMN     "urgencySettings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "escalationPolicyId" TEXT;

-- CreateTable
CREATE TABLE "EscalationPolicy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT,
    "repeatCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EscalationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationStep" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "delayMinutes" INTEGER NOT NULL,
    "targets" JSONB NOT NULL,

    CONSTRAINT "EscalationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationRun" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "policyId" TEXT,
    "urgency" "EscalationUrgency" NOT NULL,
    "status" "EscalationRunStatus" NOT NULL DEFAULT 'active',
    "round" INTEGER NOT NULL DEFAULT 0,
    "nextStep" INTEGER NOT NULL DEFAULT 0,
    "nextDueAt" TIMESTAMP(3),
    "workingHours" JSONB NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "stoppedById" TEXT,

    CONSTRAINT "EscalationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationNotification" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "recipientKey" TEXT NOT NULL,
    "userId" TEXT,
    "teamId" TEXT,
    "urgency" "EscalationUrgency" NOT NULL,
    "status" "EscalationNotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "EscalationNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationActionToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "action" "EscalationAction" NOT NULL,
    "incidentId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "notificationId" TEXT,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "EscalationActionToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EscalationPolicy_name_key" ON "EscalationPolicy"("name");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationStep_policyId_position_key" ON "EscalationStep"("policyId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationRun_incidentId_key" ON "EscalationRun"("incidentId");

-- CreateIndex
CREATE INDEX "EscalationRun_status_nextDueAt_idx" ON "EscalationRun"("status", "nextDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationNotification_runId_round_step_recipientKey_key" ON "EscalationNotification"("runId", "round", "step", "recipientKey");

-- CreateIndex
CREATE INDEX "EscalationNotification_status_nextAttemptAt_idx" ON "EscalationNotification"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationActionToken_tokenHash_key" ON "EscalationActionToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EscalationActionToken_runId_idx" ON "EscalationActionToken"("runId");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_escalationPolicyId_fkey" FOREIGN KEY ("escalationPolicyId") REFERENCES "EscalationPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_escalationPolicyId_fkey" FOREIGN KEY ("escalationPolicyId") REFERENCES "EscalationPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationStep" ADD CONSTRAINT "EscalationStep_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "EscalationPolicy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationRun" ADD CONSTRAINT "EscalationRun_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationRun" ADD CONSTRAINT "EscalationRun_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "EscalationPolicy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationRun" ADD CONSTRAINT "EscalationRun_stoppedById_fkey" FOREIGN KEY ("stoppedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationNotification" ADD CONSTRAINT "EscalationNotification_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EscalationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationNotification" ADD CONSTRAINT "EscalationNotification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationActionToken" ADD CONSTRAINT "EscalationActionToken_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationActionToken" ADD CONSTRAINT "EscalationActionToken_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EscalationRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationActionToken" ADD CONSTRAINT "EscalationActionToken_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "EscalationNotification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscalationActionToken" ADD CONSTRAINT "EscalationActionToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A run always knows when it acts next while it is active, and never once it has stopped.
ALTER TABLE "EscalationRun" ADD CONSTRAINT "EscalationRun_due_while_active" CHECK (("status" = 'active') = ("nextDueAt" IS NOT NULL));

-- An outbox row goes to exactly one recipient: a person or a team channel.
ALTER TABLE "EscalationNotification" ADD CONSTRAINT "EscalationNotification_one_recipient" CHECK (("userId" IS NULL) <> ("teamId" IS NULL));
