import { describe, expect, it } from "vitest";
import type { TDocNode } from "./document-nodes";
import { postmortemMarkdown } from "./export";

const labels = { title: "Title", owner: "Owner", priority: "Priority", due: "Due", status: "Status", tracker: "Tracker", none: "None" };

describe("postmortem Markdown with hostile text", () => {
  it("keeps pasted code inside its code block even when it contains a fence of its own", () => {
    const code = "kubectl logs\n```\n[Sign in again](https://evil.example/login)\n<img src=x onerror=alert(1)>\n````";
    const document: TDocNode = { type: "doc", content: [{ type: "codeBlock", content: [{ type: "text", text: code }] }] };
    const markdown = postmortemMarkdown(document, [], labels);
    const block = /^(`{3,})\n([\s\S]*)\n\1\n$/.exec(markdown);
    expect(block?.[2]).toBe(code);
    expect(block?.[1]).toBe("`````");
  });

  it("escapes link, emphasis and HTML syntax in text and action items", () => {
    const document: TDocNode = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "[Sign in again](https://evil.example) *now* <b>x</b>" }] },
        { type: "generatedSection", attrs: { section: "actionItems" }, content: [] },
      ],
    };
    const items = [{ title: "[Fix](https://evil.example) <i>it</i>", owner: "*Dana*", priority: "P1", dueDate: "", status: "open", trackerUrl: null }];
    const markdown = postmortemMarkdown(document, items, labels);
    expect(markdown).toContain("\\[Sign in again\\](https://evil.example) \\*now\\* \\<b\\>x\\</b\\>");
    expect(markdown).toContain("| \\[Fix\\](https://evil.example) \\<i\\>it\\</i\\> | \\*Dana\\* | P1 |");
  });
});
