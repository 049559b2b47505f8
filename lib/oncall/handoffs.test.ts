import { describe, expect, it } from "vitest";
import { handoffsIn, incomingIn } from "./handoffs";
import type { TRotationDef } from "./rotation";
import type { TLayerDef, TOverrideDef, TScheduleDef } from "./rules";

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

function rotation(fields: Partial<TRotationDef>): TRotationDef {
  return { id: "r", timeZone: "Asia/Tokyo", startDate: "2027-01-04", handoffTime: "10:00", shiftHours: 168, memberIds: ["alice", "bob"], ...fields };
}
function layer(id: string, position: number, rot: TRotationDef, restrictions: TLayerDef["restrictions"] = []): TLayerDef {
  return { id, position, rotation: rot, restrictions, restrictionZone: rot.timeZone };
}
const schedule = (...layers: TLayerDef[]): TScheduleDef => ({ id: "s", layers });
function override(kind: TOverrideDef["kind"], userId: string | null, replacesUserId: string | null, startsAt: string, endsAt: string): TOverrideDef {
  return { id: `o-${startsAt}`, kind, userId, replacesUserId, startsAt: at(startsAt), endsAt: at(endsAt), createdAt: at("2027-01-01T00:00:00Z") };
}
const plain = (handoffs: ReturnType<typeof handoffsIn>) => handoffs.map((h) => [h.at.toISOString(), h.outgoingIds, h.incomingIds, h.until?.toISOString() ?? null]);

describe("handoffsIn: the changes of who is on call in (from, to]", () => {
  const weekly = schedule(layer("l", 0, rotation({})));

  it("finds a rotation hand-off with the span it starts, and counts the end of the window in and its start out", () => {
    // Monday 2027-01-11 10:00 JST = 01:00 UTC: alice hands over to bob, who has it for a week.
    const expected = [["2027-01-11T01:00:00.000Z", ["alice"], ["bob"], "2027-01-18T01:00:00.000Z"]];
    expect(plain(handoffsIn(weekly, [], at("2027-01-11T00:00:00Z"), at("2027-01-11T01:00:00Z")))).toEqual(expected);
    expect(plain(handoffsIn(weekly, [], at("2027-01-11T01:00:00Z"), at("2027-01-11T02:00:00Z")))).toEqual([]);
    expect(plain(handoffsIn(weekly, [], at("2027-01-10T00:00:00Z"), at("2027-01-11T00:59:59Z")))).toEqual([]);
  });

  it("partitions time: consecutive windows together give each hand-off exactly once", () => {
    const seen: string[] = [];
    // Windows of 3 hours; the hand-offs fall on window boundaries (01:00 UTC is one) and inside none twice.
    for (let t = at("2027-01-03T22:00:00Z").getTime(); t < at("2027-02-01T00:00:00Z").getTime(); t += 3 * HOUR) {
      seen.push(...handoffsIn(weekly, [], new Date(t), new Date(t + 3 * HOUR), 8 * 24 * HOUR).map((h) => h.at.toISOString()));
    }
    expect(seen).toEqual(["2027-01-04T01:00:00.000Z", "2027-01-11T01:00:00.000Z", "2027-01-18T01:00:00.000Z", "2027-01-25T01:00:00.000Z", "2027-02-01T01:00:00.000Z"]);
  });

  it("hands a Europe/Berlin daily rotation over at 09:00 local on both sides of the spring DST change", () => {
    const berlin = schedule(layer("l", 0, rotation({ timeZone: "Europe/Berlin", startDate: "2027-03-20", handoffTime: "09:00", shiftHours: 24 })));
    const handoffs = handoffsIn(berlin, [], at("2027-03-27T00:00:00Z"), at("2027-03-29T00:00:00Z"));
    // 09:00 CET = 08:00 UTC on Saturday; 09:00 CEST = 07:00 UTC on Sunday, after clocks went forward at 02:00.
    expect(plain(handoffs)).toEqual([
      ["2027-03-27T08:00:00.000Z", ["alice"], ["bob"], "2027-03-28T07:00:00.000Z"],
      ["2027-03-28T07:00:00.000Z", ["bob"], ["alice"], "2027-03-29T07:00:00.000Z"],
    ]);
    // The shift across the change is 23 real hours long.
    expect(handoffs[0]!.until!.getTime() - handoffs[0]!.at.getTime()).toBe(23 * HOUR);
  });

  it("follows a night layer across midnight in Asia/Tokyo: on at 22:00, back to the day rotation at 06:00 the next day", () => {
    const day = rotation({ id: "day", memberIds: ["alice"] });
    const night = rotation({ id: "night", memberIds: ["carol"] });
    const def = schedule(layer("day", 0, day), layer("night", 1, night, [{ days: [1, 2, 3, 4, 5], from: "22:00", to: "06:00" }]));
    // Tuesday 2027-01-12 22:00 JST = 13:00 UTC; Wednesday 06:00 JST = Tuesday 21:00 UTC.
    expect(plain(handoffsIn(def, [], at("2027-01-12T12:00:00Z"), at("2027-01-12T22:00:00Z")))).toEqual([
      ["2027-01-12T13:00:00.000Z", ["alice"], ["carol"], "2027-01-12T21:00:00.000Z"],
      ["2027-01-12T21:00:00.000Z", ["carol"], ["alice"], "2027-01-13T13:00:00.000Z"],
    ]);
  });

  it("sees an override start and end, and no change where the same people stay on call", () => {
    const cover = override("replace", "carol", "alice", "2027-01-05T00:00:00Z", "2027-01-05T06:00:00Z");
    expect(plain(handoffsIn(weekly, [cover], at("2027-01-04T12:00:00Z"), at("2027-01-05T12:00:00Z")))).toEqual([
      ["2027-01-05T00:00:00.000Z", ["alice"], ["carol"], "2027-01-05T06:00:00.000Z"],
      ["2027-01-05T06:00:00.000Z", ["carol"], ["alice"], "2027-01-11T01:00:00.000Z"],
    ]);
    const alone = schedule(layer("l", 0, rotation({ memberIds: ["alice"], shiftHours: 24 })));
    expect(handoffsIn(alone, [], at("2027-01-05T00:00:00Z"), at("2027-01-08T00:00:00Z"))).toEqual([]);
  });

  it("reports the start of a gap with nobody coming on", () => {
    const office = schedule(layer("l", 0, rotation({ memberIds: ["alice"] }), [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00" }]));
    expect(plain(handoffsIn(office, [], at("2027-01-05T08:30:00Z"), at("2027-01-05T09:30:00Z")))).toEqual([["2027-01-05T09:00:00.000Z", ["alice"], [], "2027-01-06T00:00:00.000Z"]]);
  });
});

describe("incomingIn: whom to remind in (from, to]", () => {
  it("reminds the person coming on an hour ahead, once across consecutive windows, and nobody who stays on", () => {
    const def = schedule(layer("l", 0, rotation({})));
    const lead = HOUR;
    const reminders = [
      ...incomingIn(def, [], at("2027-01-10T23:30:00Z"), at("2027-01-11T00:00:00Z"), lead),
      ...incomingIn(def, [], at("2027-01-11T00:00:00Z"), at("2027-01-11T00:30:00Z"), lead),
    ];
    expect(reminders.map((r) => [r.at.toISOString(), r.userId])).toEqual([["2027-01-11T01:00:00.000Z", "bob"]]);
    const add = override("add", "bob", null, "2027-01-12T00:00:00Z", "2027-01-12T03:00:00Z");
    // bob is already on call (his week began on the 11th) when an "add" override names him too: nobody new comes on.
    expect(incomingIn(def, [add], at("2027-01-11T22:00:00Z"), at("2027-01-12T00:00:00Z"), lead)).toEqual([]);
  });
});
