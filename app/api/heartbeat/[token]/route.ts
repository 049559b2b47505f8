import { DomainError } from "@/lib/errors";
import { recordHeartbeatPing } from "@/lib/heartbeats/service";
import { apiRoute, json } from "@/lib/http/api";

/**
 * A heartbeat's ping URL: the secret in the path is the credential, so cron jobs can call it with
 * a bare `curl` and Alertmanager can post its Watchdog alert to it. The body is never read.
 */
const ping = apiRoute<{ token: string }>(async (_request, { token }) => {
  const recorded = await recordHeartbeatPing(token, new Date());
  if (!recorded) throw new DomainError(404, "not_found", "errors.heartbeat.unknownUrl");
  return json({ status: "ok", heartbeat: recorded.name, lateAfter: recorded.nextDeadline.toISOString() });
});

export const GET = ping;
export const POST = ping;
