import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { blamelessHints } from "@/lib/postmortems/blameless";
import type { TLocale } from "@/lib/i18n/translate";

function hintDecorations(doc: ProseMirrorNode, language: TLocale): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, position) => {
    if (!node.isText || !node.text) return;
    for (const hint of blamelessHints(node.text, language)) {
      decorations.push(
        Decoration.inline(position + hint.from, position + hint.to, { class: "blame-hint", title: hint.suggestion, "data-suggestion": hint.suggestion }),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

/** Underlines blame-assigning phrases with a suggestion on hover. A hint: it never blocks typing. */
export const BlamelessHighlight = Extension.create<{ language: TLocale }>({
  name: "blamelessHighlight",
  addOptions() {
    return { language: "en" };
  },
  addProseMirrorPlugins() {
    const { language } = this.options;
    return [
      new Plugin({
        key: new PluginKey("blamelessHighlight"),
        state: {
          init: (_, state) => hintDecorations(state.doc, language),
          apply: (transaction, decorations) => (transaction.docChanged ? hintDecorations(transaction.doc, language) : decorations),
        },
        props: {
          decorations(state) {
            return this.getState(state);
          },
        },
      }),
    ];
  },
});
