import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { POST as regenerateMyFeedRoute } from "@/app/api/me/calendar-feed/regenerate/route";
import { GET as feedRoute } from "@/app/api/oncall/feeds/[token]/route";
import { GET as onCallRoute } from "@/app/api/oncall/route";
import { GET as shiftsRoute } from "@/app/api/schedules/[id]/shifts/route";
import { POST as createTeamRoute } from "@/app/api/teams/route";
import { createService } from "@/lib/catalog/service";
import { addLayer, createRotation, createSchedule, createTeam, updateTeam } from "@/lib/oncall/service";
import { apiRequest, routeParams } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";
import { handler } from "./documented-writes";

const unique = () => Math.random().toString(36).slice(2, 8);

async function serviceWithSchedule() {
  const [{ actor: admin, token }, { actor: aiko, token: aikoToken }] = await Promise.all([createTestUserWithToken("admin"), createTestUserWithToken("responder")]);
  const team = await createTeam(admin, { name: `API team ${unique()}`, timeZone: "Asia/Tokyo", memberIds: [aiko.id] });
  // Started yesterday, daily: whoever is on call now, it is Aiko.
  const startDate = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const rotation = await createRotation(admin, { teamId: team.id, name: "Primary", startDate, handoffTime: "10:00", shiftLength: "daily", memberIds: [aiko.id] });
  const schedule = await createSchedule(admin, { teamId: team.id, name: "Primary" });
  await addLayer(admin, schedule.id, { rotationId: rotation.id, name: "Always" });
  const service = await createService(admin, { name: `API service ${unique()}`, ownerTeam: "SRE", description: "" });
  await updateTeam(admin, team.id, { serviceIds: [service.id] });
  return { token, aiko, aikoToken, service, schedule };
}

describe("on-call endpoints", () => {
  it("GET /api/oncall?service= answers who is on call now for the service's team", async () => {
    const { token, aiko, service } = await serviceWithSchedule();
    const response = await handler(onCallRoute)(apiRequest("GET", `/api/oncall?service=${service.slug}`, token), routeParams({} as never));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.schedules[0].now.people).toEqual([{ id: aiko.id, name: aiko.name, email: aiko.email }]);
    const missing = await handler(onCallRoute)(apiRequest("GET", "/api/oncall", token), routeParams({} as never));
    expect(missing.status).toBe(400);
    const unknown = await handler(onCallRoute)(apiRequest("GET", "/api/oncall?service=no-such-service", token), routeParams({} as never));
    expect(unknown.status).toBe(404);
    expect((await handler(onCallRoute)(apiRequest("GET", `/api/oncall?service=${service.slug}`, null), routeParams({} as never))).status).toBe(401);
  });

  it("refuses a shift range longer than 62 days and a team from a responder", async () => {
    const { token, aikoToken, schedule } = await serviceWithSchedule();
    const range = await handler(shiftsRoute)(apiRequest("GET", `/api/schedules/${schedule.id}/shifts?from=2027-01-01T00:00:00Z&to=2027-06-01T00:00:00Z`, token), routeParams({ id: schedule.id } as never));
    expect(range.status).toBe(400);
    expect((await range.json()).issues).toEqual([{ path: "to", message: "must be at most 62 days after from" }]);
    const forbidden = await handler(createTeamRoute)(apiRequest("POST", "/api/teams", aikoToken, { name: "Mine", timeZone: "UTC" }), routeParams({} as never));
    expect(forbidden.status).toBe(403);
  });

  it("serves the user's feed at the secret URL with no session, and 404 for any other token", async () => {
    const { aikoToken } = await serviceWithSchedule();
    const created = await handler(regenerateMyFeedRoute)(apiRequest("POST", "/api/me/calendar-feed/regenerate", aikoToken), routeParams({} as never));
    const { url } = await created.json();
    const token = new URL(url).pathname.split("/").pop() as string;
    const response = await handler(feedRoute)(new Request(url), routeParams({ token } as never));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThan(50);
    const wrong = await handler(feedRoute)(new Request("http://localhost/api/oncall/feeds/guess.ics"), routeParams({ token: "guess.ics" } as never));
    expect(wrong.status).toBe(404);
  });
});
