import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress, compileTrust, forwardedOrigin, linkOrigin } from './proxy-trust.js';

const request = (remoteAddress: string, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers } as unknown as IncomingMessage);

describe('compileTrust', () => {
  it('trusts nobody by default, everybody with true, the nearest N hops with a number', () => {
    expect(compileTrust(false)('127.0.0.1', 0)).toBe(false);
    expect(compileTrust(true)('203.0.113.1', 5)).toBe(true);
    const two = compileTrust(2);
    expect([two('203.0.113.1', 0), two('203.0.113.1', 1), two('203.0.113.1', 2)]).toEqual([true, true, false]);
  });

  it('trusts addresses, CIDRs and named ranges, IPv4-mapped peers included', () => {
    const trust = compileTrust(['loopback', '100.64.0.0/10', '2001:db8::7', 'uniquelocal']);
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '100.100.200.3', '2001:db8::7', '192.168.1.1', 'fd00::1']) expect(trust(a, 0), a).toBe(true);
    for (const a of ['172.32.0.1', '203.0.113.1', '2001:db8::8', 'not an address', '']) expect(trust(a, 0), a).toBe(false);
  });
});

describe('clientAddress', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('::ffff:127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }), compileTrust(false))).toBe('127.0.0.1');
  });

  it('walks X-Forwarded-For from the nearest hop while the hops are trusted', () => {
    const trust = compileTrust(['loopback', '10.0.0.0/8']);
    expect(clientAddress(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 10.0.0.2' }), trust)).toBe('203.0.113.9');
    // A client that sends its own X-Forwarded-For only prepends to what the proxies append.
    expect(clientAddress(request('127.0.0.1', { 'x-forwarded-for': '1.2.3.4, 203.0.113.9, 10.0.0.2' }), trust)).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.1'), trust)).toBe('127.0.0.1');
  });
});

describe('link origin', () => {
  const own = () => 'http://127.0.0.1:4000';
  it('is PUBLIC_URL when set, whatever the headers', () => {
    const origin = linkOrigin({ publicUrl: 'https://reports.example.com', trust: compileTrust(true), ownOrigin: own });
    expect(origin(request('127.0.0.1', { 'x-forwarded-host': 'evil.example', host: 'evil.example' }))).toBe('https://reports.example.com');
  });

  it('is the trusted proxy\'s forwarded origin, else the server\'s own, never the Host header', () => {
    const origin = linkOrigin({ publicUrl: null, trust: compileTrust(['loopback']), ownOrigin: own });
    expect(origin(request('127.0.0.1', { 'x-forwarded-host': 'reports.example.com', 'x-forwarded-proto': 'https' }))).toBe('https://reports.example.com');
    expect(origin(request('203.0.113.5', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }))).toBe('http://127.0.0.1:4000');
    expect(origin(request('127.0.0.1', { host: 'evil.example' }))).toBe('http://127.0.0.1:4000');
  });

  it('ignores forwarded hosts that are not a host[:port]', () => {
    const trust = compileTrust(true);
    for (const host of ['evil.example/path', 'evil.example?x', 'user@evil.example', 'evil.example:99999999', '"evil"', '']) {
      expect(forwardedOrigin(request('127.0.0.1', { 'x-forwarded-host': host }), trust), host).toBeNull();
    }
    expect(forwardedOrigin(request('127.0.0.1', { 'x-forwarded-host': '[2001:db8::1]:8443', 'x-forwarded-proto': 'HTTPS' }), trust)).toBe('https://[2001:db8::1]:8443');
  });
});
