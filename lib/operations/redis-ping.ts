import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";

/**
 * Whether the Redis at `redisUrl` (redis:// or rediss://, with a user and password when it has them)
 * answers PING, within `timeoutMs`. Plain RESP over a socket of its own: readiness needs one round
 * trip, not a client library, and a check must not share a connection that may be the stuck one.
 * Resolves with null when it answered, or with what went wrong.
 */
export function pingRedis(redisUrl: string, timeoutMs: number): Promise<string | null> {
  const url = new URL(redisUrl);
  const port = Number(url.port || 6379);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const password = decodeURIComponent(url.password);
  const user = decodeURIComponent(url.username);
  const commands = [...(password ? [user ? ["AUTH", user, password] : ["AUTH", password]] : []), ["PING"]];
  return new Promise((resolve) => {
    let answered = "";
    let settled = false;
    const socket: Socket = url.protocol === "rediss:" ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    const finish = (problem: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    };
    const timer = setTimeout(() => finish(`did not answer within ${timeoutMs} ms`), timeoutMs);
    socket.once(url.protocol === "rediss:" ? "secureConnect" : "connect", () => socket.write(commands.map(encodeCommand).join("")));
    socket.on("data", (chunk) => {
      answered += chunk.toString("utf8");
      const replies = answered.split("\r\n").filter(Boolean);
      const error = replies.find((reply) => reply.startsWith("-"));
      if (error) return finish(`answered ${error.slice(1).split(" ")[0]}`);
      if (replies.length >= commands.length) finish(replies.at(-1) === "+PONG" ? null : `answered ${replies.at(-1)?.slice(0, 40)} to PING`);
    });
    socket.on("error", (error: NodeJS.ErrnoException) => finish(`could not be reached (${error.code ?? error.message})`));
    socket.on("close", () => finish("closed the connection"));
  });
}

/** A command as RESP's array of bulk strings. */
function encodeCommand(parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join("")}`;
}
