/**
 * Issue 8, scenarios 19 and 20 against a real server in production mode (no worker, so exports
 * stay PENDING and count as active):
 * - rate limits: a tenant over its budget is RATE_LIMITED with a retry-after over HTTP and over
 *   graphql-ws alike, other tenants unaffected; export creation has its own per-tenant concurrency
 *   limit (EXPORT_MAX_ACTIVE_PER_TENANT), exact under a concurrent burst;
 * - production refuses to start with a missing or guessable JWT or link-signing secret (real
 *   processes), and never issues development tokens.
 * (HTTP budget per tenant: limits.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { REPO_ROOT } from '../server/src/config.js';
import { createTempDir } from './support/databases.js';
import { reportIdByName } from './support/exports.js';
import { wsClient } from './support/ws-client.js';

const ACTIVE_LIMIT = 3;
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ seedRows: 1_000, env: { NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '60', EXPORT_MAX_ACTIVE_PER_TENANT: String(ACTIVE_LIMIT) } });
});
afterAll(async () => app?.close());

const CREATE_EXPORT = 'mutation($i: CreateExportInput!) { createExport(input: $i) { id status } }';

describe('19. rate limits', () => {
  it('over graphql-ws, operations draw on the tenant budget and are RATE_LIMITED with retryAfterSeconds; others unaffected', async () => {
    const client = wsClient(app.url, await app.token('initech', 'viewer'));
    const run = () => new Promise<any>((resolve) => {
      client.subscribe({ query: '{ me { tenantId } }' }, { next: resolve, error: (e) => resolve({ errors: e }), complete: () => undefined });
    });
    let limited: any;
    for (let i = 0; i < 80 && !limited; i++) {
      const r = await run();
      if (r.errors) limited = r.errors;
    }
    await client.dispose();
    expect(limited?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited[0].extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // initech is out of budget over HTTP too (one budget per tenant), globex is not.
    const http = await app.gql('{ me { tenantId } }', {}, await app.token('initech', 'admin'));
    expect(http.status).toBe(429);
    expect(Number(http.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await app.gql('{ me { tenantId } }', {}, await app.token('globex', 'viewer'))).data?.me.tenantId).toBe('globex');
  });

  it('export creation is limited per tenant: RATE_LIMITED (429, retry-after) past the limit, exact under a burst', async () => {
    const acme = await app.token('acme', 'viewer');
    const reportId = await reportIdByName(app, acme, 'Usage Summary');
    // A burst of 8 concurrent requests: exactly ACTIVE_LIMIT are accepted.
    const burst = await Promise.all(Array.from({ length: 8 }, () => app.gql(CREATE_EXPORT, { i: { reportId, format: 'CSV' } }, acme)));
    const accepted = burst.filter((r) => !r.errors);
    const refused = burst.filter((r) => r.errors);
    expect(accepted).toHaveLength(ACTIVE_LIMIT);
    for (const r of refused) {
      expect(errorCode(r)).toBe('RATE_LIMITED');
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(r.errors![0]!.message).toMatch(/exports are already running/);
    }
    const pending = await app.runtime.orm.em.getConnection().execute<{ n: string }[]>(`SELECT count(*) AS n FROM exports WHERE tenant_id = 'acme'`);
    expect(Number(pending[0]!.n)).toBe(ACTIVE_LIMIT);

    // Another tenant is not affected.
    const globex = await app.token('globex', 'viewer');
    const globexReport = await reportIdByName(app, globex, 'Usage Summary');
    expect((await app.gql(CREATE_EXPORT, { i: { reportId: globexReport, format: 'PDF' } }, globex)).errors).toBeUndefined();

    // Scheduled runs are not counted against the API limit.
    const editor = await app.token('acme', 'editor');
    const schedule = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Limit check', cron: '0 9 * * 1', recipients: ['a@example.com'] } }, editor);
    expect((await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: schedule.data!.createSchedule.id }, editor)).errors).toBeUndefined();

    // Once one finishes (here: is cancelled), there is room again.
    await app.gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id: accepted[0]!.data!.createExport.id }, acme);
    expect((await app.gql(CREATE_EXPORT, { i: { reportId, format: 'CSV' } }, acme)).errors).toBeUndefined();
    expect(errorCode(await app.gql(CREATE_EXPORT, { i: { reportId, format: 'CSV' } }, acme))).toBe('RATE_LIMITED');
  });
});

const TSX = join(REPO_ROOT, 'server', 'node_modules', '.bin', 'tsx');
const MAIN = join(REPO_ROOT, 'server', 'src', 'main.ts');

/** Starts `server api` as an operator would and waits for it to exit (or kills it after a while). */
function serverExit(env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  const dir = createTempDir();
  const e: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dir.path, PORT: '0', DATABASE_URL: 'postgres://127.0.0.1:1/none', ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete e[k];
  return new Promise((resolve) => {
    const child = spawn(TSX, [MAIN, 'api'], { env: e, cwd: join(REPO_ROOT, 'server') });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      dir.remove();
      resolve({ code, out });
    });
  });
}

describe('20. production refuses missing or default secrets and never issues dev tokens', () => {
  const good = 'b5bb9d8014a0f9b1d61e21e796d78dcc';
  it.each([
    ['no JWT_SECRET', { JWT_SECRET: undefined }, 'JWT_SECRET'],
    ['a placeholder JWT_SECRET', { JWT_SECRET: 'change-me-change-me-change-me-0123456789' }, 'JWT_SECRET'],
    ['a repeated JWT_SECRET', { JWT_SECRET: 'x'.repeat(40) }, 'JWT_SECRET'],
    ['an example DOWNLOAD_LINK_SECRET', { JWT_SECRET: good, DOWNLOAD_LINK_SECRET: 'example-link-signing-secret-0123456789' }, 'DOWNLOAD_LINK_SECRET'],
  ])('%s: exits 1 naming the variable, before touching anything', async (_name, env, variable) => {
    const { code, out } = await serverExit(env);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`error: ${variable}:`));
    expect(out).not.toMatch(/Reportcast is up|eyJ/);
  });

  it('has no development sign-in in production, whatever is posted', async () => {
    for (const body of [{ tenant: 'acme', role: 'admin' }, { tenant: 'acme', role: 'admin', user: 'root' }, {}]) {
      const res = await fetch(`${app.url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/eyJ/);
    }
  });
});
