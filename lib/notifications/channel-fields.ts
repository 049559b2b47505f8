import type { TMessageKey } from "@/lib/i18n/en";
import type { TChannelKind } from "./schema";

/** The admin form of each channel: which fields are settings (shown again) and which are secrets (never shown). */
export type TChannelField = {
  name: string;
  secret: boolean;
  type: "text" | "url" | "email" | "number" | "security";
  required?: boolean;
  placeholder?: string;
  readOnly?: boolean;
  /** a line under the field, where its label alone does not say what it does */
  help?: TMessageKey;
};

export const CHANNEL_FIELDS: Record<TChannelKind, TChannelField[]> = {
  email: [
    { name: "host", secret: false, type: "text", required: true, placeholder: "smtp.example.com" },
    { name: "port", secret: false, type: "number", required: true, placeholder: "587" },
    { name: "security", secret: false, type: "security" },
    { name: "username", secret: false, type: "text" },
    { name: "password", secret: true, type: "text" },
    { name: "from", secret: false, type: "email", required: true, placeholder: "oncall@example.com" },
  ],
  webpush: [
    { name: "subject", secret: false, type: "text", required: true, placeholder: "mailto:sre@example.com" },
    { name: "publicKey", secret: false, type: "text", readOnly: true },
  ],
  slack: [
    { name: "botToken", secret: true, type: "text", placeholder: "xoxb-…" },
    { name: "webhookUrl", secret: true, type: "url", placeholder: "https://hooks.slack.com/services/…" },
    { name: "signingSecret", secret: true, type: "text", help: "channels.fieldHelp.slackSigningSecret" },
    { name: "apiBaseUrl", secret: false, type: "url", placeholder: "https://slack.com/api" },
  ],
  teams: [{ name: "workflowUrl", secret: true, type: "url", placeholder: "https://….logic.azure.com/workflows/…" }],
  chatwork: [
    { name: "apiToken", secret: true, type: "text" },
    { name: "roomId", secret: false, type: "text", placeholder: "123456789" },
    { name: "apiBaseUrl", secret: false, type: "url", placeholder: "https://api.chatwork.com/v2" },
  ],
  webhook: [
    { name: "url", secret: true, type: "url", placeholder: "https://example.com/hooks/firebreak" },
    { name: "signingSecret", secret: true, type: "text" },
  ],
  ntfy: [
    { name: "serverUrl", secret: false, type: "url", required: true, placeholder: "https://ntfy.example.com" },
    { name: "accessToken", secret: true, type: "text", placeholder: "tk_…" },
  ],
  pagerduty: [
    { name: "routingKey", secret: true, type: "text" },
    { name: "apiBaseUrl", secret: false, type: "url", placeholder: "https://events.pagerduty.com" },
  ],
  twilio: [
    { name: "accountSid", secret: false, type: "text", required: true, placeholder: "AC…" },
    { name: "authToken", secret: true, type: "text" },
    { name: "fromNumber", secret: false, type: "text", required: true, placeholder: "+15005550006" },
    { name: "apiBaseUrl", secret: false, type: "url", placeholder: "https://api.twilio.com" },
  ],
};
