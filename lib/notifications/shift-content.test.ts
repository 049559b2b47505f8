import { describe, expect, it } from "vitest";
import { webhookPayload } from "./channels/webhook";
import { voiceTwiml } from "./channels/twilio";
import { notificationContent, shiftHeadline } from "./content";
import type { TShiftNotification } from "./schema";

function shift(fields: Partial<TShiftNotification["shift"]>): TShiftNotification {
  return {
    type: "shift",
    shift: { kind: "handoff", team: "Payments SRE", schedule: "Primary", outgoing: ["Aiko"], incoming: ["Ben"], startsAt: "2027-01-05T01:00:00Z", until: "2027-01-06T01:00:00Z", timeZone: "Asia/Tokyo", ...fields },
    links: { open: "https://firebreak.example.com/teams/payments/schedules/s1" },
    test: false,
  };
}

describe("shift-change notices", () => {
  it("says who hands over to whom and until when, in the team's zone and the reader's language", () => {
    expect(shiftHeadline(shift({}), "en")).toBe("Primary: Aiko hands over to Ben (until 6 Jan 2027, 10:00 GMT+9)");
    expect(shiftHeadline(shift({}), "ja")).toBe("Primary: Aiko から Ben に交代します（2027年1月6日 10:00 JST まで）");
    expect(shiftHeadline(shift({ outgoing: [], until: null }), "en")).toBe("Primary: Ben comes on call");
    expect(shiftHeadline(shift({ incoming: [] }), "en")).toBe("Primary: Aiko goes off call, and nobody is on call now");
    expect(shiftHeadline(shift({ kind: "reminder", outgoing: [] }), "en")).toBe("Reminder: you are on call for Primary from 5 Jan 2027, 10:00 GMT+9 (until 6 Jan 2027, 10:00 GMT+9)");
  });

  it("renders for every channel: facts and the schedule link, a webhook type of its own, and a call that reads the headline", () => {
    const content = notificationContent(shift({}), { name: "Payments SRE", email: "", locale: "en", team: true });
    expect(content.facts.map((fact) => `${fact.label}: ${fact.value}`)).toEqual(["Team: Payments SRE", "Schedule: Primary", "From: 5 Jan 2027, 10:00 GMT+9", "Until: 6 Jan 2027, 10:00 GMT+9"]);
    expect(content.actions).toEqual([{ kind: "open", label: "Open the schedule", url: "https://firebreak.example.com/teams/payments/schedules/s1" }]);
    expect(content.footer).toBe("Sent by Firebreak to the Payments SRE team's channel.");
    expect(webhookPayload(shift({}), "low", { name: "Payments SRE", email: "", locale: "en" }, new Date("2027-01-05T01:00:05Z"))).toMatchObject({
      type: "firebreak.shift.handoff",
      shift: { outgoing: ["Aiko"], incoming: ["Ben"], startsAt: "2027-01-05T01:00:00Z" },
    });
    expect(voiceTwiml(shift({ schedule: "<Primary>" }), "en")).toContain("Firebreak. &lt;Primary&gt;: Aiko hands over to Ben");
  });
});
