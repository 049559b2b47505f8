import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/prisma";

process.env.DATABASE_URL = inject("databaseUrl");
// The tests' Prometheus, webhook receivers and SNS endpoints listen on loopback, which outbound
// requests refuse unless allowed (tests/integration/outbound.integration.test.ts checks the refusals).
process.env.FIREBREAK_OUTBOUND_ALLOW = "127.0.0.0/8,::1/128";
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests";
// With DATABASE_URL set the settings need the public URL, as a real deployment does.
process.env.NEXTAUTH_URL ??= "http://localhost";

afterAll(async () => {
  await disconnectDb();
});
