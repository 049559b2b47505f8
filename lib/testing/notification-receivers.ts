// Real servers for the notification tests: an SMTP server that parses what it receives, an HTTP
// receiver that records every request and answers like each vendor, and a Web Push endpoint that
// decrypts RFC 8291 messages and checks the VAPID JWT.
import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TReceived = { method: string; path: string; headers: IncomingMessage["headers"]; body: Buffer };

const listen = (server: Server | SMTPServer) =>
  new Promise<number>((resolve) => {
    const net = server instanceof SMTPServer ? (server as unknown as { server: Server }).server : server;
    server.listen(0, "127.0.0.1", () => resolve((net.address() as AddressInfo).port));
  });

export async function startSmtpReceiver() {
  const mails: ParsedMail[] = [];
  const envelopes: { from: string; to: string[] }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "firebreak" && auth.password === "smtp-secret") return callback(null, { user: auth.username });
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          envelopes.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
          callback();
        })
        .catch(callback);
    },
  });
  const port = await listen(server);
  return { port, mails, envelopes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Answers like the vendors do; any path under /fail answers 500. */
function vendorAnswer(path: string): { status: number; body: string } {
  if (path.startsWith("/fail")) return { status: 500, body: "internal error" };
  if (path.endsWith("/chat.postMessage")) return { status: 200, body: JSON.stringify({ ok: true, channel: "D024BE91L", ts: "1503435956.000247" }) };
  if (path.endsWith("/v2/enqueue")) return { status: 202, body: JSON.stringify({ status: "success", message: "Event processed", dedup_key: "x" }) };
  if (path.includes("/2010-04-01/")) return { status: 201, body: JSON.stringify({ sid: "SM00000000000000000000000000000000", status: "queued" }) };
  if (path.includes("/rooms/")) return { status: 200, body: JSON.stringify({ message_id: "1234" }) };
  if (path.startsWith("/workflow")) return { status: 202, body: "" };
  return { status: 200, body: path.startsWith("/slack-webhook") ? "ok" : JSON.stringify({ id: "abc", event: "message" }) };
}

export async function startHttpReceiver() {
  const received: TReceived[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      received.push({ method: request.method ?? "", path, headers: request.headers, body: Buffer.concat(chunks) });
      const answer = path.startsWith("/push/") ? { status: 201, body: "" } : vendorAnswer(path);
      response.writeHead(answer.status, { "content-type": "application/json" }).end(answer.body);
    });
  });
  const port = await listen(server);
  return { base: `http://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const b64url = (buffer: Buffer) => buffer.toString("base64url");

/** A browser's side of a push subscription: its P-256 key pair and auth secret. */
export function pushSubscriber(endpoint: string) {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();
  return {
    subscription: { endpoint, keys: { p256dh: b64url(publicKey), auth: b64url(authSecret) } },
    /** RFC 8291 §3.4 and RFC 8188: decrypts an aes128gcm body sent to this subscription. */
    decrypt(body: Buffer): string {
      const salt = body.subarray(0, 16);
      const recordSize = body.readUInt32BE(16);
      const keyIdLength = body.readUInt8(20);
      const senderPublicKey = body.subarray(21, 21 + keyIdLength);
      const ciphertext = body.subarray(21 + keyIdLength);
      if (ciphertext.length > recordSize) throw new Error("more than one record");
      const ecdhSecret = ecdh.computeSecret(senderPublicKey);
      const prkKey = hmac(authSecret, ecdhSecret);
      const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), publicKey, senderPublicKey, Buffer.from([1])]);
      const ikm = hmac(prkKey, keyInfo);
      const prk = hmac(salt, ikm);
      const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
      const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
      const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
      const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
      let end = padded.length - 1;
      while (end >= 0 && padded[end] === 0) end -= 1;
      if (padded[end] !== 2) throw new Error("the last record does not end with the 0x02 delimiter");
      return padded.subarray(0, end).toString("utf8");
    },
  };
}

/** RFC 8292: `Authorization: vapid t=<ES256 JWT>, k=<public key>`; returns the JWT's claims once its signature checks out with k. */
export function verifyVapid(authorization: string): { claims: { aud: string; exp: number; sub: string }; publicKey: string } {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (!match) throw new Error(`not a vapid Authorization header: ${authorization}`);
  const [, jwt = "", k = ""] = match;
  const [header = "", payload = "", signature = ""] = jwt.split(".");
  const point = Buffer.from(k, "base64url");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: "jwk" });
  const valid = verify("sha256", Buffer.from(`${header}.${payload}`), { key, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!valid) throw new Error("the VAPID JWT's signature does not verify with k");
  if (JSON.parse(Buffer.from(header, "base64url").toString()).alg !== "ES256") throw new Error("the VAPID JWT is not ES256");
  return { claims: JSON.parse(Buffer.from(payload, "base64url").toString()), publicKey: k };
}
