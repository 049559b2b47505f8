/**
 * Raw payloads are kept so people can see what monitoring really sent, but some senders put
 * credentials in them: PagerDuty-style events carry the integration key as `routing_key`, and
 * hand-written senders post tokens and Authorization headers. Whoever could read those could post
 * alerts (or worse), so the values of credential-like fields are replaced before a payload is
 * stored. The rest of the text stays exactly as received.
 */
const CREDENTIAL_FIELD =
  /("(?:routing_key|integration_key|service_key|api_key|apikey|app_key|access_token|refresh_token|token|secret|client_secret|password|passwd|authorization|x-api-key|x-auth-token|private_key)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

export const REDACTED = "[redacted by Firebreak]";

export function redactCredentials(rawPayload: string): string {
  return rawPayload.replace(CREDENTIAL_FIELD, (_match, key: string) => `${key}"${REDACTED}"`);
}
