/** An absolute URL of a Firebreak page or endpoint: NEXTAUTH_URL is the address people (and senders) use. */
export function publicUrl(path: string): string {
  return `${(process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "")}${path}`;
}
