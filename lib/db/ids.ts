import { randomBytes } from "node:crypto";

/** A collision-resistant, URL-safe id for rows inserted with raw SQL (Prisma's cuid() only applies to its own inserts). */
export function createId(): string {
  return `a${Date.now().toString(36)}${randomBytes(10).toString("hex")}`;
}
