import type { ActionItemPriority, ActionItemStatus, PostmortemStatus } from "@/lib/generated/prisma/enums";

export const ACTION_ITEM_PRIORITIES = ["P0", "P1", "P2", "P3"] as const satisfies readonly ActionItemPriority[];
export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "wont_do"] as const satisfies readonly ActionItemStatus[];
/** Statuses of work still to do: an item in one of them can be overdue. */
export const UNFINISHED_ACTION_ITEM_STATUSES = ["open", "in_progress"] as const satisfies readonly ActionItemStatus[];

/** An action item is overdue while unfinished after its due date (whole UTC days: due today is not overdue). */
export const isOverdue = (item: { dueDate: Date | null; status: ActionItemStatus }, now: Date) =>
  item.dueDate !== null &&
  (UNFINISHED_ACTION_ITEM_STATUSES as readonly ActionItemStatus[]).includes(item.status) &&
  item.dueDate.toISOString().slice(0, 10) < now.toISOString().slice(0, 10);

/** The five review goals (SRE book): a reviewer ticks each before approving. */
export const REVIEW_GOALS = ["data", "impact", "rootCause", "actionPlan", "shared"] as const;
export type TReviewGoal = (typeof REVIEW_GOALS)[number];
export type TReviewChecklist = Partial<Record<TReviewGoal, boolean>>;

const TRANSITIONS: Record<PostmortemStatus, readonly PostmortemStatus[]> = {
  draft: ["in_review"],
  in_review: ["draft", "approved"],
  approved: ["published", "in_review"],
  published: [],
};

export const canMoveTo = (from: PostmortemStatus, to: PostmortemStatus) => TRANSITIONS[from].includes(to);

/** Why a reviewer may not approve, or null when they may: not an author, and every goal checked. */
export function approvalProblem(reviewerId: string, authorIds: string[], checklist: TReviewChecklist): "reviewer_is_author" | "checklist_incomplete" | null {
  if (authorIds.includes(reviewerId)) return "reviewer_is_author";
  if (!REVIEW_GOALS.every((goal) => checklist[goal] === true)) return "checklist_incomplete";
  return null;
}

/** Documents people can still write in; a published postmortem is the record and stays as approved. */
export const isEditable = (status: PostmortemStatus) => status === "draft" || status === "in_review";
