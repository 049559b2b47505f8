import { Prisma } from "@/lib/generated/prisma/client";

const ATTEMPTS = 3;

/** A deadlock or serialization failure, through Prisma (P2034) or the pg driver: the loser wrote nothing and may run again. */
export function isRetryableConflict(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const message = error instanceof Error ? error.message : "";
  return /deadlock detected|could not serialize access/.test(message);
}

/** Runs one statement or transaction again when it lost a deadlock or write conflict; a failed one wrote nothing. */
export async function retryingConflicts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
    }
  }
}
