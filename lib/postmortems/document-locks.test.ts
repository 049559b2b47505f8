import { describe, expect, it } from "vitest";
import { collaborationTopologyWarning } from "./document-locks";

describe("collaborationTopologyWarning", () => {
  it("says nothing for a process alone, or for processes that all relay through Redis", () => {
    expect(collaborationTopologyWarning(false, { withRedis: 0, withoutRedis: 0 })).toBeNull();
    expect(collaborationTopologyWarning(true, { withRedis: 0, withoutRedis: 0 })).toBeNull();
    expect(collaborationTopologyWarning(true, { withRedis: 2, withoutRedis: 0 })).toBeNull();
  });

  it("tells a process without REDIS_URL that others share its database", () => {
    expect(collaborationTopologyWarning(false, { withRedis: 1, withoutRedis: 0 })).toMatch(
      /^1 other Firebreak process serves postmortems on this database, and this one has no REDIS_URL: set REDIS_URL on every process/,
    );
    expect(collaborationTopologyWarning(false, { withRedis: 0, withoutRedis: 2 })).toMatch(/^2 other Firebreak processes serve/);
  });

  it("tells a process with Redis about the ones without", () => {
    expect(collaborationTopologyWarning(true, { withRedis: 1, withoutRedis: 1 })).toMatch(/2 other Firebreak processes .* 1 of them without REDIS_URL/);
  });
});
