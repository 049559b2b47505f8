import { randomUUID } from "node:crypto";
import { POST as regenerateMyFeedRoute } from "@/app/api/me/calendar-feed/regenerate/route";
import { DELETE as deleteRotationRoute, PATCH as rotationMembersRoute } from "@/app/api/rotations/[id]/route";
import { POST as createRotationRoute } from "@/app/api/rotations/route";
import { POST as regenerateScheduleFeedRoute } from "@/app/api/schedules/[id]/feed/regenerate/route";
import { DELETE as removeLayerRoute } from "@/app/api/schedules/[id]/layers/[layerId]/route";
import { POST as addLayerRoute } from "@/app/api/schedules/[id]/layers/route";
import { DELETE as deleteOverrideRoute } from "@/app/api/schedules/[id]/overrides/[overrideId]/route";
import { POST as createOverrideRoute } from "@/app/api/schedules/[id]/overrides/route";
import { DELETE as deleteScheduleRoute, PATCH as updateScheduleRoute } from "@/app/api/schedules/[id]/route";
import { POST as createScheduleRoute } from "@/app/api/schedules/route";
import { DELETE as removeTeamChannelRoute } from "@/app/api/teams/[slug]/channels/[channelId]/route";
import { POST as addTeamChannelRoute } from "@/app/api/teams/[slug]/channels/route";
import { DELETE as deleteTeamRoute, PATCH as updateTeamRoute } from "@/app/api/teams/[slug]/route";
import { POST as createTeamRoute } from "@/app/api/teams/route";
import type { TActor } from "@/lib/auth/permissions";
import { addLayer, createOverride, createRotation, createSchedule, createTeam } from "@/lib/oncall/service";
import { addTeamChannel } from "@/lib/oncall/team-channels";
import type { THandler, TWrite } from "./documented-writes";

// The on-call writes of the README's JSON API table (merged into DOCUMENTED_WRITES).
const unique = () => randomUUID().slice(0, 8);
const handler = (route: unknown) => route as THandler;

async function team(admin: TActor) {
  return createTeam(admin, { name: `Writes team ${unique()}`, timeZone: "Asia/Tokyo", memberIds: [admin.id] });
}

async function rotation(admin: TActor) {
  const { id: teamId } = await team(admin);
  const created = await createRotation(admin, { teamId, name: "Primary", startDate: "2027-01-04", handoffTime: "10:00", shiftLength: "weekly", memberIds: [admin.id] });
  return { teamId, rotationId: created.id };
}

async function schedule(admin: TActor) {
  const { teamId, rotationId } = await rotation(admin);
  const created = await createSchedule(admin, { teamId, name: "Primary" });
  return { teamId, rotationId, scheduleId: created.id };
}

export function oncallWrites(actor: () => TActor): Record<string, () => Promise<TWrite>> {
  return {
    "POST /api/teams": async () => ({
      handler: handler(createTeamRoute),
      method: "POST",
      path: "/api/teams",
      params: {},
      body: { name: `Team ${unique()}`, timeZone: "Europe/Berlin" },
      succeeds: 201,
    }),
    "PATCH /api/teams/{slug}": async () => {
      const { slug } = await team(actor());
      return { handler: handler(updateTeamRoute), method: "PATCH", path: `/api/teams/${slug}`, params: { slug }, body: { timeZone: "UTC" }, succeeds: 200 };
    },
    "DELETE /api/teams/{slug}": async () => {
      const { slug } = await team(actor());
      return { handler: handler(deleteTeamRoute), method: "DELETE", path: `/api/teams/${slug}`, params: { slug }, succeeds: 200 };
    },
    "POST /api/teams/{slug}/channels": async () => {
      const { slug } = await team(actor());
      const body = { kind: "slack", label: "#payments-oncall", target: { conversation: "C024BE91L" }, locale: "ja" };
      return { handler: handler(addTeamChannelRoute), method: "POST", path: `/api/teams/${slug}/channels`, params: { slug }, body, succeeds: 201 };
    },
    "DELETE /api/teams/{slug}/channels/{channelId}": async () => {
      const { id: teamId, slug } = await team(actor());
      const { id: channelId } = await addTeamChannel(actor(), teamId, { kind: "webhook", label: "Chat bridge" });
      const path = `/api/teams/${slug}/channels/${channelId}`;
      return { handler: handler(removeTeamChannelRoute), method: "DELETE", path, params: { slug, channelId }, succeeds: 200 };
    },
    "POST /api/rotations": async () => {
      const { id: teamId } = await team(actor());
      const body = { teamId, name: "Primary", startDate: "2027-01-04", handoffTime: "10:00", shiftLength: "custom", shiftHours: 12 };
      return { handler: handler(createRotationRoute), method: "POST", path: "/api/rotations", params: {}, body, succeeds: 201 };
    },
    "PATCH /api/rotations/{id}": async () => {
      const { rotationId: id } = await rotation(actor());
      return { handler: handler(rotationMembersRoute), method: "PATCH", path: `/api/rotations/${id}`, params: { id }, body: { memberIds: [] }, succeeds: 200 };
    },
    "DELETE /api/rotations/{id}": async () => {
      const { rotationId: id } = await rotation(actor());
      return { handler: handler(deleteRotationRoute), method: "DELETE", path: `/api/rotations/${id}`, params: { id }, succeeds: 200 };
    },
    "POST /api/schedules": async () => {
      const { id: teamId } = await team(actor());
      return { handler: handler(createScheduleRoute), method: "POST", path: "/api/schedules", params: {}, body: { teamId, name: "Primary" }, succeeds: 201 };
    },
    "PATCH /api/schedules/{id}": async () => {
      const { scheduleId: id } = await schedule(actor());
      return { handler: handler(updateScheduleRoute), method: "PATCH", path: `/api/schedules/${id}`, params: { id }, body: { reminderMinutes: 30 }, succeeds: 200 };
    },
    "DELETE /api/schedules/{id}": async () => {
      const { scheduleId: id } = await schedule(actor());
      return { handler: handler(deleteScheduleRoute), method: "DELETE", path: `/api/schedules/${id}`, params: { id }, succeeds: 200 };
    },
    "POST /api/schedules/{id}/layers": async () => {
      const { scheduleId: id, rotationId } = await schedule(actor());
      const body = { rotationId, name: "Business hours", restrictionZone: "Asia/Tokyo", restrictions: [{ days: [1, 2, 3, 4, 5], from: "09:00", to: "18:00" }] };
      return { handler: handler(addLayerRoute), method: "POST", path: `/api/schedules/${id}/layers`, params: { id }, body, succeeds: 201 };
    },
    "DELETE /api/schedules/{id}/layers/{layerId}": async () => {
      const { scheduleId: id, rotationId } = await schedule(actor());
      const { id: layerId } = await addLayer(actor(), id, { rotationId, name: "Always" });
      return { handler: handler(removeLayerRoute), method: "DELETE", path: `/api/schedules/${id}/layers/${layerId}`, params: { id, layerId }, succeeds: 200 };
    },
    "POST /api/schedules/{id}/overrides": async () => {
      const { scheduleId: id } = await schedule(actor());
      const body = { kind: "add", userId: actor().id, startsAt: "2027-01-05T00:00:00Z", endsAt: "2027-01-05T12:00:00+09:00" };
      return { handler: handler(createOverrideRoute), method: "POST", path: `/api/schedules/${id}/overrides`, params: { id }, body, succeeds: 201 };
    },
    "DELETE /api/schedules/{id}/overrides/{overrideId}": async () => {
      const { scheduleId: id } = await schedule(actor());
      const { id: overrideId } = await createOverride(actor(), id, { kind: "add", userId: actor().id, startsAt: "2027-01-05T00:00:00Z", endsAt: "2027-01-06T00:00:00Z" });
      const path = `/api/schedules/${id}/overrides/${overrideId}`;
      return { handler: handler(deleteOverrideRoute), method: "DELETE", path, params: { id, overrideId }, succeeds: 200 };
    },
    "POST /api/schedules/{id}/feed/regenerate": async () => {
      const { scheduleId: id } = await schedule(actor());
      return { handler: handler(regenerateScheduleFeedRoute), method: "POST", path: `/api/schedules/${id}/feed/regenerate`, params: { id }, succeeds: 201 };
    },
    "POST /api/me/calendar-feed/regenerate": async () => ({
      handler: handler(regenerateMyFeedRoute),
      method: "POST",
      path: "/api/me/calendar-feed/regenerate",
      params: {},
      succeeds: 201,
    }),
  };
}
