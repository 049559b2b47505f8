import { getSchema, mergeAttributes, Node, type Extensions } from "@tiptap/core";
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

/** The document's extensions, the same in the editor and on the server (generation, export). */
export function postmortemExtensions(): Extensions {
  return [
    // Yjs keeps the history: tiptap's own undo would fight it.
    StarterKit.configure({
      undoRedo: false,
      link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"], isAllowedUri: (url) => isSafeHref(url) },
    }),
    TableKit.configure({ table: { resizable: false } }),
    GeneratedSection,
  ];
}

export const postmortemSchema = () => getSchema(postmortemExtensions());

/** The Y.XmlFragment the editor and the server share. */
export const DOCUMENT_FIELD = "default";
