import { assertCan, type TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { invalidFields, unprocessable } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CHANNEL_SCHEMAS, type TChannelConfig, type TChannelKind } from "./schema";

/** A channel's configuration for sending, or null when it is not set up or switched off. */
export async function loadChannel<K extends TChannelKind>(kind: K): Promise<TChannelConfig<K> | null> {
  const row = await db().notificationChannel.findUnique({ where: { kind } });
  if (!row?.enabled) return null;
  const schema = CHANNEL_SCHEMAS[kind];
  const settings = schema.settings.safeParse(row.settings);
  const secrets = schema.secrets.safeParse(row.secrets);
  if (!settings.success || !secrets.success) return null;
  return { settings: settings.data, secrets: secrets.data } as TChannelConfig<K>;
}

/** What the admin page shows: settings as stored, and for each secret only whether it is set. */
export type TChannelView = { kind: TChannelKind; enabled: boolean; settings: Record<string, unknown>; secretsSet: Record<string, boolean>; updatedAt: Date };

export async function listChannelsForAdmin(actor: TActor): Promise<TChannelView[]> {
  assertCan(actor, "integration:manage");
  const rows = await db().notificationChannel.findMany({ orderBy: { kind: "asc" } });
  return rows.map((row) => ({
    kind: row.kind,
    enabled: row.enabled,
    settings: row.settings as Record<string, unknown>,
    secretsSet: Object.fromEntries(
      Object.entries(row.secrets as Record<string, unknown>).map(([name, value]) => [name, typeof value === "string" && value.length > 0]),
    ),
    updatedAt: row.updatedAt,
  }));
}

function parsePart(schema: (typeof CHANNEL_SCHEMAS)[TChannelKind]["settings" | "secrets"], value: unknown): Prisma.InputJsonObject {
  const result = schema.safeParse(value);
  if (result.success) return result.data as Prisma.InputJsonObject;
  throw invalidFields(result.error.issues);
}

/**
 * Saves a channel. A secret left blank keeps the stored one, so an admin can change a setting
 * without pasting every token again (the page never has them to fill in).
 */
export async function saveChannel(
  actor: TActor,
  kind: TChannelKind,
  input: { enabled: boolean; settings: Record<string, unknown>; secrets: Record<string, string> },
): Promise<void> {
  assertCan(actor, "integration:manage");
  const stored = await db().notificationChannel.findUnique({ where: { kind } });
  const keptSecrets = { ...((stored?.secrets as Record<string, unknown> | undefined) ?? {}) };
  for (const [name, value] of Object.entries(input.secrets)) if (value.trim() !== "") keptSecrets[name] = value;
  const settings = parsePart(CHANNEL_SCHEMAS[kind].settings, input.settings);
  const secrets = parsePart(CHANNEL_SCHEMAS[kind].secrets, keptSecrets);
  await db().notificationChannel.upsert({
    where: { kind },
    create: { kind, enabled: input.enabled, settings, secrets },
    update: { enabled: input.enabled, settings, secrets },
  });
}

export async function deleteChannel(actor: TActor, kind: TChannelKind): Promise<void> {
  assertCan(actor, "integration:manage");
  if (kind === "webpush") throw unprocessable("errors.channel.webPushKeysStay");
  await db().notificationChannel.deleteMany({ where: { kind } });
}
