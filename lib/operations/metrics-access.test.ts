import { describe, expect, it } from "vitest";
import { metricsAccess, scrapeVerdict } from "./metrics-access";

const TOKEN = "scrape-token-0123456789";

describe("scrapeVerdict", () => {
  const both = metricsAccess(TOKEN, "10.0.0.0/8, 192.0.2.7");

  it("lets in the right bearer token from any address", () => {
    expect(scrapeVerdict(both, `Bearer ${TOKEN}`, "203.0.113.9")).toEqual({ allowed: true });
  });

  it("refuses a wrong token with 401, even from an allowed address", () => {
    expect(scrapeVerdict(both, "Bearer scrape-token-wrong-0000", "10.1.2.3")).toMatchObject({ allowed: false, status: 401 });
  });

  it("lets in an allowed address without a token, IPv4-mapped IPv6 included", () => {
    expect(scrapeVerdict(both, null, "10.1.2.3")).toEqual({ allowed: true });
    expect(scrapeVerdict(both, null, "::ffff:192.0.2.7")).toEqual({ allowed: true });
  });

  it("asks any other address for the token with 401", () => {
    expect(scrapeVerdict(both, null, "203.0.113.9")).toMatchObject({ allowed: false, status: 401 });
    expect(scrapeVerdict(both, null, "unknown")).toMatchObject({ allowed: false, status: 401 });
  });

  it("refuses with 403 where only addresses are allowed and this is not one", () => {
    expect(scrapeVerdict(metricsAccess(undefined, "10.0.0.0/8"), null, "127.0.0.1")).toMatchObject({ allowed: false, status: 403 });
  });

  it("refuses everyone while neither a token nor an address is configured", () => {
    const off = metricsAccess(undefined, undefined);
    expect(scrapeVerdict(off, null, "127.0.0.1")).toMatchObject({ allowed: false, status: 403, message: expect.stringMatching(/Metrics are off/) });
    expect(scrapeVerdict(off, "Bearer anything-at-all-00000", "127.0.0.1")).toMatchObject({ allowed: false, status: 401 });
  });

  it("does not take a session cookie or another scheme for the token", () => {
    expect(scrapeVerdict(both, `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`, "203.0.113.9")).toMatchObject({ allowed: false, status: 401 });
  });
});
