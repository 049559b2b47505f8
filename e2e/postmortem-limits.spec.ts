import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const SEARCH_POSTMORTEM = /Search returns no results/;

/** Pastes text into the editor the way the browser does for Ctrl+V. */
async function paste(page: Page, text: string) {
  await page.getByTestId("postmortem-editor").locator("p", { hasText: "kuromoji" }).first().click();
  await page.getByTestId("postmortem-editor").evaluate((element, pasted) => {
    const data = new DataTransfer();
    data.setData("text/plain", pasted);
    element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test("a paste too large to store is refused with a message in the reader's language, and the document is unchanged", async ({ page, baseURL }) => {
  await signIn(page, DEMO.chen);
  await page.goto("/postmortems");
  await page.getByRole("link", { name: SEARCH_POSTMORTEM }).click();
  await expect(page.getByTestId("collab-status")).toHaveText("Live");
  const url = page.url();

  const marker = `pasted-log-${Date.now()}`;
  await paste(page, `${marker} ${"0123456789abcdef".repeat(20_000)}`);
  await expect(page.getByTestId("collab-refused")).toHaveText(
    "That change is too large to save (at most 256 KiB per change and 2 MiB per postmortem) and was not saved. Reload the page to go on editing from the saved version.",
  );
  await expect(page.getByTestId("postmortem-editor")).toHaveAttribute("contenteditable", "false");

  // Reloaded: the saved document, without the refused paste, editable again.
  await page.goto(url);
  await expect(page.getByTestId("collab-status")).toHaveText("Live");
  await expect(page.getByTestId("postmortem-editor")).toContainText("kuromoji");
  await expect(page.getByTestId("postmortem-editor")).not.toContainText(marker);

  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: baseURL as string }]);
  await page.goto(url);
  await expect(page.getByTestId("collab-status")).toHaveText("接続中");
  await paste(page, `${marker} ${"0123456789abcdef".repeat(20_000)}`);
  await expect(page.getByTestId("collab-refused")).toHaveText(
    "変更が大きすぎるため保存されませんでした（1 回の変更は 256 KiB、ポストモーテム全体は 2 MiB まで）。ページを再読み込みすると、保存済みの内容から編集を続けられます。",
  );
});
