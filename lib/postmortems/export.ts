import { escapeMarkdown, markdownCodeBlock } from "@/lib/markup/escape";
import type { TDocNode, TMark } from "./document-nodes";
import { isSafeHref } from "./safe-href";

/** Action items as the exports show them in the Action items section. */
export type TExportActionItem = { title: string; owner: string; priority: string; dueDate: string; status: string; trackerUrl: string | null };
export type TExportLabels = { title: string; owner: string; priority: string; due: string; status: string; tracker: string; none: string };

// ---------- Markdown (GitHub-flavoured) ----------

const markdownHref = (href: string) => href.replace(/[()\s]/g, (c) => encodeURIComponent(c));

// CommonMark's emphasis rules: a `*` run opens only when left-flanking and closes only when
// right-flanking, judged by the characters beside it (a line's edge counts as whitespace).
const isWhitespace = (character: string) => character === "" || /\s/u.test(character);
const isPunctuation = (character: string) => /[\p{P}\p{S}]/u.test(character);

/** Whether a delimiter run between `before` and `after` can open emphasis (CommonMark's left-flanking run). */
export const isLeftFlanking = (before: string, after: string) =>
  !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));

/** Whether a delimiter run between `before` and `after` can close emphasis (CommonMark's right-flanking run). */
export const isRightFlanking = (before: string, after: string) =>
  !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));

type TInlinePiece = { node: TDocNode; lead: string; core: string; trail: string };

const emphasisMarks = (marks: TMark[]) => ({ bold: marks.some((mark) => mark.type === "bold"), italic: marks.some((mark) => mark.type === "italic") });

/** The first character a piece is written with: enough to judge the flanking of a neighbour's delimiters. */
function firstCharacter(piece: TInlinePiece | undefined): string {
  if (!piece) return "";
  if (piece.node.type === "hardBreak") return "<";
  const marks = piece.node.marks ?? [];
  if (piece.lead) return piece.lead.charAt(0);
  if (marks.some((mark) => mark.type === "code")) return "`";
  if (linkHref(marks)) return "[";
  const { bold, italic } = emphasisMarks(marks);
  return bold || italic ? "*" : piece.core.charAt(0);
}

/**
 * Emphasis around `core` that a Markdown reader takes as emphasis. Whitespace is kept outside the
 * markers (`**Started:** 2026`, never `**Started: **2026`); where the neighbours would still stop
 * the markers from opening or closing, the HTML tags GitHub-flavoured Markdown accepts are used.
 */
function emphasised(core: string, marks: TMark[], before: string, after: string): string {
  const { bold, italic } = emphasisMarks(marks);
  const delimiter = `${bold ? "**" : ""}${italic ? "*" : ""}`;
  if (!delimiter || core === "") return core;
  if (isLeftFlanking(before, core.charAt(0)) && isRightFlanking(core.charAt(core.length - 1), after)) return `${delimiter}${core}${delimiter}`;
  const inner = italic ? `<em>${core}</em>` : core;
  return bold ? `<strong>${inner}</strong>` : inner;
}

function inlineMarkdown(nodes: TDocNode[] | undefined): string {
  const pieces: TInlinePiece[] = (nodes ?? [])
    .filter((node) => node.type === "hardBreak" || node.type === "text")
    .map((node) => {
      const [, lead = "", core = "", trail = ""] = /^(\s*)([\s\S]*?)(\s*)$/u.exec(node.text ?? "") ?? [];
      return { node, lead, core, trail };
    });
  let written = "";
  pieces.forEach((piece, index) => {
    const { node, lead, core, trail } = piece;
    if (node.type === "hardBreak") {
      written += "<br>";
      return;
    }
    const marks = node.marks ?? [];
    if (marks.some((mark) => mark.type === "code")) {
      written += `\`${(node.text ?? "").replace(/`/g, "ˋ")}\``;
      return;
    }
    const escaped = escapeMarkdown(core);
    const href = linkHref(marks);
    const after = trail ? trail.charAt(0) : firstCharacter(pieces[index + 1]);
    const before = lead ? lead.charAt(lead.length - 1) : written.charAt(written.length - 1);
    written += href
      ? `${lead}[${emphasised(escaped, marks, "[", "]")}](${markdownHref(href)})${trail}`
      : `${lead}${emphasised(escaped, marks, before, after)}${trail}`;
  });
  return written;
}

const linkHref = (marks: TMark[]) => {
  const href = marks.find((mark) => mark.type === "link")?.attrs?.href;
  return typeof href === "string" && isSafeHref(href) ? href : null;
};

function tableMarkdown(node: TDocNode): string {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).map((cell) => (cell.content ?? []).map((block) => inlineMarkdown(block.content)).join("<br>")),
  );
  const [header = [], ...body] = rows;
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...body.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

function actionItemsMarkdown(items: TExportActionItem[], labels: TExportLabels): string {
  if (items.length === 0) return escapeMarkdown(labels.none);
  return [
    `| ${[labels.title, labels.owner, labels.priority, labels.due, labels.status, labels.tracker].join(" | ")} |`,
    "| --- | --- | --- | --- | --- | --- |",
    ...items.map(
      (item) =>
        `| ${[
          escapeMarkdown(item.title),
          escapeMarkdown(item.owner),
          item.priority,
          item.dueDate,
          escapeMarkdown(item.status),
          item.trackerUrl && isSafeHref(item.trackerUrl) ? `[${escapeMarkdown(item.trackerUrl)}](${markdownHref(item.trackerUrl)})` : "",
        ].join(" | ")} |`,
    ),
  ].join("\n");
}

function blockMarkdown(node: TDocNode, context: { items: TExportActionItem[]; labels: TExportLabels }, indent = ""): string {
  switch (node.type) {
    case "heading":
      return `${"#".repeat(Number(node.attrs?.level ?? 2))} ${inlineMarkdown(node.content)}`;
    case "paragraph":
      return indent + (node.attrs?.prompt ? `*${inlineMarkdown(node.content)}*` : inlineMarkdown(node.content));
    case "bulletList":
    case "orderedList":
      return (node.content ?? [])
        .map((item, index) => {
          const marker = node.type === "bulletList" ? "- " : `${index + 1}. `;
          const [first, ...rest] = (item.content ?? []).map((child) => blockMarkdown(child, context, `${indent}  `).trimStart());
          return [`${indent}${marker}${first ?? ""}`, ...rest.map((line) => `${indent}  ${line}`)].join("\n");
        })
        .join("\n");
    case "blockquote":
      return (node.content ?? []).map((child) => `> ${blockMarkdown(child, context)}`).join("\n>\n");
    case "codeBlock":
      return markdownCodeBlock((node.content ?? []).map((child) => child.text ?? "").join(""));
    case "horizontalRule":
      return "---";
    case "table":
      return tableMarkdown(node);
    case "generatedSection":
      if (node.attrs?.section === "actionItems") return actionItemsMarkdown(context.items, context.labels);
      return (node.content ?? []).map((child) => blockMarkdown(child, context, indent)).join("\n\n");
    default:
      return "";
  }
}

/** The document as GitHub-flavoured Markdown; the Action items section is the tracked records as a table. */
export function postmortemMarkdown(document: TDocNode, items: TExportActionItem[], labels: TExportLabels): string {
  return `${(document.content ?? [])
    .map((node) => blockMarkdown(node, { items, labels }))
    .filter((block) => block !== "")
    .join("\n\n")}\n`;
}

// ---------- HTML (printable) ----------

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

function inlineHtml(nodes: TDocNode[] | undefined): string {
  return (nodes ?? [])
    .map((node) => {
      if (node.type === "hardBreak") return "<br>";
      if (node.type !== "text") return "";
      const marks = node.marks ?? [];
      let value = escapeHtml(node.text ?? "");
      if (marks.some((mark) => mark.type === "code")) value = `<code>${value}</code>`;
      if (marks.some((mark) => mark.type === "bold")) value = `<strong>${value}</strong>`;
      if (marks.some((mark) => mark.type === "italic")) value = `<em>${value}</em>`;
      const href = linkHref(marks);
      return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${value}</a>` : value;
    })
    .join("");
}

function blockHtml(node: TDocNode, context: { items: TExportActionItem[]; labels: TExportLabels }): string {
  const children = () => (node.content ?? []).map((child) => blockHtml(child, context)).join("");
  switch (node.type) {
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level ?? 2)));
      return `<h${level}>${inlineHtml(node.content)}</h${level}>`;
    }
    case "paragraph":
      return node.attrs?.prompt ? `<p class="prompt"><em>${inlineHtml(node.content)}</em></p>` : `<p>${inlineHtml(node.content)}</p>`;
    case "bulletList":
      return `<ul>${children()}</ul>`;
    case "orderedList":
      return `<ol>${children()}</ol>`;
    case "listItem":
      return `<li>${children()}</li>`;
    case "blockquote":
      return `<blockquote>${children()}</blockquote>`;
    case "codeBlock":
      return `<pre><code>${escapeHtml((node.content ?? []).map((child) => child.text ?? "").join(""))}</code></pre>`;
    case "horizontalRule":
      return "<hr>";
    case "table":
      return `<table>${children()}</table>`;
    case "tableRow":
      return `<tr>${children()}</tr>`;
    case "tableHeader":
      return `<th>${children()}</th>`;
    case "tableCell":
      return `<td>${children()}</td>`;
    case "generatedSection": {
      if (node.attrs?.section !== "actionItems") return children();
      const { items, labels } = context;
      if (items.length === 0) return `<p>${escapeHtml(labels.none)}</p>`;
      const head = [labels.title, labels.owner, labels.priority, labels.due, labels.status, labels.tracker]
        .map((label) => `<th>${escapeHtml(label)}</th>`)
        .join("");
      const rows = items
        .map((item) => {
          const tracker =
            item.trackerUrl && isSafeHref(item.trackerUrl)
              ? `<a href="${escapeHtml(item.trackerUrl)}" rel="noopener noreferrer">${escapeHtml(item.trackerUrl)}</a>`
              : "";
          return `<tr>${[item.title, item.owner, item.priority, item.dueDate, item.status].map((value) => `<td>${escapeHtml(value)}</td>`).join("")}<td>${tracker}</td></tr>`;
        })
        .join("");
      return `<table><tr>${head}</tr>${rows}</table>`;
    }
    default:
      return "";
  }
}

const PRINT_STYLE = `body{font:15px/1.55 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid #ddd}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
code{font-family:ui-monospace,monospace;font-size:.85em;background:#f3f4f6;padding:0 .2rem}
@media print{body{margin:0;max-width:none}a{color:inherit}h2{break-after:avoid}tr{break-inside:avoid}}`;

/** A standalone HTML page of the postmortem with a print stylesheet (save as PDF from the browser). */
export function postmortemHtml(document: TDocNode, items: TExportActionItem[], labels: TExportLabels, language: string, title: string): string {
  const body = (document.content ?? []).map((node) => blockHtml(node, { items, labels })).join("\n");
  return `<!doctype html>
<html lang="${language === "ja" ? "ja" : "en"}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${PRINT_STYLE}</style></head>
<body>
${body}
</body></html>
`;
}
