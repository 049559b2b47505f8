import { describe, expect, it } from "vitest";
import { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import { translator } from "@/lib/i18n/translate";
import { describeTimelineEntry } from "./describe";
import { timelineEntryExample as example } from "@/lib/testing/timeline-examples";

// Text the entries carry and that is shown as it was written, in either language.
const SHOWN_AS_WRITTEN = [
  "Alertmanager",
  '{}:{alertname="NodeDown"}',
  "Checkout API · Availability",
  "Checkout API",
  "Search",
  "Aiko Tanaka",
  "Ben Carter",
  "Checkout failing for card payments",
  "Payments are slow",
  "HighErrorRate",
  "Page the database owner",
  // severities and the SLO are named alike in both languages
  "SEV1",
  "SEV2",
  "SLO",
  // the Alertmanager setting to raise, spelled as it is configured
  "max_alerts",
];

const en = translator("en");
const ja = translator("ja");

/** What is left of a Japanese line once the text shown as written is taken out: it should hold no English. */
const englishIn = (line: string) => SHOWN_AS_WRITTEN.reduce((rest, text) => rest.replaceAll(text, ""), line).match(/[A-Za-z]+/g) ?? [];

describe("describing timeline entries", () => {
  it.each(Object.values(TimelineEntryKind))("describes %s in English and in Japanese with no English left in it", (kind) => {
    const english = describeTimelineEntry(example(kind), en, "en");
    const japanese = describeTimelineEntry(example(kind), ja, "ja");
    for (const line of [english, japanese]) {
      expect(line).not.toMatch(/timeline\.|\{(from|to|role|status|severity|title|item|slo|impact|integration|sender|count|group)\}/);
      expect(line.trim()).not.toBe("");
    }
    expect(japanese).not.toBe(english);
    expect(englishIn(japanese)).toEqual([]);
  });

  it("names roles, statuses, impacts and postmortem steps in the viewer's language", () => {
    expect(describeTimelineEntry(example("status_changed"), en, "en")).toBe("changed status from Investigating to Monitoring");
    expect(describeTimelineEntry(example("status_changed"), ja, "ja")).toBe("ステータスを「調査中」から「経過観察」に変更");
    expect(describeTimelineEntry(example("role_handed_off"), ja, "ja")).toBe("実行担当を Aiko Tanaka から Ben Carter に引き継ぎ");
    expect(describeTimelineEntry(example("slo_impact_changed"), en, "en")).toBe("recorded a full outage of SLO Checkout API · Availability");
    expect(describeTimelineEntry(example("postmortem_status_changed"), ja, "ja")).toBe("ポストモーテムを「レビュー中」にしました");
  });

  it("shows a checklist item in the viewer's language, and whether it was ticked or unticked", () => {
    expect(describeTimelineEntry(example("checklist_item_checked"), en, "en")).toBe("checked “Page the database owner”");
    expect(describeTimelineEntry(example("checklist_item_checked"), ja, "ja")).toBe("「データベース担当を呼び出す」を完了");
    const unticked = { kind: "checklist_item_checked" as const, detail: { ...example("checklist_item_checked").detail, done: false } };
    expect(describeTimelineEntry(unticked, en, "en")).toBe("unchecked “Page the database owner”");
  });

  it("says an SLO impact was removed when the entry records none", () => {
    const removed = { kind: "slo_impact_changed" as const, detail: { ...example("slo_impact_changed").detail, impact: null, previous: "degraded" as const } };
    expect(describeTimelineEntry(removed, en, "en")).toBe("removed the impact on SLO Checkout API · Availability");
    expect(describeTimelineEntry(removed, ja, "ja")).toBe("SLO Checkout API · Availability への影響の記録を外しました");
  });

  it("shows an entry whose detail could not be read as a generic line in both languages", () => {
    const unreadable = { kind: "status_changed" as const, detail: null };
    expect(describeTimelineEntry(unreadable, en, "en")).toBe("recorded an entry that cannot be shown");
    const japanese = describeTimelineEntry(unreadable, ja, "ja");
    expect(japanese).toBe("表示できない記録を残しました");
    expect(englishIn(japanese)).toEqual([]);
  });
});

describe("a group the sender truncated, on the timeline", () => {
  const entry = (count: number) => ({ kind: "alerts_truncated" as const, detail: { ...example("alerts_truncated").detail, count } });

  it("says who left out how many alerts of which group, and what to change, in English and Japanese", () => {
    expect(describeTimelineEntry(entry(15), en, "en")).toBe('noted that Alertmanager left out 15 alerts of group {}:{alertname="NodeDown"}: raise max_alerts');
    expect(describeTimelineEntry(entry(1), en, "en")).toBe('noted that Alertmanager left out 1 alert of group {}:{alertname="NodeDown"}: raise max_alerts');
    expect(describeTimelineEntry(entry(15), ja, "ja")).toBe(
      'Alertmanager がグループ {}:{alertname="NodeDown"} のアラート 15 件を省略したことを記録（max_alerts を増やしてください）',
    );
  });
});
