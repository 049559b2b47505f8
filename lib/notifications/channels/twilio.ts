import { translator, type TLocale } from "@/lib/i18n/translate";
import { escapeHtml } from "@/lib/markup/escape";
import { shiftHeadline, truncate, type TContent } from "../content";
import type { TChannelConfig, TNotification, TNotificationBody } from "../schema";
import { joinUrl, postToChannel } from "./http";

/** An SMS: the headline and the one-tap links, short enough for a few segments. */
export function smsBody(content: TContent): string {
  return [truncate(content.headline, 160), ...content.actions.filter((action) => action.kind !== "escalate").map((action) => `${action.label}: ${action.url}`)].join("\n");
}

/** TwiML for a call that reads the incident (or the shift change) out twice, in the recipient's language; every text is XML-escaped. */
export function voiceTwiml(notification: TNotificationBody, locale: TLocale): string {
  const t = translator(locale);
  const said = escapeHtml(notification.type === "shift" ? t("notify.shift.voice", { headline: shiftHeadline(notification, locale) }) : incidentSaid(notification, t));
  const language = locale === "ja" ? "ja-JP" : "en-US";
  return `<Response><Say language="${language}">${said}</Say><Pause length="1"/><Say language="${language}">${said}</Say></Response>`;
}

function incidentSaid({ incident }: TNotification, t: ReturnType<typeof translator>): string {
  return t("notify.voice", { severity: incident.severity, reference: incident.reference, title: truncate(incident.title, 200), status: t(`status.${incident.status}`) });
}

function accountUrl(config: TChannelConfig<"twilio">, resource: "Messages" | "Calls") {
  return joinUrl(config.settings.apiBaseUrl, `2010-04-01/Accounts/${config.settings.accountSid}/${resource}.json`);
}

function twilioHeaders(config: TChannelConfig<"twilio">) {
  const basic = Buffer.from(`${config.settings.accountSid}:${config.secrets.authToken}`).toString("base64");
  return { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}`, accept: "application/json" };
}

/** POST /2010-04-01/Accounts/{AccountSid}/Messages.json (To, From, Body), HTTP basic auth with the SID and auth token. */
export async function sendSms(config: TChannelConfig<"twilio">, phone: string, content: TContent): Promise<void> {
  await postToChannel({
    url: accountUrl(config, "Messages"),
    headers: twilioHeaders(config),
    body: new URLSearchParams({ To: phone, From: config.settings.fromNumber, Body: smsBody(content) }).toString(),
  });
}

/** POST /2010-04-01/Accounts/{AccountSid}/Calls.json (To, From, Twiml). */
export async function sendVoiceCall(config: TChannelConfig<"twilio">, phone: string, notification: TNotificationBody, locale: TLocale): Promise<void> {
  await postToChannel({
    url: accountUrl(config, "Calls"),
    headers: twilioHeaders(config),
    body: new URLSearchParams({ To: phone, From: config.settings.fromNumber, Twiml: voiceTwiml(notification, locale) }).toString(),
  });
}
