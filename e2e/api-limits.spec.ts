import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const MiB = 1024 * 1024;

type TAnswer = { status: number; body: string; sentWhenAnswered: number };

/**
 * Posts `total` bytes of body, streamed in 64 KiB pieces as fast as the server takes them, and
 * resolves with the answer and how much had been handed to the connection when it came. Chunked
 * unless `contentLength` declares the size up front.
 */
function streamBody(url: string, headers: Record<string, string>, total: number, contentLength = false): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers, ...(contentLength ? { "content-length": String(total) } : {}) },
    });
    request.on("response", (response) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (piece: string) => (text += piece));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: text, sentWhenAnswered });
      });
    });
    // Once answered, the server closes the connection on the rest of the body: only an error before the answer is one.
    request.on("error", (error) => answered || reject(error));
    const piece = Buffer.alloc(64 * 1024, " ");
    const pump = () => {
      while (!answered && sent < total) {
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

async function sessionHeaders(page: Page, baseURL: string) {
  const cookies = await page.context().cookies();
  return { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "), origin: baseURL };
}

/** A write from the signed-in page itself, as Firebreak's own scripts make them. */
function fetchFromPage(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ([method, path, body]) => {
      const response = await fetch(path as string, {
        method: method as string,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    [method, path, body] as const,
  );
}

test("the signed-in browser writes through the JSON API with its session cookie", async ({ page }) => {
  await signIn(page, DEMO.viewer);
  const created = await fetchFromPage(page, "POST", "/api/tokens", { name: "made in the browser" });
  expect(created).toMatchObject({ status: 201, body: { name: "made in the browser", token: expect.stringMatching(/^fbk_/) } });
  const revoked = await fetchFromPage(page, "DELETE", `/api/tokens/${created.body.id}`);
  expect(revoked).toMatchObject({ status: 200, body: { revoked: created.body.id } });
});

test("a body streamed past its limit is refused with 413 before it has all been sent, and the server keeps serving", async ({ page, baseURL }) => {
  await signIn(page, DEMO.ben);
  const session = await sessionHeaders(page, baseURL as string);
  const total = 50 * MiB;

  const tokens = await streamBody(`${baseURL}/api/tokens`, session, total);
  expect(tokens.status).toBe(413);
  expect(JSON.parse(tokens.body)).toEqual({ error: "too_large", message: "The body is larger than 256 KiB" });
  expect(tokens.sentWhenAnswered).toBeLessThan(total);

  const declared = await streamBody(`${baseURL}/api/incidents`, session, total, true);
  expect(declared.status).toBe(413);
  expect(JSON.parse(declared.body)).toMatchObject({ error: "too_large" });
  expect(declared.sentWhenAnswered).toBeLessThan(total);

  const sli = await streamBody(`${baseURL}/api/slos/no-such-slo/sli`, session, total);
  expect(sli.status).toBe(413);
  expect(JSON.parse(sli.body)).toEqual({ error: "too_large", message: "The body is larger than 2 MiB" });
  expect(sli.sentWhenAnswered).toBeLessThan(total);

  const pagerDuty = await streamBody(`${baseURL}/api/pagerduty/v2/enqueue`, {}, total);
  expect(pagerDuty.status).toBe(413);
  expect(JSON.parse(pagerDuty.body)).toMatchObject({ status: "invalid event", errors: ["The payload is larger than 256 KiB"] });
  expect(pagerDuty.sentWhenAnswered).toBeLessThan(total);

  // next-auth reads its sign-in form itself: the server's limit holds for it too.
  const signInForm = await streamBody(`${baseURL}/api/auth/callback/credentials`, { "content-type": "application/x-www-form-urlencoded" }, total);
  expect(signInForm.status).toBeGreaterThanOrEqual(300);
  expect(signInForm.sentWhenAnswered).toBeLessThan(total);

  expect((await page.request.get("/api/health")).status()).toBe(200);
  expect(await (await page.request.get("/api/me")).json()).toMatchObject({ email: DEMO.ben });
  const created = await fetchFromPage(page, "POST", "/api/tokens", { name: "after the flood" });
  expect(created.status).toBe(201);
  expect((await fetchFromPage(page, "DELETE", `/api/tokens/${created.body.id}`)).status).toBe(200);
});
