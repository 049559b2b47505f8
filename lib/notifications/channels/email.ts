import { lookup } from "node:dns/promises";
import nodemailer from "nodemailer";
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

export async function sendEmail(config: TChannelConfig<"email">, address: string, content: TContent, locale: string): Promise<void> {
  const { host, port, security, username, from } = config.settings;
  const transport = nodemailer.createTransport({
    host: await checkedSmtpAddress(host),
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
  try {
    await transport.sendMail({ from, to: address, ...emailMessage(content, locale) });
  } finally {
    transport.close();
  }
}
