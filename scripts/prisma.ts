// Runs the Prisma CLI with the environment it needs on a machine that cannot download engines.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const prismaCli = require.resolve("prisma/build/index.js");

const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
// `generate` and `validate` only read the schema, whose datasource names DATABASE_URL.
if (["generate", "validate", "format"].includes(process.argv[2] ?? "")) env.DATABASE_URL ??= "postgresql://placeholder@localhost/placeholder";

const result = spawnSync(process.execPath, [prismaCli, ...process.argv.slice(2)], { stdio: "inherit", env });
process.exit(result.status ?? 1);
