import { afterEach, describe, expect, it, vi } from "vitest";
import { runShutdown } from "./shutdown";

afterEach(() => {
  vi.useRealTimers();
});

describe("runShutdown", () => {
  it("runs every step in order and reports a clean stop", async () => {
    const ran: string[] = [];
    const outcome = await runShutdown(
      [
        { name: "close streams", run: () => void ran.push("close streams") },
        { name: "store documents", run: async () => void ran.push("store documents") },
        { name: "stop database", run: () => void ran.push("stop database") },
      ],
      { deadlineMs: 10_000, log: () => {} },
    );
    expect(ran).toEqual(["close streams", "store documents", "stop database"]);
    expect(outcome).toEqual({ clean: true });
  });

  it("logs a failing step and still runs the ones after it", async () => {
    const lines: string[] = [];
    const ran: string[] = [];
    const outcome = await runShutdown(
      [
        {
          name: "store documents",
          run: async () => {
            throw new Error("connection terminated");
          },
        },
        { name: "stop database", run: () => void ran.push("stop database") },
      ],
      { deadlineMs: 10_000, log: (line) => lines.push(line) },
    );
    expect(ran).toEqual(["stop database"]);
    expect(outcome).toEqual({ clean: true });
    expect(lines).toEqual(["Stopping: store documents failed (connection terminated); going on."]);
  });

  it("abandons a step still running at the deadline and names what it left undone", async () => {
    vi.useFakeTimers();
    const ran: string[] = [];
    const pending = runShutdown(
      [
        { name: "close streams", run: () => void ran.push("close streams") },
        { name: "store documents", run: () => new Promise<void>(() => {}) },
        { name: "disconnect", run: () => void ran.push("disconnect") },
        { name: "stop database", run: () => void ran.push("stop database") },
      ],
      { deadlineMs: 10_000, log: () => {} },
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await pending).toEqual({ clean: false, abandoned: "store documents", skipped: ["disconnect", "stop database"] });
    expect(ran).toEqual(["close streams"]);
  });
});
