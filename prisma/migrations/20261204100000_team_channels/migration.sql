-- A team's chat channels, shift-change notices and reminders (on-call issue #12).

-- CreateEnum
CREATE TYPE "ShiftNoticeKind" AS ENUM ('handoff', 'reminder');

-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN "reminderMinutes" INTEGER NOT NULL DEFAULT 60;

-- CreateTable
CREATE TABLE "TeamChannel" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "ContactMethodKind" NOT NULL,
    "label" TEXT NOT NULL,
    "target" JSONB NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShiftNotice" (
    "id" TEXT NOT NULL,
    "scheduleId" TEXT NOT NULL,
    "kind" "ShiftNoticeKind" NOT NULL,
    "shiftStart" TIMESTAMP(3) NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "claimedUntil" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ShiftNotice_pkey" PRIMARY KEY ("id")
);

-- AlterTable: an attempt is either a person's or a team channel's
ALTER TABLE "NotificationAttempt" ALTER COLUMN "userId" DROP NOT NULL,
ADD COLUMN "teamId" TEXT,
ADD COLUMN "teamChannelId" TEXT;

-- CreateIndex
CREATE INDEX "TeamChannel_teamId_idx" ON "TeamChannel"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "ShiftNotice_scheduleId_shiftStart_kind_subject_key" ON "ShiftNotice"("scheduleId", "shiftStart", "kind", "subject");

-- CreateIndex
CREATE INDEX "NotificationAttempt_teamId_attemptedAt_idx" ON "NotificationAttempt"("teamId", "attemptedAt");

-- AddForeignKey
ALTER TABLE "TeamChannel" ADD CONSTRAINT "TeamChannel_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShiftNotice" ADD CONSTRAINT "ShiftNotice_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_teamChannelId_fkey" FOREIGN KEY ("teamChannelId") REFERENCES "TeamChannel"("id") ON DELETE SET NULL ON UPDATE CASCADE;
