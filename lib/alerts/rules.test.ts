import { describe, expect, it } from "vitest";
import { parseServerEnv } from "@/lib/env/schema";
import {
  alertGroupLockKey,
  alertRoutingLocks,
  alertServiceLockKey,
  allAlertsResolved,
  incidentSourceOf,
  intakeLimit,
  intakeMinute,
  isAtLeast,
  mayOpenIncident,
  secondsToNextMinute,
  severityForAlert,
} from "./rules";
import { DEFAULT_SEVERITY_MAP } from "./schema";

describe("severity mapping", () => {
  it("maps a source level through the integration's map, or falls back to its default", () => {
    expect(severityForAlert("critical", DEFAULT_SEVERITY_MAP, "SEV3")).toBe("SEV2");
    expect(severityForAlert("warning", { ...DEFAULT_SEVERITY_MAP, warning: "SEV3" }, "SEV1")).toBe("SEV3");
    expect(severityForAlert(null, DEFAULT_SEVERITY_MAP, "SEV1")).toBe("SEV1");
  });

  it("orders severities with SEV1 the most severe", () => {
    expect(isAtLeast("SEV1", "SEV2")).toBe(true);
    expect(isAtLeast("SEV2", "SEV2")).toBe(true);
    expect(isAtLeast("SEV3", "SEV2")).toBe(false);
  });
});

describe("opening incidents", () => {
  const rules = { openIncidentAtOrAbove: "SEV3" as const, minOccurrences: 2 };
  it("needs enough severity and enough occurrences", () => {
    expect(mayOpenIncident("SEV2", 2, rules)).toBe(true);
    expect(mayOpenIncident("SEV2", 1, rules)).toBe(false);
    expect(mayOpenIncident("SEV4", 5, rules)).toBe(false);
  });
});

describe("incident sources", () => {
  it("records incidents opened by Firebreak's SLO alerts as burns, and by any other sender as alerts", () => {
    expect(incidentSourceOf("slo")).toBe("slo_burn");
    expect(incidentSourceOf("alertmanager")).toBe("alert");
    expect(incidentSourceOf("pagerduty")).toBe("alert");
  });
});

describe("all alerts resolved", () => {
  it("holds only when the incident has alerts and none of them is firing", () => {
    expect(allAlertsResolved([{ status: "resolved" }, { status: "resolved" }])).toBe(true);
    expect(allAlertsResolved([{ status: "resolved" }, { status: "firing" }])).toBe(false);
    expect(allAlertsResolved([])).toBe(false);
  });
});

describe("routing locks", () => {
  it("gives one key to one service and group, whichever alert asks", () => {
    const group = '{}:{alertname="APILatencyHigh"}';
    expect(alertGroupLockKey("svc1", group)).toBe(alertGroupLockKey(["svc", "1"].join(""), `${group}`));
    // Stable across releases: processes of two versions running side by side must lock alike.
    expect(alertGroupLockKey("svc1", "g")).toBe('alert-group:["svc1","g"]');
    expect(alertGroupLockKey(null, "g")).toBe('alert-group:[null,"g"]');
    expect(alertServiceLockKey("svc1")).toBe('alert-service:"svc1"');
  });

  it("gives different services, groups and pairs different keys", () => {
    const keys = [
      alertGroupLockKey("svc1", "g"),
      alertGroupLockKey("svc2", "g"),
      alertGroupLockKey("svc1", "h"),
      alertGroupLockKey(null, "g"),
      alertGroupLockKey("-", "g"),
      // A separator inside a group key cannot make two pairs meet.
      alertGroupLockKey("a|b", "c"),
      alertGroupLockKey("a", "b|c"),
      alertServiceLockKey("svc1"),
      alertServiceLockKey("svc2"),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("locks each group once, and the service alone for SLO burn-rate alerts, shared for other sources", () => {
    const alerts = [
      { serviceId: "svc1", groupKey: "g" },
      { serviceId: "svc1", groupKey: "g" },
      { serviceId: "svc1", groupKey: "h" },
      { serviceId: null, groupKey: "g" },
    ];
    const groups = [alertGroupLockKey("svc1", "g"), alertGroupLockKey("svc1", "h"), alertGroupLockKey(null, "g")];
    expect(alertRoutingLocks("alertmanager", alerts)).toEqual(
      [...groups.map((key) => ({ key, shared: false })), { key: alertServiceLockKey("svc1"), shared: true }].sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
    expect(alertRoutingLocks("slo", alerts)).toContainEqual({ key: alertServiceLockKey("svc1"), shared: false });
  });

  it("takes locks in one order whatever order the alerts come in", () => {
    const alerts = [
      { serviceId: "svc2", groupKey: "b" },
      { serviceId: "svc1", groupKey: "a" },
      { serviceId: "svc1", groupKey: "c" },
    ];
    const forward = alertRoutingLocks("generic", alerts).map((lock) => lock.key);
    expect(alertRoutingLocks("generic", [...alerts].reverse()).map((lock) => lock.key)).toEqual(forward);
    expect([...forward].sort()).toEqual(forward);
  });
});

describe("intake rate limit", () => {
  it("lets 600 deliveries a minute in by default, and any number when the setting is 0", () => {
    expect(intakeLimit(parseServerEnv({}))).toBe(600);
    expect(intakeLimit(parseServerEnv({ FIREBREAK_INTAKE_PER_MINUTE: "0" }))).toBeNull();
  });

  it("counts a delivery in the minute it arrives", () => {
    expect(intakeMinute(new Date("2027-03-10T12:34:56.789Z"))).toEqual(new Date("2027-03-10T12:34:00Z"));
  });

  it("asks a refused sender to retry when the next minute starts, in whole seconds", () => {
    expect(secondsToNextMinute(new Date("2027-03-10T12:34:10.200Z"))).toBe(50);
    expect(secondsToNextMinute(new Date("2027-03-10T12:34:59.500Z"))).toBe(1);
    expect(secondsToNextMinute(new Date("2027-03-10T12:34:00.000Z"))).toBe(60);
  });
});
