import { beforeAll, describe, expect, it } from "vitest";
import { GET as listActionItemsRoute } from "@/app/api/action-items/route";
import { GET as listAlertsRoute } from "@/app/api/alerts/route";
import { GET as listIncidentsRoute } from "@/app/api/incidents/route";
import { GET as listPostmortemsRoute } from "@/app/api/postmortems/route";
import { GET as listSlosRoute } from "@/app/api/slos/route";
import { apiRequest, routeParams, sessionCookie, sessionRequest } from "@/lib/testing/api-request";
import { createApiToken } from "@/lib/users/service";
import { DOCUMENTED_WRITES, handler, prepareDocumentedWrites, type TWrite } from "./documented-writes";

// README: bodies are validated strictly. A field the API does not know is a mistake worth hearing about
// (a misspelt `serviceIDs` would otherwise declare an incident with no services).
let token: string;
let cookie: string;

beforeAll(async () => {
  const { admin } = await prepareDocumentedWrites();
  token = (await createApiToken(admin, "strict input")).token;
  cookie = await sessionCookie(admin.id);
});

const writesWithBodies = Object.entries(DOCUMENTED_WRITES).filter(([name]) => !/DELETE|acknowledge|regenerate|rotate/.test(name));

describe("an unknown field", () => {
  it.each(writesWithBodies.map(([name]) => name))("in the body of %s is a 400 naming it", async (name) => {
    const write = await (DOCUMENTED_WRITES[name] as () => Promise<TWrite>)();
    expect(write.body).toEqual(expect.any(Object));
    const body = { ...(write.body as object), assignee: "nobody" };
    const request = write.sessionOnly ? sessionRequest(write.method, write.path, cookie, { body }) : apiRequest(write.method, write.path, token, body);
    const response = await write.handler(request, { params: Promise.resolve(write.params as never) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", issues: [{ path: "assignee", message: "is not a known field" }] });
  });

  const lists: [string, unknown][] = [
    ["/api/incidents", listIncidentsRoute],
    ["/api/alerts", listAlertsRoute],
    ["/api/postmortems", listPostmortemsRoute],
    ["/api/action-items", listActionItemsRoute],
    ["/api/slos", listSlosRoute],
  ];

  it.each(lists)("in the query of GET %s is a 400 naming it", async (path, route) => {
    const response = await handler(route)(apiRequest("GET", `${path}?sevrity=SEV1`, token), routeParams({} as never));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", issues: [{ path: "sevrity", message: "is not a known field" }] });
  });
});
