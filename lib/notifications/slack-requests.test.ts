import { describe, expect, it } from "vitest";
import { checkSlackSignature, slackSignature } from "./slack-requests";

// The worked example of Slack's "Verifying requests from Slack" (a slash command's body).
const DOCUMENTED = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  body: "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};
const sentAt = new Date(Number(DOCUMENTED.timestamp) * 1000);
const after = (seconds: number) => new Date(sentAt.getTime() + seconds * 1000);

describe("Slack request signatures", () => {
  it("computes Slack's documented example", () => {
    expect(slackSignature(DOCUMENTED.signingSecret, DOCUMENTED.timestamp, DOCUMENTED.body)).toBe(DOCUMENTED.signature);
  });

  it("accepts a good signature within five minutes either side", () => {
    for (const seconds of [0, 1, 299, 300, -300]) expect(checkSlackSignature({ ...DOCUMENTED, now: after(seconds) })).toBe("valid");
  });

  it("refuses a request signed more than five minutes ago (a replay), or ahead of the clock", () => {
    expect(checkSlackSignature({ ...DOCUMENTED, now: after(301) })).toBe("stale");
    expect(checkSlackSignature({ ...DOCUMENTED, now: after(-301) })).toBe("stale");
  });

  it("refuses a replay that moves the timestamp forward, since the timestamp is signed", () => {
    const resent = String(Number(DOCUMENTED.timestamp) + 600);
    expect(checkSlackSignature({ ...DOCUMENTED, timestamp: resent, now: after(600) })).toBe("mismatch");
  });

  it("refuses a tampered body, a signature of another secret and a damaged signature", () => {
    const now = after(10);
    expect(checkSlackSignature({ ...DOCUMENTED, body: DOCUMENTED.body.replace("roadrunner", "coyote"), now })).toBe("mismatch");
    expect(checkSlackSignature({ ...DOCUMENTED, signingSecret: "another-secret", now })).toBe("mismatch");
    expect(checkSlackSignature({ ...DOCUMENTED, signature: DOCUMENTED.signature.slice(0, -1), now })).toBe("mismatch");
    expect(checkSlackSignature({ ...DOCUMENTED, signature: DOCUMENTED.signature.replace("v0=", "v1="), now })).toBe("mismatch");
    expect(checkSlackSignature({ ...DOCUMENTED, signature: DOCUMENTED.signature.toUpperCase(), now })).toBe("mismatch");
  });

  it("refuses a request without the headers or with a timestamp that is not a number", () => {
    const now = after(10);
    expect(checkSlackSignature({ ...DOCUMENTED, signature: null, now })).toBe("missing");
    expect(checkSlackSignature({ ...DOCUMENTED, timestamp: null, now })).toBe("missing");
    expect(checkSlackSignature({ ...DOCUMENTED, timestamp: "1531420618.5", now })).toBe("mismatch");
  });
});
