import { describe, expect, it } from "vitest";
import { calendarDays } from "./calendar";
import { handoffAt, rotationShiftAt, type TRotationDef } from "./rotation";
import { nextOnCall, nextShiftOf, shiftsBetween, whoIsOnCallAt, wholeShiftsOverlapping, type TLayerDef, type TOverrideDef, type TScheduleDef } from "./rules";

const at = (iso: string) => new Date(iso);
const hours = (shift: { start: Date; end: Date }) => (shift.end.getTime() - shift.start.getTime()) / 3_600_000;

function rotation(overrides: Partial<TRotationDef>): TRotationDef {
  return { id: "r", timeZone: "Asia/Tokyo", startDate: "2027-01-04", handoffTime: "10:00", shiftHours: 168, memberIds: ["alice", "bob"], ...overrides };
}
function layer(id: string, position: number, rot: TRotationDef, restrictions: TLayerDef["restrictions"] = [], restrictionZone = rot.timeZone): TLayerDef {
  return { id, position, rotation: rot, restrictions, restrictionZone };
}
const schedule = (...layers: TLayerDef[]): TScheduleDef => ({ id: "s", layers });
function override(id: string, kind: TOverrideDef["kind"], userId: string | null, replacesUserId: string | null, startsAt: string, endsAt: string, createdAt = "2027-01-01T00:00:00Z"): TOverrideDef {
  return { id, kind, userId, replacesUserId, startsAt: at(startsAt), endsAt: at(endsAt), createdAt: at(createdAt) };
}
const who = (def: TScheduleDef, instant: string, overrides: TOverrideDef[] = []) => whoIsOnCallAt(def, overrides, at(instant)).userIds;

describe("rotation hand-offs", () => {
  it("hands a weekly Europe/Berlin rotation over at 10:00 local, so the shifts across DST last 167 and 169 hours", () => {
    const berlin = rotation({ timeZone: "Europe/Berlin", startDate: "2027-03-22" });
    const spring = rotationShiftAt(berlin, at("2027-03-28T12:00:00Z"))!;
    expect(spring).toMatchObject({ index: 0, userId: "alice", start: at("2027-03-22T09:00:00Z"), end: at("2027-03-29T08:00:00Z") });
    expect(hours(spring)).toBe(167);
    const autumn = rotationShiftAt(berlin, at("2027-10-31T12:00:00Z"))!;
    expect(autumn.start).toEqual(at("2027-10-25T08:00:00Z"));
    expect(autumn.end).toEqual(at("2027-11-01T09:00:00Z"));
    expect(hours(autumn)).toBe(169);
    expect(autumn.userId).toBe(autumn.index % 2 === 0 ? "alice" : "bob");
  });

  it("keeps every weekly Asia/Tokyo shift at exactly 168 hours all year (Japan has no DST)", () => {
    const tokyo = rotation({ startDate: "2027-01-04" });
    for (let k = 0; k < 53; k += 1) {
      expect(handoffAt(tokyo, k + 1).getTime() - handoffAt(tokyo, k).getTime()).toBe(168 * 3_600_000);
    }
    expect(handoffAt(tokyo, 12)).toEqual(at("2027-03-29T01:00:00Z"));
    expect(handoffAt(tokyo, 42)).toEqual(at("2027-10-25T01:00:00Z"));
  });

  it("makes the America/New_York daily shift across the March change 23 hours and the November one 25", () => {
    const newYork = rotation({ timeZone: "America/New_York", startDate: "2027-03-01", handoffTime: "09:00", shiftHours: 24 });
    const march = rotationShiftAt(newYork, at("2027-03-14T12:00:00Z"))!;
    expect(march.start).toEqual(at("2027-03-13T14:00:00Z"));
    expect(march.end).toEqual(at("2027-03-14T13:00:00Z"));
    expect(hours(march)).toBe(23);
    expect(hours(rotationShiftAt(newYork, at("2027-11-07T12:00:00Z"))!)).toBe(25);
  });

  it("moves a hand-off that falls in the spring-forward gap to the first instant after it", () => {
    const newYork = rotation({ timeZone: "America/New_York", startDate: "2027-03-01", handoffTime: "02:30", shiftHours: 24 });
    expect(handoffAt(newYork, 13)).toEqual(at("2027-03-14T07:30:00Z"));
  });

  it("keeps a shift that crosses midnight whole: a 22:00 Tokyo daily hand-off gives one piece per day", () => {
    const def = schedule(layer("l", 0, rotation({ startDate: "2027-01-04", handoffTime: "22:00", shiftHours: 24 })));
    const shifts = shiftsBetween(def, [], at("2027-01-05T13:00:00Z"), at("2027-01-07T13:00:00Z"));
    expect(shifts.map((shift) => [shift.start.toISOString(), shift.end.toISOString(), shift.userIds])).toEqual([
      ["2027-01-05T13:00:00.000Z", "2027-01-06T13:00:00.000Z", ["bob"]],
      ["2027-01-06T13:00:00.000Z", "2027-01-07T13:00:00.000Z", ["alice"]],
    ]);
  });

  it("runs custom 12-hour shifts at 08:00 and 20:00 Berlin time, the night of the March change being 11 hours", () => {
    const twelve = rotation({ timeZone: "Europe/Berlin", startDate: "2027-03-20", handoffTime: "08:00", shiftHours: 12, memberIds: ["day", "night"] });
    const night = rotationShiftAt(twelve, at("2027-03-28T03:00:00Z"))!;
    expect(night).toMatchObject({ userId: "night", start: at("2027-03-27T19:00:00Z"), end: at("2027-03-28T06:00:00Z") });
    expect(hours(night)).toBe(11);
    expect(rotationShiftAt(twelve, at("2027-03-28T12:00:00Z"))).toMatchObject({ userId: "day", start: at("2027-03-28T06:00:00Z"), end: at("2027-03-28T18:00:00Z") });
  });

  it("has nobody on call before the first hand-off or in a rotation without members", () => {
    const def = schedule(layer("l", 0, rotation({ startDate: "2027-01-04" })));
    expect(who(def, "2027-01-04T00:59:00Z")).toEqual([]);
    expect(who(def, "2027-01-04T01:00:00Z")).toEqual(["alice"]);
    expect(who(schedule(layer("l", 0, rotation({ memberIds: [] }))), "2027-02-01T00:00:00Z")).toEqual([]);
  });
});

describe("layers and rules", () => {
  const businessHours = layer("jst-day", 1, rotation({ id: "day", memberIds: ["tanaka", "sato"], shiftHours: 24, handoffTime: "09:00" }), [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00" }], "Asia/Tokyo");
  const allHours = layer("base", 0, rotation({ id: "base", memberIds: ["night-owl"] }));
  const def = schedule(allHours, businessHours);

  it("gives weekdays 09:00–18:00 JST to the higher layer and the rest to the one below", () => {
    expect(who(def, "2027-01-13T01:00:00Z")).toEqual(["sato"]); // Wed 10:00 JST
    expect(who(def, "2027-01-13T08:59:00Z")).toEqual(["sato"]); // Wed 17:59 JST
    expect(who(def, "2027-01-13T09:00:00Z")).toEqual(["night-owl"]); // Wed 18:00 JST
    expect(who(def, "2027-01-16T01:00:00Z")).toEqual(["night-owl"]); // Sat 10:00 JST
    expect(whoIsOnCallAt(def, [], at("2027-01-13T01:00:00Z")).layerId).toBe("jst-day");
  });

  it("lets an overnight rule (18:00–09:00) run into the next morning", () => {
    const nights = schedule(layer("nights", 0, rotation({ memberIds: ["owl"] }), [{ days: [5], from: "18:00", to: "09:00" }]));
    expect(who(nights, "2027-01-15T10:00:00Z")).toEqual(["owl"]); // Fri 19:00 JST
    expect(who(nights, "2027-01-15T23:59:00Z")).toEqual(["owl"]); // Sat 08:59 JST
    expect(who(nights, "2027-01-16T00:00:00Z")).toEqual([]); // Sat 09:00 JST
    expect(who(nights, "2027-01-14T10:00:00Z")).toEqual([]); // Thu 19:00 JST
  });

  it("lets a lower layer show through where a higher layer's rotation is empty", () => {
    const emptyTop = schedule(allHours, layer("empty", 5, rotation({ memberIds: [] })));
    expect(who(emptyTop, "2027-01-13T01:00:00Z")).toEqual(["night-owl"]);
  });

  it("splits a day into the pieces where each layer answers", () => {
    const pieces = shiftsBetween(def, [], at("2027-01-12T15:00:00Z"), at("2027-01-13T15:00:00Z")); // Wed 00:00 → Thu 00:00 JST
    expect(pieces.map((piece) => [piece.start.toISOString().slice(11, 16), piece.end.toISOString().slice(11, 16), piece.userIds[0]])).toEqual([
      ["15:00", "00:00", "night-owl"],
      ["00:00", "09:00", "sato"],
      ["09:00", "15:00", "night-owl"],
    ]);
  });
});

describe("follow-the-sun across Tokyo, Berlin and New York", () => {
  const weekdays = [1, 2, 3, 4, 5];
  const def = schedule(
    layer("tokyo", 1, rotation({ id: "t", memberIds: ["yuki"] }), [{ days: weekdays, from: "08:00", to: "16:00" }], "Asia/Tokyo"),
    layer("berlin", 2, rotation({ id: "b", memberIds: ["jonas"], timeZone: "Europe/Berlin" }), [{ days: weekdays, from: "08:00", to: "16:00" }], "Europe/Berlin"),
    layer("new-york", 3, rotation({ id: "n", memberIds: ["maria"], timeZone: "America/New_York" }), [{ days: weekdays, from: "10:00", to: "18:00" }], "America/New_York"),
  );

  it("hands the day around the world in winter with no gap", () => {
    const day = shiftsBetween(def, [], at("2027-01-13T00:00:00Z"), at("2027-01-14T00:00:00Z"));
    expect(day.map((piece) => [piece.start.toISOString().slice(11, 16), piece.userIds])).toEqual([
      ["00:00", ["yuki"]],
      ["07:00", ["jonas"]],
      ["15:00", ["maria"]],
      ["23:00", ["yuki"]],
    ]);
  });

  it("in July, with Berlin and New York on summer time, overlaps where the higher layer wins and leaves a gap nobody covers", () => {
    expect(who(def, "2027-07-14T06:30:00Z")).toEqual(["jonas"]); // 15:30 JST and 08:30 CEST: Berlin is higher
    expect(who(def, "2027-07-14T22:30:00Z")).toEqual([]); // 18:30 EDT, 07:30 JST on Thursday
    expect(whoIsOnCallAt(def, [], at("2027-07-14T22:30:00Z")).layerId).toBeNull();
    expect(who(def, "2027-07-14T23:00:00Z")).toEqual(["yuki"]);
  });
});

describe("overrides", () => {
  const def = schedule(layer("l", 0, rotation({ startDate: "2027-01-04" }))); // alice 2027-01-04 01:00Z → 01-11 01:00Z
  const span = ["2027-01-05T00:00:00Z", "2027-01-05T12:00:00Z"] as const;

  it("replace: someone covers for the person on call during the span only", () => {
    const cover = override("o1", "replace", "carol", "alice", ...span);
    expect(who(def, "2027-01-05T06:00:00Z", [cover])).toEqual(["carol"]);
    expect(who(def, "2027-01-05T12:00:00Z", [cover])).toEqual(["alice"]);
    expect(whoIsOnCallAt(def, [cover], at("2027-01-05T06:00:00Z")).overrideIds).toEqual(["o1"]);
  });

  it("replace of someone who is not on call changes nothing", () => {
    expect(who(def, "2027-01-05T06:00:00Z", [override("o1", "replace", "carol", "bob", ...span)])).toEqual(["alice"]);
  });

  it("add puts a second person on call; remove takes the person off, leaving a gap", () => {
    expect(who(def, "2027-01-05T06:00:00Z", [override("o2", "add", "dave", null, ...span)])).toEqual(["alice", "dave"]);
    expect(who(def, "2027-01-05T06:00:00Z", [override("o3", "remove", null, "alice", ...span)])).toEqual([]);
  });

  it("applies later overrides on top of earlier ones", () => {
    const first = override("o1", "replace", "carol", "alice", ...span, "2027-01-01T00:00:00Z");
    const second = override("o2", "replace", "erin", "carol", ...span, "2027-01-02T00:00:00Z");
    expect(who(def, "2027-01-05T06:00:00Z", [second, first])).toEqual(["erin"]);
  });

  it("shows the cover as its own piece inside the shift", () => {
    const pieces = shiftsBetween(def, [override("o1", "replace", "carol", "alice", ...span)], at("2027-01-04T01:00:00Z"), at("2027-01-18T01:00:00Z"));
    expect(pieces.map((piece) => [piece.start.toISOString(), piece.userIds, piece.overrideIds])).toEqual([
      ["2027-01-04T01:00:00.000Z", ["alice"], []],
      ["2027-01-05T00:00:00.000Z", ["carol"], ["o1"]],
      ["2027-01-05T12:00:00.000Z", ["alice"], []],
      ["2027-01-11T01:00:00.000Z", ["bob"], []],
    ]);
  });
});

describe("next on call", () => {
  const def = schedule(layer("l", 0, rotation({ startDate: "2027-01-04" })));
  it("names who comes after the current shift, and when a given person is next on call", () => {
    const now = at("2027-01-06T00:00:00Z");
    expect(nextOnCall(def, [], now, at("2027-02-06T00:00:00Z"))).toMatchObject({ userIds: ["bob"], start: at("2027-01-11T01:00:00Z") });
    const shifts = shiftsBetween(def, [], now, at("2027-02-06T00:00:00Z"));
    expect(nextShiftOf("alice", shifts, now)?.start).toEqual(now);
    expect(nextShiftOf("bob", shifts, now)?.start).toEqual(at("2027-01-11T01:00:00Z"));
    expect(nextShiftOf("nobody", shifts, now)).toBeNull();
  });
});

describe("whole shifts for calendars and feeds", () => {
  it("gives a shift that began before the range its real start and end", () => {
    const def = schedule(layer("l", 0, rotation({ startDate: "2027-01-04" })));
    const pieces = wholeShiftsOverlapping(def, [], at("2027-01-06T00:00:00Z"), at("2027-01-12T00:00:00Z"));
    expect(pieces.map((piece) => [piece.start.toISOString(), piece.end.toISOString(), piece.userIds])).toEqual([
      ["2027-01-04T01:00:00.000Z", "2027-01-11T01:00:00.000Z", ["alice"]],
      ["2027-01-11T01:00:00.000Z", "2027-01-18T01:00:00.000Z", ["bob"]],
    ]);
  });
});

describe("calendar days", () => {
  it("lays out a Berlin week across the March change with a 23-hour Sunday", () => {
    const week = calendarDays("week", "2027-03-24", "Europe/Berlin");
    expect(week.days.map((day) => day.date)).toEqual(["2027-03-22", "2027-03-23", "2027-03-24", "2027-03-25", "2027-03-26", "2027-03-27", "2027-03-28"]);
    expect(hours(week.days[6]!)).toBe(23);
    const month = calendarDays("month", "2027-02-10", "Asia/Tokyo");
    expect(month.days.length % 7).toBe(0);
    expect(month.days[0]).toMatchObject({ date: "2027-02-01", inMonth: true, start: at("2027-01-31T15:00:00Z") });
    expect(month.days.at(-1)?.date).toBe("2027-02-28");
  });
});
