import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { claimLiveStreamSlot, LIVE_STREAM_RETRY_AFTER_SECONDS, MAX_LIVE_STREAMS_PER_USER } from "./stream-slots";

const claimAll = (userId: string) => Array.from({ length: MAX_LIVE_STREAMS_PER_USER }, () => claimLiveStreamSlot(userId));

it("refuses a user's stream beyond the cap with a 429 that says when to retry", () => {
  const userId = randomUUID();
  claimAll(userId);
  let refusal: unknown;
  try {
    claimLiveStreamSlot(userId);
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(DomainError);
  expect(refusal).toMatchObject({ status: 429, code: "too_many_streams", retryAfterSeconds: LIVE_STREAM_RETRY_AFTER_SECONDS });
  // Another user is not affected.
  expect(() => claimLiveStreamSlot(randomUUID())).not.toThrow();
});

it("frees one slot per stream however often its release is called", () => {
  const userId = randomUUID();
  const [first] = claimAll(userId);
  first?.release();
  first?.release();
  expect(() => claimLiveStreamSlot(userId)).not.toThrow();
  expect(() => claimLiveStreamSlot(userId)).toThrow(DomainError);
});
