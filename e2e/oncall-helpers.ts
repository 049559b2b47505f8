// What an admin and a responder do to put people on call, as the on-call specs do it through the pages.
import { expect, type Page } from "@playwright/test";
import type { DateTime } from "luxon";
import { openFromMenu } from "./helpers";

/** A datetime-local field's value for an instant in the browser's zone (the specs run the browser in Tokyo). */
export const localInput = (time: DateTime) => time.toFormat("yyyy-MM-dd'T'HH:mm");

/** Adds a team from "Teams & on call" and opens its page. */
export async function addTeam(page: Page, team: { name: string; timeZone: string; members: string[] }) {
  await page.getByRole("link", { name: "Teams & on call" }).click();
  const form = page.getByRole("form", { name: "Add a team" });
  await form.getByLabel("Name", { exact: true }).fill(team.name);
  await form.getByLabel("Time zone (IANA, e.g. Asia/Tokyo)").fill(team.timeZone);
  for (const member of team.members) await form.getByLabel(member).check();
  await form.getByRole("button", { name: "Create" }).click();
  await page.getByRole("link", { name: team.name, exact: true }).click();
  await expect(page.getByRole("heading", { name: team.name, level: 1 })).toBeVisible();
}

/** On a team's page: a weekly rotation handing off at `handoff` in the team's zone, first on `startDate`, in the given order. */
export async function addWeeklyRotation(page: Page, rotation: { name: string; handoff: string; startDate: string; order: string[] }) {
  await page.getByText("Add a rotation").click();
  const form = page.getByRole("form", { name: "Add a rotation" });
  await form.getByLabel("Name", { exact: true }).fill(rotation.name);
  await form.locator('select[name="shiftLength"]').selectOption("weekly");
  await form.getByLabel("Hand-off time").fill(rotation.handoff);
  await form.getByLabel("First hand-off date").fill(rotation.startDate);
  for (const [index, person] of rotation.order.entries()) await form.getByLabel(`Shift ${index + 1}`).selectOption({ label: person });
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("rotation").filter({ hasText: rotation.name })).toContainText(rotation.order.join(" → "));
}

/** On a team's page: a schedule whose one layer is the rotation, always; leaves the browser on the schedule's page. */
export async function addScheduleOfRotation(page: Page, schedule: { name: string; layer: string; rotation: string }) {
  const form = page.getByRole("form", { name: "Add a schedule" });
  await form.getByLabel("Name").fill(schedule.name);
  await form.getByRole("button", { name: "Add a schedule" }).click();
  await page.getByRole("link", { name: schedule.name }).first().click();
  const layer = page.getByRole("form", { name: "Add a layer on top" });
  await layer.getByLabel("Name").fill(schedule.layer);
  await layer.getByLabel("Rotation").selectOption({ label: schedule.rotation });
  await layer.getByRole("button", { name: "Add a layer on top" }).click();
  await expect(page.getByTestId("layer")).toContainText(`${schedule.layer} · ${schedule.rotation} · Always`);
}

/** On a schedule's page: `onCall` covers for `covered` from `from` to `to` (instants in the browser's zone). */
export async function addReplaceOverride(page: Page, override: { onCall: string; covered: string; from: DateTime; to: DateTime; note: string }) {
  const form = page.getByRole("form", { name: "Add an override" });
  await form.getByLabel("Kind").selectOption("replace");
  await form.getByLabel("Who is on call (replace, add)").selectOption({ label: override.onCall });
  await form.getByLabel("Who is covered (replace, remove)").selectOption({ label: override.covered });
  await form.getByLabel("Starts (your time)").fill(localInput(override.from));
  await form.getByLabel("Ends (your time)").fill(localInput(override.to));
  await form.getByLabel("Note (optional)").fill(override.note);
  await form.getByRole("button", { name: "Add an override" }).click();
  await expect(page.getByTestId("override").filter({ hasText: override.note })).toContainText(`${override.onCall} covers for ${override.covered}`);
}

/** An admin points the email channel at an SMTP server on loopback (the receiver in lib/testing takes these credentials). */
export async function setUpEmailChannel(page: Page, smtpPort: number) {
  await page.goto("/admin/notifications");
  const email = page.getByRole("form", { name: "Email (SMTP)" });
  await email.getByLabel("SMTP host").fill("127.0.0.1");
  await email.getByLabel("Port").fill(String(smtpPort));
  await email.getByLabel("Security").selectOption("none");
  await email.getByLabel("User name").fill("firebreak");
  await email.getByLabel(/^Password/).fill("smtp-secret");
  await email.getByLabel("Sender address").fill("oncall@firebreak.example.com");
  await email.getByRole("button", { name: "Save channel" }).click();
  await expect(page.getByTestId("channel-email")).toContainText("Updated");
}

/** A responder adds an email contact method on "My notifications"; returns it, with its default rules (both urgencies at once). */
export async function addEmailContactMethod(page: Page, method: { name: string; address: string }) {
  await openFromMenu(page, "user-menu", "My notifications");
  await expect(page.getByRole("heading", { name: "My contact methods and rules" })).toBeVisible();
  const add = page.getByRole("form", { name: "Add a contact method" });
  await add.getByLabel("Kind").selectOption("email");
  await add.getByLabel("Name").fill(method.name);
  await add.getByLabel("Address", { exact: true }).fill(method.address);
  await add.getByRole("button", { name: "Add method" }).click();
  const added = page.getByTestId("contact-method").filter({ hasText: method.name });
  await expect(added.getByTestId("notification-rule")).toHaveText(["High urgency: at once Remove rule", "Low urgency: at once Remove rule"]);
  return added;
}

const LANGUAGE_FORM = {
  en: { form: "Language of my notifications", save: "Save language" },
  ja: { form: "通知の言語", save: "言語を保存" },
} as const;

/** On "My notifications" (its pages in `pageLocale`): the language the responder's notifications are written in. */
export async function chooseNotificationLanguage(page: Page, language: "en" | "ja", pageLocale: "en" | "ja") {
  const names = LANGUAGE_FORM[pageLocale];
  const form = page.getByRole("form", { name: names.form });
  await form.getByLabel(names.form).selectOption(language);
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), form.getByRole("button", { name: names.save }).click()]);
  await page.reload();
  await expect(page.getByRole("form", { name: names.form }).getByLabel(names.form)).toHaveValue(language);
}
