import { readdir } from "node:fs/promises";
import path from "node:path";

/** The migrations this version of Firebreak ships (prisma/migrations), oldest first. */
export async function migrationNames(): Promise<string[]> {
  const entries = await readdir(path.resolve("prisma", "migrations"), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
