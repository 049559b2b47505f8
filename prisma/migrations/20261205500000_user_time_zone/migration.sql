-- The zone a person reads times in (issue 14). NULL follows their browser's zone, which the server
-- cannot know, so it is never filled in for them.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "timeZone" TEXT;
