import { randomUUID } from "node:crypto";
import type { TActor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/prisma";
import { prismaSql } from "@/lib/db/sql";
import { openIncident } from "@/lib/incidents/open-incident";
import { insertUser, createApiToken } from "@/lib/users/service";

/** A user with a unique email, so tests never collide and never need to reset the database. */
export async function createTestUser(role: TActor["role"], name = `Test ${role}`): Promise<TActor> {
  const user = await insertUser({ email: `${role}-${randomUUID()}@test.firebreak.local`, name, role, password: "correct horse battery staple" });
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

export async function createTestUserWithToken(role: TActor["role"]) {
  const actor = await createTestUser(role);
  const { token } = await createApiToken(actor, "tests");
  return { actor, token };
}

/** An incident as an alert opens it, at `detectedAt`: `commanderId` is paged and has not answered yet. */
export function openPagedIncident(input: { title: string; commanderId: string; declaredById: string; startedAt: Date; detectedAt: Date }) {
  const { title, commanderId, declaredById, startedAt, detectedAt } = input;
  return db().$transaction((tx) =>
    openIncident(
      prismaSql(tx),
      { source: "alert", title, severity: "SEV2", summary: "", serviceIds: [], startedAt, detectedAt, declaredById, commander: { userId: commanderId, acknowledged: false } },
      detectedAt,
    ),
  );
}
