import { Extension } from "@tiptap/core";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { TLocale } from "@/lib/i18n/translate";
import { blamelessHints, type TBlameHint } from "@/lib/postmortems/blameless";

/** A hint at its place in the editor's document (ProseMirror positions). */
export type TPlacedHint = TBlameHint & { id: string };

type THintState = { hints: TPlacedHint[]; decorations: DecorationSet };

const hintsKey = new PluginKey<THintState>("blamelessHighlight");

// One character per inline leaf (a hard break), so offsets in the text are offsets in the block.
const LEAF_TEXT = "\ufffc";

function hintState(doc: ProseMirrorNode, language: TLocale): THintState {
  const hints: TPlacedHint[] = [];
  doc.descendants((node, position) => {
    if (!node.isTextblock) return true;
    const text = node.textBetween(0, node.content.size, undefined, LEAF_TEXT);
    for (const hint of blamelessHints(text, language)) {
      const from = position + 1 + hint.from;
      hints.push({ ...hint, from, to: position + 1 + hint.to, id: `hint-${from}` });
    }
    return false;
  });
  const decorations = hints.map((hint) =>
    Decoration.inline(hint.from, hint.to, { class: "blame-hint", title: hint.suggestion, "data-suggestion": hint.suggestion }),
  );
  return { hints, decorations: DecorationSet.create(doc, decorations) };
}

/** The hints in the document now, in reading order. */
export const blameHintsOf = (state: EditorState): TPlacedHint[] => hintsKey.getState(state)?.hints ?? [];

/** Underlines blame-assigning phrases and keeps the list the side panel shows. A hint: it never blocks typing. */
export const BlamelessHighlight = Extension.create<{ language: TLocale }>({
  name: "blamelessHighlight",
  addOptions() {
    return { language: "en" };
  },
  addProseMirrorPlugins() {
    const { language } = this.options;
    return [
      new Plugin<THintState>({
        key: hintsKey,
        state: {
          init: (_, state) => hintState(state.doc, language),
          apply: (transaction, previous) => (transaction.docChanged ? hintState(transaction.doc, language) : previous),
        },
        props: {
          decorations(state) {
            return hintsKey.getState(state)?.decorations;
          },
        },
      }),
    ];
  },
});
