import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const ZLocalSecrets = z.object({ nextauthSecret: z.string().min(32) });

/** Secrets generated once for a local (embedded-database) install and kept in the data directory. */
export async function loadOrCreateLocalSecrets(dataDir: string): Promise<z.infer<typeof ZLocalSecrets>> {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return ZLocalSecrets.parse(JSON.parse(await readFile(file, "utf8")));
  const secrets = { nextauthSecret: randomBytes(32).toString("base64url") };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
