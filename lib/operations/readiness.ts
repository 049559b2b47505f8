import { checkDatabaseWritable, unappliedMigrations } from "@/lib/db/health";
import { serverEnv } from "@/lib/env/server-env";
import { pingRedis } from "./redis-ping";

/** How long one check may take before it counts as failed: a load balancer's probe has its own timeout. */
const CHECK_TIMEOUT_MS = 2_000;

/** "ok", "not configured" (Redis without REDIS_URL), or what is wrong, in words that name no host. */
export type TCheckResult = string;
export type TReadiness = { ready: boolean; checks: { database: TCheckResult; migrations: TCheckResult; redis: TCheckResult }; failed: string[] };

const OK = "ok";

function withinTimeout(check: Promise<TCheckResult>): Promise<TCheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<TCheckResult>((resolve) => (timer = setTimeout(() => resolve(`did not answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS)));
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}

async function databaseCheck(): Promise<TCheckResult> {
  return (await checkDatabaseWritable()) ? OK : "unreachable or not writable";
}

async function migrationsCheck(): Promise<TCheckResult> {
  try {
    const missing = await unappliedMigrations();
    return missing.length === 0 ? OK : `not applied: ${missing.join(", ")}`;
  } catch {
    return "could not be read";
  }
}

async function redisCheck(redisUrl: string | undefined): Promise<TCheckResult> {
  if (!redisUrl) return "not configured";
  return (await pingRedis(redisUrl, CHECK_TIMEOUT_MS)) ?? OK;
}

/**
 * Whether this process can serve: the database is reachable and writable, every migration it ships
 * is applied, and the Redis it is configured with answers. The checks run side by side, each cut
 * off after 2 s.
 */
export async function checkReadiness(redisUrl = serverEnv().REDIS_URL): Promise<TReadiness> {
  const [database, migrations, redis] = await Promise.all([
    withinTimeout(databaseCheck()),
    withinTimeout(migrationsCheck()),
    withinTimeout(redisCheck(redisUrl)),
  ]);
  const checks = { database, migrations, redis };
  const failed = Object.entries(checks).flatMap(([name, result]) => (result === OK || result === "not configured" ? [] : [name]));
  return { ready: failed.length === 0, checks, failed };
}
