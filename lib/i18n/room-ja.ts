import type { roomEn } from "./room-en";

/** インシデントルームの操作・ダイアログ・拒否メッセージの日本語(ja.ts に取り込まれる)。 */
export const roomJa: Record<keyof typeof roomEn, string> = {
  "errors.stale.status": "この画面が「{seen}」を表示した後に、ほかの人がステータスを「{current}」に変更しました。変更は適用していません。画面は最新の状態になっています。確認してからやり直してください。",
  "errors.stale.severity": "この画面が「{seen}」を表示した後に、ほかの人が重大度を「{current}」に変更しました。変更は適用していません。画面は最新の状態になっています。確認してからやり直してください。",
  "errors.stale.role": "画面の読み込み後に「{role}」の担当が変わりました(現在:{current})。変更は適用していません。現在の担当者を確認してからやり直してください。",
  "room.takeCommand": "対応します",
  "room.takeCommandHint": "呼び出しを確認し、あなたを責任者にして、インシデントを「調査中」にします。",
  "room.resolve": "解決にする…",
  "room.resolveTitle": "{reference} を解決にする",
  "room.resolveSummary": "どのように解決しましたか?",
  "room.resolveSummaryHint": "タイムラインに記録されます。最新の状況報告から下書きしています。",
  "room.resolveFinalUpdate": "最終の状況報告を公開する(ステータスページは以後の報告を約束しなくなります)",
  "room.resolveImpact": "最終報告に載せる影響",
  "room.resolveConfirm": "インシデントを解決にする",
  "room.skipToNote": "メモ欄へ移動",
  "room.skipToContent": "本文へ移動",
  "room.noteShortcut": "Ctrl+Enter または ⌘+Enter でメモを投稿します。",
  "room.markKeyEventOf": "重要イベントにする:{entry}",
  "room.unmarkKeyEventOf": "重要イベントから外す:{entry}",
};
