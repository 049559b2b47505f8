import { checkDatabaseWritable } from "@/lib/db/health";
import { json } from "@/lib/http/api";

// Public on purpose, for load balancers; it reveals nothing but up or down.
export async function GET() {
  const database = await checkDatabaseWritable();
  return json({ status: database ? "ok" : "degraded", database: database ? "writable" : "unavailable" }, database ? 200 : 503);
}
