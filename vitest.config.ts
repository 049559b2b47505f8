import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = {
  "@": root,
  // The real module throws outside React Server Components; tests run plain Node.
  "server-only": path.join(root, "tests/server-only-stub.ts"),
};

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", maxWorkers: 2, include: ["lib/**/*.test.ts"], exclude: ["**/*.integration.test.ts", "node_modules/**"], environment: "node", setupFiles: ["tests/clock-setup.ts"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          // The files wait on PostgreSQL and on the processes they start more than they compute: three at
          // once on a 2-core machine take half the time of one at a time. Each file has its own rows.
          maxWorkers: 3,
          include: ["**/*.integration.test.ts"],
          exclude: ["node_modules/**", ".next/**"],
          environment: "node",
          globalSetup: ["tests/integration-global-setup.ts"],
          setupFiles: ["tests/clock-setup.ts", "tests/integration-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
