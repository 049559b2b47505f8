import { describe, expect, it } from "vitest";
import { blamelessHints, documentBlameHints } from "./blameless";
import { bold, generatedSection, heading, link, paragraph, text, type TDocNode } from "./document-nodes";
import { postmortemHtml, postmortemMarkdown, type TExportLabels } from "./export";
import { generatePostmortemDocument, TEMPLATE_SECTIONS, type TPostmortemSource } from "./generate";
import { approvalProblem, authorRemovalProblem, canMoveTo, isOverdue, peopleWhoActed, possibleApprovers, REVIEW_GOALS } from "./rules";
import { isSafeHref } from "./safe-href";

const at = (time: string) => new Date(`2026-11-24T${time}:00Z`);

function source(language: "en" | "ja"): TPostmortemSource {
  return {
    language,
    postmortemStatus: "draft",
    incident: {
      reference: "INC-7",
      title: "Checkout failing for card payments",
      severity: "SEV1",
      status: "resolved",
      summary: "Card payments failed at authorisation.",
      services: ["Checkout API"],
      startedAt: at("10:00"),
      detectedAt: at("10:04"),
      acknowledgedAt: at("10:06"),
      mitigatedAt: at("10:40"),
      resolvedAt: at("11:00"),
    },
    authors: ["Ben Carter", "Chen Wei"],
    timeline: [
      { id: "1", occurredAt: at("10:04"), actor: "Firebreak", kind: "declared", description: "declared the incident (SEV1)", body: "", keyEvent: false },
      ...Array.from({ length: 5 }, (_, index) => ({
        id: String(2 + index),
        occurredAt: at("10:05"),
        actor: "Firebreak",
        kind: "alert_attached" as const,
        description: `alert ${index}`,
        body: "",
        keyEvent: false,
      })),
      { id: "7", occurredAt: at("10:20"), actor: "Chen Wei", kind: "note", description: "noted", body: "Acquirer timeouts since 10:02", keyEvent: true },
    ],
    alerts: [
      {
        title: "CheckoutCardAuthFailing",
        source: "alertmanager",
        integration: "Prometheus (prod)",
        labels: { service: "checkout-api", severity: "critical" },
        links: [
          { href: "https://runbooks.example.com/card", text: "Runbook" },
          { href: "javascript:alert(1)", text: "Evil" },
        ],
        startsAt: at("10:03"),
        payloadUrl: "/api/deliveries/12/payload",
      },
      { title: "Later alert", source: "slo", integration: "SLO", labels: {}, links: [], startsAt: at("10:30"), payloadUrl: null },
    ],
    sloImpacts: [{ service: "Checkout API", slo: "Checkout availability", consumedFraction: 0.262, badEvents: 15_270 }],
    generatedAt: at("12:00"),
  };
}

const headings = (document: TDocNode) => (document.content ?? []).filter((node) => node.type === "heading").map((node) => node.content?.[0]?.text);
const sectionText = (document: TDocNode, section: string) => JSON.stringify((document.content ?? []).find((node) => node.attrs?.section === section));

describe("generating a postmortem draft", () => {
  it("follows the template's section order with its English and Japanese headings", () => {
    expect(headings(generatePostmortemDocument(source("en")))).toEqual([
      "INC-7: Checkout failing for card payments",
      "Date",
      "Authors",
      "Status",
      "Summary",
      "Impact",
      "Root causes",
      "Trigger",
      "Resolution",
      "Detection",
      "Action items",
      "Lessons learned",
      "What went well",
      "What went wrong",
      "Where we got lucky",
      "Timeline",
      "Supporting information",
    ]);
    expect(headings(generatePostmortemDocument(source("ja"))).slice(1)).toEqual([
      "作成日",
      "作者",
      "ステータス",
      "サマリ",
      "影響",
      "根本原因",
      "発生要因",
      "対応",
      "検出",
      "アクションアイテム",
      "教訓",
      "うまくいったこと",
      "うまくいかなかったこと",
      "幸運だったこと",
      "タイムライン",
      "参考情報",
    ]);
    expect(TEMPLATE_SECTIONS).toHaveLength(13);
  });

  it("fills impact, detection, timeline and supporting information from the incident and its alerts", () => {
    const document = generatePostmortemDocument(source("en"));
    expect(sectionText(document, "authors")).toContain("Ben Carter, Chen Wei");
    const impact = sectionText(document, "impact");
    expect(impact).toContain("2026-11-24 10:04 UTC (time to detect 4 m)");
    expect(impact).toContain("time to acknowledge 2 m");
    expect(impact).toContain("time to mitigate 40 m");
    expect(impact).toContain("Checkout API · Checkout availability");
    expect(impact).toContain("26.2%");
    const detection = sectionText(document, "detection");
    expect(detection).toContain("1 alert(s) from Prometheus (prod) fired first, at 2026-11-24 10:03 UTC; the incident was detected 4 m after it started.");
    expect(detection).toContain("service=checkout-api");
    expect(detection).toContain("https://runbooks.example.com/card");
    expect(detection).not.toContain("javascript:");
    expect(detection).toContain("1 more alert(s) followed.");
    const timeline = sectionText(document, "timeline");
    // Five alert events in a row fold into one line; the key event is bold; each time links to the room.
    expect(timeline).toContain("5 alert events");
    expect(timeline).not.toContain("alert 3");
    expect(timeline).toContain('"text":"noted: Acquirer timeouts since 10:02","marks":[{"type":"bold"}]');
    expect(timeline).toContain("/incidents/INC-7#entry-7");
    const supporting = sectionText(document, "supporting");
    expect(supporting).toContain("/api/deliveries/12/payload");
    expect(supporting).not.toContain("javascript:");
  });
});

const labels: TExportLabels = { title: "Title", owner: "Owner", priority: "Priority", due: "Due", status: "Status", tracker: "Tracker", none: "None yet." };

describe("exports", () => {
  it("writes GitHub-flavoured Markdown with the template headings, the timeline as a table and action items as a table", () => {
    const markdown = postmortemMarkdown(
      generatePostmortemDocument(source("en")),
      [
        {
          title: "Alert on acquirer timeouts",
          owner: "Chen Wei",
          priority: "P0",
          dueDate: "2026-12-01",
          status: "open",
          trackerUrl: "https://jira.example.com/OPS-1",
        },
      ],
      labels,
    );
    const order = TEMPLATE_SECTIONS.map((section) =>
      markdown.indexOf(
        `## ${{ date: "Date", authors: "Authors", status: "Status", summary: "Summary", impact: "Impact", rootCauses: "Root causes", trigger: "Trigger", resolution: "Resolution", detection: "Detection", actionItems: "Action items", lessons: "Lessons learned", timeline: "Timeline", supporting: "Supporting information" }[section]}`,
      ),
    );
    expect(order.every((position, index) => position > 0 && (index === 0 || position > (order[index - 1] as number)))).toBe(true);
    expect(markdown).toContain("| Time (UTC) | Who | What |\n| --- | --- | --- |");
    expect(markdown).toContain(
      "| Alert on acquirer timeouts | Chen Wei | P0 | 2026-12-01 | open | [https://jira.example.com/OPS-1](https://jira.example.com/OPS-1) |",
    );
    expect(markdown).toContain("### What went well");
    // Template prompts stay visible as guidance, in italics.
    expect(markdown).toContain("*The underlying conditions that let the trigger cause an outage. Describe the system, not the people.*");
  });

  it("sanitises what people typed or pasted: no script, no javascript: links, no broken tables", () => {
    const hostile: TDocNode = {
      type: "doc",
      content: [
        heading(2, "Summary"),
        paragraph(text("<script>alert(1)</script> | pipe"), link("click", "javascript:alert(1)"), link("ok", "https://example.com/a b")),
        generatedSection("summary", [paragraph(bold("<img src=x onerror=alert(1)>"))]),
      ],
    };
    const markdown = postmortemMarkdown(hostile, [], labels);
    expect(markdown).toContain("\\<script\\>alert(1)\\</script\\> \\| pipe");
    expect(markdown).not.toContain("javascript:");
    expect(markdown).toContain("[ok](https://example.com/a%20b)");
    const html = postmortemHtml(
      hostile,
      [{ title: "<b>x</b>", owner: "", priority: "P1", dueDate: "", status: "open", trackerUrl: "javascript:alert(2)" }],
      labels,
      "en",
      "<t>",
    );
    expect(html).not.toMatch(/<script>|<img|javascript:/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<a href="https://example.com/a b" rel="noopener noreferrer">ok</a>');
    expect(html).toContain("<title>&lt;t&gt;</title>");
    expect(["javascript:alert(1)", "data:text/html,x", "//evil.example", " JaVaScRiPt:alert(1)"].some(isSafeHref)).toBe(false);
    expect(["https://a.example", "mailto:a@b.example", "/incidents/INC-1"].every(isSafeHref)).toBe(true);
  });
});

describe("blameless-language hints", () => {
  it("finds blame in English and suggests describing the system", () => {
    const text = "Dana forgot to renew the certificate; human error. She should have known.";
    const hints = blamelessHints(text, "en");
    expect(hints.map((hint) => hint.phrase)).toEqual(["forgot to", "human error", "should have known"]);
    expect(text.slice(hints[1]?.from, hints[1]?.to)).toBe("human error");
    expect(hints[0]?.suggestion).toMatch(/process or tooling/);
    expect(blamelessHints("The certificate expired because renewal was manual.", "en")).toEqual([]);
  });

  it("lists a document's hints block by block, tables included, in reading order", () => {
    const document = generatePostmortemDocument({
      ...source("en"),
      timeline: [{ id: "9", occurredAt: at("10:30"), actor: "Chen Wei", kind: "note", description: "noted", body: "Dana forgot to renew it", keyEvent: false }],
    });
    document.content?.push(paragraph("Human error, and she should have known."));
    expect(documentBlameHints(document, "en").map((hint) => hint.phrase)).toEqual(["forgot to", "Human error", "should have known"]);
  });

  it("finds blame in Japanese", () => {
    const hints = blamelessHints("田中さんのミスで設定が漏れた。不注意による人的ミスで、確認すべきだった。", "ja");
    expect(hints.map((hint) => hint.phrase)).toEqual(["田中さんのミス", "不注意", "人的ミス", "確認すべきだった"]);
    expect(hints[0]?.suggestion).toMatch(/手順やツール/);
  });
});

describe("review rules", () => {
  it("lets only a reviewer who is not an author approve, with every goal checked", () => {
    const all = Object.fromEntries(REVIEW_GOALS.map((goal) => [goal, true]));
    expect(approvalProblem("ben", ["ben", "chen"], all)).toBe("reviewer_is_author");
    expect(approvalProblem("aiko", ["ben", "chen"], { ...all, shared: false })).toBe("checklist_incomplete");
    expect(approvalProblem("aiko", ["ben", "chen"], all)).toBeNull();
  });

  it("moves draft → in review → approved → published, with send-back", () => {
    expect(canMoveTo("draft", "in_review")).toBe(true);
    expect(canMoveTo("draft", "approved")).toBe(false);
    expect(canMoveTo("in_review", "draft")).toBe(true);
    expect(canMoveTo("approved", "published")).toBe(true);
    expect(canMoveTo("published", "draft")).toBe(false);
  });
});

describe("authors and approvers", () => {
  it("proposes the people who acted, in order of first appearance, not those who only wrote the postmortem", () => {
    expect(
      peopleWhoActed([
        { actorId: "ben", kind: "role_assigned" },
        { actorId: "chen", kind: "note" },
        { actorId: "ben", kind: "acknowledged" },
        { actorId: "dana", kind: "status_changed" },
        { actorId: "erin", kind: "postmortem_created" },
      ]),
    ).toEqual(["ben", "chen", "dana"]);
  });

  it("lets authors change while a draft, never down to none", () => {
    expect(authorRemovalProblem("draft", ["ben", "chen"], "chen")).toBeNull();
    expect(authorRemovalProblem("draft", ["ben"], "ben")).toBe("last_author");
    expect(authorRemovalProblem("draft", ["ben", "chen"], "dana")).toBe("not_an_author");
    expect(authorRemovalProblem("in_review", ["ben", "chen"], "chen")).toBe("not_draft");
  });

  it("names who may approve: the people who can write and are not authors", () => {
    const people = [{ id: "ben" }, { id: "chen" }, { id: "dana" }];
    expect(possibleApprovers(people, ["ben", "chen"])).toEqual([{ id: "dana" }]);
    expect(possibleApprovers(people, ["ben", "chen", "dana"])).toEqual([]);
  });
});

describe("overdue action items", () => {
  const now = new Date("2026-11-24T23:30:00Z");
  const due = (day: string) => new Date(`${day}T00:00:00Z`);

  it("is overdue from the day after its due date while still to do", () => {
    expect(isOverdue({ dueDate: due("2026-11-23"), status: "open" }, now)).toBe(true);
    expect(isOverdue({ dueDate: due("2026-11-23"), status: "in_progress" }, now)).toBe(true);
    expect(isOverdue({ dueDate: due("2026-11-24"), status: "open" }, now)).toBe(false);
  });

  it("is never overdue when finished or without a due date", () => {
    expect(isOverdue({ dueDate: due("2026-01-01"), status: "done" }, now)).toBe(false);
    expect(isOverdue({ dueDate: due("2026-01-01"), status: "wont_do" }, now)).toBe(false);
    expect(isOverdue({ dueDate: null, status: "open" }, now)).toBe(false);
  });
});
