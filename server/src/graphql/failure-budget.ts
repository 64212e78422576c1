/**
 * A per-address budget of failures: failed authentications and requests refused as malformed or
 * oversized. An address that spends its budget is refused outright (HTTP 429, or the WebSocket
 * upgrade refused with 429) until its minute is over, before its body is read or its token checked:
 * so a client that only sends garbage costs us a counter lookup per request, not a parse.
 *
 * Per process and in memory on purpose: it bounds this process's own work, needs no round trip
 * (the point is to be cheaper than the request), and a restart forgetting it is harmless.
 */
import { isIP } from 'node:net';
import { plainAddress } from '../platform/proxy-trust.js';

const WINDOW_MS = 60_000;
/** Distinct addresses remembered; beyond, the oldest windows are forgotten first. */
const MAX_KEYS = 50_000;

/**
 * The key an address is counted under. IPv6 clients usually hold a whole /64 (2^64 addresses), so
 * they are counted per /64; otherwise one client could spend a fresh budget on every request.
 */
export function budgetKey(address: string): string {
  const plain = plainAddress(address);
  if (isIP(plain) !== 6) return plain;
  const [head = '', tail = ''] = plain.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = plain.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class FailureBudget {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(readonly perMinute: number, private readonly now: () => number = Date.now) {}

  /** Counts one failure against the address. */
  fail(address: string): void {
    const key = budgetKey(address);
    const now = this.now();
    const current = this.windows.get(key);
    if (current && now - current.start < WINDOW_MS) {
      current.failures++;
      return;
    }
    // A fresh window goes to the end of the map, so insertion order is window age.
    this.windows.delete(key);
    this.windows.set(key, { start: now, failures: 1 });
    if (this.windows.size > MAX_KEYS) this.forgetOldest(now);
  }

  /** 0 while the address has budget left; else the seconds until its window ends. */
  retryAfter(address: string): number {
    const w = this.windows.get(budgetKey(address));
    if (!w || w.failures < this.perMinute) return 0;
    const left = w.start + WINDOW_MS - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  private forgetOldest(now: number): void {
    for (const [key, w] of this.windows) {
      if (this.windows.size <= MAX_KEYS && now - w.start < WINDOW_MS) break;
      this.windows.delete(key);
    }
  }
}
