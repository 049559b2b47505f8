import { z } from "zod";
import { INCIDENT_STATUSES, SEVERITIES } from "@/lib/incidents/rules";

const httpUrl = (message = "must be an http(s) URL") => z.url({ protocol: /^https?$/, message });
const secret = () => z.string().trim().max(2_000).default("");

export const URGENCIES = ["high", "low"] as const;
export type TUrgency = (typeof URGENCIES)[number];

export const CHANNEL_KINDS = ["email", "webpush", "slack", "teams", "chatwork", "webhook", "ntfy", "pagerduty", "twilio"] as const;
export type TChannelKind = (typeof CHANNEL_KINDS)[number];

export const CONTACT_METHOD_KINDS = ["email", "webpush", "sms", "voice", "slack", "teams", "chatwork", "webhook", "ntfy", "pagerduty"] as const;
export type TContactMethodKind = (typeof CONTACT_METHOD_KINDS)[number];

/** The channel (admin configuration) each kind of contact method is sent through. */
export const CHANNEL_OF_METHOD: Record<TContactMethodKind, TChannelKind> = {
  email: "email",
  webpush: "webpush",
  sms: "twilio",
  voice: "twilio",
  slack: "slack",
  teams: "teams",
  chatwork: "chatwork",
  webhook: "webhook",
  ntfy: "ntfy",
  pagerduty: "pagerduty",
};

/**
 * Each channel's configuration, split into settings (shown to admins) and secrets (stored, used to
 * send, never shown again: the admin page says only whether one is set). An `apiBaseUrl` points a
 * vendor channel at another region (PagerDuty EU, GovSlack) or at a test receiver.
 */
export const CHANNEL_SCHEMAS = {
  email: {
    settings: z.object({
      host: z.string().trim().min(1, "name the SMTP server").max(253),
      port: z.coerce.number().int().min(1).max(65_535).default(587),
      /** "tls": TLS from the first byte (port 465); "starttls": upgrade required; "none": plain (a relay on the same host) */
      security: z.enum(["tls", "starttls", "none"]).default("starttls"),
      username: z.string().trim().max(200).default(""),
      from: z.email("must be an email address"),
    }),
    secrets: z.object({ password: secret() }),
  },
  webpush: {
    settings: z.object({
      /** the VAPID subject: a mailto: or https: contact for the push services */
      subject: z.string().trim().regex(/^(mailto:|https:)/, "must start with mailto: or https:"),
      publicKey: z.string().trim().min(1).max(200),
    }),
    secrets: z.object({ privateKey: z.string().trim().min(1).max(200) }),
  },
  slack: {
    settings: z.object({ apiBaseUrl: httpUrl().default("https://slack.com/api") }),
    /** with the app's signing secret, buttons act in Slack itself (POST /api/chat/slack/interactions) instead of opening the one-tap page */
    secrets: z.object({ botToken: secret(), webhookUrl: z.union([httpUrl(), z.literal("")]).default(""), signingSecret: secret() }),
  },
  teams: {
    settings: z.object({}),
    secrets: z.object({ workflowUrl: httpUrl() }),
  },
  chatwork: {
    settings: z.object({ apiBaseUrl: httpUrl().default("https://api.chatwork.com/v2"), roomId: z.string().trim().regex(/^\d*$/, "must be the room's number").default("") }),
    secrets: z.object({ apiToken: z.string().trim().min(1, "paste the API token").max(200) }),
  },
  webhook: {
    settings: z.object({}),
    /** the URL may carry a token of its own; the signing secret signs the body (X-Firebreak-Signature) */
    secrets: z.object({ url: httpUrl(), signingSecret: secret() }),
  },
  ntfy: {
    settings: z.object({ serverUrl: httpUrl() }),
    secrets: z.object({ accessToken: secret() }),
  },
  pagerduty: {
    settings: z.object({ apiBaseUrl: httpUrl().default("https://events.pagerduty.com") }),
    secrets: z.object({ routingKey: z.string().trim().min(1, "paste the integration (routing) key").max(100) }),
  },
  twilio: {
    settings: z.object({
      apiBaseUrl: httpUrl().default("https://api.twilio.com"),
      accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, "must be the Account SID (AC followed by 32 hex digits)"),
      fromNumber: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "must be a number in E.164 form, e.g. +81312345678"),
    }),
    secrets: z.object({ authToken: z.string().trim().min(1, "paste the auth token").max(200) }),
  },
} as const satisfies Record<TChannelKind, { settings: z.ZodObject; secrets: z.ZodObject }>;

export type TChannelSettings<K extends TChannelKind> = z.infer<(typeof CHANNEL_SCHEMAS)[K]["settings"]>;
export type TChannelSecrets<K extends TChannelKind> = z.infer<(typeof CHANNEL_SCHEMAS)[K]["secrets"]>;
export type TChannelConfig<K extends TChannelKind> = { settings: TChannelSettings<K>; secrets: TChannelSecrets<K> };

export const ZPushSubscription = z.object({
  // Browsers hand out https endpoints; http is accepted for a push service on the same network (and tests).
  endpoint: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}=*$/, "must be the browser's P-256 key (base64url)"),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,30}=*$/, "must be the browser's auth secret (base64url)"),
  }),
});

const phone = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "must be a number in E.164 form, e.g. +819012345678");

/** Where a contact method points, per kind. */
export const TARGET_SCHEMAS = {
  email: z.object({ address: z.email("must be an email address") }),
  webpush: ZPushSubscription,
  sms: z.object({ phone }),
  voice: z.object({ phone }),
  /** a member ID (U…/W…: a direct message with the bot, or a mention through the webhook) or a channel ID (C…/G…) */
  slack: z.object({ conversation: z.string().trim().regex(/^([UWCGD][A-Z0-9]{2,20})?$/, "must be a Slack member or channel ID such as U024BE7LH") }),
  teams: z.object({}),
  /** a room of its own (else the channel's room), and the Chatwork account to address with [To:] */
  chatwork: z.object({ roomId: z.string().trim().regex(/^\d*$/, "must be the room's number"), accountId: z.string().trim().regex(/^\d*$/, "must be the account's number") }),
  webhook: z.object({}),
  ntfy: z.object({ topic: z.string().trim().regex(/^[-_A-Za-z0-9]{1,64}$/, "must be 1–64 letters, digits, - or _") }),
  pagerduty: z.object({}),
} as const satisfies Record<TContactMethodKind, z.ZodType>;

export type TTarget<K extends TContactMethodKind> = z.infer<(typeof TARGET_SCHEMAS)[K]>;

export const ZContactMethodCreate = z
  .object({
    kind: z.enum(CONTACT_METHOD_KINDS),
    label: z.string().trim().min(1, "must not be empty").max(100),
    target: z.record(z.string(), z.unknown()),
  })
  .strict();
export type TContactMethodCreate = z.infer<typeof ZContactMethodCreate>;

export const MAX_RULE_DELAY_MINUTES = 24 * 60;

export const ZNotificationRuleCreate = z
  .object({
    contactMethodId: z.string().min(1),
    urgency: z.enum(URGENCIES),
    delayMinutes: z.coerce.number().int("must be whole minutes").min(0).max(MAX_RULE_DELAY_MINUTES),
  })
  .strict();
export type TNotificationRuleCreate = z.infer<typeof ZNotificationRuleCreate>;

/**
 * What a notification says: the caller (an escalation step, a test) supplies the incident and the
 * links, already absolute (one-tap acknowledge and escalate links are signed by the caller).
 */
export const ZNotification = z.object({
  /** absent in notifications stored before shift notices existed */
  type: z.literal("incident").optional(),
  incident: z.object({
    id: z.string().nullable(),
    reference: z.string().max(40),
    title: z.string().max(500),
    severity: z.enum(SEVERITIES),
    status: z.enum(INCIDENT_STATUSES),
    services: z.array(z.string().max(200)).max(50),
  }),
  firstAlert: z.object({ title: z.string().max(500), source: z.string().max(100), runbookUrl: httpUrl().nullable() }).nullable(),
  links: z.object({ open: httpUrl(), acknowledge: httpUrl().nullable(), escalate: httpUrl().nullable() }),
  /** a test from the user's profile: says so in every channel */
  test: z.boolean().default(false),
});
export type TNotification = z.infer<typeof ZNotification>;

/**
 * A schedule's change of who is on call, told to the team's channels (`handoff`) or, ahead of
 * time, to the person coming on (`reminder`). Names are the people's names; instants are ISO
 * strings, shown in `timeZone` (the team's) in the recipient's language.
 */
export const ZShiftNotification = z.object({
  type: z.literal("shift"),
  shift: z.object({
    kind: z.enum(["handoff", "reminder"]),
    team: z.string().max(200),
    schedule: z.string().max(200),
    outgoing: z.array(z.string().max(200)).max(50),
    incoming: z.array(z.string().max(200)).max(50),
    startsAt: z.iso.datetime(),
    /** when the incoming people's span ends, if known within the look-ahead */
    until: z.iso.datetime().nullable(),
    timeZone: z.string().max(100),
  }),
  links: z.object({ open: httpUrl() }),
  test: z.literal(false).default(false),
});
export type TShiftNotification = z.infer<typeof ZShiftNotification>;

/** Anything a contact method or a team channel can be sent: an incident, or a shift change. */
export const ZNotificationBody = z.union([ZNotification, ZShiftNotification]);
export type TNotificationBody = z.infer<typeof ZNotificationBody>;

/** The profile form has one address field; this is the target it means for each kind (validated by TARGET_SCHEMAS). */
export function targetFromForm(kind: TContactMethodKind, address: string, chatworkAccountId: string): Record<string, unknown> {
  switch (kind) {
    case "email":
      return { address };
    case "sms":
    case "voice":
      return { phone: address.replace(/[\s()-]/g, "") };
    case "slack":
      return { conversation: address };
    case "ntfy":
      return { topic: address };
    case "chatwork":
      return { roomId: address, accountId: chatworkAccountId };
    case "webpush":
      return {};
    case "teams":
    case "webhook":
    case "pagerduty":
      return {};
  }
}
