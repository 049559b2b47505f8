import ipaddr from "ipaddr.js";

/**
 * Which addresses outbound requests may reach (lib/http/outbound.ts): public unicast ones, and those
 * FIREBREAK_OUTBOUND_ALLOW lists. Apart from the rest of outbound.ts so that the environment's schema
 * can check the variable at start-up without loading an HTTP client.
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

/** Whether Firebreak may connect to `address`: a public unicast address, or one the allow-list names. */
export function isAllowedAddress(address: string, allowList: TCidr[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (allowList.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) return true;
  return parsed.range() === "unicast";
}
