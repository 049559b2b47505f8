import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { conflict, forbidden, notFound, unprocessable } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PostmortemStatus } from "@/lib/generated/prisma/enums";
import { listOf, postmortemStatusLabel } from "@/lib/i18n/message";
import type { TLocale } from "@/lib/i18n/translate";
import { closeIncidentWithPostmortem } from "@/lib/incidents/service";
import { formatPercent } from "@/lib/slo/format";
import { incidentSloImpacts } from "@/lib/slo/queries";
import { needsP0ActionItem } from "@/lib/slo/rules";
import { appendTimelineEntry } from "@/lib/timeline/service";
import { announceEditability, changeDocument } from "./document-changes";
import { documentSnapshot, loadDocument, newDocumentState } from "./document-state";
import { paragraph, type TDocNode } from "./document-nodes";
import { generatedSections, generatePostmortemDocument, statusLine } from "./generate";
import { approvalProblem, authorRemovalProblem, canMoveTo, isEditable, type TReviewChecklist } from "./rules";
import type { TActionItemCreate, TActionItemUpdate } from "./schema";
import { postmortemSource, responderIds } from "./source";

/**
 * Creates the incident's postmortem from the template in `language`, pre-filled from the incident.
 * Only once the incident is resolved (or closed); one postmortem per incident.
 */
export async function createPostmortem(actor: TActor, incidentId: string, language: TLocale, now = new Date()) {
  assertCan(actor, "incident:write");
  const incident = await db().incident.findUnique({ where: { id: incidentId }, select: { status: true, title: true, postmortem: { select: { id: true } } } });
  if (!incident) throw notFound("incident");
  if (incident.postmortem) throw conflict("errors.postmortem.exists");
  if (incident.status !== "resolved" && incident.status !== "closed") throw unprocessable("errors.postmortem.notResolved");
  const authorIds = [...new Set([...(await responderIds(incidentId)), actor.id])];
  const source = await postmortemSource(incidentId, language, now, authorIds);
  const state = newDocumentState(generatePostmortemDocument(source));
  const { content, text } = documentSnapshot(loadDocument(state));
  return db().$transaction(async (tx) => {
    const postmortem = await tx.postmortem.create({
      data: {
        incidentId,
        title: `${source.incident.reference}: ${incident.title}`,
        language,
        ydoc: Buffer.from(state),
        content: content as object,
        contentText: text,
        generatedAt: now,
        createdById: actor.id,
        authors: { create: authorIds.map((userId) => ({ userId })) },
      },
    });
    await appendTimelineEntry(tx, {
      incidentId,
      kind: "postmortem_created",
      actorId: actor.id,
      occurredAt: now,
      detail: { postmortemId: postmortem.id, language },
    });
    return postmortem;
  });
}

async function editablePostmortem(actor: TActor, postmortemId: string) {
  assertCan(actor, "incident:write");
  const postmortem = await db().postmortem.findUnique({ where: { id: postmortemId }, select: { id: true, incidentId: true, language: true, status: true } });
  if (!postmortem) throw notFound("postmortem");
  if (!isEditable(postmortem.status)) throw unprocessable("errors.postmortem.notEditable", { status: postmortemStatusLabel(postmortem.status) });
  return postmortem;
}

/** Refills the data-driven sections from the incident as it is now, leaving what people wrote. */
export async function regeneratePostmortem(actor: TActor, postmortemId: string, now = new Date()) {
  const postmortem = await editablePostmortem(actor, postmortemId);
  const authors = await db().postmortemAuthor.findMany({ where: { postmortemId }, select: { userId: true } });
  const source = await postmortemSource(
    postmortem.incidentId,
    postmortem.language,
    now,
    authors.map((author) => author.userId),
    postmortem.status,
  );
  const { replacedSections } = await changeDocument(postmortemId, { kind: "replaceGeneratedSections", sections: generatedSections(source) });
  await db().postmortem.update({ where: { id: postmortemId }, data: { generatedAt: now } });
  return { sections: replacedSections };
}

/** SLOs this incident spent more than 20% of, when the postmortem has no P0 action item yet (error budget policy). */
export async function budgetPolicyGaps(incidentId: string, postmortemId: string): Promise<{ slo: string; consumedFraction: number }[]> {
  const hasP0 = (await db().actionItem.count({ where: { postmortemId, priority: "P0", status: { not: "wont_do" } } })) > 0;
  if (hasP0) return [];
  return (await incidentSloImpacts(incidentId))
    .filter((impact) => needsP0ActionItem(impact.consumedFraction))
    .map((impact) => ({ slo: `${impact.slo.service.name} · ${impact.slo.name}`, consumedFraction: impact.consumedFraction }));
}

/** Moves the postmortem through draft → in review → approved → published, each step on the incident's timeline. */
export async function changePostmortemStatus(
  actor: TActor,
  postmortemId: string,
  to: PostmortemStatus,
  review: { checklist?: TReviewChecklist; comment?: string } = {},
  now = new Date(),
) {
  assertCan(actor, "incident:write");
  const updated = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Postmortem" WHERE "id" = ${postmortemId} FOR UPDATE`;
    const postmortem = await tx.postmortem.findUnique({ where: { id: postmortemId }, include: { authors: { select: { userId: true } } } });
    if (!postmortem) throw notFound("postmortem");
    if (!canMoveTo(postmortem.status, to))
      throw unprocessable("errors.postmortem.cannotMove", { from: postmortemStatusLabel(postmortem.status), to: postmortemStatusLabel(to) });
    const authorIds = postmortem.authors.map((author) => author.userId);
    let data: Prisma.PostmortemUncheckedUpdateInput = { status: to };
    if (to === "approved") {
      const problem = approvalProblem(actor.id, authorIds, review.checklist ?? {});
      if (problem === "reviewer_is_author") throw forbidden("errors.postmortem.reviewerIsAuthor");
      if (problem) throw unprocessable("errors.postmortem.goalsUnchecked");
      const missingP0 = await budgetPolicyGaps(postmortem.incidentId, postmortemId);
      if (missingP0.length > 0) {
        throw unprocessable("errors.postmortem.p0Missing", {
          consumed: listOf(
            missingP0.map((gap) => ({ key: "errors.postmortem.budgetConsumed", vars: { percent: formatPercent(gap.consumedFraction), slo: gap.slo } })),
          ),
        });
      }
      data = { ...data, reviewerId: actor.id, reviewChecklist: review.checklist ?? {}, reviewComment: review.comment ?? "", approvedAt: now };
    }
    // An author may take it back to draft (to change the authors, say) without becoming its reviewer.
    if (to === "draft")
      data = { ...data, ...(authorIds.includes(actor.id) ? {} : { reviewerId: actor.id }), reviewComment: review.comment ?? "", approvedAt: null };
    if (to === "published") data = { ...data, publishedAt: now };
    const changed = await tx.postmortem.update({ where: { id: postmortemId }, data });
    if (to === "published") await closeIncidentWithPostmortem(tx, postmortem.incidentId, actor.id, now);
    await appendTimelineEntry(tx, {
      incidentId: postmortem.incidentId,
      kind: "postmortem_status_changed",
      actorId: actor.id,
      occurredAt: now,
      body: review.comment ?? "",
      detail: { postmortemId, from: postmortem.status, to },
    });
    return changed;
  });
  await refreshStatusSection(postmortemId);
  // Whether editors may write depends on the status: those connected now follow it at once.
  announceEditability(postmortemId, isEditable(updated.status));
  return updated;
}

/** Rewrites the Status section from the postmortem's state, so the document never says Draft once it is published. */
async function refreshStatusSection(postmortemId: string) {
  const { language, status, incident } = await db().postmortem.findUniqueOrThrow({
    where: { id: postmortemId },
    select: { language: true, status: true, incident: { select: { severity: true, status: true } } },
  });
  const line = statusLine(language, { postmortemStatus: status, severity: incident.severity, incidentStatus: incident.status });
  await changeDocument(postmortemId, { kind: "replaceGeneratedSections", sections: { status: [paragraph(...line)] } });
}

/** Rewrites the Authors section from the authors as they are now. */
async function refreshAuthorsSection(postmortemId: string) {
  const authors = await db().postmortemAuthor.findMany({
    where: { postmortemId },
    select: { user: { select: { name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  await changeDocument(postmortemId, {
    kind: "replaceGeneratedSections",
    sections: { authors: [paragraph(authors.map((author) => author.user.name).join(", ") || "—")] },
  });
}

/** Adds an author while the postmortem is a draft: once it is in review, the authors decide who may approve it. */
export async function addPostmortemAuthor(actor: TActor, postmortemId: string, userId: string) {
  const postmortem = await editablePostmortem(actor, postmortemId);
  if (postmortem.status !== "draft") throw unprocessable("errors.postmortem.authorsAddedInDraft");
  const user = await db().user.findFirst({ where: { id: userId, disabledAt: null, role: { not: "viewer" } }, select: { id: true } });
  if (!user) throw unprocessable("errors.postmortem.authorRole");
  await db().postmortemAuthor.upsert({ where: { postmortemId_userId: { postmortemId, userId } }, create: { postmortemId, userId }, update: {} });
  await refreshAuthorsSection(postmortemId);
}

/**
 * Removes an author while the postmortem is a draft, e.g. someone proposed who did not write it, so
 * that a responder who is not an author is left to approve it. A postmortem keeps at least one author.
 */
export async function removePostmortemAuthor(actor: TActor, postmortemId: string, userId: string) {
  const postmortem = await editablePostmortem(actor, postmortemId);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Postmortem" WHERE "id" = ${postmortemId} FOR UPDATE`;
    const authors = await tx.postmortemAuthor.findMany({ where: { postmortemId }, select: { userId: true } });
    const problem = authorRemovalProblem(
      postmortem.status,
      authors.map((author) => author.userId),
      userId,
    );
    if (problem === "not_draft") throw unprocessable("errors.postmortem.authorsRemovedInDraft");
    if (problem === "not_an_author") throw notFound("author");
    if (problem === "last_author") throw unprocessable("errors.postmortem.lastAuthor");
    await tx.postmortemAuthor.delete({ where: { postmortemId_userId: { postmortemId, userId } } });
  });
  await refreshAuthorsSection(postmortemId);
}

/** Saves the current document as a named version. */
export async function savePostmortemVersion(actor: TActor, postmortemId: string, label: string) {
  await editablePostmortem(actor, postmortemId);
  const { state, content } = await changeDocument(postmortemId, { kind: "snapshot" });
  return db().postmortemVersion.create({ data: { postmortemId, label, ydoc: Buffer.from(state), content: content as object, createdById: actor.id } });
}

/** Restores a version's content as a new change, so nothing after it is lost from the history. */
export async function restorePostmortemVersion(actor: TActor, postmortemId: string, versionId: string) {
  await editablePostmortem(actor, postmortemId);
  const version = await db().postmortemVersion.findFirst({ where: { id: versionId, postmortemId }, select: { content: true } });
  if (!version) throw notFound("version");
  await changeDocument(postmortemId, { kind: "replaceDocument", document: version.content as TDocNode });
}

export async function addPostmortemComment(actor: TActor, postmortemId: string, input: { quote: string; body: string }) {
  assertCan(actor, "incident:write");
  if (!(await db().postmortem.findUnique({ where: { id: postmortemId }, select: { id: true } }))) throw notFound("postmortem");
  return db().postmortemComment.create({ data: { postmortemId, authorId: actor.id, quote: input.quote, body: input.body } });
}

export async function resolvePostmortemComment(actor: TActor, commentId: string, now = new Date()) {
  assertCan(actor, "incident:write");
  const { count } = await db().postmortemComment.updateMany({ where: { id: commentId, resolvedAt: null }, data: { resolvedAt: now, resolvedById: actor.id } });
  if (count === 0) throw notFound("openComment");
}

/** Owners are people who can work on the item: active responders or admins. */
async function assertPossibleOwner(ownerId: string | null | undefined) {
  if (!ownerId) return;
  const owner = await db().user.findFirst({ where: { id: ownerId, disabledAt: null, role: { not: "viewer" } }, select: { id: true } });
  if (!owner) throw unprocessable("errors.postmortem.ownerRole");
}

export async function createActionItem(actor: TActor, postmortemId: string, input: TActionItemCreate) {
  assertCan(actor, "incident:write");
  if (!(await db().postmortem.findUnique({ where: { id: postmortemId }, select: { id: true } }))) throw notFound("postmortem");
  await assertPossibleOwner(input.ownerId);
  return db().actionItem.create({ data: { postmortemId, ...input } });
}

export async function updateActionItem(actor: TActor, actionItemId: string, update: TActionItemUpdate) {
  assertCan(actor, "incident:write");
  await assertPossibleOwner(update.ownerId);
  const { count } = await db().actionItem.updateMany({ where: { id: actionItemId }, data: update });
  if (count === 0) throw notFound("actionItem");
  return db().actionItem.findUniqueOrThrow({ where: { id: actionItemId } });
}
