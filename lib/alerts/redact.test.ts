import { expect, it } from "vitest";
import { REDACTED, redactCredentials } from "./redact";

it("replaces credential values anywhere in a payload and leaves everything else as received", () => {
  const pagerDuty = `{
  "routing_key": "fbi_8QnZ-secret-integration-key",
  "event_action": "trigger",
  "payload": { "summary": "disk full", "custom_details": { "Authorization": "Bearer abc.def", "api_key": "k\\"ey", "token_count": 3 } }
}`;
  const redacted = redactCredentials(pagerDuty);
  expect(redacted).not.toContain("fbi_8QnZ");
  expect(redacted).not.toContain("abc.def");
  expect(redacted).not.toContain('k\\"ey');
  expect(redacted).toContain(`"routing_key": "${REDACTED}"`);
  expect(redacted).toContain(`"Authorization": "${REDACTED}"`);
  expect(JSON.parse(redacted)).toMatchObject({ event_action: "trigger", payload: { summary: "disk full", custom_details: { token_count: 3 } } });
  // Text that merely mentions a key name is untouched.
  expect(redactCredentials('{"summary": "routing_key rotated"}')).toBe('{"summary": "routing_key rotated"}');
});
