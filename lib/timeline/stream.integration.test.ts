import { beforeAll, describe, expect, it } from "vitest";
import type { TActor } from "@/lib/auth/permissions";
import { declareIncident } from "@/lib/incidents/service";
import { createTestUser } from "@/lib/testing/factories";
import { timelineEventStream, type TStreamPresence } from "./stream";

let responder: TActor;

beforeAll(async () => {
  responder = await createTestUser("responder");
});

/** A stand-in for the viewer's presence row that records what the stream did with it. */
function recordedPresence() {
  const calls: string[] = [];
  const presence: TStreamPresence = {
    heartbeat: async () => void calls.push("heartbeat"),
    leave: async () => void calls.push("leave"),
    handOver: () => void calls.push("handOver"),
  };
  return { presence, calls };
}

async function readUntilClosed(stream: ReadableStream<Uint8Array>, onText: (text: string) => void = () => {}) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onText(decoder.decode(value));
  }
}

describe("a viewer's presence on an incident stream", () => {
  it("is handed over to the reconnection when the stream ends to rotate, so the viewer never leaves the room meanwhile", async () => {
    const incident = await declareIncident(responder, { title: "Rotating stream", severity: "SEV4", serviceIds: [], summary: "" });
    const { presence, calls } = recordedPresence();
    // The stream closing by itself is the signal that it rotated.
    await readUntilClosed(timelineEventStream({ incidentId: incident.id, afterId: 0n, signal: new AbortController().signal, presence, maxAgeMs: 1_000 }));
    expect(calls.filter((call) => call !== "heartbeat")).toEqual(["handOver"]);
  });

  it("is left at once when the viewer closes the page", async () => {
    const incident = await declareIncident(responder, { title: "Closed page", severity: "SEV4", serviceIds: [], summary: "" });
    const { presence, calls } = recordedPresence();
    const page = new AbortController();
    await readUntilClosed(
      timelineEventStream({ incidentId: incident.id, afterId: 0n, signal: page.signal, presence }),
      (text) => text.includes(": live") && page.abort(),
    );
    expect(calls.filter((call) => call !== "heartbeat")).toEqual(["leave"]);
  });
});
