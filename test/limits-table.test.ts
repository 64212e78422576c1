/**
 * Issue 15, class 6: the documented limits and the enforced ones are one table. LIMITS below lists
 * every limit the API enforces with its setting and default; the test holds it against
 * - the defaults the configuration applies (loadConfig with nothing set),
 * - the README's Configuration table, its Security limits table and docs/api.md's limits table
 *   (same rows, same defaults, the refusal each documents),
 * and exercises each limit once against a real server, at its boundary, with a small value set
 * through its setting (so the setting is what the server obeys).
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadConfig, type Config } from '../server/src/config.js';
import { MAX_PAGE_SIZE } from '../server/src/graphql/connection.js';
import { MAX_BACKFILL_DAYS, MAX_RECIPIENTS } from '../server/src/features/schedules/schedule.service.js';
import { MAX_UPCOMING_RUNS } from '../server/src/features/schedules/schedule.resolver.js';
import { startRuntimeWorker } from '../server/src/app.js';
import { PgTenantSlots } from '../server/src/platform/pg-tenant-slots.js';
import { createLogger } from '../server/src/platform/logger.js';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { rawRequest } from './support/raw-http.js';
import { rawSocket } from './support/raw-socket.js';

/**
 * What a request over the limit got: the error code and HTTP status, or the close code of its
 * WebSocket; null when it waits instead.
 */
type Refusal = { code: string; status: number } | { close: number } | { truncated: true } | null;

interface Limit {
  /** The first column of the docs tables. */
  name: string;
  /** The environment variable, or null for a limit fixed in code. */
  setting: string | null;
  default: number;
  /** The value the code applies (for a setting: with nothing set). */
  enforced(config: Config): number;
  /** The small value the exercise sets (a setting) or meets (fixed). */
  exercised: number;
  /** Proves the limit at `exercised`: at the limit it runs, one past it is refused (or waits). */
  exercise(app: TestApp, limit: number): Promise<Refusal>;
}

const PREVIEW = 'query($d: ReportDefinitionInput!) { previewReport(input: { definition: $d }) { totalCount } }';
const COUNT = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };
const DAY_MS = 86_400_000;

/** Runs `ok` expecting success, then `over` expecting a refusal, which it returns. */
async function boundary(ok: Promise<GraphQLResponse>, over: () => Promise<GraphQLResponse>, field?: string): Promise<Refusal> {
  const fine = await ok;
  expect(fine.errors, JSON.stringify(fine.errors)).toBeUndefined();
  const refused = await over();
  const error = refused.errors?.[0];
  expect(error, JSON.stringify(refused)).toBeDefined();
  if (field) expect(JSON.stringify(error!.extensions)).toContain(field);
  return { code: error!.extensions!.code, status: refused.status };
}

const token = (app: TestApp, tenant = 'acme') => app.token(tenant, 'editor');

/**
 * The limits before authentication count failures per client address: their exercises connect
 * from addresses of their own (any 127.x on Linux), so neither they nor the others spend the
 * budget of 127.0.0.1, where the other exercises run.
 */
async function postFrom(app: TestApp, localAddress: string, body: string, headers: Record<string, string> = {}): Promise<{ code: string; status: number }> {
  const res = await rawRequest(`${app.url}/graphql`, { localAddress, body, headers: { 'content-type': 'application/json', ...headers } });
  return { code: res.status === 200 && !res.json().errors ? 'OK' : res.json().errors[0].extensions.code, status: res.status };
}

/** `{ me { userId } }` and a comment, `bytes` long. */
const documentOf = (bytes: number) => `{ me { userId } } #${'c'.repeat(bytes - 19)}`;

/** A report of the tenant's own (quota exercises run in tenants of their own). */
async function ownReport(app: TestApp, bearer: string): Promise<string> {
  const res = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Counts', definition: COUNT } }, bearer);
  expect(res.errors).toBeUndefined();
  return res.data!.createReport.id as string;
}

/** The id of globex's Usage Summary, read once (globex's budget is shared by a few exercises). */
let globexReport: string | undefined;
async function globexUsageSummary(app: TestApp): Promise<string> {
  if (globexReport) return globexReport;
  // A page the exercise's small cost limit allows (reportIdByName asks for 100).
  const reports = await app.gql('{ reports(first: 20) { edges { node { id name } } } }', {}, await token(app, 'globex'));
  return (globexReport = reports.data!.reports.edges.find((e: { node: { name: string } }) => e.node.name === 'Usage Summary').node.id as string);
}

const CREATE_SCHEDULE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }';

const LIMITS: Limit[] = [
  {
    name: 'Operations per tenant a minute', setting: 'RATE_LIMIT_PER_MINUTE', default: 600, enforced: (c) => c.rateLimit.requestsPerMinute, exercised: 30,
    // A tenant of its own: the other exercises must not spend this budget.
    async exercise(app, limit) {
      const bearer = await token(app, 'initech');
      for (let i = 0; i < limit; i++) expect((await app.gql('{ me { tenantId } }', {}, bearer)).status).toBe(200);
      // The bucket refills one token every 60/limit seconds: allow for one refilled meanwhile.
      let refused: GraphQLResponse | undefined;
      for (let i = 0; i < 3 && !refused; i++) {
        const res = await app.gql('{ me { tenantId } }', {}, bearer);
        if (res.errors) refused = res;
      }
      expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      return { code: refused!.errors![0]!.extensions!.code, status: refused!.status };
    },
  },
  {
    name: 'Query depth', setting: 'GRAPHQL_MAX_DEPTH', default: 12, enforced: (c) => c.graphql.maxDepth, exercised: 5,
    async exercise(app, limit) {
      expect(limit).toBe(5);
      const bearer = await token(app);
      return boundary(app.gql('{ reports { edges { node { definition { source } } } } }', {}, bearer),
        () => app.gql('{ reports { edges { node { definition { dimensions { field } } } } } }', {}, bearer), '"maxDepth":5');
    },
  },
  {
    name: 'Query cost', setting: 'GRAPHQL_MAX_COST', default: 20_000, enforced: (c) => c.graphql.maxCost, exercised: 301,
    // reports(first: n) { edges { node { id name } } } costs 1 + 4n.
    async exercise(app, limit) {
      const bearer = await token(app);
      const q = (n: number) => app.gql(`{ reports(first: ${n}) { edges { node { id name } } } }`, {}, bearer);
      return boundary(q((limit - 1) / 4), () => q((limit - 1) / 4 + 1), `"maxCost":${limit}`);
    },
  },
  {
    name: 'Aliased fields per operation', setting: 'GRAPHQL_MAX_ALIASES', default: 50, enforced: (c) => c.graphql.maxAliases, exercised: 3,
    async exercise(app, limit) {
      const bearer = await token(app);
      const q = (n: number) => app.gql(`{ ${Array.from({ length: n }, (_, i) => `a${i}: me { userId }`).join(' ')} }`, {}, bearer);
      return boundary(q(limit), () => q(limit + 1), `"maxAliases":${limit}`);
    },
  },
  {
    name: 'Page size', setting: null, default: 500, enforced: () => MAX_PAGE_SIZE, exercised: 500,
    // __typename costs nothing, so the cost limit stays out of the way.
    async exercise(app, limit) {
      const bearer = await token(app);
      const q = (n: number) => app.gql(`{ reports(first: ${n}) { __typename } }`, {}, bearer);
      return boundary(q(limit), () => q(limit + 1), 'first');
    },
  },
  {
    name: 'On-demand exports waiting or running per tenant', setting: 'EXPORT_MAX_ACTIVE_PER_TENANT', default: 10, enforced: (c) => c.exports.maxActivePerTenant, exercised: 2,
    // No worker runs here: every export stays PENDING, so each one counts.
    async exercise(app, limit) {
      const bearer = await token(app, 'globex');
      const reportId = await globexUsageSummary(app);
      const create = () => app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV' } }, bearer);
      for (let i = 0; i < limit - 1; i++) expect((await create()).errors).toBeUndefined();
      return boundary(create(), create);
    },
  },
  {
    name: 'Analytics queries running at once per tenant', setting: 'CLICKHOUSE_TENANT_CONCURRENCY', default: 4, enforced: (c) => c.clickhouseLimits.tenantConcurrency, exercised: 1,
    // Another holder takes the tenant's one slot (as another process would): previews wait for it.
    async exercise(app, limit) {
      expect(limit).toBe(1);
      const bearer = await token(app);
      const pool = new pg.Pool({ connectionString: app.runtime.databaseUrl, max: 1 });
      const holder = new PgTenantSlots({ databaseUrl: app.runtime.databaseUrl, pool, perTenant: limit, log: createLogger('error', false, () => undefined) });
      await holder.start();
      try {
        const release = await holder.acquire('acme');
        let done = false;
        const waiting = app.gql(PREVIEW, { d: COUNT }, bearer).then((r) => { done = true; return r; });
        await new Promise((r) => setTimeout(r, 1_000));
        expect(done).toBe(false);
        release();
        expect((await waiting).errors).toBeUndefined();
      } finally {
        await holder.close();
        await pool.end();
      }
      return null;
    },
  },
  {
    name: "A report's `rowLimit`", setting: 'MAX_ROW_LIMIT', default: 1_000_000, enforced: (c) => c.reports.maxRowLimit, exercised: 5_000,
    async exercise(app, limit) {
      const bearer = await token(app);
      return boundary(app.gql(PREVIEW, { d: { ...COUNT, rowLimit: limit } }, bearer), () => app.gql(PREVIEW, { d: { ...COUNT, rowLimit: limit + 1 } }, bearer), 'input.definition.rowLimit');
    },
  },
  {
    name: "A report's time range, in days", setting: 'MAX_RANGE_DAYS', default: 366, enforced: (c) => c.reports.maxRangeDays, exercised: 31,
    async exercise(app, limit) {
      const bearer = await token(app);
      const range = (ms: number) => ({ ...COUNT, timeRange: { from: new Date(Date.UTC(2026, 0, 1)).toISOString(), to: new Date(Date.UTC(2026, 0, 1) + ms).toISOString() } });
      return boundary(app.gql(PREVIEW, { d: range(limit * DAY_MS) }, bearer), () => app.gql(PREVIEW, { d: range((limit + 1) * DAY_MS) }, bearer), 'input.definition.timeRange');
    },
  },
  {
    name: 'Request body to `/graphql`, in KiB', setting: 'HTTP_MAX_BODY_KB', default: 1024, enforced: (c) => c.edge.httpMaxBodyBytes / 1024, exercised: 2,
    async exercise(app, limit) {
      const body = (bytes: number) => {
        const base = JSON.stringify({ query: '{ me { userId } }', variables: { pad: '' } });
        return base.replace('"pad":""', `"pad":"${'p'.repeat(bytes - base.length)}"`);
      };
      expect(body(limit * 1024)).toHaveLength(limit * 1024);
      expect(await postFrom(app, '127.0.0.2', body(limit * 1024))).toEqual({ code: 'OK', status: 200 });
      return postFrom(app, '127.0.0.2', body(limit * 1024 + 1));
    },
  },
  {
    name: 'GraphQL document, in KiB', setting: 'GRAPHQL_MAX_DOCUMENT_KB', default: 64, enforced: (c) => c.edge.maxDocumentBytes / 1024, exercised: 1,
    async exercise(app, limit) {
      expect(await postFrom(app, '127.0.0.3', JSON.stringify({ query: documentOf(limit * 1024) }))).toEqual({ code: 'OK', status: 200 });
      return postFrom(app, '127.0.0.3', JSON.stringify({ query: documentOf(limit * 1024 + 1) }));
    },
  },
  {
    name: 'Tokens in a GraphQL document', setting: 'GRAPHQL_MAX_TOKENS', default: 10_000, enforced: (c) => c.edge.maxTokens, exercised: 100,
    // `{ me { userId … } }` is 5 tokens and one per userId.
    async exercise(app, limit) {
      const query = (tokens: number) => JSON.stringify({ query: `{ me { ${'userId '.repeat(tokens - 5)}} }` });
      expect(await postFrom(app, '127.0.0.4', query(limit))).toEqual({ code: 'OK', status: 200 });
      return postFrom(app, '127.0.0.4', query(limit + 1));
    },
  },
  {
    name: 'WebSocket message, in KiB', setting: 'WS_MAX_MESSAGE_KB', default: 64, enforced: (c) => c.edge.wsMaxMessageBytes / 1024, exercised: 1,
    async exercise(app, limit) {
      const init = async (bytes: number) => {
        const base = JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await token(app)}`, pad: '' } });
        return base.replace('"pad":""', `"pad":"${'p'.repeat(bytes - base.length)}"`);
      };
      const fits = await rawSocket(app.url, {}, '127.0.0.5');
      fits.send(await init(limit * 1024));
      await fits.next('connection_ack');
      fits.ws.close();
      const over = await rawSocket(app.url, {}, '127.0.0.5');
      over.send(await init(limit * 1024 + 1));
      return { close: (await over.closed).code };
    },
  },
  {
    name: 'Time to authenticate a WebSocket, in ms', setting: 'WS_AUTH_TIMEOUT_MS', default: 3000, enforced: (c) => c.edge.wsAuthTimeoutMs, exercised: 500,
    async exercise(app, limit) {
      const prompt = await rawSocket(app.url, {}, '127.0.0.6');
      await new Promise((r) => setTimeout(r, limit / 5));
      prompt.send({ type: 'connection_init', payload: { authorization: `Bearer ${await token(app)}` } });
      await prompt.next('connection_ack');
      prompt.ws.close();
      const silent = await rawSocket(app.url, {}, '127.0.0.6');
      const opened = Date.now();
      const { code } = await silent.closed;
      expect(Date.now() - opened).toBeGreaterThanOrEqual(limit - 50);
      expect(Date.now() - opened).toBeLessThan(limit + 2_000);
      return { close: code };
    },
  },
  {
    name: 'Failed requests per client address a minute', setting: 'FAILED_REQUESTS_PER_MINUTE', default: 60, enforced: (c) => c.edge.failedRequestsPerMinute, exercised: 20,
    // Larger than the failures the other exercises cause from 127.0.0.1, which must keep working.
    async exercise(app, limit) {
      const query = JSON.stringify({ query: '{ me { userId } }' });
      for (let i = 0; i < limit; i++) expect(await postFrom(app, '127.0.0.7', query, { authorization: 'Bearer forged' })).toEqual({ code: 'UNAUTHENTICATED', status: 401 });
      const refused = await rawRequest(`${app.url}/graphql`, {
        localAddress: '127.0.0.7', body: query, headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(app)}` },
      });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      return { code: refused.json().errors[0].extensions.code, status: refused.status };
    },
  },
  {
    name: 'Recipients of a schedule', setting: null, default: 50, enforced: () => MAX_RECIPIENTS, exercised: 50,
    async exercise(app, limit) {
      const bearer = await token(app, 'globex');
      const reportId = await globexUsageSummary(app);
      const recipients = (n: number) => Array.from({ length: n }, (_, i) => `r${i}@example.com`);
      return boundary(app.gql(CREATE_SCHEDULE, { i: { reportId, name: 'Fifty recipients', cron: '0 9 * * 1', recipients: recipients(limit) } }, bearer),
        () => app.gql(CREATE_SCHEDULE, { i: { reportId, name: 'Too many recipients', cron: '0 9 * * 1', recipients: recipients(limit + 1) } }, bearer), 'input.recipients');
    },
  },
  {
    name: 'Days one `backfillSchedule` covers', setting: null, default: 365, enforced: () => MAX_BACKFILL_DAYS, exercised: 365,
    // A yearly cron: a year's backfill is one or two slots.
    async exercise(app, limit) {
      const bearer = await token(app, 'globex');
      const created = await app.gql(CREATE_SCHEDULE, { i: { reportId: await globexUsageSummary(app), name: 'Yearly', cron: '0 0 1 1 *', recipients: ['y@example.com'] } }, bearer);
      const to = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - DAY_MS);
      const backfill = (days: number) => app.gql('mutation($id: ID!, $f: DateTime!, $t: DateTime!) { backfillSchedule(id: $id, from: $f, to: $t) { id } }',
        { id: created.data!.createSchedule.id, f: new Date(to.getTime() - days * DAY_MS).toISOString(), t: to.toISOString() }, bearer);
      return boundary(backfill(limit), () => backfill(limit + 1), '"to"');
    },
  },
  {
    name: 'Runs one `upcomingRuns` answers', setting: null, default: 20, enforced: () => MAX_UPCOMING_RUNS, exercised: 20,
    async exercise(app, limit) {
      const bearer = await token(app, 'globex');
      const q = (n: number) => app.gql('query($n: Int!) { upcomingRuns(cron: "0 9 * * *", timezone: "Asia/Tokyo", count: $n) { utc } }', { n }, bearer);
      const fine = await q(limit);
      expect(fine.data!.upcomingRuns).toHaveLength(limit);
      return boundary(Promise.resolve(fine), () => q(limit + 1), '"count"');
    },
  },
  {
    name: 'Rows in a PDF', setting: 'PDF_ROW_CAP', default: 10_000, enforced: (c) => c.exports.pdfRowCap, exercised: 5,
    // Last: the worker it starts also runs the exports the exercise above left waiting.
    async exercise(app, limit) {
      const bearer = await token(app, 'globex');
      const worker = await startRuntimeWorker(app.runtime);
      // Waited for in the database: polling through the API would spend the tenant's small budget.
      const conn = app.runtime.orm.em.getConnection();
      const settled = async () => {
        for (let i = 0; i < 600; i++) {
          const [row] = await conn.execute<{ n: string }[]>(`SELECT count(*) AS n FROM exports WHERE tenant_id = 'globex' AND status IN ('PENDING', 'PROCESSING')`);
          if (Number(row!.n) === 0) return;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('exports still running after 60 s');
      };
      try {
        // The exports the exercise above left waiting count against globex's small active limit.
        await settled();
        const created = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: await globexUsageSummary(app), format: 'PDF' } }, bearer);
        expect(created.errors).toBeUndefined();
        const id = created.data!.createExport.id as string;
        await settled();
        const done = (await app.gql('query($id: ID!) { export(id: $id) { status rowCount sourceRowCount truncated } }', { id }, bearer)).data!.export;
        expect(done.status).toBe('COMPLETED');
        expect(done.sourceRowCount).toBeGreaterThan(limit);
        expect(done).toMatchObject({ rowCount: limit, truncated: true });
        return { truncated: true };
      } finally {
        await worker.stop();
      }
    },
  },
  {
    name: 'Active schedules per tenant', setting: 'QUOTA_ACTIVE_SCHEDULES', default: 100, enforced: (c) => c.quotas.activeSchedules, exercised: 5,
    // A tenant of its own: globex's demo schedule and the ones other exercises make stay under 5.
    async exercise(app, limit) {
      const bearer = await token(app, 'quota-sched');
      const reportId = await ownReport(app, bearer);
      const create = (i: number) => app.gql(CREATE_SCHEDULE, { i: { reportId, name: `Active ${i}`, cron: '0 9 * * 1', recipients: ['q@example.com'] } }, bearer);
      for (let i = 0; i < limit - 1; i++) expect((await create(i)).errors).toBeUndefined();
      return boundary(create(limit - 1), () => create(limit), 'activeSchedules');
    },
  },
  {
    name: 'Run-now and backfill runs per tenant an hour', setting: 'QUOTA_MANUAL_RUNS_PER_HOUR', default: 60, enforced: (c) => c.quotas.manualRunsPerHour, exercised: 3,
    async exercise(app, limit) {
      const bearer = await token(app, 'quota-runs');
      const reportId = await ownReport(app, bearer);
      const id = (await app.gql(CREATE_SCHEDULE, { i: { reportId, name: 'Runs', cron: '0 9 * * 1', recipients: ['q@example.com'] } }, bearer)).data!.createSchedule.id;
      const run = () => app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, bearer);
      for (let i = 0; i < limit - 1; i++) expect((await run()).errors).toBeUndefined();
      return boundary(run(), run, 'manualRunsPerHour');
    },
  },
  {
    name: 'Exports waiting or running per tenant, every source', setting: 'QUOTA_CONCURRENT_EXPORTS', default: 50, enforced: (c) => c.quotas.concurrentExports, exercised: 4,
    // Two on demand (EXPORT_MAX_ACTIVE_PER_TENANT is 2 here) and two run-now runs fill it; no worker runs.
    async exercise(app, limit) {
      const bearer = await token(app, 'quota-exports');
      const reportId = await ownReport(app, bearer);
      const id = (await app.gql(CREATE_SCHEDULE, { i: { reportId, name: 'Exports', cron: '0 9 * * 1', recipients: ['q@example.com'] } }, bearer)).data!.createSchedule.id;
      const exportNow = () => app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV' } }, bearer);
      const run = () => app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, bearer);
      for (const start of [exportNow, exportNow]) expect((await start()).errors).toBeUndefined();
      for (let i = 2; i < limit - 1; i++) expect((await run()).errors).toBeUndefined();
      return boundary(run(), run, 'concurrentExports');
    },
  },
  {
    name: 'Export files kept per tenant, in MB', setting: 'QUOTA_STORAGE_MB', default: 10_240, enforced: (c) => c.quotas.bytesStored / 1024 / 1024, exercised: 1,
    async exercise(app, limit) {
      const bearer = await token(app, 'quota-bytes');
      const reportId = await ownReport(app, bearer);
      const exportNow = () => app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV' } }, bearer);
      const first = await exportNow();
      expect(first.errors).toBeUndefined();
      // A file of exactly the quota, kept: the next export would go over.
      await app.runtime.orm.em.getConnection().execute(
        `UPDATE exports SET status = 'COMPLETED', file_size = ?, storage_key = 'exports/quota-bytes/kept.csv' WHERE id = ?`, [limit * 1024 * 1024 - 1, first.data!.createExport.id]);
      const fine = await exportNow();
      expect(fine.errors).toBeUndefined();
      await app.runtime.orm.em.getConnection().execute(`UPDATE exports SET status = 'COMPLETED', file_size = 1, storage_key = 'exports/quota-bytes/one.csv' WHERE id = ?`, [fine.data!.createExport.id]);
      const refused = await exportNow();
      expect(refused.errors![0]!.extensions).toMatchObject({ quota: 'bytesStored', limit: limit * 1024 * 1024, current: limit * 1024 * 1024 });
      return { code: refused.errors![0]!.extensions!.code, status: refused.status };
    },
  },
];

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const README = read('README.md');
const API = read('docs/api.md');

/** The rows of the first markdown table after `heading` (and after `after`, when given), as cells. */
function table(text: string, heading: string, after = ''): string[][] {
  const from = text.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const start = text.indexOf('\n|', after ? text.indexOf(after, from) : from);
  const lines = text.slice(start + 1).split('\n');
  const rows = lines.slice(0, lines.findIndex((l) => !l.startsWith('|')));
  return rows.slice(2).map((l) => l.slice(1, -1).split(' | ').map((c) => c.trim()));
}
const number = (cell: string) => Number(cell.replace(/[`,\s]/g, ''));
const settingOf = (cell: string) => (cell === 'fixed' ? null : /^`([A-Z0-9_]+)`$/.exec(cell)?.[1] ?? cell);

describe('the limits table', () => {
  it('holds the defaults the configuration applies', () => {
    const config = loadConfig({});
    for (const limit of LIMITS) expect(limit.enforced(config), limit.name).toBe(limit.default);
  });

  it('is the README Configuration table\'s defaults', () => {
    const defaults = new Map(table(README, '## Configuration').map(([v, d]) => [v!.replace(/`/g, ''), d!]));
    for (const limit of LIMITS.filter((l) => l.setting)) {
      expect(defaults.has(limit.setting!), `${limit.setting} in the Configuration table`).toBe(true);
      expect(number(defaults.get(limit.setting!)!), limit.setting!).toBe(limit.default);
    }
  });

  for (const [doc, rows] of [
    ['README Security', () => table(README, '## Security', 'The limits, with their defaults')],
    ['docs/api.md', () => table(API, '## Rate and cost limits')],
  ] as const) {
    it(`is ${doc}'s limits table, row for row`, () => {
      const documented = rows();
      expect(documented.map(([, , setting]) => settingOf(setting!)).sort()).toEqual(LIMITS.map((l) => l.setting ?? null).sort());
      for (const limit of LIMITS) {
        const row = documented.find(([name, , setting]) => settingOf(setting!) === limit.setting && (limit.setting || name!.startsWith(limit.name)))!;
        expect(number(row[1]!), `${doc}: ${limit.name}`).toBe(limit.default);
      }
    });
  }
});

describe('each limit, exercised against a real server at its boundary', () => {
  let app: TestApp;
  const env = Object.fromEntries(LIMITS.filter((l) => l.setting).map((l) => [l.setting!, String(l.exercised)]));
  beforeAll(async () => {
    app = await startTestApp({ seedRows: 1_000, env });
  });
  afterAll(async () => app?.close());

  const tables = [table(API, '## Rate and cost limits'), table(README, '## Security', 'The limits, with their defaults')];
  for (const limit of LIMITS) {
    it(`${limit.name} (${limit.setting ?? 'fixed'}): refused as documented`, async () => {
      const refusal = await limit.exercise(app, limit.exercised);
      for (const documented of tables) {
        const over = documented.find(([name, , setting]) => settingOf(setting!) === limit.setting && (limit.setting || name!.startsWith(limit.name)))![3]!;
        if (!refusal) {
          expect(over).toMatch(/wait/);
          continue;
        }
        if ('close' in refusal) {
          expect(over).toContain(`close ${refusal.close}`);
          continue;
        }
        if ('truncated' in refusal) {
          expect(over).toContain('`truncated: true`');
          continue;
        }
        expect(over).toContain(`\`${refusal.code}\``);
        // A refusal before execution carries its HTTP status; a resolver's BAD_USER_INPUT is a 200.
        if (refusal.status !== 200) expect(over).toContain(`HTTP ${refusal.status}`);
        else expect(over).not.toMatch(/HTTP \d/);
      }
    });
  }
});
