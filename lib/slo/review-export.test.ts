import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { sprintReviewCsv, sprintReviewMarkdown } from "./review-export";
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
    },
  ],
  totals: { incidents: 1, mttaMs: 600_000, mttrMs: 2_400_000 },
};

describe("sprint review exports with hostile names", () => {
  it("escape incident titles in Markdown so they make no link, emphasis, code or HTML", () => {
    const markdown = sprintReviewMarkdown(review, translator("en"));
    const escaped = "\\[Sign in again\\](https://evil.example/login) \\*\\*now\\*\\* \\`x\\` \\<img src=x onerror=alert(1)\\> \\| \\~\\~y\\~\\~";
    // The incidents table and the automation list both quote the title, escaped.
    expect(markdown.split(`INC-9 ${escaped}`)).toHaveLength(3);
    expect(markdown).not.toContain("[Sign in again](");
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
  });

  it("keeps a name that starts like a formula from running in a spreadsheet", () => {
    const csv = sprintReviewCsv(review, translator("en"));
    expect(csv.split("\n")[1]).toMatch(/^"'=HYPERLINK\(/);
  });
});
