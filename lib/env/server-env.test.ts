import { afterEach, describe, expect, it } from "vitest";
import { resetServerEnvForTests, serverEnv } from "./server-env";

const VARIABLES = ["FIREBREAK_STREAM_MAX_SECONDS", "PORT"] as const;
const before = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of VARIABLES) {
    if (before[name] === undefined) delete process.env[name];
    else process.env[name] = before[name];
  }
  resetServerEnvForTests();
});

describe("serverEnv", () => {
  it("reads process.env once: a change after the first read is not seen", () => {
    process.env.FIREBREAK_STREAM_MAX_SECONDS = "7";
    resetServerEnvForTests();
    const first = serverEnv();
    expect(first.FIREBREAK_STREAM_MAX_SECONDS).toBe(7);

    process.env.FIREBREAK_STREAM_MAX_SECONDS = "9";
    expect(serverEnv().FIREBREAK_STREAM_MAX_SECONDS).toBe(7);
    expect(serverEnv()).toBe(first);
  });

  it("reads it again after a reset (tests only)", () => {
    process.env.FIREBREAK_STREAM_MAX_SECONDS = "7";
    resetServerEnvForTests();
    expect(serverEnv().FIREBREAK_STREAM_MAX_SECONDS).toBe(7);
    process.env.FIREBREAK_STREAM_MAX_SECONDS = "9";
    resetServerEnvForTests();
    expect(serverEnv().FIREBREAK_STREAM_MAX_SECONDS).toBe(9);
  });

  it("applies the defaults to what is unset", () => {
    delete process.env.FIREBREAK_STREAM_MAX_SECONDS;
    resetServerEnvForTests();
    expect(serverEnv().FIREBREAK_STREAM_MAX_SECONDS).toBe(300);
  });

  it("fails on a bad value with a message naming the variable, every time it is asked", () => {
    process.env.PORT = "eighty";
    resetServerEnvForTests();
    expect(() => serverEnv()).toThrow(/PORT: must be a port number/);
    expect(() => serverEnv()).toThrow(/PORT: must be a port number/);
  });
});
