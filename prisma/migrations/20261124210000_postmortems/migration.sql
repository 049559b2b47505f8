-- CreateEnum
CREATE TYPE "PostmortemStatus" AS ENUM ('draft', 'in_review', 'approved', 'published');

-- CreateEnum
CREATE TYPE "PostmortemLanguage" AS ENUM ('en', 'ja');

-- CreateEnum
CREATE TYPE "ActionItemPriority" AS ENUM ('P0', 'P1', 'P2', 'P3');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('open', 'in_progress', 'done', 'wont_do');

-- AlterEnum
ALTER TYPE "TimelineEntryKind" ADD VALUE 'postmortem_created';
ALTER TYPE "TimelineEntryKind" ADD VALUE 'postmortem_status_changed';

-- CreateTable
CREATE TABLE "Postmortem" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "language" "PostmortemLanguage" NOT NULL,
    "status" "PostmortemStatus" NOT NULL DEFAULT 'draft',
    "ydoc" BYTEA NOT NULL,
    "content" JSONB NOT NULL,
    "contentText" TEXT NOT NULL DEFAULT '',
    "generatedAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "reviewerId" TEXT,
    "reviewChecklist" JSONB NOT NULL DEFAULT '{}',
    "reviewComment" TEXT NOT NULL DEFAULT '',
    "approvedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Postmortem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemUpdate" (
    "id" BIGSERIAL NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostmortemUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemAuthor" (
    "postmortemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "PostmortemAuthor_pkey" PRIMARY KEY ("postmortemId","userId")
);

-- CreateTable
CREATE TABLE "PostmortemVersion" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "ydoc" BYTEA NOT NULL,
    "content" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostmortemVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostmortemComment" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostmortemComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL,
    "postmortemId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "priority" "ActionItemPriority" NOT NULL DEFAULT 'P2',
    "dueDate" DATE,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'open',
    "trackerUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Postmortem_incidentId_key" ON "Postmortem"("incidentId");

-- CreateIndex
CREATE INDEX "Postmortem_status_idx" ON "Postmortem"("status");

-- CreateIndex
CREATE INDEX "PostmortemUpdate_postmortemId_id_idx" ON "PostmortemUpdate"("postmortemId", "id");

-- CreateIndex
CREATE INDEX "PostmortemVersion_postmortemId_createdAt_idx" ON "PostmortemVersion"("postmortemId", "createdAt");

-- CreateIndex
CREATE INDEX "PostmortemComment_postmortemId_createdAt_idx" ON "PostmortemComment"("postmortemId", "createdAt");

-- CreateIndex
CREATE INDEX "ActionItem_status_dueDate_idx" ON "ActionItem"("status", "dueDate");

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemUpdate" ADD CONSTRAINT "PostmortemUpdate_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemAuthor" ADD CONSTRAINT "PostmortemAuthor_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemAuthor" ADD CONSTRAINT "PostmortemAuthor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemVersion" ADD CONSTRAINT "PostmortemVersion_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemVersion" ADD CONSTRAINT "PostmortemVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemComment" ADD CONSTRAINT "PostmortemComment_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemComment" ADD CONSTRAINT "PostmortemComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostmortemComment" ADD CONSTRAINT "PostmortemComment_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Approval needs a reviewer; an action item's tracker link is a web address.
ALTER TABLE "Postmortem" ADD CONSTRAINT "Postmortem_approval_check" CHECK ("status" IN ('draft', 'in_review') OR "reviewerId" IS NOT NULL);
ALTER TABLE "ActionItem" ADD CONSTRAINT "ActionItem_trackerUrl_check" CHECK ("trackerUrl" IS NULL OR "trackerUrl" ~ '^https?://');
