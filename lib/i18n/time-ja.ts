import type { timeEn } from "./time-en";

/** 時刻・タイムゾーンと SLO 判定の理由（ja.ts に取り込まれる）。 */
export const timeJa: Record<keyof typeof timeEn, string> = {
  "nav.admin": "管理",
  "nav.profile": "プロフィール",
  "profile.title": "プロフィール",
  "profile.timeZone": "タイムゾーン",
  "profile.timeZoneBrowser": "ブラウザのタイムゾーン",
  "profile.timeZoneHelp":
    "時刻はこのタイムゾーンで、名前付き（例: 20:14 JST）で表示されます。今日以外は日付も表示します。時刻にポインターを重ねると UTC が表示されます。ポストモーテムとエクスポートは UTC のままです。",
  "profile.timeZoneSave": "タイムゾーンを保存",
  "profile.timeZoneNow": "現在の表示：{example}",
  "slo.verdict.no_data": "データはまだありません",
  "slo.reason.overspent": "バジェット超過（残り{left}）：SLO を満たすまで P0 のバグとセキュリティ修正のみ",
  "slo.reason.low_and_going": "残り{left}、今日の消費ペースでは{date}に尽きます",
  "slo.reason.low": "バジェット残りわずか{left}",
  "slo.reason.going": "ただし今日の消費ペースでは{date}にバジェットが尽きます",
  "slo.reason.burning_fast": "ただし現在急速に消費中（呼び出しアラート）",
  "slo.reason.burning_steadily": "ただし継続的に消費中（チケットアラート）",
  "slo.reason.healthy": "バジェット残り{left}",
  "slo.alertState": "バーンレートアラート",
  "review.chart.overflow": "{value}（目盛り外）",
  "review.chart.atRisk": "リスクのある SLO：バジェット残りが{threshold}未満、または超過。その他は下の表にあります。",
  "review.chart.noneAtRisk": "リスクのある SLO はありません。すべてバジェットが{threshold}以上残っています（表を参照）。",
};
