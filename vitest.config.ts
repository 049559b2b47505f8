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
        test: { name: "unit", include: ["lib/**/*.test.ts"], exclude: ["**/*.integration.test.ts", "node_modules/**"], environment: "node", setupFiles: ["tests/clock-setup.ts"] },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
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
