/**
 * Node's arguments for another app process running `script` with `args`: TypeScript through tsx, and
 * "server-only" resolved as the launcher resolves it (lib/launcher/server-only-in-node.ts).
 */
export const appProcessArgs = (script: string, ...args: string[]) => [
  "node_modules/tsx/dist/cli.mjs",
  "--import",
  "./lib/launcher/server-only-in-node.ts",
  script,
  ...args,
];
