/**
 * The email a single sign-on identity may be known by in Firebreak: only one its provider says it
 * has verified. Accounts are matched by email, so an unverified address would let anyone who can
 * type a colleague's email into their IdP profile take over the colleague's account.
 */
export function verifiedSsoEmail(profile: { email?: unknown; email_verified?: unknown } | undefined): string | null {
  if (!profile || typeof profile.email !== "string" || profile.email.trim() === "") return null;
  // Some providers send the claim as a string.
  const verified = profile.email_verified === true || profile.email_verified === "true";
  return verified ? profile.email.trim().toLowerCase() : null;
}

type TGitHubEmail = { email: string; primary: boolean; verified: boolean };

/** GitHub's profile carries no verification flag: the primary address counts only when GitHub has verified it. */
export function verifiedGitHubEmail(emails: TGitHubEmail[]): string | null {
  const primary = emails.find((email) => email.primary);
  return primary?.verified ? primary.email : null;
}
