/**
 * Issue 15, class 5: HTTP correctness.
 *
 * - A 401 carries `WWW-Authenticate: Bearer realm="reportcast"` (RFC 6750), with
 *   `error="invalid_token"` and a description when a bearer token was sent and refused; nothing
 *   is written.
 * - Links (`downloadUrl`; email and unsubscribe links come from the same origin setting) are built
 *   from PUBLIC_URL, or from X-Forwarded-Proto/-Host only when the peer is a proxy TRUST_PROXY
 *   names, else from the server's own address: a forged Host, X-Forwarded-Host, X-Forwarded-Proto
 *   or Forwarded header never chooses them. Likewise X-Forwarded-For never chooses the client
 *   address (audit entries, budgets) unless the proxy is trusted.
 * - A production server refuses to start without PUBLIC_URL, saying why (CLI commands need none).
 *
 * One app at a time (chDB binds one data directory per process): each describe block starts its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { createTempDir } from './support/databases.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';
import { MAIN, SERVER_DIR } from './support/processes.js';
import { rawRequest } from './support/raw-http.js';
import { rowCounts } from './support/row-counts.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const DOWNLOAD_URL = 'query($id: ID!) { export(id: $id) { downloadUrl } }';

/** A completed CSV export of the Usage Summary, to read its downloadUrl under different headers. */
async function completedExport(app: TestApp, token: string): Promise<string> {
  const reportId = await reportIdByName(app, token, 'Usage Summary');
  const { final } = await exportAndFollow(app, token, { reportId, format: 'CSV' });
  expect(final.status).toBe('COMPLETED');
  return final.id as string;
}

/** The origin of the downloadUrl the server hands out for a request with these headers. */
async function linkOrigin(app: TestApp, token: string, exportId: string, headers: Record<string, string>): Promise<string> {
  const res = await rawRequest(`${app.url}/graphql`, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query: DOWNLOAD_URL, variables: { id: exportId } }),
  });
  expect(res.status, res.body).toBe(200);
  return new URL(res.json().data.export.downloadUrl).origin;
}

/** Creates a report saying it comes from `forwardedFor`; answers the address its audit entry records. */
async function auditedAddress(app: TestApp, token: string, forwardedFor: string): Promise<string> {
  const res = await rawRequest(`${app.url}/graphql`, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ query: `mutation { createReport(input: { name: "From ${forwardedFor}", definition: { source: "usage_events", measures: [{ fn: COUNT }] } }) { id } }` }),
  });
  const id = res.json().data.createReport.id;
  const rows = await app.runtime.orm.em.getConnection().execute<{ ip: string }[]>(`SELECT ip FROM audit_log WHERE target_id = ? AND action LIKE 'report.%'`, [id]);
  expect(rows).toHaveLength(1);
  return rows[0]!.ip;
}

/** Forged forwarding headers, each a way a client could try to choose the links' host. */
const FORGED: [string, Record<string, string>][] = [
  ['X-Forwarded-Host', { 'x-forwarded-host': 'evil.example' }],
  ['X-Forwarded-Host and X-Forwarded-Proto: https', { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }],
  ['a Host header of its choosing', { host: 'evil.example' }],
  ['RFC 7239 Forwarded', { forwarded: 'host=evil.example;proto=https' }],
  ['X-Forwarded-Host with a path and query smuggled in', { 'x-forwarded-host': 'evil.example/x?y=' }],
  ['a list of forwarded hosts', { 'x-forwarded-host': 'evil.example, reports.example.test' }],
];

describe('15.5 without PUBLIC_URL or a trusted proxy: links name the server itself, whatever the headers', () => {
  let app: TestApp;
  let editor: string;
  let exportId: string;
  beforeAll(async () => {
    app = await startTestApp({ seedRows: 1_000, worker: true });
    editor = await app.token('acme', 'editor');
    exportId = await completedExport(app, editor);
  });
  afterAll(async () => app?.close());

  for (const [name, headers] of FORGED) {
    it(`ignores ${name}`, async () => {
      expect(await linkOrigin(app, editor, exportId, headers)).toBe(app.url);
    });
  }

  it('ignores a forged X-Forwarded-For: the audit log records the real peer', async () => {
    expect(await auditedAddress(app, editor, '203.0.113.9')).toBe('127.0.0.1');
  });

  // RFC 6750 §3: the challenge names the scheme; invalid_token when a bearer token was refused.
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>, key = app.config.jwtSecret!) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(key));
  const refusals: [string, () => Promise<string>, string][] = [
    ['a token signed with another secret', async () => `Bearer ${await sign({ sub: 'm', tenant: 'acme', role: 'admin', exp: now() + 600 }, randomBytes(32).toString('hex'))}`,
      'Bearer realm="reportcast", error="invalid_token", error_description="Invalid token"'],
    ['an expired token', async () => `Bearer ${await sign({ sub: 'm', tenant: 'acme', role: 'admin', exp: now() - 60 })}`,
      'Bearer realm="reportcast", error="invalid_token", error_description="Token expired"'],
    ['a token without a tenant', async () => `Bearer ${await sign({ sub: 'm', role: 'admin', exp: now() + 600 })}`,
      'Bearer realm="reportcast", error="invalid_token", error_description="Token lacks a valid sub, tenant or role claim"'],
    ['garbage after Bearer', async () => 'Bearer not.a.jwt', 'Bearer realm="reportcast", error="invalid_token", error_description="Invalid token"'],
    ['another scheme (Basic): no bearer token was sent', async () => 'Basic dXNlcjpwYXNz', 'Bearer realm="reportcast"'],
    ['Bearer without a token', async () => 'Bearer', 'Bearer realm="reportcast"'],
  ];
  for (const [name, authorization, challenge] of refusals) {
    it(`401 with WWW-Authenticate for ${name}; nothing written`, async () => {
      const before = await rowCounts(app);
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await authorization() },
        body: JSON.stringify({ query: 'mutation { createReport(input: { name: "Refused", definition: { source: "usage_events", measures: [{ fn: COUNT }] } }) { id } }' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(challenge);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[]; data?: unknown };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
      expect(await rowCounts(app)).toEqual(before);
    });
  }

  it('no token at all: protected fields are UNAUTHENTICATED in a 200 (me answers null), with no challenge', async () => {
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { userId } }' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('www-authenticate')).toBeNull();
  });
});

describe('15.5 behind a trusted proxy (TRUST_PROXY=loopback): its forwarded origin and client address are used', () => {
  let app: TestApp;
  let editor: string;
  let exportId: string;
  beforeAll(async () => {
    app = await startTestApp({ seedRows: 1_000, worker: true, env: { TRUST_PROXY: 'loopback' } });
    editor = await app.token('acme', 'editor');
    exportId = await completedExport(app, editor);
  });
  afterAll(async () => app?.close());

  it('uses X-Forwarded-Proto and X-Forwarded-Host from the trusted proxy', async () => {
    expect(await linkOrigin(app, editor, exportId, { 'x-forwarded-host': 'reports.example.test', 'x-forwarded-proto': 'https' })).toBe('https://reports.example.test');
  });

  it('takes the client address from X-Forwarded-For (the audit log records it)', async () => {
    expect(await auditedAddress(app, editor, '203.0.113.9')).toBe('203.0.113.9');
  });

  it('still ignores a Host header, and forwarded values that are not a host', async () => {
    expect(await linkOrigin(app, editor, exportId, { host: 'evil.example' })).toBe(app.url);
    expect(await linkOrigin(app, editor, exportId, { 'x-forwarded-host': 'evil.example/x?y=' })).toBe(app.url);
  });
});

describe('15.5 with PUBLIC_URL: every link names it, whatever a proxy or client says', () => {
  let app: TestApp;
  let editor: string;
  let exportId: string;
  beforeAll(async () => {
    app = await startTestApp({ seedRows: 1_000, worker: true, env: { PUBLIC_URL: 'https://reports.example.test/', TRUST_PROXY: 'loopback' } });
    editor = await app.token('acme', 'editor');
    exportId = await completedExport(app, editor);
  });
  afterAll(async () => app?.close());

  for (const [name, headers] of [['no forwarding headers', {}] as [string, Record<string, string>], ...FORGED]) {
    it(`uses PUBLIC_URL with ${name}`, async () => {
      expect(await linkOrigin(app, editor, exportId, headers)).toBe('https://reports.example.test');
    });
  }
});

/** Runs `server <command>` in production and resolves with its exit code and output (killed after 20 s). */
function production(command: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  const dir = createTempDir();
  const e: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'production', DATA_DIR: dir.path, PORT: '0', DATABASE_URL: 'postgres://127.0.0.1:1/none',
    JWT_SECRET: randomBytes(32).toString('hex'), DOWNLOAD_LINK_SECRET: randomBytes(32).toString('hex'), PUBLIC_URL: undefined, ...env,
  };
  for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...command], { env: e, cwd: SERVER_DIR });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      dir.remove();
      resolve({ code, out });
    });
  });
}

describe('15.5 production refuses to serve without PUBLIC_URL', () => {
  for (const command of ['api', 'worker', 'start']) {
    it(`\`server ${command}\` exits 1 naming PUBLIC_URL and what it is for, before touching anything`, async () => {
      const { code, out } = await production([command], {});
      expect(code).toBe(1);
      expect(out).toMatch(/error: PUBLIC_URL: is required in production .*https:\/\/reports\.example\.com; download, email and unsubscribe links are built from it/);
      expect(out).not.toMatch(/ECONNREFUSED|is up/);
    });
  }

  it('a CLI command that builds no links does not need it', async () => {
    const { code, out } = await production(['token', '--tenant', 'acme', '--role', 'viewer'], {});
    expect(code, out).toBe(0);
    expect(out).toMatch(/^eyJ/);
  });
});
