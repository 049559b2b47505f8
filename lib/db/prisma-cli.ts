import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** How to run the Prisma CLI on a machine that cannot download engines or send telemetry. */
// eslint-disable-next-line no-restricted-properties -- the Prisma CLI runs as a process of its own, in this environment by default
export function prismaCli(args: string[], env: NodeJS.ProcessEnv = process.env): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  const cliEnv: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  // `generate` and `validate` only read the schema, whose datasource names DATABASE_URL.
  if (["generate", "validate", "format"].includes(args[0] ?? "")) cliEnv.DATABASE_URL ??= "postgresql://placeholder@localhost/placeholder";
  return { command: process.execPath, args: [require.resolve("prisma/build/index.js"), ...args], env: cliEnv };
}
