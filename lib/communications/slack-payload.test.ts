import { describe, expect, it } from "vitest";
import { slackPayload, type TPublishedUpdate } from "./rules";

// What an alert sender (titles), a responder (impact, message) or a single sign-on provider (names) can put in front of Slack.
const hostile: TPublishedUpdate = {
  incident: {
    reference: "INC-7",
    title: "<!channel> Checkout <http://evil.example/login|click to re-authenticate> & more",
    severity: "SEV1",
    url: "https://firebreak.example.com/incidents/INC-7",
  },
  status: "identified",
  impact: "<@U024BE7LH> and <!subteam^SAZ94GDB8> cannot pay",
  message: "See <https://evil.example/runbook|the runbook> or <#C024BE7LR>. <!here>",
  nextUpdateAt: null,
  publishedAt: new Date("2026-11-24T10:00:00Z"),
  author: "<!everyone> Mallory",
};

/** Every piece of mrkdwn the payload carries, the fallback text included. */
function mrkdwnTexts(payload: ReturnType<typeof slackPayload>): string[] {
  return [
    payload.text,
    ...payload.blocks.flatMap((block) => [...(block.text ? [block.text.text] : []), ...(block.elements ?? []).map((element) => element.text)]),
  ];
}

describe("Slack payloads with hostile text", () => {
  it("escape &, < and > in the title, impact, message and author, so no mention or link is made of them", () => {
    const texts = mrkdwnTexts(slackPayload(hostile));
    const controlSequences = texts.flatMap((text) => [...text.matchAll(/<([^>]*)>/g)].map((match) => match[1]));
    // The one control sequence is the link to the incident's own page.
    expect(controlSequences).toEqual([
      "https://firebreak.example.com/incidents/INC-7|INC-7 &lt;!channel&gt; Checkout &lt;http://evil.example/login|click to re-authenticate&gt; &amp; more",
    ]);
    const all = texts.join("\n");
    expect(all).toContain("&lt;@U024BE7LH&gt; and &lt;!subteam^SAZ94GDB8&gt; cannot pay");
    expect(all).toContain("See &lt;https://evil.example/runbook|the runbook&gt; or &lt;#C024BE7LR&gt;. &lt;!here&gt;");
    expect(all).toContain("Posted by &lt;!everyone&gt; Mallory in Firebreak");
    expect(texts[0]).toBe("[SEV1] INC-7 &lt;!channel&gt; Checkout &lt;http://evil.example/login|click to re-authenticate&gt; &amp; more: identified");
  });

  it("keeps a link's URL from ending the link early", () => {
    const payload = slackPayload({ ...hostile, incident: { ...hostile.incident, url: "https://firebreak.example.com/incidents/INC-7?a=<b>|c" } });
    expect(JSON.stringify(payload.blocks)).toContain("<https://firebreak.example.com/incidents/INC-7?a=%3Cb%3E%7Cc|INC-7 &lt;!channel&gt;");
  });
});
