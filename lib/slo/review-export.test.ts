import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { sprintReviewCsv, sprintReviewMarkdown, sprintReviewSlowBurnsCsv } from "./review-export";
import type { TSprintReview } from "./sprint-review";

// Incident titles come from alert senders; service names from admins. Neither may become markup in a planning doc.
const from = new Date("2026-11-16T00:00:00Z");
const to = new Date("2026-11-30T00:00:00Z");
const hostileTitle = "[Sign in again](https://evil.example/login) **now** `x` <img src=x onerror=alert(1)> | ~~y~~";
const review: TSprintReview = {
  from,
  to,
  services: [
    {
      service: { id: "svc-1", name: '=HYPERLINK("https://evil.example","Payments")', slug: "payments", ownerTeam: "Payments" },
      verdict: null,
      assessment: null,
      slos: [],
      incidents: [
        {
          id: "inc-1",
          reference: "INC-9",
          title: hostileTitle,
          severity: "SEV2",
          status: "resolved",
          startedAt: new Date("2026-11-20T10:00:00Z"),
          serviceIds: ["svc-1"],
          durationMs: 3_600_000,
          acknowledgeMs: 600_000,
          recoveryMs: 2_400_000,
          costs: [{ sloId: "slo-1", slo: "availability", serviceId: "svc-1", consumedFraction: 0.6, automateRecovery: true, needsP0ActionItem: true }],
        },
      ],
      mttaMs: 600_000,
      mttrMs: 2_400_000,
      slowBurns: 1,
    },
  ],
  slowBurns: [
    {
      id: "alert-1",
      // An SLO name is free text; this one was deleted since, so the name comes from the alert's labels.
      sloId: null,
      slo: "avail | ability\n| x | y |",
      serviceId: "svc-1",
      rule: { name: "10% of budget in 3 d", longWindowMs: 259_200_000, factor: "1" },
      startedAt: new Date("2026-11-21T08:00:00Z"),
      endedAt: null,
      durationMs: 8.5 * 86_400_000,
      firingAtEnd: true,
      incident: { id: "inc-1", reference: "INC-9", title: hostileTitle },
      acknowledgedAt: new Date("2026-11-21T08:30:00Z"),
      acknowledgeMs: 1_800_000,
      acknowledgedBy: "@SUM(1+1)*cmd|' /C calc'!A0",
    },
  ],
  totals: { incidents: 1, mttaMs: 600_000, mttrMs: 2_400_000, slowBurns: 1 },
};

describe("sprint review exports with hostile names", () => {
  it("escape incident titles in Markdown so they make no link, emphasis, code or HTML", () => {
    const markdown = sprintReviewMarkdown(review, translator("en"));
    const escaped = "\\[Sign in again\\](https://evil.example/login) \\*\\*now\\*\\* \\`x\\` \\<img src=x onerror=alert(1)\\> \\| \\~\\~y\\~\\~";
    // The incidents table, the slow burns and the automation list all quote the title, escaped.
    expect(markdown.split(`INC-9 ${escaped}`)).toHaveLength(4);
    expect(markdown).not.toContain("[Sign in again](");
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
  });

  it("keeps a slow burn's SLO name with pipes and a newline on one row of its table", () => {
    const markdown = sprintReviewMarkdown(review, translator("en"));
    expect(markdown).toContain('### =HYPERLINK("https://evil.example","Payments"): 1');
    const row = markdown.split("\n").find((line) => line.startsWith("| avail"));
    expect(row).toBe(
      `| avail \\| ability \\| x \\| y \\| | 10% of budget in 3 d · 1× | 2026-11-21 08:00 UTC | still firing | 8 d 12 h | INC-9 ${"\\[Sign in again\\](https://evil.example/login) \\*\\*now\\*\\* \\`x\\` \\<img src=x onerror=alert(1)\\> \\| \\~\\~y\\~\\~"} | after 30 m by @SUM(1+1)\\*cmd\\|' /C calc'!A0 |`,
    );
  });

  it("keeps a name that starts like a formula from running in a spreadsheet", () => {
    const csv = sprintReviewCsv(review, translator("en"));
    expect(csv.split("\n")[1]).toMatch(/^"'=HYPERLINK\(/);
    const burns = sprintReviewSlowBurnsCsv(review, translator("en"));
    expect(burns.split("\n")[0]).toBe(
      "service,slo,rule,started_at,ended_at,duration_minutes,firing_at_sprint_end,incident,acknowledged_at,acknowledge_minutes,acknowledged_by",
    );
    expect(burns).toMatch(/^"'=HYPERLINK\(/m);
    expect(burns).toContain(`,'@SUM(1+1)*cmd|' /C calc'!A0\n`);
    // The SLO name's newline stays inside its quoted cell.
    expect(burns).toContain(`,"avail | ability\n| x | y |",10% of budget in 3 d · 1×,2026-11-21T08:00:00.000Z,,12240.0,yes,`);
  });
});
