import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { bold, heading, italic, link, paragraph, prompt, text, type TDocNode } from "./document-nodes";
import { postmortemHtml, postmortemMarkdown } from "./export";
import { documentForExport, type TExportSettings } from "./export-document";
import { generatePostmortemDocument, PROMPT_KEYS, statusLine, type TPostmortemSource } from "./generate";

const at = (time: string) => new Date(`2026-11-24T${time}:00Z`);
const labels = { title: "Title", owner: "Owner", priority: "Priority", due: "Due", status: "Status", tracker: "Tracker", none: "None yet." };

function source(language: "en" | "ja"): TPostmortemSource {
  return {
    language,
    postmortemStatus: "draft",
    incident: {
      reference: "INC-18",
      title: "Checkout failing",
      severity: "SEV2",
      status: "resolved",
      summary: "Card payments failed.",
      services: ["Checkout API"],
      startedAt: at("10:00"),
      detectedAt: at("10:04"),
      acknowledgedAt: null,
      mitigatedAt: at("10:40"),
      resolvedAt: at("11:00"),
    },
    authors: ["Ben Carter"],
    timeline: [{ id: "111", occurredAt: at("10:20"), actor: "Chen Wei", kind: "note", description: "noted", body: "Acquirer timeouts", keyEvent: true }],
    alerts: [],
    sloImpacts: [],
    generatedAt: at("12:00"),
  };
}

const settings = (language: "en" | "ja", postmortemStatus: "draft" | "published" = "published"): TExportSettings => ({
  statusLine: statusLine(language, { postmortemStatus, severity: "SEV2", incidentStatus: "closed" }),
  absoluteUrl: (path) => `https://firebreak.example.com${path}`,
  templatePrompts: new Set((["en", "ja"] as const).flatMap((locale) => PROMPT_KEYS.map((key) => translator(locale)(key)))),
  notWritten: translator(language)("pm.export.notWritten"),
});

const exported = (document: TDocNode, language: "en" | "ja" = "en") => postmortemMarkdown(documentForExport(document, settings(language)), [], labels);

/** The section of a Markdown export under `title`, up to the next heading. */
const section = (markdown: string, title: string) => markdown.split(new RegExp(`^#+ ${title}$`, "m"))[1]?.split(/^#/m)[0]?.trim();

// A strict reading of CommonMark's emphasis rules, independent of the writer: every unescaped `*` run
// outside code spans pairs with the next on its line, the opener left-flanking and the closer
// right-flanking (CommonMark 0.31, "delimiter run"; a line's edge counts as whitespace).
const space = (character: string | undefined) => character === undefined || /\s/u.test(character);
const punctuation = (character: string | undefined) => character !== undefined && /[\p{P}\p{S}]/u.test(character);
function brokenEmphasis(markdown: string): string[] {
  const broken: string[] = [];
  for (const line of markdown.split("\n")) {
    const outsideCode = line.replace(/`[^`]*`/g, (span) => "c".repeat(span.length));
    const runs = [...outsideCode.matchAll(/(?<!\\)\*+/g)].map((match) => ({ at: match.index, length: match[0].length }));
    for (let index = 0; index < runs.length; index += 2) {
      const open = runs[index];
      const close = runs[index + 1];
      if (!open || !close || open.length !== close.length) {
        broken.push(line);
        continue;
      }
      const [beforeOpen, afterOpen] = [outsideCode[open.at - 1], outsideCode[open.at + open.length]];
      const [beforeClose, afterClose] = [outsideCode[close.at - 1], outsideCode[close.at + close.length]];
      const leftFlanking = !space(afterOpen) && (!punctuation(afterOpen) || space(beforeOpen) || punctuation(beforeOpen));
      const rightFlanking = !space(beforeClose) && (!punctuation(beforeClose) || space(afterClose) || punctuation(afterClose));
      if (!leftFlanking || !rightFlanking) broken.push(line);
    }
  }
  return broken;
}

describe("the postmortem as exported", () => {
  it("states the postmortem's status now, not the one it was generated with, in English and Japanese", () => {
    const english = exported(generatePostmortemDocument(source("en")));
    expect(section(english, "Status")).toBe("Published · SEV2 · incident Closed");
    expect(english).not.toContain("Draft");
    const japanese = exported(generatePostmortemDocument(source("ja")), "ja");
    expect(section(japanese, "ステータス")).toBe("公開済み・SEV2・インシデントはクローズ");
    expect(japanese).not.toContain("下書き");
  });

  it("writes bold a Markdown reader takes as bold: `**Started:** 2026…`, never with a space inside the markers", () => {
    for (const language of ["en", "ja"] as const) {
      const markdown = exported(generatePostmortemDocument(source(language)), language);
      expect(brokenEmphasis(markdown)).toEqual([]);
      expect(markdown).not.toMatch(/\*\*[^*\n]*\s\*\*/);
    }
    const markdown = exported(generatePostmortemDocument(source("en")));
    expect(markdown).toContain("- **Started:** 2026-11-24 10:00 UTC");
    expect(markdown).toContain("- **Acknowledged:** —");
    expect(markdown).toContain("**noted: Acquirer timeouts**");
  });

  it("keeps whitespace outside emphasis and falls back to HTML tags where neighbours would stop the markers", () => {
    const document: TDocNode = {
      type: "doc",
      content: [
        paragraph(text("see"), bold(" the runbook "), text("now")),
        paragraph(bold("原因："), text("設定の漏れ")),
        paragraph(text("a"), italic("(b)"), text("c")),
        paragraph(link("bold link", "https://example.com"), text(" and "), { type: "text", text: "both", marks: [{ type: "bold" }, { type: "italic" }] }),
      ],
    };
    const markdown = postmortemMarkdown(document, [], labels);
    expect(markdown).toContain("see **the runbook** now");
    expect(markdown).toContain("<strong>原因：</strong>設定の漏れ");
    expect(markdown).toContain("a<em>(b)</em>c");
    expect(markdown).toContain("***both***");
    expect(brokenEmphasis(markdown)).toEqual([]);
  });

  it("leaves out template prompts nobody answered and says a section is not written (EN and JA)", () => {
    const english = exported(generatePostmortemDocument(source("en")));
    for (const key of PROMPT_KEYS) expect(english).not.toContain(translator("en")(key));
    expect(section(english, "Root causes")).toBe("*Not written yet.*");
    expect(section(english, "What went well")).toBe("*Not written yet.*");
    expect(section(english, "Summary")).toBe("Card payments failed.");
    const japanese = exported(generatePostmortemDocument(source("ja")), "ja");
    for (const key of PROMPT_KEYS) expect(japanese).not.toContain(translator("ja")(key));
    expect(section(japanese, "根本原因")).toBe("*未記入*");
  });

  it("keeps what people wrote under a prompt, and a prompt people wrote into, as their text", () => {
    const rootCauses = translator("en")("pm.prompt.rootCauses");
    const document: TDocNode = {
      type: "doc",
      content: [
        heading(2, "Root causes"),
        prompt(rootCauses),
        paragraph("The renewal reminder went to a deleted mailbox."),
        heading(2, "Trigger"),
        prompt("What set it off: the certificate expired at 03:00 JST."),
        heading(2, "Resolution"),
        prompt(translator("en")("pm.prompt.resolution")),
        paragraph(),
      ],
    };
    const markdown = exported(document);
    expect(section(markdown, "Root causes")).toBe("The renewal reminder went to a deleted mailbox.");
    expect(section(markdown, "Trigger")).toBe("What set it off: the certificate expired at 03:00 JST.");
    expect(section(markdown, "Resolution")).toBe("*Not written yet.*");
  });

  it("makes Firebreak's own links absolute at NEXTAUTH_URL, in Markdown and HTML, and leaves other links alone", () => {
    const document = generatePostmortemDocument(source("en"));
    const markdown = exported(document);
    expect(markdown).toContain("](https://firebreak.example.com/incidents/INC-18#entry-111)");
    expect(markdown).toContain("](https://firebreak.example.com/incidents/INC-18)");
    expect(markdown).not.toMatch(/\]\(\//);
    const html = postmortemHtml(documentForExport(document, settings("en")), [], labels, "en", "INC-18");
    expect(html).toContain('href="https://firebreak.example.com/incidents/INC-18#entry-111"');
    expect(html).not.toContain('href="/');
    const other = exported({ type: "doc", content: [paragraph(link("Runbook", "https://runbooks.example.com/a"))] });
    expect(other).toContain("[Runbook](https://runbooks.example.com/a)");
  });
});
