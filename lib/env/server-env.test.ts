import { describe, expect, it } from "vitest";
import { parseServerEnv } from "./server-env";

describe("parseServerEnv", () => {
  it("needs nothing for a local install on the embedded database", () => {
    const env = parseServerEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.FIREBREAK_DATA_DIR).toBe(".data");
    expect(env).toMatchObject({ FIREBREAK_RETAIN_REJECTED_DAYS: 7, FIREBREAK_RETAIN_PAYLOAD_DAYS: 90, FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS: 2, FIREBREAK_INTAKE_PER_MINUTE: 600 });
  });

  it("requires the auth secret and public URL with an external database", () => {
    expect(() => parseServerEnv({ DATABASE_URL: "postgresql://u:p@db:5432/firebreak" })).toThrow(
      /NEXTAUTH_SECRET: is required[\s\S]*NEXTAUTH_URL: is required/,
    );
  });

  it("names each malformed variable", () => {
    expect(() => parseServerEnv({ PORT: "eighty" })).toThrow(/PORT:/);
    expect(() => parseServerEnv({ DATABASE_URL: "mysql://x@y/z", NEXTAUTH_SECRET: "s".repeat(40), NEXTAUTH_URL: "https://f.example" })).toThrow(
      /DATABASE_URL: must start with postgresql/,
    );
    expect(() => parseServerEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 32 characters/);
    expect(() => parseServerEnv({ GITHUB_CLIENT_ID: "abc" })).toThrow(/GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET go together/);
    expect(() => parseServerEnv({ FIREBREAK_RETAIN_PAYLOAD_DAYS: "ninety" })).toThrow(/FIREBREAK_RETAIN_PAYLOAD_DAYS:/);
  });

  it("treats empty variables as unset", () => {
    expect(parseServerEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});
