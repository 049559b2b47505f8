import { lookup } from "node:dns/promises";
import nodemailer, { type Transporter } from "nodemailer";
import { isAllowedAddress, parseOutboundAllowList } from "@/lib/env/outbound-allow-list";
import { serverEnv } from "@/lib/env/server-env";
import { OutboundRefusedError } from "@/lib/http/outbound";
import { escapeHtml } from "@/lib/markup/escape";
import { plainTextLines, type TContent } from "../content";
import type { TChannelConfig } from "../schema";

/** The email's subject, text and HTML; every text is HTML-escaped, and only the given URLs are links. */
export function emailMessage(content: TContent, locale: string) {
  const link = (url: string, label: string, style = "") => `<a href="${escapeHtml(url)}"${style ? ` style="${style}"` : ""}>${escapeHtml(label)}</a>`;
  const button = "display:inline-block;padding:8px 14px;margin:0 8px 8px 0;border-radius:4px;background:#b42318;color:#fff;text-decoration:none;font-weight:600";
  const rows = content.facts.map((fact) => `<tr><th align="left" style="padding-right:12px">${escapeHtml(fact.label)}</th><td>${escapeHtml(fact.value)}</td></tr>`);
  if (content.firstAlert) {
    const runbook = content.firstAlert.runbook ? ` · ${link(content.firstAlert.runbook.url, content.firstAlert.runbook.label)}` : "";
    rows.push(`<tr><th align="left" style="padding-right:12px">${escapeHtml(content.firstAlert.label)}</th><td>${escapeHtml(content.firstAlert.text)}${runbook}</td></tr>`);
  }
  const html = [
    `<!doctype html><html lang="${locale === "ja" ? "ja" : "en"}"><head><meta charset="utf-8"><title>${escapeHtml(content.headline)}</title></head>`,
    `<body style="font-family:system-ui,sans-serif;line-height:1.5">`,
    `<h1 style="font-size:18px">${escapeHtml(content.headline)}</h1>`,
    content.testNote ? `<p>${escapeHtml(content.testNote)}</p>` : "",
    `<table>${rows.join("")}</table>`,
    `<p>${content.actions.map((action) => link(action.url, action.label, button)).join("")}</p>`,
    `<p style="color:#667085;font-size:12px">${escapeHtml(content.footer)}</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject: content.headline.replace(/[\r\n]+/g, " "), text: [...plainTextLines(content), "", content.footer].join("\n"), html };
}

/**
 * The SMTP server's address, checked by the outbound rules like any HTTP request (a relay on the
 * same host or network needs FIREBREAK_OUTBOUND_ALLOW); the connection goes to the checked address,
 * with TLS still verifying the server's name.
 */
async function checkedSmtpAddress(host: string): Promise<string> {
  const addresses = await lookup(host, { all: true });
  const allowList = parseOutboundAllowList(serverEnv().FIREBREAK_OUTBOUND_ALLOW);
  const refused = addresses.find((entry) => !isAllowedAddress(entry.address, allowList));
  if (refused || addresses.length === 0) {
    throw new OutboundRefusedError(`${host} resolves to ${refused?.address ?? "nothing"}, a loopback, private or link-local address (allow it with FIREBREAK_OUTBOUND_ALLOW)`);
  }
  return (addresses[0] as { address: string }).address;
}

/** The pooled connection to the configured mail server, kept while its settings stay the same. */
let pooled: { key: string; transport: Transporter } | null = null;

/**
 * One pool of up to five SMTP connections per mail server setting: a burst of pages (a hundred
 * incidents at once) goes out over a few open connections rather than a handshake each. A pooled
 * connection that idles past the socket timeout closes and the pool opens another when needed.
 */
function smtpTransport(config: TChannelConfig<"email">, address: string): Transporter {
  const { host, port, security, username } = config.settings;
  const key = JSON.stringify([address, host, port, security, username, config.secrets.password]);
  if (pooled?.key === key) return pooled.transport;
  pooled?.transport.close();
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: address,
    port,
    secure: security === "tls",
    requireTLS: security === "starttls",
    ignoreTLS: security === "none",
    tls: { servername: host },
    name: "firebreak",
    auth: username ? { user: username, pass: config.secrets.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 15_000,
  });
  pooled = { key, transport };
  return transport;
}

/** Closes the pooled SMTP connections (at shutdown). */
export function closeEmailTransport(): void {
  pooled?.transport.close();
  pooled = null;
}

export async function sendEmail(config: TChannelConfig<"email">, address: string, content: TContent, locale: string): Promise<void> {
  // Checked on every send, so a name that now resolves elsewhere is refused before anything is sent.
  const transport = smtpTransport(config, await checkedSmtpAddress(config.settings.host));
  await transport.sendMail({ from: config.settings.from, to: address, ...emailMessage(content, locale) });
}
