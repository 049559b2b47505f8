import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startSmtpReceiver } from "../lib/testing/notification-receivers";
import { DEMO, screenshot, signIn } from "./helpers";
import { addEmailContactMethod, chooseNotificationLanguage, setUpEmailChannel } from "./oncall-helpers";

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;

test.beforeAll(async () => {
  smtp = await startSmtpReceiver();
});

test.afterAll(async () => {
  await smtp.close();
});

test("an admin sets up email, a responder adds a contact method and sends a test notification, in English and Japanese", async ({ browser, baseURL }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, DEMO.admin);
  await setUpEmailChannel(adminPage, smtp.port);
  // The password is kept, never shown again.
  await adminPage.reload();
  await expect(adminPage.getByTestId("channel-email")).toContainText("set — leave blank to keep");
  expect(await adminPage.content()).not.toContain("smtp-secret");
  await expect(adminPage.getByTestId("channel-webpush").getByLabel("VAPID public key")).toHaveValue(/^[A-Za-z0-9_-]{80,}$/);

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.ben);
  const method = await addEmailContactMethod(page, { name: "Work email", address: "ben@example.com" });

  // A later rule, added with the keyboard only.
  const addRule = method.getByRole("form", { name: "Add rule: Work email" });
  await addRule.getByLabel("Urgency").selectOption("low");
  await addRule.getByLabel("Minutes after the start").fill("2");
  await addRule.getByLabel("Minutes after the start").press("Enter");
  await expect(method.getByTestId("notification-rule")).toContainText(["Low urgency: after 2 min"]);

  await method.getByRole("button", { name: "Send me a test notification" }).focus();
  await page.keyboard.press("Enter");
  await expect(method.getByTestId("test-result")).toContainText(/Delivered through Email \(SMTP\) in \d+ ms\./);
  await expect.poll(() => smtp.mails.at(-1)?.subject).toBe("Test notification: [SEV3] INC-0 Notification test");
  expect(smtp.envelopes.at(-1)?.to).toEqual(["ben@example.com"]);
  await page.reload();
  await expect(page.getByTestId("notification-attempts")).toContainText("Delivered");
  await screenshot(page, "notifications-en");

  // Japanese: the page, and the notifications themselves once chosen.
  await context.addCookies([{ name: "firebreak-locale", value: "ja", url: baseURL as string }]);
  await page.reload();
  await expect(page.getByRole("heading", { name: "連絡先と通知ルール" })).toBeVisible();
  await chooseNotificationLanguage(page, "ja", "ja");
  const methodJa = page.getByTestId("contact-method").filter({ hasText: "Work email" });
  await methodJa.getByRole("button", { name: "テスト通知を送る" }).click();
  await expect(methodJa.getByTestId("test-result")).toContainText(/メール \(SMTP\) で送信しました \(\d+ ms\)。/);
  await expect.poll(() => smtp.mails.at(-1)?.subject).toBe("テスト通知: [SEV3] INC-0 通知のテスト");
  expect(smtp.mails.at(-1)?.text).toContain("Firebreak のプロフィールから送ったテストです");
  await screenshot(page, "notifications-ja");
});

test("an admin sets the Slack app's signing secret: the page says where Slack's Request URL points and never shows the secret, in English and Japanese", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.admin);
  await page.goto("/admin/notifications");
  const slack = page.getByRole("form", { name: "Slack" });
  const secret = slack.getByLabel(/^Signing secret/);
  await expect(secret).toHaveAccessibleDescription(new RegExp(`Request URL to ${baseURL}/api/chat/slack/interactions\\.`));
  await secret.fill("e2e-slack-signing-secret");
  await slack.getByRole("button", { name: "Save channel" }).click();
  await expect(page.getByTestId("channel-slack")).toContainText("Updated");
  await page.reload();
  await expect(page.getByRole("form", { name: "Slack" }).getByLabel(/^Signing secret/)).toHaveValue("");
  await expect(page.getByTestId("channel-slack")).toContainText("Signing secret (set — leave blank to keep)");
  expect(await page.content()).not.toContain("e2e-slack-signing-secret");

  // The running server takes Slack's signed, form-encoded click and refuses one signed with another secret.
  const body = `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: { id: "U0E2E0001" }, actions: [{ action_id: "firebreak_open", type: "button" }] }))}`;
  const timestamp = String(Math.floor(new Date().getTime() / 1000));
  const signed = (secret: string) => ({
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": timestamp,
    "x-slack-signature": `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`,
  });
  expect((await page.request.post("/api/chat/slack/interactions", { headers: signed("e2e-slack-signing-secret"), data: body })).status()).toBe(200);
  const forged = await page.request.post("/api/chat/slack/interactions", { headers: signed("another-secret"), data: body });
  expect(forged.status()).toBe(401);
  expect(await forged.json()).toMatchObject({ error: "invalid_signature" });

  await context.addCookies([{ name: "firebreak-locale", value: "ja", url: baseURL as string }]);
  await page.reload();
  await expect(page.getByTestId("channel-slack").getByLabel(/^署名シークレット/)).toHaveAccessibleDescription(/Request URL には .*\/api\/chat\/slack\/interactions を設定してください/);
  // Nobody in the demo is reached through Slack: the channel is removed again, leaving the demo as it was.
  await page.getByTestId("channel-slack").getByRole("button", { name: /削除|Remove/ }).click();
  await expect(page.getByTestId("channel-slack")).toContainText("署名シークレット (未設定)");
  await context.close();
});
