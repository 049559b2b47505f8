import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseServerEnv, ZServerEnv } from "./schema";

describe("parseServerEnv", () => {
  it("needs nothing for a local install on the embedded database", () => {
    const env = parseServerEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "production",
      PORT: 3000,
      HOST: "0.0.0.0",
      FIREBREAK_DATA_DIR: ".data",
      FIREBREAK_DEMO: "auto",
      OIDC_NAME: "Single sign-on",
      FIREBREAK_SSO_DEFAULT_ROLE: "viewer",
      FIREBREAK_POSTMORTEM_LANGUAGE: "en",
      FIREBREAK_STREAM_MAX_SECONDS: 300,
      FIREBREAK_RETAIN_REJECTED_DAYS: 7,
      FIREBREAK_RETAIN_PAYLOAD_DAYS: 90,
      FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS: 2,
      FIREBREAK_INTAKE_PER_MINUTE: 600,
      FIREBREAK_TRUST_PROXY: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.FIREBREAK_OUTBOUND_ALLOW).toBeUndefined();
  });

  it("requires the auth secret and public URL with an external database", () => {
    expect(() => parseServerEnv({ DATABASE_URL: "postgresql://u:p@db:5432/firebreak" })).toThrow(
      /NEXTAUTH_SECRET: is required[\s\S]*NEXTAUTH_URL: is required/,
    );
  });

  it.each([
    [{ PORT: "eighty" }, /PORT: must be a port number from 1 to 65535/],
    [{ PORT: "70000" }, /PORT: must be a port number from 1 to 65535/],
    [{ DATABASE_URL: "mysql://x@y/z", NEXTAUTH_SECRET: "s".repeat(40), NEXTAUTH_URL: "https://f.example" }, /DATABASE_URL: must start with postgresql/],
    [{ NEXTAUTH_SECRET: "short" }, /NEXTAUTH_SECRET: must be at least 32 characters/],
    [{ NEXTAUTH_URL: "firebreak.example.com" }, /NEXTAUTH_URL: must be a URL such as https:\/\/firebreak\.example\.com/],
    [{ GITHUB_CLIENT_ID: "abc" }, /GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET go together/],
    [{ FIREBREAK_RETAIN_PAYLOAD_DAYS: "ninety" }, /FIREBREAK_RETAIN_PAYLOAD_DAYS: must be a whole number of days/],
    [{ FIREBREAK_STREAM_MAX_SECONDS: "0" }, /FIREBREAK_STREAM_MAX_SECONDS: must be a whole number of seconds from 1 to 86400/],
    [{ FIREBREAK_STREAM_MAX_SECONDS: "1.5" }, /FIREBREAK_STREAM_MAX_SECONDS: must be a whole number of seconds/],
    [{ FIREBREAK_OUTBOUND_ALLOW: "10.0.0.0/8, intranet" }, /FIREBREAK_OUTBOUND_ALLOW: "intranet" is not an address or a CIDR/],
    [{ FIREBREAK_METRICS_ALLOW: "10.0.0.0/33" }, /FIREBREAK_METRICS_ALLOW: "10.0.0.0\/33" is not an address or a CIDR/],
    [{ FIREBREAK_METRICS_TOKEN: "short" }, /FIREBREAK_METRICS_TOKEN: must be at least 16 characters/],
    [{ REDIS_URL: "http://redis.internal:6379" }, /REDIS_URL: must start with redis:\/\/ or rediss:\/\//],
    [{ FIREBREAK_POSTMORTEM_LANGUAGE: "fr" }, /FIREBREAK_POSTMORTEM_LANGUAGE: must be en or ja/],
    [{ FIREBREAK_DEMO: "yes" }, /FIREBREAK_DEMO: must be auto, true or false/],
    [{ FIREBREAK_TRUST_PROXY: "1" }, /FIREBREAK_TRUST_PROXY: must be true or false/],
    [{ FIREBREAK_CLOCK: "tomorrow" }, /FIREBREAK_CLOCK: must be an ISO 8601 instant/],
  ])("names the malformed variable in %j", (source, message) => {
    expect(() => parseServerEnv(source)).toThrow(message);
  });

  it("names every malformed variable at once", () => {
    expect(() => parseServerEnv({ PORT: "eighty", FIREBREAK_INTAKE_PER_MINUTE: "lots" })).toThrow(/PORT:[\s\S]*FIREBREAK_INTAKE_PER_MINUTE:/);
  });

  it("treats empty variables as unset", () => {
    expect(parseServerEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("keeps an allow-list it can read", () => {
    expect(parseServerEnv({ FIREBREAK_OUTBOUND_ALLOW: "10.0.0.0/8, 127.0.0.1" }).FIREBREAK_OUTBOUND_ALLOW).toBe("10.0.0.0/8, 127.0.0.1");
  });
});

describe("README's configuration table", () => {
  it("lists every variable Firebreak reads, each once, and no other", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const table = /## Configuration\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? "";
    const listed = table
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`([A-Z_]+)`/g)].map((match) => match[1]));
    expect([...listed].sort()).toEqual(Object.keys(ZServerEnv.shape).sort());
  });
});
