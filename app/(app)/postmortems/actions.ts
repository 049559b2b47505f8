"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { parseForm, runAction } from "@/lib/http/action";
import type { TActionState } from "@/lib/http/action-state";
import { formCheckbox, formOptionalText, formRecordId, formText } from "@/lib/http/form-fields";
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
  removePostmortemAuthor,
  resolvePostmortemComment,
  restorePostmortemVersion,
  savePostmortemVersion,
  updateActionItem,
} from "@/lib/postmortems/service";

const ZRecordId = z.string().min(1);

export async function createPostmortemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  let postmortemId = "";
  const state = await runAction(async () => {
    const actor = await requireUser();
    const { language } = parseForm(ZPostmortemCreate, { language: formText(formData, "language") });
    postmortemId = (await createPostmortem(actor, formRecordId(formData, "incidentId"), language)).id;
    revalidatePath("/incidents", "layout");
  });
  if (postmortemId) redirect(`/postmortems/${postmortemId}`);
  return state;
}

export async function changePostmortemStatusAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const change = parseForm(ZPostmortemStatusChange, {
      to: formText(formData, "to"),
      checklist: Object.fromEntries(REVIEW_GOALS.map((goal) => [goal, formCheckbox(formData, `goal-${goal}`)])),
      comment: formText(formData, "comment"),
    });
    await changePostmortemStatus(actor, formRecordId(formData, "postmortemId"), change.to, change);
    revalidatePath("/postmortems", "layout");
    revalidatePath("/incidents", "layout");
  });
}

export async function regeneratePostmortemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await regeneratePostmortem(actor, formRecordId(formData, "postmortemId"));
    revalidatePath("/postmortems", "layout");
  });
}

export async function addActionItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const item = parseForm(ZActionItemCreate, {
      title: formText(formData, "title"),
      ownerId: formOptionalText(formData, "ownerId"),
      priority: formText(formData, "priority"),
      dueDate: formOptionalText(formData, "dueDate"),
      trackerUrl: formOptionalText(formData, "trackerUrl"),
    });
    await createActionItem(actor, formRecordId(formData, "postmortemId"), item);
    revalidatePath("/postmortems", "layout");
    revalidatePath("/action-items");
  });
}

export async function updateActionItemAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await updateActionItem(actor, formRecordId(formData, "actionItemId"), parseForm(ZActionItemUpdate, { status: formText(formData, "status") }));
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
    await resolvePostmortemComment(actor, formRecordId(formData, "commentId"));
    revalidatePath("/postmortems", "layout");
  });
}

export async function saveVersionAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    const { label } = parseForm(ZPostmortemVersion, { label: formText(formData, "label") });
    await savePostmortemVersion(actor, formRecordId(formData, "postmortemId"), label);
    revalidatePath("/postmortems", "layout");
  });
}

export async function restoreVersionAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await restorePostmortemVersion(actor, formRecordId(formData, "postmortemId"), formRecordId(formData, "versionId"));
    revalidatePath("/postmortems", "layout");
  });
}

export async function addAuthorAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await addPostmortemAuthor(actor, formRecordId(formData, "postmortemId"), formRecordId(formData, "userId"));
    revalidatePath("/postmortems", "layout");
  });
}

export async function removeAuthorAction(_previous: TActionState, formData: FormData): Promise<TActionState> {
  return runAction(async () => {
    const actor = await requireUser();
    await removePostmortemAuthor(actor, formRecordId(formData, "postmortemId"), formRecordId(formData, "userId"));
    revalidatePath("/postmortems", "layout");
  });
}
