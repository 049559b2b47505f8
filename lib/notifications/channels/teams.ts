import { escapeMarkdown } from "@/lib/markup/escape";
import type { TContent } from "../content";
import type { TChannelConfig } from "../schema";
import { postToChannel } from "./http";

/**
 * A message for a Teams Workflows webhook ("When a Teams webhook request is received" → "Post card
 * in a chat or channel"): one attachment holding an Adaptive Card 1.4. TextBlocks and FactSets
 * render a Markdown subset, so every text is Markdown-escaped; the buttons are Action.OpenUrl.
 */
export function teamsMessage(content: TContent) {
  const body: object[] = [
    { type: "TextBlock", text: escapeMarkdown(content.headline), weight: "Bolder", size: "Medium", wrap: true },
    ...(content.testNote ? [{ type: "TextBlock", text: escapeMarkdown(content.testNote), wrap: true }] : []),
    {
      type: "FactSet",
      facts: [
        ...content.facts.map((fact) => ({ title: escapeMarkdown(fact.label), value: escapeMarkdown(fact.value) })),
        ...(content.firstAlert ? [{ title: escapeMarkdown(content.firstAlert.label), value: escapeMarkdown(content.firstAlert.text) }] : []),
      ],
    },
    { type: "TextBlock", text: escapeMarkdown(content.footer), isSubtle: true, size: "Small", wrap: true },
  ];
  const actions = [
    ...content.actions.map((action) => ({ type: "Action.OpenUrl", title: action.label, url: action.url })),
    ...(content.firstAlert?.runbook ? [{ type: "Action.OpenUrl", title: content.firstAlert.runbook.label, url: content.firstAlert.runbook.url }] : []),
  ];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: { $schema: "http://adaptivecards.io/schemas/adaptive-card.json", type: "AdaptiveCard", version: "1.4", body, actions },
      },
    ],
  };
}

export async function sendTeams(config: TChannelConfig<"teams">, content: TContent): Promise<void> {
  await postToChannel({ url: config.secrets.workflowUrl, headers: { "content-type": "application/json" }, body: JSON.stringify(teamsMessage(content)) });
}
