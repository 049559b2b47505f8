import type { ActionItemPriority, ActionItemStatus, PostmortemStatus, TimelineEntryKind } from "@/lib/generated/prisma/enums";

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

// What the postmortem itself put on the timeline: writing it is not acting in the incident.
const POSTMORTEM_KINDS: readonly TimelineEntryKind[] = ["postmortem_created", "postmortem_status_changed"];

/**
 * The people who did something in the incident (declared, acknowledged, changed it, wrote on it, took
 * or handed a role), in order of first appearance. Holding a role is not acting: a commander an
 * integration assigned who never acknowledged is not among them. `entries` are the timeline's, oldest
 * first, without Firebreak's own.
 */
export function peopleWhoActed(entries: readonly { actorId: string; kind: TimelineEntryKind }[]): string[] {
  return [...new Set(entries.filter((entry) => !POSTMORTEM_KINDS.includes(entry.kind)).map((entry) => entry.actorId))];
}

/** Who may approve: people who can write (responders, admins) and are not authors. */
export const possibleApprovers = <TPerson extends { id: string }>(people: readonly TPerson[], authorIds: readonly string[]) =>
  people.filter((person) => !authorIds.includes(person.id));

/** Why an author may not be removed, or null: authors change while a draft, and a postmortem keeps at least one. */
export function authorRemovalProblem(status: PostmortemStatus, authorIds: readonly string[], userId: string): "not_draft" | "not_an_author" | "last_author" | null {
  if (status !== "draft") return "not_draft";
  if (!authorIds.includes(userId)) return "not_an_author";
  if (authorIds.length === 1) return "last_author";
  return null;
}
