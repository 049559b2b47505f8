import { beforeAll, describe, expect, it } from "vitest";
import { POST as addNoteRoute } from "@/app/api/incidents/[ref]/timeline/route";
import { db } from "@/lib/db/prisma";
import { sessionCookie, sessionRequest } from "@/lib/testing/api-request";
import { DOCUMENTED_WRITES, handler, incident, prepareDocumentedWrites, type TWrite } from "./documented-writes";

// Every write in the README's JSON API table, made the way the browser makes it: with the session cookie.
let cookie: string;

beforeAll(async () => {
  const { admin } = await prepareDocumentedWrites();
  cookie = await sessionCookie(admin.id);
});

async function send(write: TWrite, origin: string | null) {
  const request = sessionRequest(write.method, write.path, cookie, { body: write.body, origin });
  return write.handler(request, { params: Promise.resolve(write.params as never) });
}

describe("writes with the browser session cookie", () => {
  it.each(Object.keys(DOCUMENTED_WRITES))("%s works from Firebreak's own pages", async (name) => {
    const write = await (DOCUMENTED_WRITES[name] as () => Promise<TWrite>)();
    const response = await send(write, "http://localhost");
    expect({ status: response.status, body: await response.json() }).toMatchObject({ status: write.succeeds });
  });

  it.each(Object.keys(DOCUMENTED_WRITES))("%s is refused from another origin", async (name) => {
    const response = await send(await (DOCUMENTED_WRITES[name] as () => Promise<TWrite>)(), "https://evil.example");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "cross_origin" });
  });

  it("refuses a write from an opaque origin (Origin: null) and changes nothing", async () => {
    const declared = await incident();
    const response = await send(
      {
        handler: handler(addNoteRoute),
        method: "POST",
        path: `/api/incidents/${declared.ref}/timeline`,
        params: { ref: declared.ref },
        body: { body: "from a sandboxed frame" },
        succeeds: 201,
      },
      "null",
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "cross_origin" });
    expect(await db().timelineEntry.count({ where: { incidentId: declared.id, kind: "note" } })).toBe(0);
  });
});
