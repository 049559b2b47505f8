import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DateTime } from "luxon";
import { startSmtpReceiver } from "../lib/testing/notification-receivers";
import { expectNoAccessibilityViolations } from "./accessibility";
import { addAlertmanagerIntegration, alertFixture, DEMO, expectNoEnglish, openFromMenu, screenshot, signIn } from "./helpers";
import {
  addEmailContactMethod,
  addReplaceOverride,
  addScheduleOfRotation,
  addTeam,
  addWeeklyRotation,
  chooseNotificationLanguage,
  setUpEmailChannel,
} from "./oncall-helpers";

// Everyone sits in Tokyo: the team's hand-off and the override's times are Tokyo time.
test.use({ timezoneId: "Asia/Tokyo" });

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
test.beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
test.afterAll(async () => {
  await smtp.close();
});

/** The line of the mail to `address` that carries the one-tap link labelled `label`; waits for the mail. */
async function linkInMail(address: string, subject: string, label: string): Promise<string> {
  await expect.poll(() => smtp.mails.filter((_mail, index) => smtp.envelopes[index]?.to.includes(address)).map((mail) => mail.subject)).toContain(subject);
  const index = smtp.mails.findIndex((mail, at) => mail.subject === subject && smtp.envelopes[at]?.to.includes(address));
  const text = smtp.mails[index]?.text ?? "";
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${label}: `));
  expect(line, text).toMatch(/\/a\/[\w-]{43}$/);
  return (line ?? "").slice(label.length + 2).trim();
}

/** Opens a one-tap link in a browser nobody signed in to (a phone's mail app), optionally in Japanese, and returns its page. */
async function openSignedOut(browser: Browser, link: string, locale: "en" | "ja"): Promise<Page> {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  if (locale === "ja") await context.addCookies([{ name: "firebreak-locale", value: "ja", url: link }]);
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

/** The kinds of the timeline's entries about reaching people, oldest first (the room shows the newest first). */
const reachingKinds = (page: Page) =>
  page
    .getByTestId("timeline")
    .locator("li[data-kind]")
    .evaluateAll((entries) =>
      entries
        .map((entry) => entry.getAttribute("data-kind"))
        .filter((kind) => kind === "escalation_notified" || kind === "acknowledged")
        .reverse(),
    );

test("an alert reaches the person on call by email, who acknowledges it with one tap while signed out, in English and Japanese", async ({
  browser,
  request,
}) => {
  // About twenty page loads and three axe runs: 2.3 min at the most on two cores shared by a dozen busy processes.
  test.setTimeout(240_000);
  const id = randomUUID().slice(0, 8);
  const names = {
    team: `Checkout on call ${id}`,
    rotation: `Weekly ${id}`,
    schedule: `Primary ${id}`,
    service: `Checkout ${id}`,
    policy: `Checkout pager ${id}`,
    integration: `Prometheus ${id}`,
  };
  const chenAddress = `chen-${id}@example.com`;
  // The clock the server reads too (FIREBREAK_CLOCK moves both). Ben's week began three days ago at
  // 10:00 Tokyo, so whatever the hour he holds the rotation for days either side of now; Chen covers
  // for him from an hour ago for three hours, so Chen is the one on call, and the one to page.
  const tokyo = DateTime.now().setZone("Asia/Tokyo");
  const firstHandoff = tokyo.minus({ days: 3 }).toISODate() as string;

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, DEMO.admin);
  await setUpEmailChannel(admin, smtp.port);

  await admin.goto("/services");
  const newService = admin.getByRole("form", { name: "Add a service" });
  await newService.getByLabel("Name").fill(names.service);
  await newService.getByLabel("Slug (optional)").fill(`checkout-${id}`);
  await newService.getByLabel("Owner team").fill(names.team);
  await newService.getByRole("button", { name: "Add service" }).click();
  await expect(admin.getByRole("link", { name: names.service })).toBeVisible();

  await addTeam(admin, { name: names.team, timeZone: "Asia/Tokyo", members: ["Ben Carter", "Chen Wei"] });
  const teamServices = admin.getByRole("form", { name: "Change services" });
  await teamServices.getByLabel(names.service).check();
  await teamServices.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("link", { name: names.service, exact: true })).toBeVisible();
  await addWeeklyRotation(admin, { name: names.rotation, handoff: "10:00", startDate: firstHandoff, order: ["Ben Carter", "Chen Wei"] });
  await expect(admin.getByTestId("rotation")).toContainText(`${names.rotation} · Weekly · hand-off 10:00 (Asia/Tokyo)`);
  await addScheduleOfRotation(admin, { name: names.schedule, layer: "Around the clock", rotation: names.rotation });
  await addReplaceOverride(admin, {
    onCall: "Chen Wei",
    covered: "Ben Carter",
    from: tokyo.minus({ hours: 1 }),
    to: tokyo.plus({ hours: 2 }),
    note: `Swap ${id}`,
  });

  await openFromMenu(admin, "admin-menu", "Escalation policies");
  const policy = admin.getByRole("form", { name: "New escalation policy" });
  await policy.getByLabel("Name").fill(names.policy);
  await policy
    .getByTestId("step-1")
    .getByLabel("Whoever is on call on these schedules when the step runs")
    .selectOption({ label: `${names.team} · ${names.schedule}` });
  await policy.getByTestId("step-2").getByLabel("Notify these people").selectOption({ label: "Aiko Tanaka" });
  await policy.getByRole("button", { name: "Create policy" }).click();
  await expect(admin.getByRole("heading", { name: names.policy, level: 1 })).toBeVisible();

  // The service pages with this policy, and for Alertmanager's "warning" too, day and night.
  await admin.goto(`/services/checkout-${id}`);
  const settings = admin.getByRole("form", { name: "On call: escalation and urgency" });
  await settings.getByLabel("Escalation policy").selectOption({ label: names.policy });
  await settings.getByRole("group", { name: "Alert levels that page (high urgency, day and night)" }).getByLabel("warning").check();
  await Promise.all([
    admin.waitForResponse((response) => response.request().method() === "POST"),
    settings.getByRole("button", { name: "Save escalation settings" }).click(),
  ]);
  await expect(settings.getByRole("alert")).toHaveCount(0);
  await expect(admin.getByTestId("on-call-now")).toContainText(`On call now: ${names.team} / ${names.schedule}: Chen Wei`);
  const webhookPath = await addAlertmanagerIntegration(admin, names.integration, names.service);

  const chen = await (await browser.newContext()).newPage();
  await signIn(chen, DEMO.chen);
  await addEmailContactMethod(chen, { name: `Pager ${id}`, address: chenAddress });
  await chooseNotificationLanguage(chen, "en", "en");

  // Alertmanager fires; the key in the URL is the integration's credential.
  const group = JSON.parse(alertFixture("alertmanager-0.25-group-firing.json"));
  const fire = async (payload: unknown) => {
    const response = await request.post(webhookPath, { data: JSON.stringify(payload), headers: { "content-type": "application/json" } });
    expect(response.status()).toBe(202);
    const { incidents } = (await response.json()) as { incidents: string[] };
    expect(incidents).toHaveLength(1);
    return incidents[0] as string;
  };
  const reference = await fire(group);
  await admin.goto(`/incidents/${reference}`);
  await expect(admin.getByTestId("holder-commander")).toContainText("Chen Wei");
  await expect(admin.getByTestId("pending-commander")).toBeVisible();
  await expect(admin.getByTestId("timeline").locator('li[data-kind="escalation_notified"]')).toContainText("notified Chen Wei (step 1)");

  const subject = `[SEV4] ${reference} APILatencyHigh: p99 latency above 800ms`;
  const acknowledgeLink = await linkInMail(chenAddress, subject, "Acknowledge");
  const phone = await openSignedOut(browser, acknowledgeLink, "en");
  await expect(phone.getByRole("heading", { name: "Acknowledge this incident?" })).toBeVisible();
  await expect(phone.getByText("You are acting as Chen Wei, who was notified.")).toBeVisible();
  await phone.getByRole("button", { name: "Acknowledge" }).click();
  await expect(phone.getByRole("status")).toHaveText(`Acknowledged ${reference}. The escalation has stopped and the timeline shows it.`);

  const acknowledged = admin.getByTestId("timeline").locator('li[data-kind="acknowledged"]');
  await expect(acknowledged).toContainText(/Chen Wei acknowledged the incident, (< 1 m|\d+ m) after it was detected/);
  expect(await reachingKinds(admin)).toEqual(["escalation_notified", "acknowledged"]);
  await expect(admin.getByTestId("acknowledgement")).toContainText(/Acknowledged by Chen Wei after (< 1 m|\d+ m)/);
  await expect(admin.getByTestId("escalation")).toContainText("Stopped: acknowledged by Chen Wei");
  // Answering the page took up the commander role the alert gave him.
  await expect(admin.getByTestId("pending-commander")).toHaveCount(0);
  await expect(admin.getByTestId("timeline").locator('li[data-kind="role_acknowledged"]')).toContainText(
    "Chen Wei acknowledged the Incident commander handoff",
  );
  // The room lists the delivery that reached him.
  await admin.getByText("Deliveries: 1 (0 failed)").click();
  const deliveries = admin.getByTestId("incident-deliveries");
  await expect(deliveries.locator("tbody tr")).toHaveCount(1);
  await expect(deliveries.locator("tbody tr")).toContainText(/Chen Wei.*Email \(SMTP\).*Delivered/);
  await screenshot(admin, "alert-to-person-room-en");
  await phone.context().close();

  // In Japanese: Chen reads Firebreak and his mail in Japanese; the same group fires in another cluster.
  await chen.context().addCookies([{ name: "firebreak-locale", value: "ja", url: chen.url() }]);
  await chen.reload();
  await chooseNotificationLanguage(chen, "ja", "ja");
  const otherCluster = {
    ...group,
    groupKey: `${group.groupKey}:tokyo`,
    alerts: group.alerts.map((alert: { fingerprint: string }) => ({ ...alert, fingerprint: `${alert.fingerprint}-tokyo` })),
  };
  const referenceJa = await fire(otherCluster);
  const linkJa = await linkInMail(chenAddress, `[SEV4] ${referenceJa} APILatencyHigh: p99 latency above 800ms`, "確認 (Ack)");
  const phoneJa = await openSignedOut(browser, linkJa, "ja");
  await expect(phoneJa.getByRole("heading", { name: "このインシデントを確認 (アクノレッジ) しますか?" })).toBeVisible();
  await expectNoEnglish(phoneJa.locator("main"), ["Firebreak", "English", referenceJa, "SEV4", "APILatencyHigh: p99 latency above 800ms", "Chen Wei"]);
  await expectNoAccessibilityViolations(phoneJa);
  await phoneJa.getByRole("button", { name: "確認 (アクノレッジ)" }).click();
  await expect(phoneJa.getByRole("status")).toHaveText(`${referenceJa} を確認しました。エスカレーションは停止し、タイムラインに記録されました。`);
  await expectNoAccessibilityViolations(phoneJa);
  await phoneJa.context().close();

  await admin.context().addCookies([{ name: "firebreak-locale", value: "ja", url: admin.url() }]);
  await admin.goto(`/incidents/${referenceJa}`);
  await expect(admin.getByTestId("holder-commander")).toContainText("Chen Wei");
  await expect(admin.getByTestId("timeline").locator('li[data-kind="escalation_notified"]')).toContainText("Chen Wei に通知 (ステップ 1)");
  await expect(admin.getByTestId("timeline").locator('li[data-kind="acknowledged"]')).toContainText(
    /Chen Wei インシデントを確認 \(アクノレッジ\)：検知から(1分未満|\d+分)/,
  );
  expect(await reachingKinds(admin)).toEqual(["escalation_notified", "acknowledged"]);
  await expect(admin.getByTestId("acknowledgement")).toContainText(/Chen Wei が(1分未満|\d+分)で確認/);
  await expect(admin.getByTestId("escalation")).toContainText("停止: Chen Wei が確認しました");
  // What the alert said and the names people typed are shown as they are; SLO is the term in Japanese too.
  const alertData = (otherCluster.alerts as { labels: Record<string, string>; annotations: { description: string } }[]).flatMap((alert) => [
    alert.annotations.description,
    ...Object.entries(alert.labels).map(([name, value]) => `${name}=${value}`),
  ]);
  await expectNoEnglish(admin.locator("main"), [
    ...Object.values(names),
    ...alertData,
    referenceJa,
    "SEV4",
    "SLO",
    "Prometheus Alertmanager",
    "Firebreak",
    "Chen Wei",
    "Aiko Tanaka",
    "APILatencyHigh: p99 latency above 800ms",
  ]);
  await expectNoAccessibilityViolations(admin);
  await screenshot(admin, "alert-to-person-room-ja");
});
