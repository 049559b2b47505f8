"use client";

import { HocuspocusProvider } from "@hocuspocus/provider";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import * as Y from "yjs";
import type { TLocale } from "@/lib/i18n/translate";
import { DOCUMENT_OPEN_ELSEWHERE, UPDATE_TOO_LARGE } from "@/lib/postmortems/collaboration-limits";
import { DOCUMENT_FIELD, postmortemExtensions } from "@/lib/postmortems/document-schema";
import { blameHintsOf, BlamelessHighlight, type TPlacedHint } from "./blameless-highlight";

export type TEditorLabels = {
  connecting: string;
  connected: string;
  offline: string;
  saving: string;
  saved: string;
  readOnly: string;
  bold: string;
  italic: string;
  heading: string;
  bulletList: string;
  orderedList: string;
  comment: string;
  commentPlaceholder: string;
  commentSubmit: string;
  selectFirst: string;
  hints: string;
  hintsTitle: string;
  hintsNone: string;
  hintsOne: string;
  /** with {count} */
  hintsMany: string;
  /** with {phrase} */
  hintsShow: string;
  toolbar: string;
  document: string;
  commentFailed: string;
  tooLarge: string;
  openElsewhere: string;
};

type TConnection = "connecting" | "connected" | "offline";
/** Why the server refused this page's editing for good: a change too large, or the document open on another server. */
type TRefusal = "tooLarge" | "openElsewhere" | null;

/** The WebSocket close code of a message over the server's largest (it explains nothing more). */
const MESSAGE_TOO_BIG = 1009;

// Stable per-user caret colours, readable on white.
const CARET_COLOURS = ["#2563eb", "#b91c1c", "#047857", "#7c3aed", "#c2410c", "#0f766e", "#be185d", "#4d7c0f"];
const colourFor = (id: string) => CARET_COLOURS[[...id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % CARET_COLOURS.length] as string;

/**
 * The postmortem as several people edit it at once: Yjs over the app's /collab WebSocket (the
 * session cookie authenticates it), with everyone's carets and names. Edits made offline merge when
 * the connection returns.
 */
type TEditorProps = {
  postmortemId: string;
  user: { id: string; name: string };
  editable: boolean;
  language: TLocale;
  labels: TEditorLabels;
  onComment?: (quote: string, body: string) => Promise<void>;
};

export function PostmortemEditor(props: TEditorProps) {
  const ydoc = useMemo(() => new Y.Doc(), []);
  const [connection, setConnection] = useState<TConnection>("connecting");
  const [provider, setProvider] = useState<HocuspocusProvider | null>(null);
  const [unsaved, setUnsaved] = useState(false);
  const [refused, setRefused] = useState<TRefusal>(null);

  useEffect(() => {
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/collab`;
    const created = new HocuspocusProvider({ url, name: `postmortem:${props.postmortemId}`, document: ydoc, token: "session" });
    // The editor appears with the first connection attempt, reachable or not: offline edits merge later.
    // "Live" once the server's copy has arrived, not merely once the socket is open.
    created.on("status", ({ status }: { status: string }) => {
      setProvider(created);
      setConnection(status === "connected" ? (created.isSynced ? "connected" : "connecting") : status === "connecting" ? "connecting" : "offline");
    });
    created.on("synced", ({ state }: { state: boolean }) => setConnection(state ? "connected" : "connecting"));
    created.on("unsyncedChanges", ({ number }: { number: number }) => setUnsaved(number > 0));
    // The server refused a change for its size: it exists in this page only. Stop here, so it is
    // never sent again, and say why; reloading starts from the saved document.
    created.on("close", ({ event }: { event: { code: number; reason: string } }) => {
      if (event.reason !== UPDATE_TOO_LARGE && event.code !== MESSAGE_TOO_BIG) return;
      setRefused("tooLarge");
      created.destroy();
    });
    // Another server has the document open and cannot share it: typing here would be lost, so the
    // page says so instead of showing an editor (the provider would retry for ever otherwise).
    created.on("authenticationFailed", ({ reason }: { reason: string }) => {
      if (reason !== DOCUMENT_OPEN_ELSEWHERE) return;
      setProvider(created);
      setRefused("openElsewhere");
      created.destroy();
    });
    return () => created.destroy();
  }, [props.postmortemId, ydoc]);

  // The editor is created once, with the provider, so carets are wired from its first render.
  return provider ? (
    <CollaborativeEditor
      {...props}
      editable={props.editable && refused === null}
      refused={refused}
      ydoc={ydoc}
      provider={provider}
      connection={connection}
      unsaved={unsaved}
    />
  ) : (
    <p className="muted small" data-testid="collab-status">
      {props.labels.connecting}
    </p>
  );
}

function CollaborativeEditor({
  user,
  editable,
  language,
  labels,
  onComment,
  ydoc,
  provider,
  connection,
  unsaved,
  refused,
}: TEditorProps & { ydoc: Y.Doc; provider: HocuspocusProvider; connection: TConnection; unsaved: boolean; refused: TRefusal }) {
  // Read by the editor's attributes whenever it updates: a document in review is a read-only textbox.
  const editableNow = useRef(editable);
  const editor = useEditor({
    immediatelyRender: false,
    editable,
    extensions: [
      ...postmortemExtensions(),
      Collaboration.configure({ document: ydoc, field: DOCUMENT_FIELD }),
      CollaborationCaret.configure({ provider, user: { name: user.name, color: colourFor(user.id) } }),
      BlamelessHighlight.configure({ language }),
    ],
    editorProps: {
      attributes: () => ({
        class: "postmortem-document",
        role: "textbox",
        "aria-multiline": "true",
        "aria-readonly": editableNow.current ? "false" : "true",
        "aria-label": labels.document,
        "data-testid": "postmortem-editor",
      }),
    },
  });
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current?.isActive("bold") ?? false,
      italic: current?.isActive("italic") ?? false,
      heading: current?.isActive("heading", { level: 3 }) ?? false,
      bulletList: current?.isActive("bulletList") ?? false,
      orderedList: current?.isActive("orderedList") ?? false,
      selection: current ? current.state.doc.textBetween(current.state.selection.from, current.state.selection.to, " ").slice(0, 2000) : "",
      hints: current ? blameHintsOf(current.state) : [],
    }),
  });
  useEffect(() => {
    editableNow.current = editable;
    editor?.setEditable(editable);
  }, [editor, editable]);
  const [commentBody, setCommentBody] = useState("");
  const [quote, setQuote] = useState("");
  const [commentError, setCommentError] = useState(false);

  const button = (label: string, isActive: boolean, run: () => void) => (
    <button type="button" className={`small${isActive ? " active" : ""}`} aria-pressed={isActive} onMouseDown={(event) => event.preventDefault()} onClick={run}>
      {label}
    </button>
  );

  return (
    <div className="postmortem-editor">
      <div className="editor-toolbar" role="toolbar" aria-label={labels.toolbar}>
        {refused ? null : (
          <span className={`live-status ${connection}`} data-testid="collab-status">
            {labels[connection]}
          </span>
        )}
        {editable ? (
          <span className="muted small" data-testid="save-status" aria-live="polite">
            {unsaved ? labels.saving : labels.saved}
          </span>
        ) : null}
        {editable && editor ? (
          <>
            {button(labels.bold, active?.bold ?? false, () => editor.chain().focus().toggleBold().run())}
            {button(labels.italic, active?.italic ?? false, () => editor.chain().focus().toggleItalic().run())}
            {button(labels.heading, active?.heading ?? false, () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
            {button(labels.bulletList, active?.bulletList ?? false, () => editor.chain().focus().toggleBulletList().run())}
            {button(labels.orderedList, active?.orderedList ?? false, () => editor.chain().focus().toggleOrderedList().run())}
          </>
        ) : refused ? null : (
          <span className="muted small">{labels.readOnly}</span>
        )}
        <span className="muted small editor-hint">{labels.hints}</span>
      </div>
      {refused ? (
        <p role="alert" className="form-error" data-testid="collab-refused">
          {labels[refused]}
        </p>
      ) : null}
      {/* This page never received the document: an empty editor would only mislead. */}
      {refused === "openElsewhere" ? null : (
        <div className="editor-body">
          <BlameHintList
            hints={active?.hints ?? []}
            labels={labels}
            show={(hint) => editor?.chain().focus().setTextSelection({ from: hint.from, to: hint.to }).scrollIntoView().run()}
          />
          <EditorContent editor={editor} className="editor-content" />
        </div>
      )}
      {onComment ? (
        <form
          className="comment-form"
          aria-label={labels.comment}
          onSubmit={async (event) => {
            event.preventDefault();
            if (!commentBody.trim()) return;
            try {
              await onComment(quote, commentBody);
              setCommentBody("");
              setQuote("");
              setCommentError(false);
            } catch {
              setCommentError(true);
            }
          }}
        >
          <button type="button" className="small" onMouseDown={(event) => event.preventDefault()} onClick={() => setQuote(active?.selection ?? "")}>
            {labels.comment}
          </button>
          {quote ? <blockquote className="quote small">{quote}</blockquote> : <span className="muted small">{labels.selectFirst}</span>}
          <input
            value={commentBody}
            onChange={(event) => setCommentBody(event.target.value)}
            placeholder={labels.commentPlaceholder}
            aria-label={labels.commentPlaceholder}
            maxLength={5000}
          />
          <button type="submit" className="small">
            {labels.commentSubmit}
          </button>
          {commentError ? (
            <p role="alert" className="form-error small">
              {labels.commentFailed}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}

/**
 * The wording hints beside the document, each with its suggestion: reachable by keyboard and touch,
 * where the underline's tooltip is not. Choosing one selects the phrase in the document.
 */
function BlameHintList({ hints, labels, show }: { hints: TPlacedHint[]; labels: TEditorLabels; show: (hint: TPlacedHint) => void }) {
  return (
    <aside className="hint-list" aria-labelledby="hint-list-title" data-testid="hint-list">
      <h2 id="hint-list-title">{labels.hintsTitle}</h2>
      <p className="small" aria-live="polite">
        {hints.length === 0 ? labels.hintsNone : hints.length === 1 ? labels.hintsOne : labels.hintsMany.replace("{count}", String(hints.length))}
      </p>
      {hints.length > 0 ? (
        <ul>
          {hints.map((hint) => (
            <li key={hint.id}>
              <button type="button" className="small" aria-label={labels.hintsShow.replace("{phrase}", hint.phrase)} onClick={() => show(hint)}>
                <q>{hint.phrase}</q>
              </button>
              <span className="small">{hint.suggestion}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
