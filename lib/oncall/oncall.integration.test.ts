import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { createService } from "@/lib/catalog/service";
import { createTestUser } from "@/lib/testing/factories";
import { calendarForToken, regenerateScheduleFeed, regenerateUserFeed } from "./feeds";
import { onCallForService, scheduleShifts, whoIsOnCall } from "./queries";
import { addLayer, createOverride, createRotation, createSchedule, createTeam, deleteOverride, updateTeam } from "./service";

const at = (iso: string) => new Date(iso);
const unique = () => Math.random().toString(36).slice(2, 8);

/** A Tokyo team with a weekly rotation (hand-off Monday 10:00 JST) of two people on one schedule. */
async function tokyoTeam() {
  const [admin, aiko, ben] = await Promise.all([createTestUser("admin"), createTestUser("responder", "Aiko"), createTestUser("responder", "Ben")]);
  const team = await createTeam(admin, { name: `Payments SRE ${unique()}`, timeZone: "Asia/Tokyo", memberIds: [aiko.id, ben.id] });
  const rotation = await createRotation(admin, { teamId: team.id, name: "Primary", startDate: "2027-01-04", handoffTime: "10:00", shiftLength: "weekly", memberIds: [aiko.id, ben.id] });
  const schedule = await createSchedule(admin, { teamId: team.id, name: "Primary" });
  await addLayer(admin, schedule.id, { rotationId: rotation.id, name: "Weekly" });
  return { admin, aiko, ben, team, rotation, schedule };
}

describe("on-call schedules in the database", () => {
  it("answers who is on call from the stored rotation, and an override covers a span", async () => {
    const { admin, aiko, ben, schedule } = await tokyoTeam();
    expect((await whoIsOnCall(schedule.id, at("2027-01-04T00:59:00Z")))?.map((person) => person.id)).toEqual([]);
    expect((await whoIsOnCall(schedule.id, at("2027-01-04T01:00:00Z")))?.map((person) => person.name)).toEqual(["Aiko"]);
    expect((await whoIsOnCall(schedule.id, at("2027-01-11T01:00:00Z")))?.map((person) => person.name)).toEqual(["Ben"]);

    const cover = await createOverride(admin, schedule.id, { kind: "replace", userId: ben.id, replacesUserId: aiko.id, startsAt: "2027-01-05T00:00:00Z", endsAt: "2027-01-06T00:00:00Z" });
    expect((await whoIsOnCall(schedule.id, at("2027-01-05T12:00:00Z")))?.map((person) => person.name)).toEqual(["Ben"]);
    const week = await scheduleShifts(schedule.id, at("2027-01-04T01:00:00Z"), at("2027-01-11T01:00:00Z"));
    expect(week?.map((shift) => [shift.start.toISOString(), shift.people.map((person) => person.name)])).toEqual([
      ["2027-01-04T01:00:00.000Z", ["Aiko"]],
      ["2027-01-05T00:00:00.000Z", ["Ben"]],
      ["2027-01-06T00:00:00.000Z", ["Aiko"]],
    ]);
    await deleteOverride(admin, schedule.id, cover.id);
    expect((await whoIsOnCall(schedule.id, at("2027-01-05T12:00:00Z")))?.map((person) => person.name)).toEqual(["Aiko"]);
    expect(await whoIsOnCall("no-such-schedule", at("2027-01-05T12:00:00Z"))).toBeNull();
  });

  it("lets admins edit, responders cover only for themselves, and viewers only read", async () => {
    const { aiko, ben, team, schedule } = await tokyoTeam();
    const viewer = await createTestUser("viewer");
    const span = { startsAt: "2027-01-05T00:00:00Z", endsAt: "2027-01-06T00:00:00Z" };
    await expect(createTeam(aiko, { name: `Nope ${unique()}`, timeZone: "UTC" })).rejects.toMatchObject({ status: 403 });
    await expect(createSchedule(aiko, { teamId: team.id, name: "Mine" })).rejects.toMatchObject({ status: 403 });
    await expect(createOverride(viewer, schedule.id, { kind: "replace", userId: viewer.id, replacesUserId: aiko.id, ...span })).rejects.toMatchObject({ status: 403 });
    const viewerOutsider = await createTestUser("responder");
    await expect(createOverride(viewerOutsider, schedule.id, { kind: "replace", userId: ben.id, replacesUserId: aiko.id, ...span })).rejects.toMatchObject({ status: 403 });
    const coverMe = await createOverride(aiko, schedule.id, { kind: "replace", userId: ben.id, replacesUserId: aiko.id, ...span });
    expect(coverMe.createdById).toBe(aiko.id);
    await expect(deleteOverride(viewerOutsider, schedule.id, coverMe.id)).rejects.toMatchObject({ status: 403 });
  });

  it("refuses rotations of non-members, unknown zones, and layers from another team's rotation, writing nothing", async () => {
    const { admin, team, schedule } = await tokyoTeam();
    const stranger = await createTestUser("responder");
    const rotation = { teamId: team.id, name: `R ${unique()}`, startDate: "2027-01-04", handoffTime: "10:00", shiftLength: "daily" as const };
    await expect(createRotation(admin, { ...rotation, memberIds: [stranger.id] })).rejects.toMatchObject({ status: 422, message: expect.stringContaining("member of its team") });
    await expect(createRotation(admin, { ...rotation, timeZone: "Mars/Olympus" })).rejects.toThrow(/IANA time zone/);
    await expect(createRotation(admin, { ...rotation, shiftLength: "custom" })).rejects.toThrow(/shiftHours/);
    const other = await tokyoTeam();
    await expect(addLayer(admin, schedule.id, { rotationId: other.rotation.id, name: "Theirs" })).rejects.toMatchObject({ status: 422 });
    await expect(updateTeam(admin, team.id, { memberIds: [] })).rejects.toMatchObject({ status: 409 });
  });

  it("answers on call for a service through the team that owns it", async () => {
    const { admin, team } = await tokyoTeam();
    const service = await createService(admin, { name: `Checkout ${unique()}`, ownerTeam: "Payments", description: "" });
    expect((await onCallForService(service.slug, at("2027-01-06T00:00:00Z")))?.schedules).toEqual([]);
    await updateTeam(admin, team.id, { serviceIds: [service.id] });
    const answer = await onCallForService(service.slug, at("2027-01-06T00:00:00Z"));
    expect(answer?.team?.id).toBe(team.id);
    expect(answer?.schedules[0]?.now?.people.map((person) => person.name)).toEqual(["Aiko"]);
    expect(answer?.schedules[0]?.next).toMatchObject({ start: at("2027-01-11T01:00:00Z"), people: [{ name: "Ben" }] });
    expect(await onCallForService("no-such-service", at("2027-01-06T00:00:00Z"))).toBeNull();
  });

  it("serves a valid iCalendar feed behind a secret token, one event per shift, and a regenerated token retires the old one", async () => {
    const { admin, aiko, schedule } = await tokyoTeam();
    const now = at("2027-01-20T00:00:00Z");
    const token = await regenerateUserFeed(aiko);
    const text = await calendarForToken(token, now, "firebreak.test");
    const calendar = new ICAL.Component(ICAL.parse(text!));
    const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    // Aiko has the even weeks from 2027-01-04; the feed spans 2027-01-06 → 2027-03-17.
    expect(events.map((event) => event.startDate.toJSDate().toISOString())).toEqual([
      "2027-01-04T01:00:00.000Z",
      "2027-01-18T01:00:00.000Z",
      "2027-02-01T01:00:00.000Z",
      "2027-02-15T01:00:00.000Z",
      "2027-03-01T01:00:00.000Z",
      "2027-03-15T01:00:00.000Z",
    ]);
    expect(events[1]?.endDate.toJSDate().toISOString()).toBe("2027-01-25T01:00:00.000Z");
    expect(events[1]?.summary).toBe("On call: Aiko (Primary)");
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);

    expect(await regenerateUserFeed(aiko)).not.toBe(token);
    expect(await calendarForToken(token, now, "firebreak.test")).toBeNull();
    await expect(regenerateScheduleFeed(aiko, schedule.id)).rejects.toMatchObject({ status: 403 });
    const scheduleToken = await regenerateScheduleFeed(admin, schedule.id);
    const scheduleEvents = new ICAL.Component(ICAL.parse((await calendarForToken(scheduleToken, now, "firebreak.test"))!)).getAllSubcomponents("vevent");
    expect(scheduleEvents).toHaveLength(11);
  });
});
