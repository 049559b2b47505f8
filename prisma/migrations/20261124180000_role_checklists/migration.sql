-- AlterEnum
ALTER TYPE "TimelineEntryKind" ADD VALUE 'checklist_item_checked';

-- CreateTable
CREATE TABLE "ChecklistTemplateItem" (
    "id" TEXT NOT NULL,
    "role" "IncidentRole" NOT NULL,
    "position" INTEGER NOT NULL,
    "textEn" TEXT NOT NULL,
    "textJa" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChecklistTemplateItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentChecklistItem" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "role" "IncidentRole" NOT NULL,
    "position" INTEGER NOT NULL,
    "textEn" TEXT NOT NULL,
    "textJa" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,

    CONSTRAINT "IncidentChecklistItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChecklistTemplateItem_role_position_idx" ON "ChecklistTemplateItem"("role", "position");

-- CreateIndex
CREATE INDEX "IncidentChecklistItem_incidentId_role_position_idx" ON "IncidentChecklistItem"("incidentId", "role", "position");

-- AddForeignKey
ALTER TABLE "IncidentChecklistItem" ADD CONSTRAINT "IncidentChecklistItem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentChecklistItem" ADD CONSTRAINT "IncidentChecklistItem_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The default checklists (SRE book, incident management), editable by admins.
INSERT INTO "ChecklistTemplateItem" ("id", "role", "position", "textEn", "textJa") VALUES
  ('default-commander-1', 'commander', 1, 'Assign the operations and communications roles', '実行担当とコミュニケーション担当を割り当てる'),
  ('default-commander-2', 'commander', 2, 'Confirm the severity and the affected services', '重大度と影響を受けるサービスを確認する'),
  ('default-commander-3', 'commander', 3, 'Decide whether more help is needed, and ask for it', '応援が必要か判断し、必要なら呼ぶ'),
  ('default-operations-1', 'operations', 1, 'Announce each change to the system before making it', 'システムを変更する前に必ず宣言する'),
  ('default-operations-2', 'operations', 2, 'Note every change made on the timeline', '実施した変更をすべてタイムラインに記録する'),
  ('default-communications-1', 'communications', 1, 'Post the first stakeholder update within 15 minutes', '15 分以内に最初の状況報告を出す'),
  ('default-communications-2', 'communications', 2, 'Keep to the promised update times', '約束した報告時刻を守る'),
  ('default-planning-1', 'planning', 1, 'Schedule the shift handoff if the incident outlasts the shift', 'シフトをまたぐ場合は引き継ぎを予定する'),
  ('default-planning-2', 'planning', 2, 'File bugs for the follow-up work', '後続作業のバグを起票する'),
  ('default-planning-3', 'planning', 3, 'Plan the return to normal operations', '通常運用への復帰を計画する');
