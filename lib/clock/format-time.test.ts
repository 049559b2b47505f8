import { describe, expect, it } from "vitest";
import { dayTicks, formatDay, formatInstant, formatUtcDay, formatUtcMinute, zoneLabel, zoneOffsetMinutes } from "./format-time";

const now = new Date("2026-12-03T11:14:00Z");

describe("times as a responder reads them", () => {
  it("labels the zone and leaves the date out today", () => {
    expect(formatInstant(new Date("2026-12-03T11:14:00Z"), { locale: "en", timeZone: "Asia/Tokyo", now })).toBe("20:14 JST");
    expect(formatInstant(new Date("2026-12-03T11:14:00Z"), { locale: "ja", timeZone: "Asia/Tokyo", now })).toBe("20:14 JST");
    expect(formatInstant(new Date("2026-12-03T11:14:00Z"), { locale: "en", timeZone: "UTC", now })).toBe("11:14 UTC");
    expect(formatInstant(new Date("2026-12-03T11:14:00Z"), { locale: "en", timeZone: "UTC", now }, { dated: true })).toBe("Dec 3, 11:14 UTC");
  });

  it("shows the date on another day in the reader's zone, and the year in another year", () => {
    // 23:30 UTC on the 2nd is already the 3rd in Tokyo: today there, yesterday in UTC.
    const lateEvening = new Date("2026-12-02T23:30:00Z");
    expect(formatInstant(lateEvening, { locale: "en", timeZone: "Asia/Tokyo", now })).toBe("08:30 JST");
    expect(formatInstant(lateEvening, { locale: "en", timeZone: "UTC", now })).toBe("Dec 2, 23:30 UTC");
    expect(formatInstant(lateEvening, { locale: "ja", timeZone: "UTC", now })).toBe("12月2日 23:30 UTC");
    expect(formatInstant(new Date("2025-12-31T10:00:00Z"), { locale: "en", timeZone: "Asia/Tokyo", now })).toBe("Dec 31, 2025, 19:00 JST");
    expect(formatInstant(new Date("2025-12-31T10:00:00Z"), { locale: "ja", timeZone: "Asia/Tokyo", now })).toBe("2025年12月31日 19:00 JST");
  });

  it("names summer and winter time apart, and falls back to the offset where no abbreviation is usual", () => {
    expect(zoneLabel(new Date("2026-07-01T12:00:00Z"), "Europe/Berlin")).toBe("CEST");
    expect(zoneLabel(new Date("2026-12-01T12:00:00Z"), "Europe/Berlin")).toBe("CET");
    expect(zoneLabel(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("EDT");
    expect(zoneLabel(new Date("2026-07-01T12:00:00Z"), "Europe/London")).toBe("BST");
    expect(zoneLabel(new Date("2026-07-01T12:00:00Z"), "Asia/Kolkata")).toBe("IST");
    expect(zoneLabel(new Date("2026-07-01T12:00:00Z"), "Asia/Seoul")).toBe("GMT+9");
    expect(zoneOffsetMinutes(new Date("2026-07-01T12:00:00Z"), "Asia/Kolkata")).toBe(330);
  });

  it("gives dates alone with the year only when it differs", () => {
    expect(formatDay(new Date("2026-12-05T03:00:00Z"), { locale: "en", timeZone: "Asia/Tokyo", now })).toBe("Dec 5");
    expect(formatDay(new Date("2026-12-05T03:00:00Z"), { locale: "ja", timeZone: "Asia/Tokyo", now })).toBe("12月5日");
    expect(formatDay(new Date("2027-01-05T03:00:00Z"), { locale: "en", timeZone: "UTC", now })).toBe("Jan 5, 2027");
  });

  it("keeps UTC, labelled, for text that leaves the browser", () => {
    expect(formatUtcMinute(new Date("2026-11-24T10:02:59Z"))).toBe("2026-11-24 10:02 UTC");
    expect(formatUtcDay(new Date("2026-12-05T23:59:00Z"))).toBe("2026-12-05 (UTC)");
  });
});

describe("day ticks for a chart's time axis", () => {
  const hourly = Array.from({ length: 10 * 24 }, (_value, hour) => Date.UTC(2026, 10, 24, hour));
  it("puts one tick on each day in the reader's zone, never the same day twice", () => {
    const ticks = dayTicks(hourly.slice(0, 72), "Asia/Tokyo", 10);
    expect(ticks.map((tick) => new Date(tick).toISOString())).toEqual([
      "2026-11-24T00:00:00.000Z",
      "2026-11-24T15:00:00.000Z",
      "2026-11-25T15:00:00.000Z",
      "2026-11-26T15:00:00.000Z",
    ]);
  });

  it("keeps every n-th day when there are more days than room", () => {
    const ticks = dayTicks(hourly, "UTC", 4);
    expect(ticks).toHaveLength(4);
    expect(new Set(ticks.map((tick) => formatDay(new Date(tick), { locale: "en", timeZone: "UTC", now })))).toHaveProperty("size", 4);
  });
});
