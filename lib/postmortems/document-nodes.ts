// Builders for ProseMirror JSON in the postmortem schema: plain data, no editor needed.

export type TMark = { type: "bold" | "italic" | "code" | "link"; attrs?: Record<string, unknown> };
export type TDocNode = { type: string; attrs?: Record<string, unknown>; content?: TDocNode[]; text?: string; marks?: TMark[] };

export const text = (value: string, marks?: TMark[]): TDocNode =>
  marks && marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
export const bold = (value: string) => text(value, [{ type: "bold" }]);
export const italic = (value: string) => text(value, [{ type: "italic" }]);
export const code = (value: string) => text(value, [{ type: "code" }]);
export const link = (value: string, href: string) => text(value, [{ type: "link", attrs: { href, target: null, rel: null, class: null } }]);

/** A paragraph; empty strings are dropped (ProseMirror text nodes may not be empty). */
export const paragraph = (...inline: (TDocNode | string)[]): TDocNode => {
  const content = inline.flatMap((part) => (typeof part === "string" ? (part ? [text(part)] : []) : part.text === "" ? [] : [part]));
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
};
/** A template prompt: guidance for the writers, shown muted, a plain paragraph once typed after. */
export const prompt = (value: string): TDocNode => ({ type: "paragraph", attrs: { prompt: true }, content: [text(value)] });
export const heading = (level: 1 | 2 | 3, value: string): TDocNode => ({ type: "heading", attrs: { level }, content: [text(value)] });
export const bulletList = (items: TDocNode[][]): TDocNode => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [paragraph(...item)] })),
});
export const generatedSection = (section: string, content: TDocNode[]): TDocNode => ({ type: "generatedSection", attrs: { section }, content });

/** A table whose first row is the header. */
export function table(header: string[], rows: TDocNode[][][]): TDocNode {
  const cell = (type: "tableHeader" | "tableCell", inline: TDocNode[]) => ({
    type,
    attrs: { colspan: 1, rowspan: 1, colwidth: null },
    content: [paragraph(...inline)],
  });
  return {
    type: "table",
    content: [
      { type: "tableRow", content: header.map((label) => cell("tableHeader", [text(label)])) },
      ...rows.map((row) => ({ type: "tableRow", content: row.map((inline) => cell("tableCell", inline)) })),
    ],
  };
}

/** The text of a node and its descendants, blocks separated by newlines. */
export function plainText(node: TDocNode): string {
  if (node.type === "text") return node.text ?? "";
  const parts = (node.content ?? []).map(plainText);
  const inline = node.type === "paragraph" || node.type === "heading";
  return inline ? parts.join("") : parts.filter((part) => part !== "").join("\n");
}
