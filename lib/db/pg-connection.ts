import type { PoolConfig } from "pg";

/**
 * Split a postgres URL into separate pg fields. Passing `connectionString` to pg lets it
 * override `database`, which silently turned Prisma's shadow database into the main one.
 * `?host=/a/directory` names a Unix socket's directory, as libpq and Prisma read it.
 */
export function pgConnectionFields(databaseUrl: string): PoolConfig {
  const url = new URL(databaseUrl);
  const sslmode = url.searchParams.get("sslmode");
  return {
    host: url.searchParams.get("host") ?? decodeURIComponent(url.hostname),
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres",
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
  };
}
