import { expect, it } from "vitest";
import { verifiedGitHubEmail, verifiedSsoEmail } from "./sso-email";

it("accepts a single sign-on email only when the provider verified it", () => {
  expect(verifiedSsoEmail({ email: "Ben.Carter@example.com", email_verified: true })).toBe("ben.carter@example.com");
  expect(verifiedSsoEmail({ email: "ben.carter@example.com", email_verified: "true" })).toBe("ben.carter@example.com");
  expect(verifiedSsoEmail({ email: "ben.carter@example.com", email_verified: false })).toBeNull();
  expect(verifiedSsoEmail({ email: "ben.carter@example.com" })).toBeNull();
  expect(verifiedSsoEmail({ email_verified: true })).toBeNull();
  expect(verifiedSsoEmail(undefined)).toBeNull();
});

it("takes GitHub's primary address only once GitHub has verified it", () => {
  expect(verifiedGitHubEmail([{ email: "other@example.com", primary: false, verified: true }, { email: "ben@example.com", primary: true, verified: true }])).toBe(
    "ben@example.com",
  );
  expect(verifiedGitHubEmail([{ email: "aiko.tanaka@example.com", primary: true, verified: false }])).toBeNull();
  expect(verifiedGitHubEmail([])).toBeNull();
});
