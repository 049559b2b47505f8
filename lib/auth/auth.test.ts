import { describe, expect, it } from "vitest";
import { bearerToken, generateApiToken, hashApiToken } from "./api-token";
import { hashPassword, verifyPassword } from "./password";
import { can } from "./permissions";

describe("API tokens", () => {
  it("are random, prefixed, and stored only as a hash", () => {
    const first = generateApiToken();
    const second = generateApiToken();
    expect(first.token).not.toBe(second.token);
    expect(first.token.startsWith("fbk_")).toBe(true);
    expect(first.tokenHash).toBe(hashApiToken(first.token));
    expect(first.tokenHash).not.toContain(first.token);
    expect(first.token.startsWith(first.prefix)).toBe(true);
  });

  it("are read from a Bearer header only", () => {
    expect(bearerToken("Bearer fbk_abc")).toBe("fbk_abc");
    expect(bearerToken("bearer   fbk_abc")).toBe("fbk_abc");
    expect(bearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});

describe("passwords", () => {
  it("verify against their argon2 hash and nothing else", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash.startsWith("$argon2")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "wrong")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("organisation roles", () => {
  it("let viewers read, responders run incidents, and only admins manage", () => {
    expect(can("viewer", "incident:read")).toBe(true);
    expect(can("viewer", "incident:write")).toBe(false);
    expect(can("responder", "incident:write")).toBe(true);
    expect(can("responder", "user:manage")).toBe(false);
    expect(can("responder", "service:manage")).toBe(false);
    expect(can("admin", "user:manage")).toBe(true);
  });
});
