import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { DEMO, screenshot, signIn } from "./helpers";
import { addReplaceOverride, addScheduleOfRotation, addTeam, addWeeklyRotation } from "./oncall-helpers";

// The viewer sits in Tokyo: times on the pages and in the forms are Tokyo time.
test.use({ timezoneId: "Asia/Tokyo" });

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  expect(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

test("an admin builds a weekly Tokyo rotation for two people, covers a span with an override, and sees it in the calendar and on the service page, in English and Japanese", async ({ page, baseURL }) => {
  const tokyo = DateTime.now().setZone("Asia/Tokyo");
  // The rotation began the Monday before last week's, so this week's holder is settled by the 10:00 hand-off.
  const startDate = tokyo.startOf("week").minus({ weeks: 1 });
  const thisWeeksHandoff = tokyo.startOf("week").set({ hour: 10 });
  const [onCall, other] = tokyo >= thisWeeksHandoff ? ["Chen Wei", "Ben Carter"] : ["Ben Carter", "Chen Wei"];

  await signIn(page, DEMO.admin);
  await addTeam(page, { name: "Search on call", timeZone: "Asia/Tokyo", members: ["Ben Carter", "Chen Wei"] });
  await expectNoSeriousAxeViolations(page);

  const services = page.getByRole("form", { name: "Change services" });
  await services.getByLabel("Search").check();
  await services.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("link", { name: "Search", exact: true })).toBeVisible();

  await addWeeklyRotation(page, { name: "Weekly primary", handoff: "10:00", startDate: startDate.toISODate()!, order: ["Ben Carter", "Chen Wei"] });
  await expect(page.getByTestId("rotation")).toContainText("Weekly primary · Weekly · hand-off 10:00 (Asia/Tokyo)");
  await addScheduleOfRotation(page, { name: "Search primary", layer: "Around the clock", rotation: "Weekly primary" });
  await expect(page.getByTestId("calendar-shift").first()).toContainText(/Ben Carter|Chen Wei/);

  // The other person covers the next three hours for whoever has the week.
  await addReplaceOverride(page, { onCall: other, covered: onCall, from: tokyo.minus({ hours: 1 }), to: tokyo.plus({ hours: 2 }), note: "Dentist" });
  await expect(page.getByTestId("calendar-shift").filter({ hasText: "(override)" }).first()).toContainText(other);
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, "oncall-schedule-week-en");

  await page.getByRole("link", { name: "Month", exact: true }).click();
  await expect(page.getByTestId("calendar-title")).toHaveText(tokyo.toFormat("yyyy-MM"));
  await expect(page.getByTestId("calendar-shift").filter({ hasText: "(override)" }).first()).toBeVisible();

  await page.goto("/services/search");
  await expect(page.getByTestId("on-call-now")).toContainText(`On call now: Search on call / Search primary: ${other}`);
  await screenshot(page, "oncall-service-en");

  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: baseURL! }]);
  await page.reload();
  await expect(page.getByTestId("on-call-now")).toContainText(`現在のオンコール: Search on call / Search primary: ${other}`);
  await page.getByTestId("on-call-now").getByRole("link").click();
  await expect(page.getByRole("heading", { name: "カレンダー", exact: true })).toBeVisible();
  await expect(page.getByTestId("override")).toContainText(`${other} が ${onCall} の代わりに担当`);
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, "oncall-schedule-month-ja");
});

test("an admin adds the team's chat channels on the team page, with a clear error for a wrong address, in English and Japanese", async ({ page, baseURL }) => {
  await signIn(page, DEMO.admin);
  await page.goto("/teams/payments-sre");
  const channels = page.getByTestId("team-channels");
  await channels.locator("summary").click();
  const form = page.getByRole("form", { name: "Add a channel" });
  await form.getByLabel("Kind").selectOption({ label: "Slack" });
  await form.getByLabel("Name").fill("#payments-oncall");
  await form.getByLabel("Address").fill("#payments-oncall");
  await form.getByRole("button", { name: "Add a channel" }).click();
  await expect(form.getByRole("alert")).toHaveText("Slack: the address must be a channel ID such as C024BE91L (or blank for the incoming webhook).");
  // React resets a form after its action ran, error or not (as every form of the app): the fields are filled again.
  await form.getByLabel("Name").fill("#payments-oncall");
  await form.getByLabel("Address").fill("C024BE91L");
  await form.getByRole("button", { name: "Add a channel" }).click();
  await expect(channels.getByTestId("team-channel")).toContainText("#payments-oncall · Slack · C024BE91L · English");
  await expectNoSeriousAxeViolations(page);

  await page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: baseURL! }]);
  await page.reload();
  await channels.locator("summary").click();
  const ja = page.getByRole("form", { name: "チャンネルを追加" });
  await ja.getByLabel("種類").selectOption({ label: "Chatwork" });
  await ja.getByLabel("表示名").fill("障害対応ルーム");
  await ja.getByLabel("宛先", { exact: true }).fill("room-1");
  await ja.getByRole("button", { name: "チャンネルを追加" }).click();
  await expect(ja.getByRole("alert")).toHaveText("Chatwork: 宛先はルーム番号にしてください（空欄なら通知チャネルのルーム）。");
  await ja.getByLabel("種類").selectOption({ label: "Chatwork" });
  await ja.getByLabel("表示名").fill("障害対応ルーム");
  await ja.getByLabel("宛先", { exact: true }).fill("123456");
  await ja.getByLabel("投稿の言語").selectOption({ label: "日本語" });
  await ja.getByRole("button", { name: "チャンネルを追加" }).click();
  await expect(channels.getByTestId("team-channel").last()).toContainText("障害対応ルーム · Chatwork · 123456 · 日本語");
  await expectNoSeriousAxeViolations(page);
});
