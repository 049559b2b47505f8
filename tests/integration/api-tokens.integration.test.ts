import { beforeAll, describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/me/route";
import { DELETE as revokeRoute } from "@/app/api/tokens/[id]/route";
import { POST as createTokenRoute } from "@/app/api/tokens/route";
import { GET as userTokensRoute } from "@/app/api/users/[id]/tokens/route";
import { db } from "@/lib/db/prisma";
import { apiRequest, routeParams, sessionCookie, sessionRequest } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";

type TCaller = Awaited<ReturnType<typeof createTestUserWithToken>>;
let admin: TCaller;

beforeAll(async () => {
  admin = await createTestUserWithToken("admin");
});

const noParams = routeParams({} as Record<string, never>);
const meWith = (token: string) => meRoute(apiRequest("GET", "/api/me", token), noParams);
const tokenIdOf = async (caller: TCaller) => (await db().apiToken.findFirstOrThrow({ where: { userId: caller.actor.id } })).id;

async function createFromBrowser(userId: string, body: unknown) {
  return createTokenRoute(sessionRequest("POST", "/api/tokens", await sessionCookie(userId), { body }), noParams);
}

describe("revoking", () => {
  it("lets an admin list and revoke anyone's token, and no one else", async () => {
    const [owner, colleague] = await Promise.all([createTestUserWithToken("responder"), createTestUserWithToken("responder")]);
    const tokenId = await tokenIdOf(owner);
    const listAs = (caller: TCaller) => userTokensRoute(apiRequest("GET", `/api/users/${owner.actor.id}/tokens`, caller.token), routeParams({ id: owner.actor.id }));
    const revokeAs = (caller: TCaller) => revokeRoute(apiRequest("DELETE", `/api/tokens/${tokenId}`, caller.token), routeParams({ id: tokenId }));

    expect((await listAs(colleague)).status).toBe(403);
    expect((await revokeAs(colleague)).status).toBe(404);
    expect((await meWith(owner.token)).status).toBe(200);

    const listed = await listAs(admin);
    expect(listed.status).toBe(200);
    expect((await listed.json()).tokens).toEqual([expect.objectContaining({ id: tokenId, name: "tests", revokedAt: null, expiresAt: null })]);
    expect(await (await revokeAs(admin)).json()).toEqual({ revoked: tokenId });
    expect((await meWith(owner.token)).status).toBe(401);
    expect((await (await listAs(admin)).json()).tokens).toEqual([expect.objectContaining({ id: tokenId, revokedAt: expect.any(String) })]);
  });

  it("answers 404 for the tokens of someone who does not exist", async () => {
    const response = await userTokensRoute(apiRequest("GET", "/api/users/no-such-user/tokens", admin.token), routeParams({ id: "no-such-user" }));
    expect(response.status).toBe(404);
  });
});

describe("expiry", () => {
  it("sets the expiry asked for, refuses the token once it has passed, and says why", async () => {
    const owner = await createTestUserWithToken("responder");
    const day = 24 * 60 * 60_000;
    const before = Date.now();
    const created = await createFromBrowser(owner.actor.id, { name: "one-day", expiresInDays: 1 });
    const after = Date.now();
    expect(created.status).toBe(201);
    const { id, token, expiresAt } = await created.json();
    expect(new Date(expiresAt).getTime()).toBeGreaterThanOrEqual(before + day);
    expect(new Date(expiresAt).getTime()).toBeLessThanOrEqual(after + day);
    expect((await meWith(token)).status).toBe(200);

    // A day later:
    await db().apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    const refused = await meWith(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "token_expired", message: expect.stringMatching(/^This API token expired at .+; create a new one/) });
  });

  it("is optional, and whole days between 1 and 3650", async () => {
    const owner = await createTestUserWithToken("viewer");
    expect(await (await createFromBrowser(owner.actor.id, { name: "forever" })).json()).toMatchObject({ expiresAt: null });
    for (const expiresInDays of [0, 1.5, 3651, "30"]) {
      const response = await createFromBrowser(owner.actor.id, { name: "bad expiry", expiresInDays });
      expect(response.status).toBe(400);
      expect((await response.json()).issues).toEqual([expect.objectContaining({ path: "expiresInDays" })]);
    }
  });
});

describe("minting", () => {
  it("refuses to create a token with a token, and creates none", async () => {
    const owner = await createTestUserWithToken("admin");
    const response = await createTokenRoute(apiRequest("POST", "/api/tokens", owner.token, { name: "minted by a token" }), noParams);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "session_required", message: expect.stringContaining("signed-in browser session") });
    expect(await db().apiToken.count({ where: { userId: owner.actor.id } })).toBe(1);
  });

  it("still answers a bad token with 401", async () => {
    const response = await createTokenRoute(apiRequest("POST", "/api/tokens", "fbk_not-a-token", { name: "nope" }), noParams);
    expect(response.status).toBe(401);
  });
});
