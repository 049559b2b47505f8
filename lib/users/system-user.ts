/**
 * The account alerts act as on the timeline (created by the alerts migration). It has no password
 * and is disabled, so nobody can sign in as it; lists of people leave it out.
 */
export const SYSTEM_USER_ID = "firebreak-system";
