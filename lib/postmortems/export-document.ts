import { italic, paragraph, plainText, type TDocNode } from "./document-nodes";

/** What an export knows that the document does not: the postmortem's state now and where Firebreak is. */
export type TExportSettings = {
  /** The Status section as the postmortem is now (the document's copy was written when it was generated). */
  statusLine: TDocNode[];
  /** A Firebreak path at its public address (NEXTAUTH_URL): its own links become absolute, so they work once pasted elsewhere. */
  absoluteUrl: (path: string) => string;
  /** The template's prompts in every language: a prompt still as written is guidance nobody answered. */
  templatePrompts: ReadonlySet<string>;
  /** Said where a section has nothing but unanswered prompts. */
  notWritten: string;
};

const isUnansweredPrompt = (node: TDocNode, prompts: ReadonlySet<string>) =>
  node.type === "paragraph" && node.attrs?.prompt === true && prompts.has(plainText(node).trim());

const isBlank = (node: TDocNode) => node.type === "paragraph" && plainText(node).trim() === "";

function absoluteLinks(node: TDocNode, absoluteUrl: (path: string) => string): TDocNode {
  const marks = node.marks?.map((mark) => {
    const href = mark.attrs?.href;
    if (mark.type !== "link" || typeof href !== "string" || !href.startsWith("/") || href.startsWith("//")) return mark;
    return { ...mark, attrs: { ...mark.attrs, href: absoluteUrl(href) } };
  });
  return {
    ...node,
    ...(marks ? { marks } : {}),
    ...(node.content ? { content: node.content.map((child) => absoluteLinks(child, absoluteUrl)) } : {}),
  };
}

/**
 * The document as an export shows it: the Status section from the postmortem's state, template
 * prompts nobody answered left out (a section with nothing else says "not written"), prompts people
 * wrote into kept as their text, and Firebreak's own links absolute.
 */
export function documentForExport(document: TDocNode, settings: TExportSettings): TDocNode {
  const blocks: TDocNode[] = [];
  let sectionStart = 0;
  let unanswered = false;
  const closeSection = () => {
    const written = blocks.slice(sectionStart).some((block) => !isBlank(block));
    if (unanswered && !written) blocks.splice(sectionStart, blocks.length - sectionStart, paragraph(italic(settings.notWritten)));
  };
  for (const node of document.content ?? []) {
    if (node.type === "heading") {
      closeSection();
      blocks.push(node);
      sectionStart = blocks.length;
      unanswered = false;
    } else if (isUnansweredPrompt(node, settings.templatePrompts)) {
      unanswered = true;
    } else if (node.type === "generatedSection" && node.attrs?.section === "status") {
      blocks.push({ ...node, content: [paragraph(...settings.statusLine)] });
    } else if (node.type === "paragraph" && node.attrs?.prompt) {
      blocks.push({ ...node, attrs: { ...node.attrs, prompt: null } });
    } else {
      blocks.push(node);
    }
  }
  closeSection();
  return absoluteLinks({ ...document, content: blocks }, settings.absoluteUrl);
}
