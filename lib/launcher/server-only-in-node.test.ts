import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
// What the launcher does: load an app module that imports "server-only" (the settings), and read it.
const loadSettings = `const { serverEnv } = await import("./lib/env/server-env.ts"); console.log(serverEnv().FIREBREAK_STREAM_MAX_SECONDS);`;
const plainNode = (imports: string[]) =>
  run(process.execPath, [...imports.flatMap((module) => ["--import", module]), "--input-type=module", "--eval", loadSettings], {
    cwd: root,
    // eslint-disable-next-line no-restricted-properties -- the child process needs PATH, and nothing else of this one's environment
    env: { PATH: process.env.PATH, NODE_ENV: "test", FIREBREAK_STREAM_MAX_SECONDS: "42" },
  });

describe("server-only in a plain Node process", () => {
  it("is refused without the hook, as the package does outside a React server", async () => {
    await expect(plainNode(["tsx"])).rejects.toThrow(/cannot be imported from a Client Component/);
  });

  it("resolves to nothing with the hook, so the launcher reads the settings", async () => {
    const { stdout } = await plainNode(["tsx", "./lib/launcher/server-only-in-node.ts"]);
    expect(stdout.trim()).toBe("42");
  });
});
