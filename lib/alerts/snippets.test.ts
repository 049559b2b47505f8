import { expect, it } from "vitest";
import { ALERT_SOURCES } from "./schema";
import { configSnippet } from "./snippets";

it("fills every source's snippet with this integration's URL or key", () => {
  const url = "https://firebreak.example.com/api/integrations/fbi_abc/alerts";
  for (const source of ALERT_SOURCES) {
    const snippet = configSnippet(source, url, "fbi_abc");
    expect(snippet.includes(url) || snippet.includes("fbi_abc"), source).toBe(true);
  }
  expect(configSnippet("alertmanager", url, "fbi_abc")).toContain("send_resolved: true");
  expect(configSnippet("pagerduty", url, "fbi_abc")).toContain("https://firebreak.example.com/api/pagerduty/v2/enqueue");
});
