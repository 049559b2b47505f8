import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { LocalTime } from "@/components/ui/local-time";
import type { TActionState } from "@/lib/http/action-state";
import type { TTranslate } from "@/lib/i18n/translate";
import type { TPostmortemPage } from "@/lib/postmortems/queries";
import type { TBlameHint } from "@/lib/postmortems/blameless";
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, isOverdue, possibleApprovers, REVIEW_GOALS, type TReviewChecklist } from "@/lib/postmortems/rules";
import { formatPercent } from "@/lib/slo/format";

type TAction = (previous: TActionState, formData: FormData) => Promise<TActionState>;

/** "3 phrases describe people, not the system", in the reader's language. */
export const hintCount = (t: TTranslate, count: number) => (count === 1 ? t("pm.hints.one") : t("pm.hints.many", { count }));

/** The open wording hints, listed where the document goes to review and where it is approved: hints, never blocks. */
function OpenHints({ hints, t }: { hints: TBlameHint[]; t: TTranslate }) {
  if (hints.length === 0) return null;
  return (
    <div className="notice small" data-testid="review-hints">
      <p>
        <strong>{hintCount(t, hints.length)}</strong>
      </p>
      <ul className="plain-list">
        {hints.map((hint) => (
          <li key={`${hint.from}-${hint.phrase}`}>
            <q>{hint.phrase}</q> {hint.suggestion}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Where the postmortem is in draft → in review → approved → published, who may approve it, and the next step this person may take. */
export function ReviewPanel({
  postmortem,
  viewerId,
  canWrite,
  t,
  locale,
  changeStatus,
  policyGaps,
  people,
  hints,
  addAuthor,
  removeAuthor,
}: {
  postmortem: TPostmortemPage;
  policyGaps: { slo: string; consumedFraction: number }[];
  people: { id: string; name: string }[];
  /** the document's open wording hints, with suggestions in the reader's language */
  hints: TBlameHint[];
  addAuthor: TAction;
  removeAuthor: TAction;
  viewerId: string;
  canWrite: boolean;
  t: TTranslate;
  locale: string;
  changeStatus: TAction;
}) {
  const authorIds = postmortem.authors.map((author) => author.user.id);
  const isAuthor = authorIds.includes(viewerId);
  const approvers = possibleApprovers(people, authorIds);
  const draft = postmortem.status === "draft";
  const inReview = postmortem.status === "in_review";
  const checklist = postmortem.reviewChecklist as TReviewChecklist;
  const step = (to: string, label: string, primary = false) => (
    <ActionForm action={changeStatus} className="button-row" label={label}>
      <input type="hidden" name="postmortemId" value={postmortem.id} />
      <input type="hidden" name="to" value={to} />
      <SubmitButton primary={primary}>{label}</SubmitButton>
    </ActionForm>
  );
  return (
    <section className="panel" data-testid="review-panel">
      <h2>{t("pm.review.title")}</h2>
      <p className="small">
        <span className={`badge pm-status-${postmortem.status}`} data-testid="postmortem-status">
          {t(`pm.status.${postmortem.status}`)}
        </span>{" "}
        {postmortem.reviewer ? t("pm.review.by", { name: postmortem.reviewer.name }) : null}
      </p>
      <div className="small" data-testid="postmortem-authors">
        {t("pm.authors")}:
        <ul className="author-list">
          {postmortem.authors.map(({ user }) => (
            <li key={user.id}>
              {user.name}
              {canWrite && draft && postmortem.authors.length > 1 ? (
                <ActionForm action={removeAuthor} className="inline-form" label={t("pm.review.removeAuthor", { name: user.name })}>
                  <input type="hidden" name="postmortemId" value={postmortem.id} />
                  <input type="hidden" name="userId" value={user.id} />
                  <button type="submit" className="small" aria-label={t("pm.review.removeAuthor", { name: user.name })}>
                    {t("pm.review.remove")}
                  </button>
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      {canWrite && draft ? (
        <ActionForm action={addAuthor} className="button-row" label={t("pm.review.addAuthor")}>
          <input type="hidden" name="postmortemId" value={postmortem.id} />
          <select name="userId" aria-label={t("pm.review.addAuthor")} defaultValue="">
            <option value="" disabled>
              {t("pm.review.addAuthor")}
            </option>
            {people
              .filter((person) => !authorIds.includes(person.id))
              .map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
          </select>
          <SubmitButton small>{t("pm.review.add")}</SubmitButton>
        </ActionForm>
      ) : null}
      {draft || inReview ? (
        <p className={approvers.length > 0 ? "small" : "notice small"} data-testid="approvers">
          {approvers.length > 0 ? (
            t("pm.review.approvers", { names: approvers.map((person) => person.name).join(", ") })
          ) : (
            <>
              {t("pm.review.noApprovers")} {t(draft ? "pm.review.noApproversDraft" : "pm.review.noApproversInReview")}
            </>
          )}
        </p>
      ) : null}
      {postmortem.reviewComment ? <blockquote className="quote small">{postmortem.reviewComment}</blockquote> : null}
      {policyGaps.length > 0 ? (
        <p className="notice small" data-testid="p0-required">
          {t("pm.review.p0Required", { slos: policyGaps.map((gap) => `${gap.slo} (${formatPercent(gap.consumedFraction)})`).join(", ") })}
        </p>
      ) : null}
      <p className="muted small">{t("pm.review.help")}</p>
      {draft || inReview ? <OpenHints hints={hints} t={t} /> : null}
      {canWrite && draft ? step("in_review", t("pm.review.submit"), true) : null}
      {canWrite && inReview ? (
        isAuthor ? (
          <>
            <p className="muted small">{t("pm.review.authorsCannotApprove")}</p>
            {step("draft", t("pm.review.withdraw"))}
          </>
        ) : (
          <ActionForm action={changeStatus} label={t("pm.review.approve")}>
            <input type="hidden" name="postmortemId" value={postmortem.id} />
            <fieldset className="fieldset">
              <legend>{t("pm.review.goals")}</legend>
              {REVIEW_GOALS.map((goal) => (
                <label key={goal} className="choice">
                  <input type="checkbox" name={`goal-${goal}`} defaultChecked={checklist[goal] === true} />
                  {t(`pm.goal.${goal}`)}
                </label>
              ))}
            </fieldset>
            <label className="field">
              {t("pm.review.comment")}
              <textarea name="comment" maxLength={5000} />
            </label>
            <div className="button-row">
              <button type="submit" name="to" value="approved" className="primary">
                {t("pm.review.approve")}
              </button>
              <button type="submit" name="to" value="draft">
                {t("pm.review.sendBack")}
              </button>
            </div>
          </ActionForm>
        )
      ) : null}
      {canWrite && postmortem.status === "approved" ? step("published", t("pm.review.publish"), true) : null}
      {postmortem.publishedAt ? (
        <p className="small">
          {t("pm.review.publishedAt")} <LocalTime iso={postmortem.publishedAt.toISOString()} locale={locale} />
        </p>
      ) : null}
    </section>
  );
}

export function ActionItemsPanel({
  postmortem,
  people,
  canWrite,
  now,
  t,
  addItem,
  updateItem,
}: {
  postmortem: TPostmortemPage;
  people: { id: string; name: string }[];
  canWrite: boolean;
  /** the instant the page is shown: items due before its day are overdue */
  now: Date;
  t: TTranslate;
  addItem: TAction;
  updateItem: TAction;
}) {
  return (
    <section className="panel" data-testid="action-items">
      <h2>{t("pm.section.actionItems")}</h2>
      {postmortem.actionItems.length === 0 ? <p className="muted small">{t("pm.item.none")}</p> : null}
      <ul className="action-items">
        {postmortem.actionItems.map((item) => (
          <li key={item.id} className={isOverdue(item, now) ? "overdue" : undefined}>
            <div>
              <span className={`badge priority-${item.priority}`}>{item.priority}</span> <strong>{item.title}</strong>
            </div>
            <div className="muted small">
              {item.owner?.name ?? t("pm.item.noOwner")} · {item.dueDate ? item.dueDate.toISOString().slice(0, 10) : "—"}
              {isOverdue(item, now) ? ` · ${t("pm.item.overdue")}` : ""}
              {item.trackerUrl ? (
                <>
                  {" · "}
                  <a href={item.trackerUrl} rel="noopener noreferrer" target="_blank">
                    {t("pm.item.tracker")}
                  </a>
                </>
              ) : null}
            </div>
            {canWrite ? (
              <ActionForm action={updateItem} className="button-row" label={`${t("pm.item.status")}: ${item.title}`}>
                <input type="hidden" name="actionItemId" value={item.id} />
                <select name="status" defaultValue={item.status} aria-label={t("pm.item.status")}>
                  {ACTION_ITEM_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`pm.itemStatus.${status}`)}
                    </option>
                  ))}
                </select>
                <SubmitButton small>{t("common.save")}</SubmitButton>
              </ActionForm>
            ) : (
              <span className="small">{t(`pm.itemStatus.${item.status}`)}</span>
            )}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <details>
          <summary>{t("pm.item.add")}</summary>
          <ActionForm action={addItem} resetOnSuccess label={t("pm.item.add")}>
            <input type="hidden" name="postmortemId" value={postmortem.id} />
            <label className="field">
              {t("pm.item.title")}
              <input name="title" required minLength={3} maxLength={300} />
            </label>
            <div className="form-grid">
              <label className="field">
                {t("pm.item.owner")}
                <select name="ownerId" defaultValue="">
                  <option value="">—</option>
                  {people.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t("pm.item.priority")}
                <select name="priority" defaultValue="P2">
                  {ACTION_ITEM_PRIORITIES.map((priority) => (
                    <option key={priority}>{priority}</option>
                  ))}
                </select>
              </label>
              <label className="field">
                {t("pm.item.due")}
                <input name="dueDate" type="date" />
              </label>
              <label className="field">
                {t("pm.item.tracker")}
                <input name="trackerUrl" type="url" placeholder="https://" />
              </label>
            </div>
            <div>
              <SubmitButton primary>{t("pm.item.add")}</SubmitButton>
            </div>
          </ActionForm>
        </details>
      ) : null}
    </section>
  );
}

export function CommentsPanel({
  postmortem,
  canWrite,
  t,
  locale,
  resolve,
}: {
  postmortem: TPostmortemPage;
  canWrite: boolean;
  t: TTranslate;
  locale: string;
  resolve: TAction;
}) {
  const open = postmortem.comments.filter((comment) => !comment.resolvedAt);
  const resolved = postmortem.comments.length - open.length;
  return (
    <section className="panel" data-testid="comments">
      <h2>{t("pm.comments.title")}</h2>
      {open.length === 0 ? <p className="muted small">{t("pm.comments.none")}</p> : null}
      {open.map((comment) => (
        <div key={comment.id} className="comment">
          {comment.quote ? <blockquote className="quote small">{comment.quote}</blockquote> : null}
          <p className="small">{comment.body}</p>
          <div className="muted small">
            {comment.author.name} · <LocalTime iso={comment.createdAt.toISOString()} locale={locale} />
          </div>
          {canWrite ? (
            <ActionForm action={resolve} className="button-row" label={t("pm.comments.resolve")}>
              <input type="hidden" name="commentId" value={comment.id} />
              <SubmitButton small>{t("pm.comments.resolve")}</SubmitButton>
            </ActionForm>
          ) : null}
        </div>
      ))}
      {resolved > 0 ? <p className="muted small">{t("pm.comments.resolved", { count: resolved })}</p> : null}
    </section>
  );
}

export function VersionsPanel({
  postmortem,
  canWrite,
  t,
  locale,
  save,
  restore,
}: {
  postmortem: TPostmortemPage;
  canWrite: boolean;
  t: TTranslate;
  locale: string;
  save: TAction;
  restore: TAction;
}) {
  return (
    <section className="panel" data-testid="versions">
      <h2>{t("pm.versions.title")}</h2>
      {canWrite ? (
        <ActionForm action={save} className="button-row" resetOnSuccess label={t("pm.versions.save")}>
          <input type="hidden" name="postmortemId" value={postmortem.id} />
          <input name="label" required maxLength={200} placeholder={t("pm.versions.label")} aria-label={t("pm.versions.label")} />
          <SubmitButton small>{t("pm.versions.save")}</SubmitButton>
        </ActionForm>
      ) : null}
      <ul className="plain-list small">
        {postmortem.versions.map((version) => (
          <li key={version.id}>
            <strong>{version.label}</strong> · {version.createdBy?.name ?? "Firebreak"} · <LocalTime iso={version.createdAt.toISOString()} locale={locale} />
            {canWrite ? (
              <ActionForm action={restore} className="button-row" label={`${t("pm.versions.restore")}: ${version.label}`}>
                <input type="hidden" name="postmortemId" value={postmortem.id} />
                <input type="hidden" name="versionId" value={version.id} />
                <SubmitButton small>{t("pm.versions.restore")}</SubmitButton>
              </ActionForm>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
