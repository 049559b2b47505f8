// A separate app process for the multi-process test: delivers one payload N times at once.
import "../clock-setup";
import { readFileSync } from "node:fs";
import { ingestAlertDelivery } from "@/lib/alerts/ingest";
import { findIntegrationByKey } from "@/lib/alerts/receive";
import { disconnectDb } from "@/lib/db/prisma";

const [key, payloadFile, count] = process.argv.slice(2) as [string, string, string];
const integration = await findIntegrationByKey(key);
if (!integration) throw new Error("unknown integration");
const body = readFileSync(payloadFile, "utf8");
const outcomes = await Promise.all(Array.from({ length: Number(count) }, () => ingestAlertDelivery(integration, body)));
await disconnectDb();
process.stdout.write(JSON.stringify(outcomes.map((outcome) => outcome.accepted)));
// The process listens for changes to integrations (lib/alerts/integration-cache.ts) until it ends.
process.exit(0);
