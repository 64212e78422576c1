/**
 * Which addresses a webhook may reach (SSRF). In production a webhook URL must resolve only to
 * public unicast addresses: loopback, private (RFC 1918, IPv6 unique-local), link-local (incl. the
 * 169.254.169.254 cloud metadata service), carrier-grade NAT, unspecified, multicast, reserved and
 * documentation ranges are refused, for IPv4, IPv6 and IPv4-mapped/NAT64-embedded IPv4 alike
 * (node's BlockList checks a mapped address against the IPv4 rules). Pure: no I/O.
 */
import { BlockList, isIP } from 'node:net';

export type AddressClass = 'PUBLIC' | 'LOOPBACK' | 'PRIVATE' | 'LINK_LOCAL' | 'UNSPECIFIED' | 'MULTICAST' | 'RESERVED' | 'INVALID';

const RANGES: [Exclude<AddressClass, 'PUBLIC' | 'INVALID'>, string, number, 'ipv4' | 'ipv6'][] = [
  ['UNSPECIFIED', '0.0.0.0', 8, 'ipv4'],
  ['LOOPBACK', '127.0.0.0', 8, 'ipv4'],
  ['PRIVATE', '10.0.0.0', 8, 'ipv4'],
  ['PRIVATE', '172.16.0.0', 12, 'ipv4'],
  ['PRIVATE', '192.168.0.0', 16, 'ipv4'],
  ['PRIVATE', '100.64.0.0', 10, 'ipv4'], // carrier-grade NAT (RFC 6598)
  ['LINK_LOCAL', '169.254.0.0', 16, 'ipv4'],
  ['RESERVED', '192.0.0.0', 24, 'ipv4'],
  ['RESERVED', '192.0.2.0', 24, 'ipv4'],
  ['RESERVED', '198.18.0.0', 15, 'ipv4'],
  ['RESERVED', '198.51.100.0', 24, 'ipv4'],
  ['RESERVED', '203.0.113.0', 24, 'ipv4'],
  ['MULTICAST', '224.0.0.0', 4, 'ipv4'],
  ['RESERVED', '240.0.0.0', 4, 'ipv4'], // incl. 255.255.255.255
  ['UNSPECIFIED', '::', 128, 'ipv6'],
  ['LOOPBACK', '::1', 128, 'ipv6'],
  ['PRIVATE', 'fc00::', 7, 'ipv6'],
  ['LINK_LOCAL', 'fe80::', 10, 'ipv6'],
  ['PRIVATE', 'fec0::', 10, 'ipv6'], // deprecated site-local
  ['MULTICAST', 'ff00::', 8, 'ipv6'],
  ['RESERVED', '2001:db8::', 32, 'ipv6'],
  ['RESERVED', '100::', 64, 'ipv6'], // discard-only
];

const LISTS = new Map<AddressClass, BlockList>();
for (const [cls, net, prefix, family] of RANGES) {
  if (!LISTS.has(cls)) LISTS.set(cls, new BlockList());
  LISTS.get(cls)!.addSubnet(net, prefix, family);
}

/** IPv4 embedded in an IPv6 address by NAT64 (64:ff9b::/96) or 6to4 (2002::/16), which BlockList does not unwrap. */
function embeddedIPv4(ipv6: string): string | null {
  const lower = ipv6.toLowerCase();
  const dotted = /^(?:64:ff9b::|::ffff:|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const nat64 = /^64:ff9b::([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (nat64) return hexPairToIPv4(nat64[1]!, nat64[2]!);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4})(?::|$)/.exec(lower);
  if (sixToFour) return hexPairToIPv4(sixToFour[1]!, sixToFour[2]!);
  return null;
}

function hexPairToIPv4(high: string, low: string): string {
  const h = parseInt(high, 16);
  const l = parseInt(low, 16);
  return `${h >> 8}.${h & 255}.${l >> 8}.${l & 255}`;
}

/** What kind of address `ip` is; INVALID for anything that is not an IP literal. */
export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip);
  if (family === 0) return 'INVALID';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [cls, list] of LISTS) if (list.check(ip, type)) return cls;
  if (family === 6) {
    const inner = embeddedIPv4(ip);
    if (inner) return classifyAddress(inner);
  }
  return 'PUBLIC';
}

const CLASS_WORDS: Record<Exclude<AddressClass, 'PUBLIC'>, string> = {
  LOOPBACK: 'a loopback address', PRIVATE: 'a private-network address', LINK_LOCAL: 'a link-local address',
  UNSPECIFIED: 'an unspecified address', MULTICAST: 'a multicast address', RESERVED: 'a reserved address', INVALID: 'not an IP address',
};

/** Why a webhook may not reach `ip` in production, as words; null when it may. */
export function refusalOf(ip: string): string | null {
  const cls = classifyAddress(ip);
  return cls === 'PUBLIC' ? null : `${ip} is ${CLASS_WORDS[cls]}`;
}

export interface WebhookUrlRules {
  /** Outside production: http:// and private or loopback targets are allowed (local receivers). */
  allowInsecure: boolean;
}

/** Syntax rules of a webhook URL, before any DNS: the problem as words, or null. */
export function webhookUrlProblem(raw: string, rules: WebhookUrlRules): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL`;
  }
  if (url.protocol !== 'https:' && !(rules.allowInsecure && url.protocol === 'http:')) {
    return rules.allowInsecure ? 'must be an http(s):// URL' : 'must be an https:// URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (raw.length > 2000) return 'at most 2000 characters';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!rules.allowInsecure && isIP(host)) {
    const refusal = refusalOf(host);
    if (refusal) return `refused: ${refusal}`;
  }
  return null;
}
