import { DateTime } from "luxon";
import type { TActor } from "@/lib/auth/permissions";
import { createEscalationPolicy } from "@/lib/escalation/service";
import { addLayer, createOverride, createRotation, createSchedule, createTeam, updateTeam } from "@/lib/oncall/service";

/**
 * The demo's on call: a Tokyo team owning Checkout API, a weekly rotation (Monday 10:00 JST) under a
 * weekday business-hours layer, and one override in which Dana covers tomorrow afternoon for whoever
 * has the week.
 */
export async function seedOnCall(admin: TActor, people: { ben: TActor; chen: TActor; dana: TActor }, serviceIds: string[], now: Date) {
  const { ben, chen, dana } = people;
  const team = await createTeam(admin, { name: "Payments SRE", slug: "payments-sre", timeZone: "Asia/Tokyo", memberIds: [admin.id, ben.id, chen.id, dana.id] });
  await updateTeam(admin, team.id, { serviceIds });
  const tokyoNow = DateTime.fromJSDate(now, { zone: "Asia/Tokyo" });
  const lastMonday = tokyoNow.startOf("week").minus({ weeks: 1 }).toISODate()!;
  const weekly = await createRotation(admin, {
    teamId: team.id,
    name: "Primary weekly",
    startDate: lastMonday,
    handoffTime: "10:00",
    shiftLength: "weekly",
    memberIds: [ben.id, chen.id, dana.id],
  });
  const daytime = await createRotation(admin, {
    teamId: team.id,
    name: "Tokyo daytime",
    startDate: lastMonday,
    handoffTime: "09:00",
    shiftLength: "daily",
    memberIds: [admin.id, ben.id],
  });
  const schedule = await createSchedule(admin, { teamId: team.id, name: "Primary" });
  await addLayer(admin, schedule.id, { rotationId: weekly.id, name: "Around the clock" });
  await addLayer(admin, schedule.id, {
    rotationId: daytime.id,
    name: "Weekday business hours",
    restrictionZone: "Asia/Tokyo",
    restrictions: [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00" }],
  });
  const tomorrowEvening = tokyoNow.plus({ days: 1 }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
  await createOverride(admin, schedule.id, {
    kind: "add",
    userId: dana.id,
    replacesUserId: null,
    startsAt: tomorrowEvening.toJSDate(),
    endsAt: tomorrowEvening.plus({ hours: 4 }).toJSDate(),
    note: "Shadowing the release",
  });
  // A policy to look at and to give a service; no service has it, so the demo's incidents page nobody.
  await createEscalationPolicy(admin, {
    name: "Payments SRE primary",
    description: "Whoever the Primary schedule has on call, then the team lead.",
    teamId: team.id,
    repeatCount: 1,
    steps: [
      { delayMinutes: 10, targets: [{ kind: "schedule", scheduleId: schedule.id }] },
      { delayMinutes: 15, targets: [{ kind: "user", userId: admin.id }] },
    ],
  });
  return { team, schedule };
}
