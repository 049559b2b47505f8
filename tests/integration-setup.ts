import { afterAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db/prisma";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "integration-tests-secret-integration-tests";

afterAll(async () => {
  await disconnectDb();
});
