import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { describeTimelineEntry } from "./describe";

describe("a group the sender truncated, on the timeline", () => {
  const entry = (count: number) => ({
    kind: "alerts_truncated" as const,
    body: "",
    detail: { sender: "Alertmanager", groupKey: '{}:{alertname="NodeDown"}', count },
  });

  it("says who left out how many alerts of which group, and what to change, in English and Japanese", () => {
    expect(describeTimelineEntry(entry(15), translator("en"), "en")).toBe(
      'noted that Alertmanager left out 15 alerts of group {}:{alertname="NodeDown"}: raise max_alerts',
    );
    expect(describeTimelineEntry(entry(1), translator("en"), "en")).toBe(
      'noted that Alertmanager left out 1 alert of group {}:{alertname="NodeDown"}: raise max_alerts',
    );
    expect(describeTimelineEntry(entry(15), translator("ja"), "ja")).toBe(
      'Alertmanager がグループ {}:{alertname="NodeDown"} のアラート 15 件を省略したことを記録（max_alerts を増やしてください）',
    );
  });
});
