import { z } from "zod";

export const HEARTBEAT_SEVERITIES = ["critical", "error", "warning", "info"] as const;

export const ZHeartbeatCreate = z.object({
  name: z.string().trim().min(1, "must not be empty").max(100),
  integrationId: z.string().min(1, "choose a generic-format integration"),
  intervalMinutes: z.coerce.number().int("must be whole minutes").min(1, "must be at least 1 minute").max(7 * 1440, "must be at most 7 days"),
  graceMinutes: z.coerce.number().int("must be whole minutes").min(0).max(1440, "must be at most 1 day").default(0),
  severity: z.enum(HEARTBEAT_SEVERITIES).default("critical"),
});
export type THeartbeatCreate = z.infer<typeof ZHeartbeatCreate>;
