import { spawn } from "node:child_process";
import { expect, it } from "vitest";
import { addIncidentNote, declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { latestTimelineEntryId } from "@/lib/timeline/queries";
import { appProcessArgs } from "@/tests/app-process";

it("streams an entry written through one app process to a client of another", async () => {
  const responder = await createTestUser("responder");
  const incident = await declareIncident(responder, { title: "Seen by another process", severity: "SEV3", serviceIds: [], summary: "" });
  const after = await latestTimelineEntryId();
  const other = spawn(process.execPath, appProcessArgs("tests/integration/stream-process.ts", incident.id, after.toString()), {
    env: process.env,
  });
  let output = "";
  const ready = new Promise<void>((resolve) => other.stdout.on("data", (chunk) => ((output += chunk), output.includes("ready") && resolve())));
  const exited = new Promise<void>((resolve) => other.on("exit", () => resolve()));
  await ready;

  await addIncidentNote(responder, incident.id, "Written through this process");
  await exited;
  const data = JSON.parse(
    output
      .split("\n")
      .find((line) => line.startsWith("data: "))
      ?.slice(6) ?? "{}",
  );
  expect(data).toMatchObject({ incidentId: incident.id, kind: "note", actor: responder.name, body: "Written through this process" });
}, 30_000);
