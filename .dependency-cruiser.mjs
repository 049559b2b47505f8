// Import rules that need more than one file to check (eslint's no-restricted-imports sees one import
// at a time). `npm run lint` runs this config and .dependency-cruiser.browser.mjs; why each rule
// exists: docs/decisions/014-import-boundaries.md.

/**
 * Folder imports of lib/ allowed although they close a cycle. Each is a known cycle waiting for its
 * fix, not a direction to copy: delete the entry with the fix, and the rule then keeps it fixed.
 */
const KNOWN_FOLDER_CYCLES = [
  // auth ↔ users: users hash passwords and tokens with auth and check its permissions; auth signs
  // people in through users' sessions and records. Listed in docs/decisions/014.
  ["lib/auth", "lib/users"],
  ["lib/users", "lib/auth"],
  // auth ↔ http: http/api.ts (the route-handler glue) authenticates through auth, and auth's GitHub
  // sign-in fetches e-mail addresses through http/outbound.ts; http → users closes a cycle only
  // through these two pairs. Listed in docs/decisions/014.
  ["lib/auth", "lib/http"],
  ["lib/http", "lib/auth"],
  ["lib/http", "lib/users"],
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const folderCycleMessage =
  "Two folders of lib/ import each other (directly or through others). Pick the direction: the lower-level folder must not know " +
  "the higher one. Move the shared piece into the lower folder, or pass it in as an argument; see docs/decisions/014-import-boundaries.md.";

/** One rule for folders without known cycles, and one per folder that has some, allowing exactly those imports. */
function folderCycleRules() {
  const byFolder = new Map();
  for (const [from, to] of KNOWN_FOLDER_CYCLES) byFolder.set(from, [...(byFolder.get(from) ?? []), to]);
  const folders = [...byFolder.keys()];
  return [
    {
      name: "no-folder-cycles-in-lib",
      severity: "error",
      comment: folderCycleMessage,
      scope: "folder",
      from: { path: "^lib/[^/]+$", pathNot: `^(lib/generated|${folders.map(escape).join("|")})$` },
      to: { path: "^lib/[^/]+$", circular: true },
    },
    ...folders.map((from) => ({
      name: "no-folder-cycles-in-lib",
      severity: "error",
      comment: folderCycleMessage,
      scope: "folder",
      from: { path: `^${escape(from)}$` },
      to: { path: "^lib/[^/]+$", pathNot: `^(${byFolder.get(from).map(escape).join("|")})$`, circular: true },
    })),
  ];
}

const config = {
  forbidden: [
    {
      name: "no-app-in-components",
      severity: "error",
      comment:
        "components/ must not import app/: app/ holds routes, and a component that imports one is tied to it. " +
        "Pass the server action or value in as a prop from the page, or move shared code to lib/.",
      from: { path: "^components/" },
      to: { path: "^app/" },
    },
    ...folderCycleRules(),
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^lib/generated/"] },
    // Tests set up data through any domain's service; they are not part of the dependency direction.
    exclude: { path: ["\\.test\\.tsx?$", "^\\.next/"] },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a folder that imports another's types knows about it.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};

export default config;
