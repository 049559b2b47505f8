/**
 * The header the launcher (server.ts) sets on every request to the address the request came from,
 * replacing whatever a client sent under that name, so code behind Next can trust it.
 */
export const CLIENT_ADDRESS_HEADER = "x-firebreak-client-address";

type THeaders = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export const clientAddressOf = (headers: THeaders) => first(headers[CLIENT_ADDRESS_HEADER]) || "unknown";

/**
 * The client's address: the connection's own, or behind a trusted reverse proxy (FIREBREAK_TRUST_PROXY)
 * the last X-Forwarded-For entry, the one that proxy appended; earlier entries are the client's to invent.
 */
export function requestClientAddress(socketAddress: string | undefined, headers: THeaders, trustProxy: boolean): string {
  const forwarded = trustProxy ? first(headers["x-forwarded-for"])?.split(",").pop()?.trim() : undefined;
  return forwarded || socketAddress || "unknown";
}
