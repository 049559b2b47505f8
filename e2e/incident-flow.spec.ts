import { expect, test } from "@playwright/test";
import { DEMO, screenshot, signIn } from "./helpers";

test("a responder declares, hands off command, notes, resolves, and the timeline shows it all", async ({ page }) => {
  await signIn(page, DEMO.ben);
  await expect(page.getByTestId("incident-list")).toContainText("Checkout failing for card payments");
  await screenshot(page, "incidents-en");

  await page.getByRole("link", { name: "Declare incident" }).click();
  await page.getByLabel("What is happening?").fill("Notifications delayed by 20 minutes");
  await page.getByLabel(/SEV2/).check();
  await page.getByLabel(/Notifications/).check();
  await page.getByLabel("What we know so far").fill("Push queue depth growing since 12:40.");
  await screenshot(page, "declare-en");
  await page.getByRole("button", { name: "Declare incident" }).click();

  await expect(page.getByTestId("incident-title")).toHaveText("Notifications delayed by 20 minutes");
  await expect(page.getByTestId("holder-commander")).toContainText("Ben Carter");

  const commander = page.locator('[data-role="commander"]');
  await commander.getByRole("combobox").selectOption({ label: "Chen Wei" });
  await commander.getByRole("button", { name: "Hand off" }).click();
  await expect(page.getByTestId("holder-commander")).toContainText("Chen Wei");

  await page.getByRole("textbox", { name: "Add a note to the timeline" }).fill("Scaled the push workers from 4 to 12.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByTestId("timeline")).toContainText("Scaled the push workers from 4 to 12.");

  await page.getByRole("button", { name: "Investigating" }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("Investigating");
  await page.getByRole("button", { name: "Resolve…" }).click();
  const resolving = page.getByRole("dialog", { name: /^Resolve INC-\d+$/ });
  await resolving.getByLabel("How was it resolved?").fill("Push workers scaled; the queue drained.");
  await resolving.getByRole("button", { name: "Resolve incident" }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("Resolved");

  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("declared the incident (SEV2)");
  await expect(timeline).toContainText("handed Incident commander from Ben Carter to Chen Wei");
  await expect(timeline).toContainText("changed status from Declared to Investigating");
  await expect(timeline).toContainText("changed status from Investigating to Resolved");
  await expect(timeline.locator("li")).toHaveCount(6);
  await screenshot(page, "room-en");
});

test("a viewer can read incidents but cannot change anything", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await expect(page.getByRole("link", { name: "Declare incident" })).toHaveCount(0);
  await page.getByRole("link", { name: "Checkout failing for card payments (HTTP 502)" }).click();
  await expect(page.getByText("You have read-only access.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add note" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Hand off" })).toHaveCount(0);

  await page.goto("/incidents/new");
  await expect(page.getByText("Your role does not allow this.")).toBeVisible();

  const incidentsBefore = await (await page.request.get("/api/incidents")).json();
  const declare = await page.request.post("/api/incidents", { data: { title: "Viewer tries", severity: "SEV1" } });
  expect(declare.status()).toBe(403);
  const room = incidentsBefore.incidents[0];
  const note = await page.request.post(`/api/incidents/${room.id}/timeline`, { data: { body: "viewer note" } });
  expect(note.status()).toBe(403);
  const incidentsAfter = await (await page.request.get("/api/incidents")).json();
  expect(incidentsAfter.incidents).toHaveLength(incidentsBefore.incidents.length);
});

test("the Japanese UI runs the same flow", async ({ page }) => {
  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: "http://localhost:3210" }]);
  await signIn(page, DEMO.chen);
  await expect(page.getByRole("heading", { name: "インシデント" })).toBeVisible();
  await screenshot(page, "incidents-ja");

  await page.getByRole("link", { name: "インシデントを宣言" }).click();
  await page.getByLabel("何が起きていますか?").fill("検索のレイテンシ悪化");
  await page.getByLabel(/SEV3/).check();
  await page.getByRole("button", { name: "インシデントを宣言" }).click();
  await expect(page.getByTestId("incident-title")).toHaveText("検索のレイテンシ悪化");

  await page.getByRole("textbox", { name: "タイムラインにメモを追加" }).fill("p99 が 800ms から 2.4s に上昇。");
  await page.getByRole("button", { name: "メモを追加" }).click();
  await page.getByRole("button", { name: "調査中" }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("調査中");
  await page.getByRole("button", { name: "解決にする…" }).click();
  const resolving = page.getByRole("dialog", { name: /を解決にする$/ });
  await resolving.getByLabel("どのように解決しましたか?").fill("インデックスを再構築した。");
  await resolving.getByRole("button", { name: "インシデントを解決にする" }).click();
  await expect(page.getByTestId("incident-status")).toHaveText("解決");

  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("インシデントを宣言 (SEV3)");
  await expect(timeline).toContainText("責任者 (インシデントコマンダー)を Chen Wei に割り当て");
  await expect(timeline).toContainText("ステータスを「調査中」から「解決」に変更");
  await expect(timeline).toContainText("p99 が 800ms から 2.4s に上昇。");
  await screenshot(page, "room-ja");
});

test("the language switch turns the sign-in page Japanese, and the header's switch turns the app back to English", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Language").selectOption("ja");
  await expect(page.getByRole("heading", { name: "Firebreak にサインイン" })).toBeVisible();

  await signIn(page, DEMO.chen);
  await expect(page.getByRole("heading", { name: "インシデント", exact: true })).toBeVisible();
  await page.getByLabel("言語").selectOption("en");
  await expect(page.getByRole("heading", { name: "Incidents", exact: true })).toBeVisible();
});
