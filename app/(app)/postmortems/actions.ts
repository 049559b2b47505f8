"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { REVIEW_GOALS } from "@/lib/postmortems/rules";
import {
  ZActionItemCreate,
  ZActionItemUpdate,
  ZPostmortemComment,
  ZPostmortemCreate,
  ZPostmortemStatusChange,
  ZPostmortemVersion,
} from "@/lib/postmortems/schema";
import {
  addPostmortemAuthor,
  addPostmortemComment,
  changePostmortemStatus,
  createActionItem,
  createPostmortem,
  regeneratePostmortem,
  resolvePostmortemComment,
  restorePostmortemVersion,
  savePostmortemVersion,
  updateActionItem,
} from "@/lib/postmortems/service";

const ZRecordId = z.string().min(1);
const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};
const orNull = (value: string | undefined) => (value ? value : null);

export async function createPostmortemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  let postmortemId = "";
  const state = await runAction(async () => {
    const actor = await requireUser();
    const { language } = parseForm(ZPostmortemCreate, { language: field(formData, "language") });
    postmortemId = (await createPostmortem(actor, parseForm(ZRecordId, field(formData, "incidentId")), language)).id;
    revalidatePath("/incidents", "layout");
  });
  if (postmortemId) redirect(`/postmortems/${postmortemId}`);
  return state;
}

export async function changePostmortemStatusAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const change = parseForm(ZPostmortemStatusChange, {
      to: field(formData, "to"),
      checklist: Object.fromEntries(REVIEW_GOALS.map((goal) => [goal, formData.get(`goal-${goal}`) === "on"])),
      comment: field(formData, "comment"),
    });
    await changePostmortemStatus(actor, parseForm(ZRecordId, field(formData, "postmortemId")), change.to, change);
    revalidatePath("/postmortems", "layout");
    revalidatePath("/incidents", "layout");
  });
}

export async function regeneratePostmortemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await regeneratePostmortem(actor, parseForm(ZRecordId, field(formData, "postmortemId")));
    revalidatePath("/postmortems", "layout");
  });
}

export async function addActionItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const item = parseForm(ZActionItemCreate, {
      title: field(formData, "title"),
      ownerId: orNull(field(formData, "ownerId")),
      priority: field(formData, "priority"),
      dueDate: orNull(field(formData, "dueDate")),
      trackerUrl: orNull(field(formData, "trackerUrl")),
    });
    await createActionItem(actor, parseForm(ZRecordId, field(formData, "postmortemId")), item);
    revalidatePath("/postmortems", "layout");
    revalidatePath("/action-items");
  });
}

export async function updateActionItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await updateActionItem(actor, parseForm(ZRecordId, field(formData, "actionItemId")), parseForm(ZActionItemUpdate, { status: field(formData, "status") }));
    revalidatePath("/postmortems", "layout");
    revalidatePath("/action-items");
  });
}

/** Called by the editor with the selected text as the quote. */
export async function addCommentAction(postmortemId: string, quote: string, body: string): Promise<void> {
  const actor = await requireUser();
  await addPostmortemComment(actor, parseForm(ZRecordId, postmortemId), parseForm(ZPostmortemComment, { quote, body }));
  revalidatePath(`/postmortems/${postmortemId}`);
}

export async function resolveCommentAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await resolvePostmortemComment(actor, parseForm(ZRecordId, field(formData, "commentId")));
    revalidatePath("/postmortems", "layout");
  });
}

export async function saveVersionAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const { label } = parseForm(ZPostmortemVersion, { label: field(formData, "label") });
    await savePostmortemVersion(actor, parseForm(ZRecordId, field(formData, "postmortemId")), label);
    revalidatePath("/postmortems", "layout");
  });
}

export async function restoreVersionAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await restorePostmortemVersion(actor, parseForm(ZRecordId, field(formData, "postmortemId")), parseForm(ZRecordId, field(formData, "versionId")));
    revalidatePath("/postmortems", "layout");
  });
}

export async function addAuthorAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await addPostmortemAuthor(actor, parseForm(ZRecordId, field(formData, "postmortemId")), parseForm(ZRecordId, field(formData, "userId")));
    revalidatePath("/postmortems", "layout");
  });
}
