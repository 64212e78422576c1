/**
 * Issue 15, class 4: every answer carries the security headers (helmet, configured): the page, the
 * GraphQL API over each way in, downloads, probes, the unsubscribe page (with a policy of its own)
 * and error answers. The Content-Security-Policy allows our own scripts only (no inline script,
 * no eval, no inline handlers), our own origin and its WebSocket to connect to, and no framing.
 * HSTS is sent only in production at an https PUBLIC_URL. The browser half (the built SPA raising
 * no violation in Chromium) is test/browser/content-security-policy.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../server/src/config.js';
import { randomBytes } from 'node:crypto';
import { createTempDir, createTestDatabase, type TestDatabase } from './support/databases.js';
import { spawnServer, stopServer, type ServerProcess } from './support/processes.js';
import { rawRequest } from './support/raw-http.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const BUILT_PAGE = join(REPO_ROOT, 'web', 'dist', 'index.html');

let app: TestApp;
/** Production is a child `api` process: chDB binds one data directory per process. */
let prod: ServerProcess;
let prodDb: TestDatabase;
const prodDir = createTempDir('reportcast-headers-');

beforeAll(async () => {
  prodDb = await createTestDatabase();
  [app, prod] = await Promise.all([
    startTestApp({ seedRows: 500 }),
    spawnServer('api', {
      NODE_ENV: 'production', PUBLIC_URL: 'https://reports.example.test', DATABASE_URL: prodDb.url, DATA_DIR: prodDir.path,
      JWT_SECRET: randomBytes(32).toString('hex'), DOWNLOAD_LINK_SECRET: randomBytes(32).toString('hex'), SECRETS_KEY: randomBytes(32).toString('hex'),
    }),
  ]);
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (prod) await stopServer(prod);
  await prodDb?.drop();
  prodDir.remove();
});

/** Directive name → its sources. */
function policy(header: string | null): Map<string, string[]> {
  expect(header, 'Content-Security-Policy').toBeTruthy();
  return new Map(header!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name!, sources];
  }));
}

const JSON_POST = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

const answers: [string, string, RequestInit?][] = [
  ['the page (SPA shell, or the API notice without a build)', '/'],
  ['a client-side route of the SPA', '/reports/123'],
  ['a GraphQL query', '/graphql', JSON_POST('{"query":"{ me { userId } }"}')],
  ['a GraphQL error answer (malformed JSON)', '/graphql', JSON_POST('{"query":')],
  ['a GraphQL GET refused by CSRF prevention', '/graphql?query=%7B__typename%7D'],
  ['a refused bad token (401)', '/graphql', { ...JSON_POST('{"query":"{ reports { totalCount } }"}'), headers: { 'content-type': 'application/json', authorization: 'Bearer forged' } }],
  ['a download link that is not valid (404)', '/exports/00000000-0000-0000-0000-000000000000/download?token=forged'],
  ['the liveness probe', '/healthz'],
  ['the readiness probe', '/readyz'],
  ['the sign-in options', '/auth/options'],
];

describe('15.4 security headers on every answer', () => {
  for (const [name, path, init] of answers) {
    it(name, async () => {
      const res = await fetch(`${app.url}${path}`, init);
      await res.arrayBuffer();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('x-powered-by')).toBeNull();
      // Not in test mode over plain HTTP: HSTS there would pin a developer's localhost to HTTPS.
      expect(res.headers.get('strict-transport-security')).toBeNull();
      const csp = policy(res.headers.get('content-security-policy'));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('style-src')).toEqual(["'self'"]);
      expect(csp.get('img-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      // Its own origin and that origin's WebSocket (built from the server's address, never a Host header).
      expect(csp.get('connect-src')).toEqual(["'self'", app.url.replace(/^http/, 'ws')]);
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
      for (const sources of csp.values()) expect(sources.join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    });
  }

  it('the unsubscribe page lives under the app\'s strict policy: no script, no inline style, its form posts to itself', async () => {
    const res = await fetch(`${app.url}/unsubscribe?token=forged`);
    const html = await res.text();
    expect(res.status).toBe(404);
    const csp = policy(res.headers.get('content-security-policy'));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(html).not.toMatch(/style=|<style|<script|\son[a-z]+=/i);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('a Host header does not reach the policy: the WebSocket origin is the server\'s own', async () => {
    for (const headers of [{ host: 'evil.example' }, { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
      const res = await rawRequest(`${app.url}/`, { method: 'GET', headers });
      expect(policy(String(res.headers['content-security-policy'])).get('connect-src')).toEqual(["'self'", app.url.replace(/^http/, 'ws')]);
    }
  });

  it('production at an https PUBLIC_URL: HSTS for a year, upgrade-insecure-requests, wss of the public origin', async () => {
    const res = await fetch(`${prod.url}/healthz`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const csp = policy(res.headers.get('content-security-policy'));
    expect(csp.get('connect-src')).toEqual(["'self'", 'wss://reports.example.test']);
    expect(csp.has('upgrade-insecure-requests')).toBe(true);
  });

  it.runIf(existsSync(BUILT_PAGE))('the built SPA has no inline script or style for the policy to refuse', () => {
    const html = readFileSync(BUILT_PAGE, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/assets\//);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style|\sstyle="|\son[a-z]+=/i);
  });
});

describe('idle connections', () => {
  it('keeps an idle keep-alive connection 65 s, past what clients and proxies keep theirs', async () => {
    // Node's 5 s default raced undici's 4 s: a request sent on a connection the server was closing
    // came back ECONNRESET on a loaded machine. The hint tells clients how long the server keeps it.
    for (const target of [app.url, prod.url]) {
      const res = await fetch(`${target}/healthz`);
      await res.arrayBuffer();
      expect(res.headers.get('keep-alive')).toBe('timeout=65');
    }
  });
});
