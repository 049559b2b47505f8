import { json } from "@/lib/http/api";

// Liveness, public on purpose: the process answers HTTP. It reads nothing, so a restart is never
// decided on a database outage a restart cannot fix; whether to send traffic is /api/ready's answer.
export function GET() {
  return json({ status: "ok" });
}
