import { serverEnv } from "@/lib/env/server-env";

/** An absolute URL of a Firebreak page or endpoint: NEXTAUTH_URL is the address people (and senders) use. */
export function publicUrl(path: string): string {
  const env = serverEnv();
  return `${(env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "")}${path}`;
}
