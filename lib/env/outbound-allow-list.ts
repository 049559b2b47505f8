import ipaddr from "ipaddr.js";

/**
 * Which addresses outbound requests may reach (lib/http/outbound.ts): public unicast ones, and those
 * FIREBREAK_OUTBOUND_ALLOW lists. Apart from the rest of outbound.ts so that the environment's schema
 * can check the variable at start-up without loading an HTTP client. The same lists say which
 * clients may read /metrics without a token (FIREBREAK_METRICS_ALLOW, lib/metrics/access.ts).
 */
export type TCidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class InvalidAllowListError extends Error {}

/** FIREBREAK_OUTBOUND_ALLOW: comma-separated CIDRs or single addresses that may be reached although they are not public. */
export function parseOutboundAllowList(value: string | undefined): TCidr[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        if (entry.includes("/")) return ipaddr.parseCIDR(entry);
        const address = ipaddr.parse(entry);
        return [address, address.kind() === "ipv4" ? 32 : 128] as TCidr;
      } catch {
        throw new InvalidAllowListError(`"${entry}" is not an address or a CIDR such as 10.0.0.0/8`);
      }
    });
}

/** Whether `address` lies in one of the list's ranges (an IPv4-mapped IPv6 address counts as its IPv4 one). */
export function isListedAddress(address: string, list: TCidr[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = comparable(address);
  return list.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/** Whether Firebreak may connect to `address`: a public unicast address, or one the allow-list names. */
export function isAllowedAddress(address: string, allowList: TCidr[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  return isListedAddress(address, allowList) || comparable(address).range() === "unicast";
}

/** ::ffff:127.0.0.1 is 127.0.0.1. */
function comparable(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}
