-- AlterEnum
ALTER TYPE "TimelineEntryKind" ADD VALUE 'alerts_truncated';
