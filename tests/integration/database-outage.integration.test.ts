import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { GET as listIncidentsRoute } from "@/app/api/incidents/route";
import { POST as webhookRoute } from "@/app/api/integrations/[ref]/alerts/route";
import { POST as createIntegrationRoute } from "@/app/api/integrations/route";
import { createTestUserWithToken } from "@/lib/testing/factories";
import { useDatabase } from "@/tests/use-database";

const fixture = readFileSync(path.join(import.meta.dirname, "../../fixtures/alerts/alertmanager-0.25-group-firing.json"), "utf8");
const params = <T>(value: T) => ({ params: Promise.resolve(value) });
let token: string;
let webhookKey: string;

beforeAll(async () => {
  ({ token } = await createTestUserWithToken("admin"));
  const created = await createIntegrationRoute(
    new Request("http://localhost/api/integrations", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: "outage test", source: "alertmanager" }),
    }),
    params({}),
  );
  webhookKey = ((await created.json()) as { key: string }).key;
  // From here on this file's database is one nobody answers at, as during a PostgreSQL outage.
  await useDatabase("postgresql://firebreak:unused@127.0.0.1:1/firebreak");
});

afterAll(async () => {
  await useDatabase(inject("databaseUrl"));
});

it("answers 503 with Retry-After while the database is unreachable, so senders retry, and logs one line, not a stack per request", async () => {
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, () => listIncidentsRoute(new Request("http://localhost/api/incidents", { headers: { authorization: `Bearer ${token}` } }), params({}))),
      ...Array.from({ length: 10 }, () =>
        webhookRoute(
          new Request(`http://localhost/api/integrations/${webhookKey}/alerts`, { method: "POST", headers: { "content-type": "application/json" }, body: fixture }),
          params({ ref: webhookKey }),
        ),
      ),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("5");
      expect(await answer.json()).toMatchObject({ error: "database_unavailable" });
    }
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]?.[0])).toMatch(/→ 503: the database cannot be reached/);
  } finally {
    errors.mockRestore();
  }
});
