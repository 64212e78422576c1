/**
 * Which proxy headers to believe, and what follows from them: the client's address (rate limits,
 * failure budgets, audit entries) and the origin links are built from. One trust function serves
 * express (`app.set('trust proxy', fn)`) and the raw WebSocket upgrade requests express never sees,
 * so both paths agree on who the client is.
 *
 * Without TRUST_PROXY nothing forwarded is believed: any client can send X-Forwarded-For or
 * X-Forwarded-Host, so believing them would let it pick its own address (a fresh failure budget per
 * request) or the host name in the links we hand out.
 */
import { BlockList, isIP } from 'node:net';
import type { IncomingMessage, Server } from 'node:http';
import type { Config } from '../config.js';

/** express's trust signature: is the `hop`-th address from the socket (0 = the peer) a trusted proxy? */
export type TrustFn = (address: string, hop: number) => boolean;

const RANGES: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']],
  linklocal: [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6']],
  uniquelocal: [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['fc00::', 7, 'ipv6']],
};

/** `::ffff:10.1.2.3` (an IPv4 peer on a dual-stack socket) is 10.1.2.3. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export function compileTrust(setting: Config['trustProxy']): TrustFn {
  if (setting === false) return () => false;
  if (setting === true) return () => true;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  const list = new BlockList();
  for (const entry of setting) {
    for (const [net, bits, type] of RANGES[entry] ?? []) list.addSubnet(net, bits, type);
    if (RANGES[entry]) continue;
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The client's address as express computes `req.ip` (proxy-addr): walk X-Forwarded-For from the
 * nearest hop while each hop is trusted; the first untrusted one is the client.
 */
export function clientAddress(req: IncomingMessage, trust: TrustFn): string {
  const forwarded = (header(req, 'x-forwarded-for') ?? '').split(',').map((a) => a.trim()).filter(Boolean).reverse();
  const chain = [req.socket.remoteAddress ?? 'unknown', ...forwarded];
  for (let hop = 0; hop < chain.length - 1; hop++) if (!trust(chain[hop]!, hop)) return plainAddress(chain[hop]!);
  return plainAddress(chain[chain.length - 1]!);
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** `proto://host` from X-Forwarded-Proto/-Host, only when the peer is a trusted proxy and the values are sane. */
export function forwardedOrigin(req: IncomingMessage, trust: TrustFn): string | null {
  if (!trust(req.socket.remoteAddress ?? '', 0)) return null;
  const host = header(req, 'x-forwarded-host')?.split(',')[0]?.trim();
  if (!host || !HOST.test(host)) return null;
  const proto = header(req, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return `${proto === 'https' ? 'https' : 'http'}://${host}`;
}

/**
 * The origin for absolute links: PUBLIC_URL; else what a trusted proxy forwarded; else this
 * server's own listening address (`ownOrigin`). Never the request's Host header: a client may set
 * it to anything, and a link built from it would point wherever the client chose.
 */
export function linkOrigin(options: { publicUrl: string | null; trust: TrustFn; ownOrigin: () => string }): (req: IncomingMessage) => string {
  return (req) => options.publicUrl ?? forwardedOrigin(req, options.trust) ?? options.ownOrigin();
}

/** `http://<address>:<port>` of a listening server; `localhost` when it listens on every interface. */
export function listeningOrigin(server: Server, fallbackPort: number): string {
  const a = server.address();
  if (typeof a !== 'object' || a === null) return `http://localhost:${fallbackPort}`;
  const any = a.address === '0.0.0.0' || a.address === '::';
  const host = any ? 'localhost' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return `http://${host}:${a.port}`;
}
