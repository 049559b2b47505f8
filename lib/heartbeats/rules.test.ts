import { describe, expect, it } from "vitest";
import { heartbeatAlertPayload } from "./alert-payload";
import { deadlineAfterCall, generateHeartbeatToken, hashHeartbeatToken, heartbeatAlertChange, heartbeatDeadline, heartbeatState, looksLikeHeartbeatToken } from "./rules";

const calledAt = new Date("2027-01-01T00:00:00Z");
const at = (iso: string) => new Date(iso);
const every5 = { intervalMinutes: 5, graceMinutes: 2, lastPingAt: calledAt };

describe("heartbeat timing", () => {
  it("is late only after the interval and the grace have both passed", () => {
    expect(heartbeatDeadline(every5)).toEqual(at("2027-01-01T00:07:00Z"));
    expect(heartbeatState(every5, at("2027-01-01T00:06:59Z"))).toBe("up");
    expect(heartbeatState(every5, at("2027-01-01T00:07:00Z"))).toBe("up");
    expect(heartbeatState(every5, at("2027-01-01T00:07:00.001Z"))).toBe("late");
  });

  it("never alerts for a heartbeat that has not been called yet, however old", () => {
    const neverCalled = { ...every5, lastPingAt: null };
    expect(heartbeatDeadline(neverCalled)).toBeNull();
    expect(heartbeatState(neverCalled, at("2030-01-01T00:00:00Z"))).toBe("waiting");
    expect(heartbeatAlertChange({ ...neverCalled, alertFiring: false }, at("2030-01-01T00:00:00Z"))).toBeNull();
  });

  it("counts minutes, not calendar days, across a month's end and a DST change", () => {
    expect(deadlineAfterCall({ intervalMinutes: 1440, graceMinutes: 0 }, at("2027-03-27T23:30:00Z"))).toEqual(at("2027-03-28T23:30:00Z"));
    expect(deadlineAfterCall({ intervalMinutes: 10, graceMinutes: 0 }, at("2027-01-31T23:55:00Z"))).toEqual(at("2027-02-01T00:05:00Z"));
  });
});

describe("what the alert path must hear", () => {
  it("fires once late, and resolves once called again", () => {
    const late = at("2027-01-01T00:10:00Z");
    expect(heartbeatAlertChange({ ...every5, alertFiring: false }, late)).toBe("firing");
    expect(heartbeatAlertChange({ ...every5, alertFiring: true }, late)).toBeNull();
    const calledAgain = { ...every5, lastPingAt: at("2027-01-01T00:11:00Z"), alertFiring: true };
    expect(heartbeatAlertChange(calledAgain, at("2027-01-01T00:11:30Z"))).toBe("resolved");
    expect(heartbeatAlertChange({ ...calledAgain, alertFiring: false }, at("2027-01-01T00:11:30Z"))).toBeNull();
  });

  it("sends a generic-format alert keyed on the heartbeat, starting at its deadline", () => {
    const heartbeat = { ...every5, id: "hb1", name: "nightly-backup", severity: "critical" };
    const firing = heartbeatAlertPayload(heartbeat, "firing", at("2027-01-01T00:07:40Z"));
    expect(firing).toMatchObject({ dedupKey: "heartbeat:hb1", status: "firing", severity: "critical", startsAt: "2027-01-01T00:07:00.000Z" });
    expect(firing.title).toBe("Heartbeat nightly-backup stopped (expected every 5 m)");
    const resolved = heartbeatAlertPayload(heartbeat, "resolved", at("2027-01-01T00:09:00Z"));
    expect(resolved).toMatchObject({ dedupKey: "heartbeat:hb1", status: "resolved", endsAt: "2027-01-01T00:09:00.000Z" });
  });
});

describe("ping URL secrets", () => {
  it("are random, recognisable, and stored only as a hash", () => {
    const first = generateHeartbeatToken();
    const second = generateHeartbeatToken();
    expect(first.token).not.toBe(second.token);
    expect(looksLikeHeartbeatToken(first.token)).toBe(true);
    expect(first.tokenHash).toBe(hashHeartbeatToken(first.token));
    expect(first.tokenHash).not.toContain(first.token.slice(4));
    expect(first.token.startsWith(first.tokenPrefix)).toBe(true);
  });

  it("refuses anything that is not shaped like one before touching the database", () => {
    for (const hostile of ["", "fbh_", "fbh_short", `fbh_${"a".repeat(31)}'`, "../../etc/passwd", `fbi_${"a".repeat(32)}`, `fbh_${"a".repeat(33)}`])
      expect(looksLikeHeartbeatToken(hostile)).toBe(false);
  });
});
