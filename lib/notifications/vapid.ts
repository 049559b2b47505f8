import { db } from "@/lib/db/prisma";
import { publicUrl } from "@/lib/http/public-url";
import { generateVapidKeys } from "./channels/webpush";

/**
 * The Web Push channel's VAPID key pair, made on first start and kept: every browser subscription
 * is bound to the public key, so it never changes by itself. Several processes starting at once
 * insert one pair (the kind is the key; the losers keep the winner's).
 */
export async function ensureVapidKeys(): Promise<string> {
  const existing = await db().notificationChannel.findUnique({ where: { kind: "webpush" } });
  if (!existing) {
    const { publicKey, privateKey } = generateVapidKeys();
    const host = new URL(publicUrl("/")).hostname;
    await db().notificationChannel.createMany({
      data: [{ kind: "webpush", enabled: true, settings: { subject: `mailto:firebreak@${host.includes(".") ? host : "localhost.localdomain"}`, publicKey }, secrets: { privateKey } }],
      skipDuplicates: true,
    });
  }
  const row = await db().notificationChannel.findUniqueOrThrow({ where: { kind: "webpush" } });
  return (row.settings as { publicKey: string }).publicKey;
}
