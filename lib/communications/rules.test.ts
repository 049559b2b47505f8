import { describe, expect, it } from "vitest";
import { genericPayload, isUpdateOverdue, retryDelayMs, slackPayload } from "./rules";

const update = {
  incident: { reference: "INC-7", title: "Checkout 502s", severity: "SEV1", url: "https://firebreak.example.com/incidents/INC-7" },
  status: "identified",
  impact: "Card payments fail for about 40% of customers",
  message: "The acquirer's endpoint times out; we are failing over.",
  nextUpdateAt: new Date("2026-11-24T10:30:00Z"),
  publishedAt: new Date("2026-11-24T10:00:00Z"),
  author: "Dana Okafor",
};

describe("stakeholder update payloads", () => {
  it("give Slack a text fallback and blocks with the impact and next update", () => {
    const payload = slackPayload(update);
    expect(payload.text).toBe("[SEV1] INC-7 Checkout 502s: identified");
    expect(JSON.stringify(payload.blocks)).toContain("Next update by 2026-11-24 10:30 UTC");
    expect(JSON.stringify(payload.blocks)).toContain("<https://firebreak.example.com/incidents/INC-7|INC-7 Checkout 502s>");
  });

  it("give generic receivers structured JSON", () => {
    expect(genericPayload(update)).toMatchObject({
      event: "stakeholder_update",
      incident: { reference: "INC-7" },
      update: { nextUpdateAt: "2026-11-24T10:30:00.000Z" },
    });
  });
});

describe("delivery and reminders", () => {
  it("backs off between attempts", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it("flags an overdue update only while the incident is open", () => {
    const now = new Date("2026-11-24T10:31:00Z");
    expect(isUpdateOverdue(update.nextUpdateAt, "investigating", now)).toBe(true);
    expect(isUpdateOverdue(update.nextUpdateAt, "resolved", now)).toBe(false);
    expect(isUpdateOverdue(null, "investigating", now)).toBe(false);
    expect(isUpdateOverdue(update.nextUpdateAt, "investigating", new Date("2026-11-24T10:29:00Z"))).toBe(false);
  });
});
