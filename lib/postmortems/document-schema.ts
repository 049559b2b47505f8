import { Extension, getSchema, mergeAttributes, Node, type Extensions } from "@tiptap/core";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { isSafeHref } from "./safe-href";

/**
 * A block Firebreak fills from the incident (impact, detection, timeline…). Regenerating replaces
 * only these blocks' content, so whatever people wrote around them stays.
 */
export const GeneratedSection = Node.create({
  name: "generatedSection",
  group: "block",
  content: "block+",
  defining: true,
  addAttributes() {
    return {
      section: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-generated"),
        renderHTML: (attributes) => ({ "data-generated": attributes.section }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "section[data-generated]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["section", mergeAttributes(HTMLAttributes, { class: "generated" }), 0];
  },
});

/**
 * Template prompts are paragraphs marked `prompt`: shown muted, and a new line typed after one is a
 * plain paragraph of people's own (the attribute is not carried over by Enter).
 */
export const PromptParagraphs = Extension.create({
  name: "promptParagraphs",
  addGlobalAttributes() {
    return [
      {
        types: ["paragraph"],
        attributes: {
          prompt: {
            default: null,
            keepOnSplit: false,
            parseHTML: (element) => (element.hasAttribute("data-prompt") ? true : null),
            renderHTML: (attributes) => (attributes.prompt ? { "data-prompt": "", class: "prompt" } : {}),
          },
        },
      },
    ];
  },
});

/** The document's extensions, the same in the editor and on the server (generation, export). */
export function postmortemExtensions(): Extensions {
  return [
    // Yjs keeps the history: tiptap's own undo would fight it.
    StarterKit.configure({
      undoRedo: false,
      // No `protocols`: http, https and mailto are linkify's own schemes, and registering them again
      // logs "linkifyjs: already initialized" for each one on every editor after the first.
      link: { openOnClick: false, autolink: true, isAllowedUri: (url) => isSafeHref(url) },
    }),
    TableKit.configure({ table: { resizable: false } }),
    GeneratedSection,
    PromptParagraphs,
  ];
}

export const postmortemSchema = () => getSchema(postmortemExtensions());

/** The Y.XmlFragment the editor and the server share. */
export const DOCUMENT_FIELD = "default";
