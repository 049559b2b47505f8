import { describe, expect, it } from "vitest";
import {
  canRelease,
  canTransition,
  closingProblem,
  isOpen,
  lifecycleTimesAfter,
  offersTakeCommand,
  openingTimesProblem,
  roleChangeKind,
  roleHolderIsStale,
  SEVERITIES,
  SEVERITY_RANK,
  staleFields,
} from "./rules";

const at = (iso: string) => new Date(iso);
const none = { mitigatedAt: null, resolvedAt: null, closedAt: null };

describe("status transitions", () => {
  it("moves forward through the lifecycle and may skip ahead", () => {
    expect(canTransition("declared", "investigating")).toBe(true);
    expect(canTransition("investigating", "identified")).toBe(true);
    expect(canTransition("identified", "monitoring")).toBe(true);
    expect(canTransition("monitoring", "resolved")).toBe(true);
    expect(canTransition("investigating", "resolved")).toBe(true);
  });

  it("steps back when a mitigation fails and reopens a resolved incident", () => {
    expect(canTransition("monitoring", "investigating")).toBe(true);
    expect(canTransition("resolved", "investigating")).toBe(true);
  });

  it("never returns to declared, closes only after resolution, and closed is final", () => {
    expect(canTransition("investigating", "declared")).toBe(false);
    expect(canTransition("investigating", "closed")).toBe(false);
    expect(canTransition("resolved", "closed")).toBe(true);
    expect(canTransition("closed", "investigating")).toBe(false);
  });

  it("counts everything before resolution as open", () => {
    expect(isOpen("declared")).toBe(true);
    expect(isOpen("monitoring")).toBe(true);
    expect(isOpen("resolved")).toBe(false);
    expect(isOpen("closed")).toBe(false);
  });
});

describe("lifecycle timestamps", () => {
  it("records mitigation the first time the incident reaches monitoring", () => {
    const first = lifecycleTimesAfter(none, "monitoring", at("2026-11-24T10:00:00Z"));
    expect(first.mitigatedAt).toEqual(at("2026-11-24T10:00:00Z"));
    const again = lifecycleTimesAfter(first, "monitoring", at("2026-11-24T11:00:00Z"));
    expect(again.mitigatedAt).toEqual(at("2026-11-24T10:00:00Z"));
  });

  it("treats resolving without monitoring as mitigated at the same moment", () => {
    const resolved = lifecycleTimesAfter(none, "resolved", at("2026-11-24T10:30:00Z"));
    expect(resolved).toEqual({ mitigatedAt: at("2026-11-24T10:30:00Z"), resolvedAt: at("2026-11-24T10:30:00Z"), closedAt: null });
  });

  it("returns only the lifecycle timestamps, never other fields of the incident", () => {
    const incident = { ...none, status: "declared", severity: "SEV1" };
    expect(Object.keys(lifecycleTimesAfter(incident, "resolved", at("2026-11-24T10:30:00Z"))).sort()).toEqual(["closedAt", "mitigatedAt", "resolvedAt"]);
  });

  it("clears the resolution time on reopening but keeps the first mitigation", () => {
    const resolved = { mitigatedAt: at("2026-11-24T10:00:00Z"), resolvedAt: at("2026-11-24T10:30:00Z"), closedAt: null };
    expect(lifecycleTimesAfter(resolved, "investigating", at("2026-11-24T11:00:00Z"))).toEqual({ ...resolved, resolvedAt: null });
  });
});

describe("roles", () => {
  it("assigns a free role, hands off a held one, and ignores giving it to its holder", () => {
    expect(roleChangeKind(null, "u1")).toBe("assign");
    expect(roleChangeKind("u1", "u2")).toBe("handoff");
    expect(roleChangeKind("u1", "u1")).toBe("unchanged");
  });

  it("never lets the commander role be released", () => {
    expect(canRelease("commander")).toBe(false);
    expect(canRelease("operations")).toBe(true);
    expect(canRelease("communications")).toBe(true);
    expect(canRelease("planning")).toBe(true);
  });
});

describe("closing an incident", () => {
  it("waits for a published postmortem, which SEV1 and SEV2 incidents always need", () => {
    expect(closingProblem("SEV3", null)).toBeNull();
    expect(closingProblem("SEV1", null)).toEqual({ key: "errors.incident.closedByPostmortem", vars: { severity: "SEV1" } });
    expect(closingProblem("SEV3", "in_review")).toEqual({ key: "errors.incident.publishPostmortemFirst" });
    expect(closingProblem("SEV2", "published")).toBeNull();
  });
});

describe("opening times", () => {
  const now = at("2026-11-24T12:00:00Z");

  it("accepts an incident detected after it started, up to clock skew ahead of now", () => {
    expect(openingTimesProblem(at("2026-11-24T11:40:00Z"), at("2026-11-24T11:52:00Z"), now)).toBeNull();
    expect(openingTimesProblem(now, now, now)).toBeNull();
    expect(openingTimesProblem(now, at("2026-11-24T12:05:00Z"), now)).toBeNull();
  });

  it("refuses times in the future and a detection before the start", () => {
    expect(openingTimesProblem(at("2026-11-24T12:05:01Z"), at("2026-11-24T12:05:01Z"), now)).toEqual({ key: "errors.incident.startedInFuture" });
    expect(openingTimesProblem(now, at("2026-11-24T13:00:00Z"), now)).toEqual({ key: "errors.incident.detectedInFuture" });
    expect(openingTimesProblem(now, at("2026-11-24T11:59:59Z"), now)).toEqual({ key: "errors.incident.detectedBeforeStart" });
  });
});

describe("severity rank", () => {
  it("orders the severities as they are listed, SEV1 the most severe", () => {
    expect((["SEV3", "SEV1", "SEV4", "SEV2"] as const).toSorted((a, b) => SEVERITY_RANK[a] - SEVERITY_RANK[b])).toEqual(SEVERITIES);
  });
});

describe("stale changes (compare-and-set)", () => {
  const current = { status: "investigating", severity: "SEV1" } as const;

  it("names the fields whose value the person saw is no longer current", () => {
    expect(staleFields(current, { status: "investigating", severity: "SEV2" })).toEqual(["severity"]);
    expect(staleFields(current, { status: "declared", severity: "SEV2" })).toEqual(["status", "severity"]);
  });

  it("checks only the fields the person saw", () => {
    expect(staleFields(current, {})).toEqual([]);
    expect(staleFields(current, { severity: "SEV1" })).toEqual([]);
  });

  it("compares role holders, nobody included, unless the caller did not say whom it saw", () => {
    expect(roleHolderIsStale("ben", null)).toBe(true);
    expect(roleHolderIsStale(null, "ben")).toBe(true);
    expect(roleHolderIsStale("ben", "ben")).toBe(false);
    expect(roleHolderIsStale(null, null)).toBe(false);
    expect(roleHolderIsStale("ben", undefined)).toBe(false);
  });
});

describe('offering "I\'m on it"', () => {
  const working = { userId: "ben", acknowledgedAt: new Date() };
  const acknowledged = { status: "investigating", acknowledgedAt: new Date() } as const;

  it("is offered while the incident is declared, unacknowledged, or its commander has not taken the role up", () => {
    expect(offersTakeCommand({ status: "declared", acknowledgedAt: new Date() }, working)).toBe(true);
    expect(offersTakeCommand({ status: "investigating", acknowledgedAt: null }, working)).toBe(true);
    expect(offersTakeCommand(acknowledged, { userId: "ben", acknowledgedAt: null })).toBe(true);
  });

  it("is not offered once a commander is at work, nor after resolution", () => {
    expect(offersTakeCommand(acknowledged, working)).toBe(false);
    expect(offersTakeCommand({ status: "resolved", acknowledgedAt: null }, null)).toBe(false);
  });
});
