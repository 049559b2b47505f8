import type { TLocale } from "@/lib/i18n/translate";
import { plainText, type TDocNode } from "./document-nodes";

/** A phrase that puts the blame on a person, where it is in the text, and what to write instead. */
export type TBlameHint = { from: number; to: number; phrase: string; suggestion: string };

type TBlamePattern = { pattern: RegExp; suggestion: Record<TLocale, string> };

const DESCRIBE_THE_SYSTEM = {
  en: "Describe the condition in the system that made this easy to do, not the person.",
  ja: "人ではなく、それを起こりやすくしたシステムの状態を書きましょう。",
};

// Phrases from blameless-postmortem guidance (SRE book, postmortem culture): each points at a person's failing.
const PATTERNS: TBlamePattern[] = [
  { pattern: /\bhuman error\b/gi, suggestion: DESCRIBE_THE_SYSTEM },
  {
    pattern: /\b(?:forgot|forgets|neglected|failed) to\b/gi,
    suggestion: { en: "Say what the process or tooling did not prompt or check.", ja: DESCRIBE_THE_SYSTEM.ja },
  },
  {
    pattern: /\bshould have (?:known|noticed|checked|caught|seen)\b/gi,
    suggestion: { en: "What would have made it knowable at the time?", ja: DESCRIBE_THE_SYSTEM.ja },
  },
  { pattern: /\b(?:careless(?:ly|ness)?|negligen(?:t|ce)|sloppy|incompeten(?:t|ce))\b/gi, suggestion: DESCRIBE_THE_SYSTEM },
  { pattern: /\b(?:his|her|their) (?:mistake|fault|error)\b/gi, suggestion: DESCRIBE_THE_SYSTEM },
  { pattern: /\b(?:(?:the )?fault of|to blame|blamed?)\b/gi, suggestion: DESCRIBE_THE_SYSTEM },
  {
    pattern: /(?:人的|ヒューマン)(?:ミス|エラー)/g,
    suggestion: { en: DESCRIBE_THE_SYSTEM.en, ja: "人的ミスではなく、ミスを起こりやすくした仕組みを書きましょう。" },
  },
  {
    pattern: /[^\s、。]{1,12}(?:さん|氏)?の(?:ミス|せい|責任)/g,
    suggestion: { en: DESCRIBE_THE_SYSTEM.en, ja: "個人の名前ではなく、手順やツールの状態を書きましょう。" },
  },
  {
    pattern: /不注意|怠慢|確認不足|うっかり/g,
    suggestion: { en: DESCRIBE_THE_SYSTEM.en, ja: "何がその確認を難しくしていたのか（手順、ツール、負荷）を書きましょう。" },
  },
  { pattern: /(?:忘れた|忘れていた|怠った)/g, suggestion: { en: DESCRIBE_THE_SYSTEM.en, ja: "忘れても気づける仕組みがなかった点を書きましょう。" } },
  {
    pattern: /(?:気づくべきだった|知っておくべきだった|確認すべきだった)/g,
    suggestion: { en: DESCRIBE_THE_SYSTEM.en, ja: "その時点で気づけるようにするには何が必要だったかを書きましょう。" },
  },
];

/**
 * Blame-assigning phrases in `text`, in order, with a suggestion in the reader's language.
 * Hints only: nothing is ever blocked.
 */
export function blamelessHints(text: string, language: TLocale): TBlameHint[] {
  const hints: TBlameHint[] = [];
  for (const { pattern, suggestion } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const from = match.index ?? 0;
      hints.push({ from, to: from + match[0].length, phrase: match[0], suggestion: suggestion[language] });
    }
  }
  // One hint per stretch of text: the earliest, longest match wins where patterns overlap.
  hints.sort((a, b) => a.from - b.from || b.to - a.to);
  return hints.filter((hint, index) => index === 0 || hint.from >= (hints[index - 1] as TBlameHint).to);
}

/** The blame-assigning phrases of a whole document, block by block in reading order (what the review panel lists). */
export function documentBlameHints(document: TDocNode, language: TLocale): TBlameHint[] {
  if (document.type === "paragraph" || document.type === "heading") return blamelessHints(plainText(document), language);
  return (document.content ?? []).flatMap((child) => documentBlameHints(child, language));
}
