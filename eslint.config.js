import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: [".next/**", ".data/**", "lib/generated/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Pages and components reach data only through lib/ queries and services.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "@/lib/db/prisma", message: "Use a query or service from lib/<domain> instead of the Prisma client." }],
          patterns: [{ group: ["@/lib/generated/prisma/client", "@prisma/*", "pg"], message: "Use a query or service from lib/<domain>." }],
        },
      ],
    },
  },
  {
    // Settings are declared once (lib/env/schema.ts) and read through serverEnv(), parsed and checked once.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "proxy.ts"],
    // The one reader, and its test.
    ignores: ["lib/env/server-env.ts", "lib/env/server-env.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings with serverEnv() from lib/env/server-env.ts; declare new ones in lib/env/schema.ts." },
      ],
    },
  },
];

export default config;
