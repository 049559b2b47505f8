import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundRequest, OutboundRefusedError, outboundRules } from "@/lib/http/outbound";
import { queryRangeByMinute } from "@/lib/slo/prometheus";

// An "internal" service on loopback: what a Prometheus URL or a webhook must not be able to reach.
let internal: Server;
let internalUrl: string;
const requests: { method: string; url: string; body: string }[] = [];
// Without an argument, requests follow FIREBREAK_OUTBOUND_ALLOW, which the tests' setup sets to loopback.
const nothingAllowed = outboundRules("");

beforeAll(async () => {
  internal = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      requests.push({ method: request.method ?? "", url: request.url ?? "", body });
      if (request.url?.startsWith("/redirect-away")) {
        response.writeHead(307, { location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" }).end();
      } else if (request.url?.startsWith("/redirect-here")) {
        response.writeHead(302, { location: "/api/v1/query_range" }).end();
      } else if (request.url?.startsWith("/api/v1/query_range")) {
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [] } }));
      } else {
        response.writeHead(200, { "content-type": "text/html" }).end("<html>SECRET internal admin page: password=hunter2</html>");
      }
    });
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => internal.close(resolve));
});

describe("outbound requests refuse what is not public", () => {
  it.each([
    ["loopback", () => internalUrl],
    ["loopback by name", () => internalUrl.replace("127.0.0.1", "localhost")],
    ["the unspecified address", () => "http://0.0.0.0:5432/"],
    ["the cloud metadata service", () => "http://169.254.169.254/latest/meta-data/"],
    ["a private network", () => "http://10.1.2.3:9090/"],
    ["IPv6 loopback", () => "http://[::1]:9090/"],
    ["IPv4-mapped loopback", () => "http://[::ffff:127.0.0.1]:9090/"],
  ])("refuses %s", async (_, url) => {
    const before = requests.length;
    await expect(outboundRequest({ url: url() }, nothingAllowed)).rejects.toSatisfy(
      (error: unknown) => error instanceof OutboundRefusedError || (error as { cause?: unknown }).cause instanceof OutboundRefusedError,
    );
    expect(requests.length).toBe(before);
  });

  it("reaches an address the administrator allow-listed", async () => {
    const allowed = outboundRules("10.0.0.0/8, 127.0.0.1/32");
    expect((await outboundRequest({ url: `${internalUrl}/api/v1/query_range` }, allowed)).status).toBe(200);
  });

  it("never follows a redirect to another host, and says so without the remote body", async () => {
    const before = requests.length;
    await expect(outboundRequest({ url: `${internalUrl}/redirect-away`, method: "POST", body: "webhook body" })).rejects.toThrow(
      /answered 307 with a redirect to another host \(169\.254\.169\.254\)/,
    );
    expect(requests.length).toBe(before + 1);
  });

  it("follows a redirect within the same origin", async () => {
    expect((await outboundRequest({ url: `${internalUrl}/redirect-here` })).status).toBe(200);
  });

  it("tells a Prometheus URL that answers HTML so, without echoing the page", async () => {
    const error = await queryRangeByMinute(`${internalUrl}/admin`, "up", new Date("2026-12-02T10:00:00Z"), new Date("2026-12-02T10:05:00Z")).catch(
      (caught: unknown) => caught,
    );
    expect(String(error)).toContain("answered HTTP 200 with text/html, not JSON");
    expect(String(error)).not.toContain("SECRET");
  });

  it("refuses a Prometheus URL on a private network unless allowed, with the rule in the message", async () => {
    const error = await queryRangeByMinute("http://10.1.2.3:9090", "up", new Date("2026-12-02T10:00:00Z"), new Date("2026-12-02T10:05:00Z")).catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/loopback, private or link-local address \(allow it with FIREBREAK_OUTBOUND_ALLOW\)/);
  });
});
