import { hostname } from "node:os";
import { db } from "@/lib/db/prisma";

/**
 * Claims the next run of a background job that every app process offers to run: true for exactly
 * one caller per `everyMs` across all processes. One statement moves the job's `nextRunAt` past now
 * only if it had come; a concurrent claim waits for the row and then finds it moved. A process that
 * dies mid-run loses nothing but that run: the next comes `everyMs` later.
 */
export async function claimJobRun(name: string, now: Date, everyMs: number): Promise<boolean> {
  const claimed = await db().$queryRaw<{ name: string }[]>`
    INSERT INTO "JobLease" AS l ("name", "nextRunAt", "lastRunAt", "lastRunBy")
    VALUES (${name}, ${new Date(now.getTime() + everyMs)}, ${now}, ${`${hostname()}:${process.pid}`})
    ON CONFLICT ("name") DO UPDATE SET "nextRunAt" = EXCLUDED."nextRunAt", "lastRunAt" = EXCLUDED."lastRunAt", "lastRunBy" = EXCLUDED."lastRunBy"
    WHERE l."nextRunAt" <= ${now}
    RETURNING l."name"`;
  return claimed.length > 0;
}
