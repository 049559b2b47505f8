// Code that can run in the browser must not reach the database client through any import chain.
// A separate config from .dependency-cruiser.mjs because this one follows only the imports that
// survive compilation: `import type` is erased, so a component may use a query's result type.
// Why: docs/decisions/014-import-boundaries.md.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import base from "./.dependency-cruiser.mjs";

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Modules whose first statement is the "use client" directive, wherever they live: they and all
 * they import are shipped to the browser. dependency-cruiser does not read directives, so they are
 * found here each time the config loads.
 */
function clientModules(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return clientModules(path);
    if (!/\.(ts|tsx|js|jsx)$/.test(entry.name)) return [];
    return /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/.test(readFileSync(path, "utf8")) ? [path] : [];
  });
}

const config = {
  forbidden: [
    {
      name: "no-database-in-browser-code",
      severity: "error",
      comment:
        'A component or a "use client" module reaches the database client through this import chain. Components get data as props ' +
        "from their page, and the page calls a query or service of lib/<domain>. Import the pure part instead (lib/<domain>/rules.ts, " +
        "schema.ts, format.ts), move the function you need there, or use `import type` for a query's result type.",
      from: { path: ["^components/", ...["app", "components", "lib"].flatMap(clientModules).map((path) => `^${escape(path)}$`)] },
      to: {
        reachable: true,
        path: ["^lib/db/prisma\\.ts$", "^lib/generated/prisma/", "^node_modules/pg/", "^node_modules/pg-[^/]+/", "^node_modules/@prisma/"],
        // The generated enums are plain constants (no client), the ones a form's options come from.
        pathNot: "^lib/generated/prisma/enums\\.ts$",
      },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};

export default config;
