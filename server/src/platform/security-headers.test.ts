/**
 * The Content-Security-Policy names each request's own WebSocket origin, from a handler built once
 * per link origin, and still does past the number of origins kept ready (MAX_ORIGINS, computed per
 * request then). The whole app's headers are checked in test/security-headers.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request, Response } from 'express';
import { securityHeaders } from './security-headers.js';

let server: Server;
let url: string;

beforeAll(async () => {
  // The origin as a trusted proxy would forward it (the test's stand-in for linkOrigin).
  const headers = securityHeaders({ linkOrigin: (req) => `https://${String(req.headers['x-origin'])}`, hstsMaxAgeSeconds: 0, https: true });
  server = createServer((req, res) => headers(req as Request, res as Response, () => res.end('ok')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const connectSrc = (csp: string | null) => csp?.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));

describe('securityHeaders', () => {
  it("names the request's own socket origin, for more origins than it keeps handlers for", async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 24; i++) {
        const res = await fetch(url, { headers: { 'x-origin': `h${i}.example:8443` } });
        expect(await res.text()).toBe('ok');
        expect(connectSrc(res.headers.get('content-security-policy'))).toBe(`connect-src 'self' wss://h${i}.example:8443`);
        expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
      }
    }
  });
});
