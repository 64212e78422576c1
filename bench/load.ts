/**
 * `pnpm bench load`: the load scenarios of issue 8 against a whole Reportcast (API, worker,
 * PostgreSQL, embedded chDB) on loopback, bounded in time, printing figures and writing them into
 * the "Load" section of bench/results.md (the export bench keeps that section).
 *
 * 23. 500 concurrent graphql-ws subscribers (one socket each) across 50 exports: latency from the
 *     moment PostgreSQL stamped a status change (startedAt, completedAt) to its arrival at each
 *     subscriber; p50/p95/max.
 * 24. N (default 10,000) schedules due in the same minute: the time one tick takes to enqueue
 *     them all, exactly once (a second tick adds nothing), then the time until every export and
 *     email is done and the job queue is empty (small reports; emails to the outbox).
 * 25. 200 concurrent previews of the Usage Summary over the ~1M-row tenant, three rounds: errors,
 *     p50/p95, and process RSS per round (flat = no growth from round to round).
 * 26. 1,000 on-demand exports of small reports (CSV, XLSX, PDF, JSON) requested at once through the
 *     API (issue 22): all COMPLETED, none lost or duplicated (export rows, files, attempts), p95 from
 *     request to COMPLETED, worker concurrency and PostgreSQL connections.
 *
 * PostgreSQL: a temporary database on DATABASE_URL when set, else an embedded one in the temp data
 * dir. Options: --schedules N, --subscribers N, --generations N, --events N (seeded usage events, default 2,000,000),
 * --drain-timeout S (default 900), --only 23,24,25,26. WORKER_CONCURRENCY (default 8) sets the worker's.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { loadConfig } from '../server/src/config.js';
import { createHttpApp, openRuntime, runTick, startRuntimeWorker, type Runtime } from '../server/src/app.js';
import { issueToken } from '../server/src/features/auth/tokens.js';
import { DEMO_TENANTS, seedAnalytics } from '../server/src/features/demo/analytics-seed.js';
import { seedDemoReports } from '../server/src/features/demo/demo-reports.js';
import { createLogger } from '../server/src/platform/logger.js';
import { runCli, spawnServer, stopServer } from '../test/support/processes.js';

// A full collection before each memory sample, so growth means retained memory, not garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const BEGIN = '<!-- load:begin -->';
const END = '<!-- load:end -->';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
/** `--only 23,25` runs those scenarios only (for trying one out; results.md then holds only them). */
function wanted(scenario: number): boolean {
  const i = process.argv.indexOf('--only');
  return i < 0 || (process.argv[i + 1] ?? '').split(',').map(Number).includes(scenario);
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
const log = (s: string) => process.stdout.write(`${s}\n`);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function until(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(everyMs);
  }
  return false;
}

export async function temporaryDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const server = process.env.DATABASE_URL;
  if (!server) return { url: undefined, drop: async () => undefined };
  const name = `rc_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

interface Line { scenario: number; measure: string; result: string; goal: string; status: string }

async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return res.json();
}

interface Followed { latencies: number[]; completed: number; errors: number; seconds: number }

/**
 * `count` graphql-ws clients (one socket each) follow `exportCount` fresh exports of the Usage
 * Summary through the API at `url`; once every one has its initial (PENDING) state, `startWorker`
 * starts whatever runs them. Latency = arrival − the instant PostgreSQL stamped the change.
 */
async function followExports(url: string, token: string, count: number, exportCount: number, startWorker: () => Promise<() => Promise<void>>): Promise<Followed> {
  const reports = await gql(url, token, '{ reports(first: 10) { edges { node { id name } } } }');
  const reportId = reports.data.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
  const ids: string[] = [];
  for (let i = 0; i < exportCount; i++) {
    const r = await gql(url, token, 'mutation($r: ID!) { createExport(input: { reportId: $r, format: CSV }) { id } }', { r: reportId });
    if (!r.data) throw new Error(`createExport: ${JSON.stringify(r.errors)}`);
    ids.push(r.data.createExport.id);
  }
  const latencies: number[] = [];
  const completed = new Set<number>();
  let errors = 0;
  const clients = Array.from({ length: count }, () => createClient({
    url: url.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false,
  }));
  let ready = 0;
  clients.forEach((client, i) => {
    let seenStart = false;
    let initial = true;
    client.subscribe({ query: 'subscription($id: ID!) { exportUpdated(id: $id) { status startedAt completedAt } }', variables: { id: ids[i % exportCount] } }, {
      next: ({ data }: any) => {
        const now = Date.now();
        const e = data?.exportUpdated;
        if (!e) return;
        // The first value is the state at subscription time (PENDING): not an event.
        if (initial) { initial = false; ready++; return; }
        if (e.status === 'PROCESSING' && !seenStart && e.startedAt) { seenStart = true; latencies.push(now - Date.parse(e.startedAt)); }
        if (e.status === 'COMPLETED' && e.completedAt && !completed.has(i)) { completed.add(i); latencies.push(now - Date.parse(e.completedAt)); }
      },
      error: () => { errors++; },
      complete: () => undefined,
    });
  });
  const setup = performance.now();
  if (!(await until(async () => ready === count, 180_000, 100))) throw new Error(`only ${ready} of ${count} subscribers got their initial state`);
  log(`  23: ${count} subscribers ready in ${((performance.now() - setup) / 1000).toFixed(1)} s`);
  const stopWorker = await startWorker();
  const started = performance.now();
  await until(async () => completed.size === count, 180_000, 100);
  const seconds = (performance.now() - started) / 1000;
  await stopWorker();
  await Promise.all(clients.map((c) => c.dispose()));
  return { latencies, completed: completed.size, errors, seconds };
}

function followedLine(shape: string, count: number, exportCount: number, f: Followed, goal: boolean): Line {
  const p95 = pct(f.latencies, 95);
  log(`  23 (${shape}): ${f.latencies.length} events, ${f.completed} saw COMPLETED, ${f.errors} errors, in ${f.seconds.toFixed(1)} s; p50 ${pct(f.latencies, 50)} ms, p95 ${p95} ms`);
  const ok = p95 < 50 && f.completed === count && f.errors === 0;
  return {
    scenario: 23,
    measure: `${count} subscribers over ${exportCount} exports, ${shape}: status-event latency (DB stamp → client), ${f.latencies.length} events`,
    result: `p50 ${ms(pct(f.latencies, 50))}, p95 ${ms(p95)}, max ${ms(Math.max(...f.latencies))}; ${f.completed}/${count} saw COMPLETED; ${f.errors} errors`,
    goal: goal ? 'p95 < 50 ms' : 'p95 < 50 ms (one-process mode, for comparison)',
    status: ok ? 'PASS' : goal ? 'MISS' : 'info',
  };
}

/**
 * Scenario 23 twice: as deployed at scale (docker-compose: an `api` process and a `worker`
 * process; the 500 clients in this one), and all in one process as `pnpm start` runs it (API,
 * worker, chDB and the clients sharing one event loop). The worker process gets its own embedded
 * chDB seeded with the same rows (chDB binds a data directory to one process).
 */
async function subscribers(runtime: Runtime, url: string, count: number, exportCount: number, events: number, seededAt: Date): Promise<Line[]> {
  const token = await issueToken(runtime.jwtSecret, { tenantId: 'acme', role: 'viewer', userId: 'bench', ttlSeconds: 3600 });
  const lines: Line[] = [];
  // The embedded PostgreSQL (when DATABASE_URL is not set) listens on a local port too.
  const db = runtime.databaseUrl;
  {
    const env = (dataDir: string): NodeJS.ProcessEnv => ({
      DATABASE_URL: db, DATA_DIR: dataDir, JWT_SECRET: runtime.jwtSecret, LOG_LEVEL: 'info', WORKER_POLL_INTERVAL_MS: '100',
      WORKER_CONCURRENCY: runtime.config.worker.concurrency.toString(), EXPORT_MAX_ACTIVE_PER_TENANT: '10000', RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const workerDir = mkdtempSync(join(tmpdir(), 'reportcast-load-worker-'));
    const apiDir = mkdtempSync(join(tmpdir(), 'reportcast-load-api-'));
    try {
      log(`  23: seeding the worker process's chDB (${events.toLocaleString('en-US')} events)…`);
      await runCli(['seed', '--rows', String(events), '--now', seededAt.toISOString()], env(workerDir));
      const api = await spawnServer('api', { ...env(apiDir), DEMO_SEED_ROWS: '0' }, 'bench api');
      try {
        const split = await followExports(api.url, token, count, exportCount, async () => {
          const worker = await spawnServer('worker', env(workerDir), 'bench worker');
          return async () => { await stopServer(worker); };
        });
        lines.push(followedLine('api and worker processes', count, exportCount, split, true));
      } finally {
        await stopServer(api);
      }
    } finally {
      rmSync(workerDir, { recursive: true, force: true });
      rmSync(apiDir, { recursive: true, force: true });
    }
  }
  const single = await followExports(url, token, count, exportCount, async () => {
    const worker = await startRuntimeWorker(runtime);
    return () => worker.stop();
  });
  lines.push(followedLine('one process (API, worker, clients)', count, exportCount, single, false));
  return lines;
}


async function previews(runtime: Runtime, url: string, concurrent: number): Promise<Line[]> {
  const token = await issueToken(runtime.jwtSecret, { tenantId: 'acme', role: 'viewer', userId: 'bench', ttlSeconds: 3600 });
  const reports = await gql(url, token, '{ reports(first: 10) { edges { node { id name } } } }');
  const reportId = reports.data.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
  const rss: number[] = [];
  const heap: number[] = [];
  const latencies: number[] = [];
  let errors = 0;
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 50);
  gc();
  const before = process.memoryUsage();
  for (let round = 0; round < 3; round++) {
    await Promise.all(Array.from({ length: concurrent }, async (_, i) => {
      const t0 = performance.now();
      const r = await gql(url, token, 'query($r: ID!, $n: Int) { previewReport(input: { reportId: $r, first: $n }) { totalCount rows } }', { r: reportId, n: 50 + (i % 50) });
      latencies.push(performance.now() - t0);
      if (r.errors || !r.data?.previewReport) errors++;
    }));
    gc();
    const m = process.memoryUsage();
    rss.push(m.rss);
    heap.push(m.heapUsed);
  }
  clearInterval(sampler);
  log(`  25: ${latencies.length} previews, ${errors} errors, p95 ${ms(pct(latencies, 95))}, RSS ${[before.rss, ...rss].map(mb).join(' → ')}, heap ${[before.heapUsed, ...heap].map(mb).join(' → ')}, peak RSS ${mb(peak)}`);
  const growth = heap[2]! - heap[0]!;
  return [
    { scenario: 25, measure: `${concurrent} concurrent previews of Usage Summary over acme's ~1M rows, 3 rounds (${latencies.length} requests)`, result: `${errors} errors; p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}`, goal: 'no error, p95 reported', status: errors === 0 ? 'PASS' : 'MISS' },
    { scenario: 25, measure: 'Memory after a full GC (server and clients in one process): before, after rounds 1–3', result: `heap ${[before.heapUsed, ...heap].map(mb).join(' → ')}; RSS ${[before.rss, ...rss].map(mb).join(' → ')}; peak RSS ${mb(peak)}`, goal: 'flat: heap after round 3 within 20 MB of round 1', status: growth < 20e6 ? 'PASS' : 'MISS' },
  ];
}

/** What a drain measured, for `pnpm bench --check` (drainCheck below). */
export interface DrainFigures { executions: number; seconds: number; drained: boolean; exact: boolean; commits: number; sent: number }

async function schedules(runtime: Runtime, count: number, drainTimeoutMs: number, out?: DrainFigures): Promise<Line[]> {
  const conn = runtime.orm.em.getConnection();
  const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  // Small reports: one aggregate row each, so the figures are about scheduling, not rows.
  await conn.execute(
    `INSERT INTO reports (id, tenant_id, name, definition, row_limit, created_by, is_public)
     SELECT gen_random_uuid(), t, 'Bench tiny', '{"source":"usage_events","measures":[{"fn":"COUNT"}],"timeRange":{"last":{"n":1,"unit":"DAY"}},"rowLimit":10}'::jsonb, 10, 'bench', true
     FROM unnest(?::text[]) AS t`, [`{${DEMO_TENANTS.join(',')}}`]);
  await conn.execute(
    `INSERT INTO schedules (id, tenant_id, report_id, name, cron, time_zone, format, delivery, recipients, created_by, next_run_at)
     SELECT gen_random_uuid(), r.tenant_id, r.id, 'Bench ' || g, ?, 'UTC', 'CSV', 'EMAIL', ARRAY['bench' || g || '@example.com'], 'bench', ?
     FROM generate_series(1, ?) AS g JOIN reports r ON r.name = 'Bench tiny' AND r.tenant_id = (?::text[])[1 + g % 3]`,
    [`${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`, slot, count, `{${DEMO_TENANTS.join(',')}}`]);
  const at = new Date(slot.getTime() + 5_000);
  const t0 = performance.now();
  const first = await runTick(runtime, at);
  const tickSeconds = (performance.now() - t0) / 1000;
  const second = await runTick(runtime, at);
  const [{ executions, exports, jobs }] = await conn.execute<any[]>(
    `SELECT (SELECT count(DISTINCT (schedule_id, scheduled_for)) FROM schedule_executions WHERE scheduled_for = ?) AS executions,
            (SELECT count(*) FROM exports WHERE schedule_id IS NOT NULL) AS exports,
            (SELECT count(*) FROM graphile_worker._private_jobs) AS jobs`, [slot]);
  log(`  24: tick ${tickSeconds.toFixed(2)} s: started ${first.started}, second tick started ${second.started}; executions ${executions}, exports ${exports}, jobs ${jobs}`);
  const commitsOf = async () => Number((await conn.execute<{ n: string }[]>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()'))[0]!.n);
  const commitsBefore = await commitsOf();
  const drainStart = performance.now();
  const worker = await startRuntimeWorker(runtime);
  let last = '';
  const drained = await until(async () => {
    const [r] = await conn.execute<any[]>(
      `SELECT (SELECT count(*) FROM graphile_worker._private_jobs) AS jobs,
              (SELECT count(*) FROM schedule_executions WHERE status IN ('PENDING', 'RUNNING')) AS open,
              (SELECT count(*) FROM exports WHERE status = 'COMPLETED' AND schedule_id IS NOT NULL) AS done,
              (SELECT count(*) FROM deliveries WHERE status = 'SENT') AS sent`);
    const line = `jobs ${r.jobs}, open executions ${r.open}, exports done ${r.done}, emails sent ${r.sent}`;
    if (line !== last && Math.round(performance.now() / 1000) % 15 === 0) log(`      ${line}`);
    last = line;
    return Number(r.jobs) === 0 && Number(r.open) === 0;
  }, drainTimeoutMs, 1000);
  const drainSeconds = (performance.now() - drainStart) / 1000;
  await worker.stop();
  log(`  24: drained ${drained} in ${drainSeconds.toFixed(1)} s: ${last}`);
  const exact = first.started === count && second.started === 0 && Number(executions) === count && Number(exports) === count;
  if (out) {
    // pg_stat_database's counters reach the view with a short delay (the stats collector).
    await sleep(1_000);
    const [r] = await conn.execute<{ sent: string }[]>(`SELECT count(*) AS sent FROM deliveries WHERE status = 'SENT'`);
    Object.assign(out, { executions: count, seconds: drainSeconds, drained, exact, commits: (await commitsOf()) - commitsBefore, sent: Number(r!.sent) });
  }
  return [
    { scenario: 24, measure: `${count.toLocaleString('en-US')} schedules due in one minute: one tick`, result: `${tickSeconds.toFixed(2)} s; started ${first.started}, a second tick ${second.started}; ${executions} executions, ${exports} exports, ${jobs} jobs`, goal: 'all, exactly once, < 2 s', status: exact && tickSeconds < 2 ? 'PASS' : 'MISS' },
    { scenario: 24, measure: `…then every export and email done, queue empty (worker concurrency ${runtime.config.worker.concurrency})`, result: `${drained ? 'drained' : 'NOT drained'} in ${drainSeconds.toFixed(0)} s (${(count / drainSeconds).toFixed(0)} executions/s); ${last}`,
      // Issue 22's rate holds for the full 10,000 only; fewer (a trial) must drain.
      goal: count >= 10_000 ? 'drains, ≥ 100 executions/s (issue 22)' : 'drains', status: drained && (count < 10_000 || count / drainSeconds >= 100) ? 'PASS' : 'MISS' },
  ];
}

/**
 * Scenario 26 (issue 22): `count` on-demand exports of small reports (one per tenant, each format
 * in turn: CSV, XLSX, PDF, JSON) requested at the same moment through the API by three tenants'
 * users, the worker in this process draining them. Every request must give one export, every
 * export COMPLETED once (one attempt) with its file in storage: none lost, none duplicated.
 * Latency = the row's completed_at (PostgreSQL's clock) − the instant the request was sent.
 */
async function generations(runtime: Runtime, url: string, count: number): Promise<Line[]> {
  const conn = runtime.orm.em.getConnection();
  const formats = ['CSV', 'XLSX', 'PDF', 'JSON'] as const;
  await conn.execute(
    `INSERT INTO reports (id, tenant_id, name, definition, row_limit, created_by, is_public)
     SELECT gen_random_uuid(), t, 'Bench small', '{"source":"usage_events","dimensions":[{"field":"platform"}],"measures":[{"fn":"COUNT","alias":"events"}],"timeRange":{"last":{"n":1,"unit":"DAY"}},"rowLimit":100}'::jsonb, 100, 'bench', true
     FROM unnest(?::text[]) AS t`, [`{${DEMO_TENANTS.join(',')}}`]);
  const reports = new Map((await conn.execute<{ id: string; tenant_id: string }[]>(`SELECT id, tenant_id FROM reports WHERE name = 'Bench small'`)).map((r) => [r.tenant_id, r.id]));
  const tokens = new Map<string, string>();
  for (const t of DEMO_TENANTS) tokens.set(t, await issueToken(runtime.jwtSecret, { tenantId: t, role: 'viewer', userId: 'bench-burst', ttlSeconds: 3600 }));
  // Database connections while it runs: every backend on this database (API, worker, limits pools).
  let peakConnections = 0;
  const sampler = setInterval(() => {
    void conn.execute<{ n: string }[]>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()')
      .then(([r]) => { peakConnections = Math.max(peakConnections, Number(r!.n)); }).catch(() => undefined);
  }, 250);
  const worker = await startRuntimeWorker(runtime);
  const sent = new Map<string, number>();
  const responseMs: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const errorKinds = new Map<string, number>();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: count }, async (_, i) => {
    const tenant = DEMO_TENANTS[i % DEMO_TENANTS.length]!;
    const at = Date.now();
    const started = performance.now();
    try {
      const r = await gql(url, tokens.get(tenant)!, 'mutation($r: ID!, $f: ExportFormat!) { createExport(input: { reportId: $r, format: $f }) { id } }',
        { r: reports.get(tenant), f: formats[Math.floor(i / DEMO_TENANTS.length) % formats.length] });
      responseMs.push(performance.now() - started);
      if (!r.data?.createExport?.id) throw new Error(JSON.stringify(r.errors ?? r).slice(0, 300));
      sent.set(r.data.createExport.id, at);
    } catch (error) {
      errors++;
      // fetch says only "fetch failed": the reason (a connect or headers timeout, a reset) is its cause.
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      const reason = `${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
      errorKinds.set(reason, (errorKinds.get(reason) ?? 0) + 1);
      firstError ??= reason;
    }
  }));
  const requestSeconds = (performance.now() - t0) / 1000;
  if (errorKinds.size) log(`  26: request errors: ${[...errorKinds].map(([k, n]) => `${n} × ${k}`).join('; ')}`);
  const ids = [...sent.keys()];
  const settled = await until(async () => {
    const [r] = await conn.execute<{ n: string }[]>(`SELECT count(*) AS n FROM exports WHERE initiated_by = 'bench-burst' AND status NOT IN ('PENDING', 'PROCESSING')`);
    return Number(r!.n) >= ids.length;
  }, arg('drain-timeout', 900) * 1000, 250);
  const seconds = (performance.now() - t0) / 1000;
  await worker.stop();
  clearInterval(sampler);
  const rows = await conn.execute<{ id: string; status: string; format: string; attempts: number; storage_key: string | null; completed_at: Date | null }[]>(
    `SELECT id, status, format, attempts, storage_key, completed_at FROM exports WHERE initiated_by = 'bench-burst'`);
  const files = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else files.add(join(dir, e.name));
    }
  };
  const root = resolve(runtime.config.exports.dir);
  walk(root);
  const completed = rows.filter((r) => r.status === 'COMPLETED');
  const withFile = completed.filter((r) => r.storage_key && files.has(resolve(root, r.storage_key)));
  const onceEach = completed.filter((r) => Number(r.attempts) === 1).length;
  const lost = ids.filter((id) => !rows.some((r) => r.id === id)).length;
  const latencies = completed.filter((r) => sent.has(r.id)).map((r) => new Date(r.completed_at!).getTime() - sent.get(r.id)!);
  const byFormat = formats.map((f) => `${f} ${completed.filter((r) => r.format === f).length}`).join(', ');
  // graphile-worker 0.17 keeps a job's task as a reference to _private_tasks.
  const jobs = Number((await conn.execute<{ n: string }[]>(`SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'export__run'`))[0]!.n);
  const ok = settled && errors === 0 && rows.length === count && completed.length === count && withFile.length === count && onceEach === count && lost === 0 && jobs === 0;
  const concurrency = runtime.config.worker.concurrency;
  log(`  26: ${count} requests in ${requestSeconds.toFixed(1)} s (${errors} errors${firstError ? `, first: ${firstError}` : ''}); all settled in ${seconds.toFixed(1)} s; ${rows.length} export rows, ${completed.length} COMPLETED (${byFormat}), ${withFile.length} files, ${onceEach} in one attempt; p95 request→COMPLETED ${ms(pct(latencies, 95))}; peak connections ${peakConnections}`);
  return [{
    scenario: 26,
    measure: `${count.toLocaleString('en-US')} on-demand exports of small reports requested at once through the API (3 tenants; CSV, XLSX, PDF, JSON in turn), worker concurrency ${concurrency}, one process`,
    result: `${completed.length}/${count} COMPLETED (${byFormat}), ${rows.length} export rows, ${withFile.length} files, ${onceEach} in one attempt, ${errors} request errors; ` +
      `request→COMPLETED p50 ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}; all done in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} exports/s); ` +
      `createExport answered p95 ${ms(pct(responseMs, 95))}; PostgreSQL connections at peak ${peakConnections} (ORM pool ≤ 10, graphile-worker pool, limits pool ≤ 4, LISTEN)`,
    goal: 'all complete, none lost or duplicated; p95 reported',
    status: ok ? 'PASS' : 'MISS',
  }];
}

/**
 * `pnpm bench --check`'s drain: `count` schedules due at once (scenario 24's shape, a small seed),
 * ticked and drained by the worker; the PostgreSQL transactions committed per execution (the
 * worker's and the API-less runtime's, jobs included) is the guard, since it does not depend on how
 * busy the machine is, and executions/s is shown beside it.
 */
export async function drainCheck(count: number, events: number): Promise<DrainFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'reportcast-drain-'));
  chmodSync(dir, 0o755);
  const db = await temporaryDatabase();
  const config = loadConfig({
    NODE_ENV: 'test', DATA_DIR: dir, ...(db.url ? { DATABASE_URL: db.url } : {}), JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error', WORKER_POLL_INTERVAL_MS: '100', WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '8',
    EXPORT_MAX_ACTIVE_PER_TENANT: '10000', RATE_LIMIT_PER_MINUTE: '1000000', QUOTA_CONCURRENT_EXPORTS: '1000000',
  });
  const runtime = await openRuntime(config, createLogger('error', false));
  const figures: DrainFigures = { executions: 0, seconds: 0, drained: false, exact: false, commits: 0, sent: 0 };
  try {
    await seedAnalytics(runtime.analytics, { usageEvents: events, now: new Date() });
    await schedules(runtime, count, 240_000, figures);
  } finally {
    await runtime.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export async function runLoad(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reportcast-load-'));
  chmodSync(dir, 0o755);
  const db = await temporaryDatabase();
  const started = Date.now();
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const config = loadConfig({
    NODE_ENV: 'test', DATA_DIR: dir, ...(db.url ? { DATABASE_URL: db.url } : {}), JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn', WORKER_POLL_INTERVAL_MS: '100', WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '8',
    EXPORT_MAX_ACTIVE_PER_TENANT: '10000', RATE_LIMIT_PER_MINUTE: '1000000',
    // The quotas (issue 21) would refuse these bursts (50 concurrent exports a tenant by default).
    QUOTA_CONCURRENT_EXPORTS: '1000000', QUOTA_MANUAL_RUNS_PER_HOUR: '1000000',
  });
  const runtime = await openRuntime(config, createLogger('warn', false));
  const lines: Line[] = [];
  try {
    const events = arg('events', 2_000_000);
    log(`Reportcast load bench: data dir ${dir}; seeding ${events.toLocaleString('en-US')} usage events…`);
    const seededAt = new Date();
    await seedAnalytics(runtime.analytics, { usageEvents: events, now: seededAt });
    await seedDemoReports(runtime.orm.em, DEMO_TENANTS, runtime.limits);
    const app = await createHttpApp(runtime);
    const url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    try {
      if (wanted(23)) lines.push(...await subscribers(runtime, url, arg('subscribers', 500), 50, events, seededAt));
      if (wanted(25)) lines.push(...await previews(runtime, url, 200));
      if (wanted(26)) lines.push(...await generations(runtime, url, arg('generations', 1_000)));
      if (wanted(24)) lines.push(...await schedules(runtime, arg('schedules', 10_000), arg('drain-timeout', 900) * 1000));
    } finally {
      await app.close();
    }
  } finally {
    await runtime.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const l of lines) log(`  ${l.status.padEnd(4)} ${l.scenario} ${l.measure}: ${l.result}`);
  // Rows of scenarios this run skipped (--only) are kept from the previous results, with their date.
  const ran = new Set(lines.map((l) => l.scenario));
  const kept = previousRows().filter((row) => !ran.has(Number(/^\| (\d+) \|/.exec(row)?.[1])));
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const rows = [...kept, ...lines.map((l) => `| ${l.scenario} | ${l.measure} | ${l.result} | ${l.goal} | **${l.status}** | ${stamp} |`)]
    .sort((a, b) => Number(/^\| (\d+)/.exec(a)?.[1]) - Number(/^\| (\d+)/.exec(b)?.[1]));
  // Figures measured by hand beside the scenarios (between these markers) are kept as they are.
  const notes = /<!-- notes:begin -->[\s\S]*?<!-- notes:end -->/.exec(currentLoadSection(readResults()))?.[0];
  writeLoadSection([
    '## Load (issue 8, scenarios 23–25; issue 22, scenario 26)', '',
    `Written by \`pnpm bench load\` (bench/load.ts); loopback only, PostgreSQL${db.url ? ' (DATABASE_URL server)' : ' (embedded)'}, embedded chDB; API and worker in the bench process except where a row says otherwise. Last run: ${Math.round((Date.now() - started) / 1000)} s, load average at start ${loadAtStart}.`,
    '', '| # | Load scenario | Result | Goal | Status | Run (UTC) |', '|---|---|---|---|---|---|', ...rows, '',
    '- 23: latency = arrival at the subscriber − the instant PostgreSQL stamped the status change (`startedAt`, `completedAt`, set by `now()` in the worker\'s statement), so it covers the commit, the NOTIFY the exports trigger queues in that transaction, the API process (which sends the row the event carries, reading it back only when it did not fit in the NOTIFY) and the WebSocket. Measured twice: `pnpm cli api` and `pnpm cli worker` as child processes (the deployed shape; the worker with its own chDB seeded with the same rows) with the 500 clients in the bench process; and everything in the bench process as `pnpm start` runs it. All on the same 2 shared cores.',
    '- 24: schedules inserted directly in SQL (same cron, UTC, one recipient each, CSV of a one-row report, emails to the outbox); the tick is `runTick`, what the `schedules__tick` job calls: batches of 500, one statement each (executions, exports, jobs, schedules advanced), two batches in flight.',
    '- 24, where a run\'s time goes (issue 22; `node --cpu-prof` of a 2,000-run drain, 2026-12-07, load average ~24 from other jobs, so the shares matter, not the seconds): 29 % idle (waiting on PostgreSQL with 4 jobs in flight), ~30 % PostgreSQL round trips on the worker\'s side (socket writes 17 %, MikroORM + knex + pg 14 %: some 35–40 statements per run over the export, settle and delivery jobs, plus graphile-worker\'s fetch and complete of each of the 3 jobs), 13 % rasterising the email\'s chart (resvg loading the Noto fonts for every email, the same chart each time), 13 % chDB running the export\'s query (the count query is shared through the query cache), 4 % writing the .eml. Since then: one PNG per distinct chart (chart-png.ts), jobs fetched in batches (graphile-worker localQueue, 2 × concurrency), worker concurrency 8 in this bench (WORKER_CONCURRENCY), the tick\'s quota locks taken in one order (two lanes deadlocked). pg_stat_statements is not loaded on this machine\'s PostgreSQL; `pnpm bench --check` counts the transactions committed per run instead.',
    '- 26: three tenants\' users send the createExport mutations at once (a one-day report by platform, a few rows each; formats in turn), the worker in the same process; none lost or duplicated = as many export rows as requests, each COMPLETED in one attempt with its file on disk, no export job left. Connections: the peak count of pg_stat_activity on the bench database, sampled every 250 ms.',
    '- 25: each request is `previewReport(reportId, first: 50..99)` of the seeded Usage Summary (grouped by day and event type over the last 7 days): a count and a page query in chDB, which runs them one after another, so p95 grows with concurrency.',
    ...(notes ? ['', notes] : []),
  ].join('\n'));
}

function readResults(): string {
  try { return readFileSync(join(BENCH_DIR, 'results.md'), 'utf8'); } catch { return ''; }
}

function previousRows(): string[] {
  const text = readResults();
  if (!text) return [];
  // Only the scenarios' own table: the hand-measured notes below it have tables of their own.
  const section = currentLoadSection(text).replace(/<!-- notes:begin -->[\s\S]*?<!-- notes:end -->/, '');
  const rows = section.split('\n').filter((l) => l.startsWith('| ') && !/^\| (#|Load scenario) \|/.test(l));
  // Rows written before the table had its scenario column: numbered by what they measure.
  return rows.map((row) => {
    if (/^\| \d+ \|/.test(row)) return row;
    const n = /subscribers over/.test(row) ? 23 : /schedules due|every export and email/.test(row) ? 24 : 25;
    return `| ${n} ${row.trimEnd()} earlier run |`;
  });
}

/** Replaces the load section of results.md, keeping the rest (the export bench writes the rest). */
export function writeLoadSection(section: string): void {
  const file = join(BENCH_DIR, 'results.md');
  let text = '';
  try { text = readFileSync(file, 'utf8'); } catch { /* first run */ }
  const block = `${BEGIN}\n${section}\n${END}`;
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  text = start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + END.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

/** The load section as it stands in results.md, for the export bench to carry over. */
export function currentLoadSection(text: string): string {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  return start >= 0 && end > start ? text.slice(start, end + END.length) : '';
}
