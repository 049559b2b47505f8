import { describe, expect, it } from "vitest";
import { alertGroupLockKey, isAtLeast, mayOpenIncident, severityForAlert } from "./rules";
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

  it("locks per service and group, not per alert", () => {
    expect(alertGroupLockKey("svc1", "g")).toBe(alertGroupLockKey("svc1", "g"));
    expect(alertGroupLockKey("svc1", "g")).not.toBe(alertGroupLockKey(null, "g"));
  });
});
