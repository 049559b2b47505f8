import Link from "next/link";
import { notFound } from "next/navigation";
import { PostmortemEditor } from "@/components/postmortems/postmortem-editor";
import { ActionItemsPanel, CommentsPanel, ReviewPanel, VersionsPanel } from "@/components/postmortems/postmortem-panels";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listPossibleResponders } from "@/lib/incidents/queries";
import { incidentReference } from "@/lib/incidents/rules";
import { MAX_DOCUMENT_BYTES, MAX_UPDATE_BYTES } from "@/lib/postmortems/collaboration-limits";
import { getPostmortem, openBlameHints } from "@/lib/postmortems/queries";
import { isEditable } from "@/lib/postmortems/rules";
import { budgetPolicyGaps } from "@/lib/postmortems/service";
import {
  addActionItemAction,
  addAuthorAction,
  addCommentAction,
  changePostmortemStatusAction,
  regeneratePostmortemAction,
  removeAuthorAction,
  resolveCommentAction,
  restoreVersionAction,
  saveVersionAction,
  updateActionItemAction,
} from "../actions";

export const metadata = { title: "Postmortem" };

export default async function PostmortemPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  const [{ locale, t }, postmortem, people] = await Promise.all([getTranslator(), getPostmortem(id), listPossibleResponders()]);
  if (!postmortem) notFound();
  const [policyGaps, hints] = await Promise.all([budgetPolicyGaps(postmortem.incident.id, postmortem.id), openBlameHints(postmortem.id, locale)]);
  const canWrite = can(actor.role, "incident:write");
  const editable = canWrite && isEditable(postmortem.status);
  const reference = incidentReference(postmortem.incident.number);
  const addComment = addCommentAction.bind(null, postmortem.id);

  return (
    <>
      <div className="page-head">
        <div>
          <div className="muted small">
            <Link href={`/incidents/${reference}`}>{reference}</Link> · {postmortem.incident.severity} · {t(`pm.language.${postmortem.language}`)} ·{" "}
            {t("pm.authors")}: {postmortem.authors.map((author) => author.user.name).join(", ")}
          </div>
          <h1>{postmortem.title}</h1>
          <div className="muted small">
            {t("pm.generatedAt")} <LocalTime iso={postmortem.generatedAt.toISOString()} locale={locale} />
          </div>
        </div>
        <div className="button-row">
          <a className="button" href={`/api/postmortems/${postmortem.id}/export?format=markdown`} download data-testid="export-postmortem-markdown">
            {t("pm.export.markdown")}
          </a>
          <a className="button" href={`/api/postmortems/${postmortem.id}/export?format=html`} target="_blank" rel="noopener">
            {t("pm.export.html")}
          </a>
          <a className="button" href={`/api/postmortems/${postmortem.id}/export?format=json`} download>
            JSON
          </a>
          {editable ? (
            <ActionForm action={regeneratePostmortemAction} className="button-row" label={t("pm.regenerate")}>
              <input type="hidden" name="postmortemId" value={postmortem.id} />
              <SubmitButton>{t("pm.regenerate")}</SubmitButton>
            </ActionForm>
          ) : null}
        </div>
      </div>
      <div className="grid-room">
        <div className="stack">
          <section className="panel">
            <PostmortemEditor
              postmortemId={postmortem.id}
              user={{ id: actor.id, name: actor.name }}
              editable={editable}
              language={postmortem.language}
              onComment={canWrite ? addComment : undefined}
              labels={{
                connecting: t("pm.editor.connecting"),
                connected: t("pm.editor.connected"),
                offline: t("pm.editor.offline"),
                saving: t("pm.editor.saving"),
                saved: t("pm.editor.saved"),
                readOnly: t(canWrite ? "pm.editor.lockedForReview" : "pm.editor.readOnly"),
                bold: t("pm.editor.bold"),
                italic: t("pm.editor.italic"),
                heading: t("pm.editor.heading"),
                bulletList: t("pm.editor.bulletList"),
                orderedList: t("pm.editor.orderedList"),
                comment: t("pm.editor.comment"),
                commentPlaceholder: t("pm.editor.commentPlaceholder"),
                commentSubmit: t("pm.editor.commentSubmit"),
                selectFirst: t("pm.editor.selectFirst"),
                hints: t("pm.editor.hints"),
                hintsTitle: t("pm.hints.title"),
                hintsNone: t("pm.hints.none"),
                hintsOne: t("pm.hints.one"),
                hintsMany: t("pm.hints.many"),
                hintsShow: t("pm.hints.show"),
                toolbar: t("pm.editor.toolbar"),
                document: postmortem.title,
                commentFailed: t("pm.editor.commentFailed"),
                tooLarge: t("pm.editor.tooLarge", { update: `${MAX_UPDATE_BYTES / 1024} KiB`, document: `${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB` }),
              }}
            />
          </section>
        </div>
        <aside className="stack">
          <ReviewPanel
            postmortem={postmortem}
            policyGaps={policyGaps}
            people={people}
            hints={hints}
            addAuthor={addAuthorAction}
            removeAuthor={removeAuthorAction}
            viewerId={actor.id}
            canWrite={canWrite}
            t={t}
            locale={locale}
            changeStatus={changePostmortemStatusAction}
          />
          <ActionItemsPanel
            postmortem={postmortem}
            people={people}
            canWrite={canWrite}
            now={new Date()}
            t={t}
            addItem={addActionItemAction}
            updateItem={updateActionItemAction}
          />
          <CommentsPanel postmortem={postmortem} canWrite={canWrite} t={t} locale={locale} resolve={resolveCommentAction} />
          <VersionsPanel postmortem={postmortem} canWrite={editable} t={t} locale={locale} save={saveVersionAction} restore={restoreVersionAction} />
        </aside>
      </div>
    </>
  );
}
