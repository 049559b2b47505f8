// Text people (and alert senders) wrote, placed into someone else's markup: Slack messages,
// Markdown files. Every such text goes through one of these, so a title cannot become markup.

const SLACK_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Text for Slack's mrkdwn (and Mattermost's Slack-compatible webhooks): Slack's documented escaping
 * of &, < and >, the only characters that start its control sequences — mentions such as <!channel>,
 * and links such as <http://evil|click>.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/[&<>]/g, (character) => SLACK_ENTITIES[character] as string);
}

/**
 * A Slack link to one of Firebreak's own pages: the caller passes a URL it built from the public URL,
 * never one a user supplied. The label is escaped; characters that would end the link are
 * percent-encoded in the URL.
 */
export function slackLink(ownUrl: string, label: string): string {
  const url = ownUrl.replace(/[<>|\s]/g, (character) => encodeURIComponent(character));
  return `<${url}|${escapeSlackText(label)}>`;
}

/** Text in GitHub-flavoured Markdown: every character that could start a link, an emphasis, HTML, a heading or a table cell is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|#~])/g, "\\$1");
}

/** A table cell of GitHub-flavoured Markdown: escaped, and on one line so it cannot start a new row. */
export function markdownTableCell(text: string): string {
  return escapeMarkdown(text).replace(/\r?\n/g, " ");
}

/**
 * Text in a CSV cell a spreadsheet will open: a cell that starts with = + - @ (or a tab or carriage
 * return before one) runs as a formula, so such text gets a leading apostrophe and stays text.
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A fence longer than any run of backticks in the code, so the code cannot close its own block. */
export function markdownCodeBlock(code: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}\n${code}\n${fence}`;
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text in HTML (an email's body, an attribute) or XML (Twilio's TwiML): no character can open a tag or end an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] as string);
}

/**
 * Text in a Chatwork message. Chatwork has no escape: its tags ([To:1234], [toall], [info], [hr] …)
 * are recognised only as written, so a zero-width space after every "[" leaves the text readable
 * but no tag, and a title cannot mention everyone in the room.
 */
export function escapeChatworkText(text: string): string {
  return text.replace(/\[/g, "[\u200b");
}
