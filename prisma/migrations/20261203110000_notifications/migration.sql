-- On-call notifications: channels configured by admins, users' contact methods and rules, the
-- notifications worked through those rules, and every delivery attempt.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';

-- CreateEnum
CREATE TYPE "NotificationChannelKind" AS ENUM ('email', 'webpush', 'slack', 'teams', 'chatwork', 'webhook', 'ntfy', 'pagerduty', 'twilio');

-- CreateEnum
CREATE TYPE "ContactMethodKind" AS ENUM ('email', 'webpush', 'sms', 'voice', 'slack', 'teams', 'chatwork', 'webhook', 'ntfy', 'pagerduty');

-- CreateEnum
CREATE TYPE "NotificationUrgency" AS ENUM ('high', 'low');

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "kind" "NotificationChannelKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "settings" JSONB NOT NULL,
    "secrets" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("kind")
);

-- CreateTable
CREATE TABLE "ContactMethod" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "ContactMethodKind" NOT NULL,
    "label" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationRule" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "contactMethodId" TEXT NOT NULL,
    "urgency" "NotificationUrgency" NOT NULL,
    "delayMinutes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserNotification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "incidentId" TEXT,
    "urgency" "NotificationUrgency" NOT NULL,
    "content" JSONB NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "triedRuleIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "nextDueAt" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "UserNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "notificationId" TEXT,
    "contactMethodId" TEXT,
    "incidentId" TEXT,
    "channel" "NotificationChannelKind" NOT NULL,
    "methodLabel" TEXT NOT NULL,
    "test" BOOLEAN NOT NULL DEFAULT false,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT NOT NULL DEFAULT '',
    "latencyMs" INTEGER NOT NULL,
    "attemptedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactMethod_userId_idx" ON "ContactMethod"("userId");

-- CreateIndex
CREATE INDEX "NotificationRule_userId_idx" ON "NotificationRule"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationRule_contactMethodId_urgency_delayMinutes_key" ON "NotificationRule"("contactMethodId", "urgency", "delayMinutes");

-- CreateIndex
CREATE INDEX "UserNotification_nextDueAt_idx" ON "UserNotification"("nextDueAt");

-- CreateIndex
CREATE INDEX "UserNotification_incidentId_idx" ON "UserNotification"("incidentId");

-- CreateIndex
CREATE INDEX "NotificationAttempt_userId_attemptedAt_idx" ON "NotificationAttempt"("userId", "attemptedAt");

-- CreateIndex
CREATE INDEX "NotificationAttempt_incidentId_attemptedAt_idx" ON "NotificationAttempt"("incidentId", "attemptedAt");

-- AddForeignKey
ALTER TABLE "ContactMethod" ADD CONSTRAINT "ContactMethod_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRule" ADD CONSTRAINT "NotificationRule_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationRule" ADD CONSTRAINT "NotificationRule_contactMethodId_fkey" FOREIGN KEY ("contactMethodId") REFERENCES "ContactMethod"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserNotification" ADD CONSTRAINT "UserNotification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "UserNotification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_contactMethodId_fkey" FOREIGN KEY ("contactMethodId") REFERENCES "ContactMethod"("id") ON DELETE SET NULL ON UPDATE CASCADE;
