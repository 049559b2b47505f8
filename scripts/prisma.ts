// Runs the Prisma CLI with the environment it needs on a machine that cannot download engines.
import { spawnSync } from "node:child_process";
import { prismaCli } from "../lib/db/prisma-cli";

const cli = prismaCli(process.argv.slice(2));
const result = spawnSync(cli.command, cli.args, { stdio: "inherit", env: cli.env });
process.exit(result.status ?? 1);
