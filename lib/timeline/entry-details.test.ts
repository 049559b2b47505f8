import { afterEach, describe, expect, it, vi } from "vitest";
import { TimelineEntryKind } from "@/lib/generated/prisma/enums";
import { TIMELINE_ENTRY_EXAMPLES } from "@/lib/testing/timeline-examples";
import { detailToStore, readTimelineEntry, readTimelineEvent, TimelineDetailError, ZTimelineEvent } from "./entry-details";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the schema of each timeline entry kind", () => {
  it("covers every kind of the database enum, once", () => {
    const kinds = ZTimelineEvent.options.map((option) => option.shape.kind.value);
    expect([...kinds].sort()).toEqual(Object.values(TimelineEntryKind).sort());
  });

  it.each(TIMELINE_ENTRY_EXAMPLES.map((event) => [event.kind, event] as const))("accepts a %s entry as the code writes it", (_kind, event) => {
    expect(detailToStore(event.kind, event.detail)).toEqual(event.detail);
  });
});

describe("checking a detail before it is written", () => {
  it("refuses a value its kind does not allow, naming the kind and the field", () => {
    expect(() => detailToStore("status_changed", { from: "declared", to: "fixed" })).toThrow(TimelineDetailError);
    expect(() => detailToStore("status_changed", { from: "declared", to: "fixed" })).toThrow(/"status_changed".*\n?.*\n?.*detail\.to/);
  });

  it("refuses a detail missing a field its kind requires", () => {
    expect(() => detailToStore("role_handed_off", { role: "commander", toUserId: "u2", toName: "Ben" })).toThrow(/detail\.fromUserId/);
    expect(() => detailToStore("acknowledged", {})).toThrow(/detail\.secondsSinceDetection/);
  });

  it("refuses another kind's detail", () => {
    expect(() => detailToStore("severity_changed", { from: "declared", to: "investigating" })).toThrow(TimelineDetailError);
  });

  it("refuses a field its kind does not define, rather than dropping it", () => {
    expect(() => detailToStore("title_changed", { from: "a", to: "b", by: "someone" })).toThrow(/unknown field\(s\) by/);
  });

  it("leaves out optional fields that are not set", () => {
    expect(detailToStore("declared", { title: "Down", severity: "SEV1", services: undefined })).toEqual({ title: "Down", severity: "SEV1" });
    expect(detailToStore("note", {})).toEqual({});
  });
});

describe("reading a stored entry", () => {
  it("reads rows in every shape written so far: declared by a person or by an alert, a system status change, a note", () => {
    expect(readTimelineEvent({ id: 1n, kind: "declared", detail: { title: "Down", severity: "SEV2", services: ["Checkout API"] } }).detail).toEqual({
      title: "Down",
      severity: "SEV2",
      services: ["Checkout API"],
    });
    const byAlert = { alert: { alertId: "a1", integration: "Prometheus", source: "alertmanager", title: "Down" }, title: "Down", severity: "SEV4" };
    expect(readTimelineEvent({ id: 2n, kind: "declared", detail: byAlert }).detail).toEqual(byAlert);
    const system = { from: "investigating", to: "monitoring", reason: "all alerts resolved" };
    expect(readTimelineEvent({ id: 3n, kind: "status_changed", detail: system }).detail).toEqual(system);
    expect(readTimelineEvent({ id: 4n, kind: "note", detail: {} }).detail).toEqual({});
  });

  it("reads a row that carries fields this release does not know (written by a newer one), without them", () => {
    const read = readTimelineEvent({ id: 5n, kind: "severity_changed", detail: { from: "SEV3", to: "SEV1", reason: "customers affected" } });
    expect(read).toEqual({ kind: "severity_changed", detail: { from: "SEV3", to: "SEV1" } });
  });

  it("reads a row that does not match its kind as an entry with no detail, and logs it once", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = { id: 9_000_001n, kind: "status_changed" as const, detail: { from: "declared", to: 7 } };
    expect(readTimelineEvent(broken)).toEqual({ kind: "status_changed", detail: null });
    expect(readTimelineEvent(broken)).toEqual({ kind: "status_changed", detail: null });
    expect(readTimelineEvent({ id: 9_000_002n, kind: "declared", detail: null })).toEqual({ kind: "declared", detail: null });
    expect(log).toHaveBeenCalledTimes(2);
    expect(log.mock.calls[0]?.[0]).toMatch(/entry 9000001 \(status_changed\).*detail\.to/s);
  });

  it("keeps the rest of the row as it was", () => {
    const row = { id: 6n, kind: "title_changed" as const, detail: { from: "a", to: "b" }, body: "", actor: { name: "Aiko" } };
    expect(readTimelineEntry(row)).toEqual({ id: 6n, body: "", actor: { name: "Aiko" }, kind: "title_changed", detail: { from: "a", to: "b" } });
  });
});
