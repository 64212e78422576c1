/**
 * The "previews" phase (issue 22): concurrent previews through the whole API (HTTP, GraphQL,
 * PostgreSQL for reports and policies, embedded chDB), clients in a process of their own
 * (bench/preview-clients.ts), with the
 * shared query store as the runtime wires it (QUERY_CACHE_TTL_MS default).
 *
 * - one report: a single preview's time (median of a few, the cache emptied before each, so each
 *   runs its ClickHouse queries), then 200 concurrent previews of that report (cache emptied
 *   first); ratio = their p95 / the single preview's median. Goal ≤ 3.
 * - 20 reports, 2 tenants: 10 reports per tenant (acme ~50% of the events, globex ~30%). The
 *   issue's goal: "200 concurrent previews of 20 reports: no error, fair across tenants (one
 *   tenant's flood cannot raise another tenant's p95 by more than 2×)". A flood is one tenant
 *   sending far more than the other: acme sends 180 previews over its 10 reports while globex
 *   sends its 20 over its 10, at the same moment (acme's at 3 page sizes, so that its flood is
 *   one for the engine too: 40 queries against globex's 20, the rest shared); ratio = globex's
 *   p95 with acme's flood / globex's 20 alone (cache emptied before each). Goal ≤ 2, no errors. Until 2026-12-07 the scenario was
 *   100 vs 100; with EQUAL loads on a saturated engine even a perfectly fair scheduler shows ~×2
 *   (each tenant gets half of it), so that shape could not tell fair from unfair: it stays as an
 *   info row. `compareFifo` (`pnpm bench previews --compare-fifo`) measures both shapes again in
 *   the same rounds with the engine's queue in arrival order (ChdbStore.scheduling = 'fifo', the
 *   order before the per-tenant round-robin queue), side by side. `compareUngated`
 *   (`--compare-ungated`) measures the one-report bursts and the flood shape again in the same
 *   rounds with the API's per-tenant admission gate opened (graphql/tenant-gate.ts,
 *   API_TENANT_CONCURRENCY as good as unlimited: every accepted request executes at once, as
 *   before the gate), side by side.
 *
 * Every figure is a ratio of times measured side by side in the same rounds, and the reported
 * ratio is the median over the rounds (the order of "alone" and "with the flood" alternates), so a
 * noisy shared machine moves both sides together. Used by `pnpm bench` and `pnpm bench --check`.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../server/src/config.js';
import { createHttpApp, openRuntime } from '../server/src/app.js';
import { issueToken } from '../server/src/features/auth/tokens.js';
import { seedAnalytics } from '../server/src/features/demo/analytics-seed.js';
import { USAGE_SUMMARY, seedDemoReports } from '../server/src/features/demo/demo-reports.js';
import type { ReportDefinition } from '../server/src/features/reports/definition.js';
import { ReportService } from '../server/src/features/reports/report.service.js';
import { createLogger } from '../server/src/platform/logger.js';
import { CountingStore } from '../server/src/platform/counting-store.js';
import { SharedQueryStore } from '../server/src/platform/shared-query-store.js';
import { ChdbStore, type EngineScheduling } from '../server/src/platform/chdb-store.js';
import { temporaryDatabase } from './load.js';
import type { Burst, BurstResult, ClientKind, ClientRequest } from './preview-clients.js';

export const PREVIEW_GOALS = { oneReportP95Ratio: 3, fairnessP95Ratio: 2 };

export interface PreviewOptions {
  events: number;
  rounds: number;
  /** Concurrent previews of one report. */
  concurrent: number;
  /** Previews per tenant in the 20-report scenario's equal-load shape (info). */
  perTenant: number;
  /** The flood shape (the goal): acme's previews and globex's, at once. Default 180 and 20. */
  flood?: { acme: number; globex: number };
  /** Also measure both shapes with the engine's queue in arrival order (FIFO), in the same rounds. */
  compareFifo?: boolean;
  /** Also measure both shapes with the engine's queue in another order (fifo, fair or lightest), in the same rounds; compareFifo is 'fifo'. */
  compareOrder?: EngineScheduling;
  /** Also measure the one-report bursts and the flood shape with the API's admission gate open (no per-tenant limit), in the same rounds. */
  compareUngated?: boolean;
  /** Also measure the one-report bursts with fetch as the clients' HTTP client (bench/preview-clients.ts), in the same rounds. */
  compareFetch?: boolean;
  log: (line: string) => void;
  /** Writes a CPU profile of the server's process during the one-report bursts (`pnpm bench previews --profile FILE`). */
  profile?: string;
}

export interface PreviewFigures {
  events: number;
  rounds: number;
  concurrent: number;
  perTenant: number;
  /**
   * Per round: single preview median ms; p95 of the same number of concurrent `{ __typename }`
   * requests (the API's floor: HTTP, token, rate limit, GraphQL; no report, no ClickHouse);
   * concurrent previews p50/p95/max ms; ClickHouse reads they ran.
   */
  oneReport: { singleMs: number; floorP95: number; p50: number; p95: number; max: number; reads: number; ratio: number }[];
  /** The flood shape's previews: acme's and globex's. */
  flood: { acme: number; globex: number };
  /** Per round, the flood shape (acme floods): globex p95 alone and with acme's flood, acme's p95 in the flood. */
  fairness: FairnessRound[];
  /** Per round, the equal-load shape (perTenant each): info only. */
  equalLoad: FairnessRound[];
  /** The engine's queue order of the main figures (the store's default). */
  engineOrder: EngineScheduling;
  /** With compareOrder (or compareFifo): the same two shapes with the engine's queue in that order, in the same rounds. */
  fifo: { order: EngineScheduling; fairness: FairnessRound[]; equalLoad: FairnessRound[] } | null;
  /** With compareUngated: the one-report bursts and the flood shape with the admission gate open, in the same rounds. */
  ungated: { oneReport: PreviewFigures['oneReport']; fairness: FairnessRound[] } | null;
  /** With compareFetch: the one-report bursts sent with fetch instead of node:http, in the same rounds. */
  fetchClient: PreviewFigures['oneReport'] | null;
  errors: number;
  firstError: string | null;
  seconds: number;
  /** Audit entries of the one-report bursts' previews and the INSERT statements that wrote them (AUDIT_READS, audit-writer.ts). */
  audit: { entries: number; statements: number };
}

/** acme's page sizes in the flood shape (see flood() in measurePreviews). */
const FLOOD_PAGE_SIZES = [50, 40, 30];

/** Bursts of `{ __typename }` and of the one-report previews before the measured rounds (see the warm-up's comment). */
const WARM_UP_BURSTS = 8;

export interface FairnessRound { aloneP95: number; floodP95: number; acmeP95: number; reads: number; ratio: number }

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Ten report definitions of one tenant: the seeded Usage Summary and nine others of different shapes and windows. */
function variants(): { name: string; definition: ReportDefinition }[] {
  const by = (field: string) => [{ field }];
  const shapes: [string, ReportDefinition][] = [
    ['By platform, 7 days', { source: 'usage_events', dimensions: by('platform'), measures: [{ fn: 'COUNT', alias: 'events' }], timeRange: { last: { n: 7, unit: 'DAY' } }, rowLimit: 1000 }],
    ['By country, 14 days', { source: 'usage_events', dimensions: by('country'), measures: [{ fn: 'COUNT', alias: 'events' }, { fn: 'UNIQ', field: 'user_id', alias: 'users' }], timeRange: { last: { n: 14, unit: 'DAY' } }, rowLimit: 1000 }],
    ['By feature, 30 days', { source: 'usage_events', dimensions: by('feature'), measures: [{ fn: 'SUM', field: 'duration_ms', alias: 'time' }], timeRange: { last: { n: 30, unit: 'DAY' } }, rowLimit: 1000 }],
    ['Events by type, 30 days', { source: 'usage_events', dimensions: by('event_type'), measures: [{ fn: 'COUNT', alias: 'events' }], timeRange: { last: { n: 30, unit: 'DAY' } }, rowLimit: 1000 }],
    ['Daily events, 30 days', { source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'day' }], measures: [{ fn: 'COUNT', alias: 'events' }], timeRange: { last: { n: 30, unit: 'DAY' } }, orderBy: [{ key: 'day', direction: 'DESC' }], rowLimit: 1000 }],
    ['Hourly events, 3 days', { source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'HOUR', alias: 'hour' }], measures: [{ fn: 'COUNT', alias: 'events' }], timeRange: { last: { n: 3, unit: 'DAY' } }, orderBy: [{ key: 'hour', direction: 'DESC' }], rowLimit: 1000 }],
    ['Purchases by platform and country', { source: 'usage_events', dimensions: [{ field: 'platform' }, { field: 'country' }], measures: [{ fn: 'SUM', field: 'value', alias: 'revenue' }], timeRange: { last: { n: 30, unit: 'DAY' } }, rowLimit: 1000 }],
    ['Average duration by feature, 7 days', { source: 'usage_events', dimensions: by('feature'), measures: [{ fn: 'AVG', field: 'duration_ms', alias: 'avg_ms' }], timeRange: { last: { n: 7, unit: 'DAY' } }, rowLimit: 1000 }],
    ['Unique users by platform, 30 days', { source: 'usage_events', dimensions: by('platform'), measures: [{ fn: 'UNIQ', field: 'user_id', alias: 'users' }], timeRange: { last: { n: 30, unit: 'DAY' } }, rowLimit: 1000 }],
  ];
  return [{ name: 'Usage Summary', definition: USAGE_SUMMARY }, ...shapes.map(([name, definition]) => ({ name, definition }))];
}

export async function measurePreviews(options: PreviewOptions): Promise<PreviewFigures> {
  const { log } = options;
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'reportcast-previews-'));
  chmodSync(dir, 0o755);
  const db = await temporaryDatabase();
  const config = loadConfig({
    NODE_ENV: 'test', DATA_DIR: dir, ...(db.url ? { DATABASE_URL: db.url } : {}), JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000',
    // The admission gate as the operator sets it (default otherwise), to measure other limits.
    ...(process.env.API_TENANT_CONCURRENCY ? { API_TENANT_CONCURRENCY: process.env.API_TENANT_CONCURRENCY } : {}),
  });
  const runtime = await openRuntime(config, createLogger('warn', false));
  const compareOrder = options.compareOrder ?? (options.compareFifo ? 'fifo' : undefined);
  const figures: PreviewFigures = {
    events: options.events, rounds: options.rounds, concurrent: options.concurrent, perTenant: options.perTenant,
    flood: options.flood ?? { acme: 180, globex: 20 },
    oneReport: [], fairness: [], equalLoad: [], engineOrder: 'lightest',
    fifo: compareOrder ? { order: compareOrder, fairness: [], equalLoad: [] } : null,
    ungated: options.compareUngated ? { oneReport: [], fairness: [] } : null,
    fetchClient: options.compareFetch ? [] : null,
    errors: 0, firstError: null, seconds: 0, audit: { entries: 0, statements: 0 },
  };
  try {
    const wired = runtime.analytics;
    if (!(wired instanceof SharedQueryStore)) throw new Error('the runtime should share its analytics reads');
    // The runtime's wiring with a counter in between: what reaches the tenant-limited chDB store is
    // what ClickHouse runs (the shared store's own counters would not see it being bypassed).
    // The chDB store at the bottom of the wiring (shared → tenant-limited → chDB), whose queue order
    // compareFifo switches; reached through the wrappers' `inner` fields (private to TypeScript only).
    let engine: unknown = wired.inner;
    while (engine && !(engine instanceof ChdbStore)) engine = (engine as { inner?: unknown }).inner;
    if (compareOrder && !(engine instanceof ChdbStore)) throw new Error('comparing engine orders needs the embedded chDB store');
    const chdb = engine instanceof ChdbStore ? engine : null;
    if (chdb) figures.engineOrder = chdb.scheduling;
    const mainOrder = figures.engineOrder;
    const counting = new CountingStore(wired.inner);
    const shared = new SharedQueryStore(counting, config.queryCache);
    runtime.analytics = shared;
    log(`  previews: seeding ${options.events.toLocaleString('en-US')} usage events…`);
    await seedAnalytics(runtime.analytics, { usageEvents: options.events, now: new Date() });
    await seedDemoReports(runtime.orm.em, ['acme', 'globex'], runtime.limits);
    const ids: Record<'acme' | 'globex', string[]> = { acme: [], globex: [] };
    for (const tenantId of ['acme', 'globex'] as const) {
      const service = new ReportService(runtime.orm.em.fork(), runtime.limits, null);
      for (const { name, definition } of variants()) {
        const report = name === 'Usage Summary'
          ? await runtime.orm.em.fork().getConnection().execute<{ id: string }[]>('SELECT id FROM reports WHERE tenant_id = ? AND name = ?', [tenantId, name]).then((r) => r[0]!)
          : await service.create({ userId: 'bench', tenantId, role: 'admin' }, { name, definition, isPublic: true, tags: ['bench'] });
        ids[tenantId].push(report.id);
      }
    }
    const app = await createHttpApp(runtime);
    const url = `http://127.0.0.1:${await app.listen(0, '127.0.0.1')}`;
    const tokens = {
      acme: await issueToken(runtime.jwtSecret, { tenantId: 'acme', role: 'viewer', userId: 'bench', ttlSeconds: 3600 }),
      globex: await issueToken(runtime.jwtSecret, { tenantId: 'globex', role: 'viewer', userId: 'bench', ttlSeconds: 3600 }),
    };
    // The clients run in a process of their own (bench/preview-clients.ts), as browsers would.
    const clients = fork(fileURLToPath(new URL('./preview-clients.ts', import.meta.url)), [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const pending = new Map<number, (r: BurstResult) => void>();
    clients.on('message', (r: BurstResult) => pending.get(r.id)?.(r));
    let bursts = 0;
    /** Sends the requests at once from the clients' process; each one's time in ms, failures counted as errors. */
    const burst = (requests: ClientRequest[], client: ClientKind = 'http'): Promise<number[]> => new Promise((resolve) => {
      const id = ++bursts;
      pending.set(id, (r) => {
        pending.delete(id);
        figures.errors += r.errors;
        figures.firstError ??= r.firstError;
        resolve(r.times);
      });
      clients.send({ id, url, requests, client } satisfies Burst);
    });
    const previewRequest = (tenant: 'acme' | 'globex', reportId: string, first = 50): ClientRequest =>
      ({ token: tokens[tenant], query: 'query($r: ID!, $f: Int) { previewReport(input: { reportId: $r, first: $f }) { totalCount rows } }', variables: { r: reportId, f: first }, field: 'previewReport' });
    const previews = (tenant: 'acme' | 'globex', reportIds: string[], client: ClientKind = 'http') => burst(reportIds.map((id) => previewRequest(tenant, id)), client);
    const preview = async (tenant: 'acme' | 'globex', reportId: string) => (await previews(tenant, [reportId]))[0]!;
    const floorRequest: ClientRequest = { token: tokens.acme, query: '{ __typename }', variables: {}, field: '__typename' };
    const usage = ids.acme[0]!;
    try {
      // Warm-up, not measured: PostgreSQL plans and connections, chDB's marks cache, and V8's
      // optimizing compilers, which reach the request path's functions only after a few thousand
      // requests. With one burst of each as warm-up (until 2026-12-08), round 1's floor was 2-3×
      // round 7's (153 → 66 ms p95) and the rounds' ratios fell from ×5.5 to ×2.6 across the run:
      // the figures described a process just started, not the server people use. Eight bursts of
      // each (3,200 requests, ~4 s) bring round 1 to the later rounds' level.
      for (let i = 0; i < 3; i++) { shared.clearCache(); await preview('acme', usage); }
      for (let i = 0; i < WARM_UP_BURSTS; i++) {
        await burst(Array(options.concurrent).fill(floorRequest));
        shared.clearCache();
        await previews('acme', Array(options.concurrent).fill(usage));
      }
      const profiler = options.profile ? await startProfile() : null;
      // The admission gate as configured, or opened (compareUngated): set between bursts, when nothing waits.
      const gatedLimit = app.admission.perTenant;
      const admission = (mode: 'gated' | 'ungated') => { app.admission.perTenant = mode === 'gated' ? gatedLimit : Number.POSITIVE_INFINITY; };
      const gateModes = (round: number): ('gated' | 'ungated')[] => (figures.ungated ? (round % 2 === 0 ? ['gated', 'ungated'] : ['ungated', 'gated']) : ['gated']);
      if (figures.fetchClient) await previews('acme', Array(options.concurrent).fill(usage), 'fetch');
      const oneReportRound = async (client: ClientKind) => {
        const singles: number[] = [];
        for (let i = 0; i < 3; i++) { shared.clearCache(); singles.push(await preview('acme', usage)); }
        const singleMs = median(singles);
        const floorP95 = pct(await burst(Array(options.concurrent).fill(floorRequest), client), 95);
        shared.clearCache();
        const loads = counting.reads;
        const times = await previews('acme', Array(options.concurrent).fill(usage), client);
        return { singleMs, floorP95, p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), reads: counting.reads - loads, ratio: pct(times, 95) / singleMs };
      };
      for (let round = 0; round < options.rounds; round++) {
        for (const mode of gateModes(round)) {
          admission(mode);
          // With compareFetch, the two clients alternate which goes first, like the other comparisons.
          const clientOrder: ClientKind[] = figures.fetchClient && mode === 'gated' ? (round % 2 === 0 ? ['http', 'fetch'] : ['fetch', 'http']) : ['http'];
          for (const client of clientOrder) {
            const row = await oneReportRound(client);
            if (client === 'fetch') figures.fetchClient!.push(row);
            else (mode === 'gated' ? figures.oneReport : figures.ungated!.oneReport).push(row);
            log(`  previews round ${round + 1}${figures.ungated ? ` (${mode})` : ''}${figures.fetchClient ? ` (${client})` : ''}: single ${row.singleMs.toFixed(0)} ms; ${options.concurrent} concurrent p95 ${row.p95.toFixed(0)} ms (×${row.ratio.toFixed(2)}), ${row.reads} ClickHouse reads; ${options.concurrent} concurrent { __typename } p95 ${row.floorP95.toFixed(0)} ms`);
          }
        }
      }
      admission('gated');
      if (profiler) await profiler.stop(options.profile!);
      // Rows one INSERT wrote share its transaction's created_at: distinct instants = statements.
      const [audited] = await runtime.orm.em.getConnection().execute<{ entries: string; statements: string }[]>(
        `SELECT count(*) AS entries, count(DISTINCT created_at) AS statements FROM audit_log WHERE action = 'report.preview' AND tenant_id = 'acme'`);
      figures.audit = { entries: Number(audited!.entries), statements: Number(audited!.statements) };
      /** `n` previews of the tenant's 10 reports, round-robin over them. */
      const each = (tenant: 'acme' | 'globex', n: number) => Array.from({ length: n }, (_, i) => ids[tenant][i % ids[tenant].length]!);
      const alone = async (globex: number) => { shared.clearCache(); return pct(await previews('globex', each('globex', globex)), 95); };
      /**
       * Both tenants at once. acme's previews cycle through `acmePageSizes` per pass over its 10
       * reports: identical previews share their queries (shared-query-store.ts), so 180 previews
       * of 10 reports at one page size are only 20 engine queries, as many as globex's 20
       * previews make, and no flood for the engine at all. Three page sizes make acme's 180 a
       * real flood, 40 queries (10 counts, 30 pages) against globex's 20.
       */
      const flood = async (acmeCount: number, globexCount: number, acmePageSizes: number[]) => {
        shared.clearCache();
        const loads = counting.reads;
        const acmeRequests = each('acme', acmeCount).map((id, i) => previewRequest('acme', id, acmePageSizes[Math.floor(i / ids.acme.length) % acmePageSizes.length]!));
        // One burst: both tenants' requests leave the clients' process at the same moment.
        const times = await burst([...acmeRequests, ...each('globex', globexCount).map((id) => previewRequest('globex', id))]);
        const acme = times.slice(0, acmeCount);
        const globex = times.slice(acmeCount);
        return { acmeP95: pct(acme, 95), floodP95: pct(globex, 95), reads: counting.reads - loads };
      };
      const measure = async (round: number, acmeCount: number, globexCount: number, acmePageSizes: number[]): Promise<FairnessRound> => {
        let aloneP95: number;
        let flooded: Awaited<ReturnType<typeof flood>>;
        // Alternate the order, so drift in the machine's load does not favour one side.
        if (round % 2 === 0) { aloneP95 = await alone(globexCount); flooded = await flood(acmeCount, globexCount, acmePageSizes); } else { flooded = await flood(acmeCount, globexCount, acmePageSizes); aloneP95 = await alone(globexCount); }
        return { aloneP95, ...flooded, ratio: flooded.floodP95 / aloneP95 };
      };
      const show = (r: FairnessRound) => `globex p95 alone ${r.aloneP95.toFixed(0)} ms, with acme's ${r.floodP95.toFixed(0)} ms (×${r.ratio.toFixed(2)}); acme p95 ${r.acmeP95.toFixed(0)} ms; ${r.reads} ClickHouse reads`;
      const { acme: floodAcme, globex: floodGlobex } = figures.flood;
      for (let round = 0; round < options.rounds; round++) {
        // Fair and FIFO alternate which goes first, like alone and flood.
        const other = figures.fifo?.order;
        const modes: EngineScheduling[] = other ? (round % 2 === 0 ? [mainOrder, other] : [other, mainOrder]) : [mainOrder];
        for (const mode of modes) {
          if (chdb) chdb.scheduling = mode;
          const floodRound = await measure(round, floodAcme, floodGlobex, FLOOD_PAGE_SIZES);
          const equalRound = await measure(round, options.perTenant, options.perTenant, [50]);
          (mode === mainOrder ? figures.fairness : figures.fifo!.fairness).push(floodRound);
          (mode === mainOrder ? figures.equalLoad : figures.fifo!.equalLoad).push(equalRound);
          log(`  previews fairness round ${round + 1}${figures.fifo ? ` (${mode})` : ''}: acme ${floodAcme} + globex ${floodGlobex}: ${show(floodRound)}`);
          log(`  previews equal load round ${round + 1}${figures.fifo ? ` (${mode})` : ''}: ${options.perTenant} + ${options.perTenant}: ${show(equalRound)}`);
        }
        if (figures.ungated) {
          // The flood shape again with the gate open (round-robin engine queue), next to the gated one.
          if (chdb) chdb.scheduling = mainOrder;
          admission('ungated');
          const ungatedRound = await measure(round, floodAcme, floodGlobex, FLOOD_PAGE_SIZES);
          admission('gated');
          figures.ungated.fairness.push(ungatedRound);
          log(`  previews fairness round ${round + 1} (ungated): acme ${floodAcme} + globex ${floodGlobex}: ${show(ungatedRound)}`);
        }
      }
      if (chdb) chdb.scheduling = mainOrder;
    } finally {
      clients.kill();
      await app.close();
    }
  } finally {
    await runtime.close();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  figures.seconds = (performance.now() - started) / 1000;
  return figures;
}

/** The inspector's CPU profiler on this process, started now; stop() writes the .cpuprofile. */
async function startProfile(): Promise<{ stop(file: string): Promise<void> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

export interface RatioLine { measure: string; result: string; goal: string; status: 'PASS' | 'MISS' | 'info' }

/**
 * `pnpm bench --check`'s goals: regressions, with margins over what a loaded 2-core machine
 * measures today, so noise does not fail it. Reads per preview is exact (0.01: one count and one
 * page query for 200 previews; losing the shared reads makes it 1 or more). Fairness (the flood
 * shape, 180 + 20): ×2.2–4.4 per round, median ×3.65, at load averages of ~20 on 2026-12-07 with
 * the round-robin engine queue (×3.6–4.9, median ×3.85, with the FIFO queue in the same rounds):
 * most of what is left is the API's own work for acme's 180 requests on a CPU-starved machine,
 * not the engine, so ≤ 5 catches a tenant starving another, not noise. The previews' p95 over the
 * API floor: ×1.0–2.9 per round (median ×1.6) since the token check and the report, grant and
 * masking lookups are shared (×2.4–3.2 before; ×30–42 with every preview running its own
 * queries); ≤ 5 on the median.
 */
export const PREVIEW_CHECK_GOALS = { readsPerPreview: 0.05, previewOverFloor: 5, fairnessP95Ratio: 5, auditStatementsPerPreview: 0.25 };

function fairnessResult(rs: FairnessRound[]): string {
  if (rs.length === 0) return 'no rounds';
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return `×${median(rs.map((r) => r.ratio)).toFixed(2)} (median of ${rs.length} rounds: ${rs.map((r) => r.ratio.toFixed(2)).join(', ')}); globex p95 alone ${ms(median(rs.map((r) => r.aloneP95)))}, with the flood ${ms(median(rs.map((r) => r.floodP95)))}; acme p95 ${ms(median(rs.map((r) => r.acmeP95)))}; ClickHouse reads per round ${rs.map((r) => r.reads).join(', ')}`;
}

const ORDER_NAMES: Record<EngineScheduling, string> = {
  fifo: 'FIFO (arrival order, as before the round-robin queue)',
  fair: 'round-robin (per tenant)',
  lightest: 'lightest-first (the tenant with the fewest queries waiting)',
};

/** The rows of the previews phase. `check`: the guard's goals; otherwise the issue's. */
export function previewLines(f: PreviewFigures, check = false): RatioLine[] {
  const one = median(f.oneReport.map((r) => r.ratio));
  const overFloor = median(f.oneReport.map((r) => r.p95 / r.floorP95));
  const readsPerPreview = Math.max(...f.oneReport.map((r) => r.reads)) / f.concurrent;
  const fair = median(f.fairness.map((r) => r.ratio));
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const rounds = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
  const status = (ok: boolean): 'PASS' | 'MISS' => (ok ? 'PASS' : 'MISS');
  const fairGoal = check ? PREVIEW_CHECK_GOALS.fairnessP95Ratio : PREVIEW_GOALS.fairnessP95Ratio;
  return [
    {
      measure: `${f.concurrent} concurrent previews of one report (Usage Summary, ~${Math.round(f.events / 2_000)}k acme rows): p95 / a single uncached preview, same run`,
      result: `×${one.toFixed(2)} (median of ${f.oneReport.length} rounds: ${rounds(f.oneReport.map((r) => r.ratio))}); single ${ms(median(f.oneReport.map((r) => r.singleMs)))}, p95 ${ms(median(f.oneReport.map((r) => r.p95)))}, max ${ms(Math.max(...f.oneReport.map((r) => r.max)))}`,
      goal: check ? `(issue goal ≤ ${PREVIEW_GOALS.oneReportP95Ratio}; see the full bench)` : `≤ ${PREVIEW_GOALS.oneReportP95Ratio}`,
      status: check ? 'info' : status(one <= PREVIEW_GOALS.oneReportP95Ratio),
    },
    {
      measure: `…ClickHouse reads per preview (${f.concurrent} identical at once, cache emptied first)`,
      result: `${readsPerPreview.toFixed(3)} (reads per round: ${f.oneReport.map((r) => r.reads).join(', ')})`,
      goal: check ? `≤ ${PREVIEW_CHECK_GOALS.readsPerPreview}` : '(shared: one count and one page query)',
      status: check ? status(readsPerPreview <= PREVIEW_CHECK_GOALS.readsPerPreview) : 'info',
    },
    {
      measure: `…their p95 / the p95 of ${f.concurrent} concurrent \`{ __typename }\` (the API floor: HTTP, token, rate limit, GraphQL)`,
      result: `×${overFloor.toFixed(2)} (rounds: ${rounds(f.oneReport.map((r) => r.p95 / r.floorP95))}); floor p95 ${ms(median(f.oneReport.map((r) => r.floorP95)))}`,
      goal: check ? `≤ ${PREVIEW_CHECK_GOALS.previewOverFloor}` : '(where the time goes)',
      status: check ? status(overFloor <= PREVIEW_CHECK_GOALS.previewOverFloor) : 'info',
    },
    {
      measure: `${f.flood.acme + f.flood.globex} concurrent previews of 20 reports, 2 tenants, acme flooding: globex p95 (its ${f.flood.globex} over its 10 reports) with acme's ${f.flood.acme} (3 page sizes) at once / globex's ${f.flood.globex} alone (per-tenant admission gate in the API, ${ORDER_NAMES[f.engineOrder]} engine queue)`,
      result: fairnessResult(f.fairness),
      goal: `≤ ${fairGoal}`,
      status: status(fair <= fairGoal),
    },
    {
      measure: `…the same with equal loads (${f.perTenant} + ${f.perTenant}): globex p95 with acme's ${f.perTenant} / alone (a fair engine shared by two saturating tenants shows ~×2)`,
      result: fairnessResult(f.equalLoad),
      goal: '(info)',
      status: 'info',
    },
    ...(f.ungated ? [
      {
        measure: `…admission gate open (API_TENANT_CONCURRENCY unlimited, as before the gate), same rounds: ${f.concurrent} concurrent previews of one report, p95 / single`,
        result: `×${median(f.ungated.oneReport.map((r) => r.ratio)).toFixed(2)} (rounds: ${rounds(f.ungated.oneReport.map((r) => r.ratio))}); single ${ms(median(f.ungated.oneReport.map((r) => r.singleMs)))}, p95 ${ms(median(f.ungated.oneReport.map((r) => r.p95)))}`,
        goal: '(comparison)',
        status: 'info' as const,
      },
      {
        measure: `…admission gate open, same rounds: acme ${f.flood.acme} + globex ${f.flood.globex}, globex p95 with the flood / alone`,
        result: fairnessResult(f.ungated.fairness),
        goal: '(comparison)',
        status: 'info' as const,
      },
    ] : []),
    ...(f.fetchClient ? [
      {
        measure: `…the clients sending with fetch (undici's WHATWG layer) instead of node:http, same rounds: ${f.concurrent} concurrent previews of one report, p95 / single`,
        result: `×${median(f.fetchClient.map((r) => r.ratio)).toFixed(2)} (rounds: ${rounds(f.fetchClient.map((r) => r.ratio))}); single ${ms(median(f.fetchClient.map((r) => r.singleMs)))}, p95 ${ms(median(f.fetchClient.map((r) => r.p95)))}; floor p95 ${ms(median(f.fetchClient.map((r) => r.floorP95)))}`,
        goal: '(comparison)',
        status: 'info' as const,
      },
    ] : []),
    ...(f.fifo ? [
      {
        measure: `…${ORDER_NAMES[f.fifo.order]} engine queue, same rounds: acme ${f.flood.acme} + globex ${f.flood.globex}`,
        result: fairnessResult(f.fifo.fairness),
        goal: '(comparison)',
        status: 'info' as const,
      },
      {
        measure: `…${ORDER_NAMES[f.fifo.order]} engine queue, same rounds: ${f.perTenant} + ${f.perTenant}`,
        result: fairnessResult(f.fifo.equalLoad),
        goal: '(comparison)',
        status: 'info' as const,
      },
    ] : []),
    {
      // One INSERT per preview before the audit writer (1.0); batched, a burst of 200 takes a few.
      measure: `…audit INSERT statements per audited preview (AUDIT_READS on; every acme preview of the phase: singles and bursts)`,
      result: `${(f.audit.statements / Math.max(1, f.audit.entries)).toFixed(3)} (${f.audit.entries} entries in ${f.audit.statements} statements)`,
      goal: check ? `≤ ${PREVIEW_CHECK_GOALS.auditStatementsPerPreview}` : '(batched: one statement per burst, not per preview)',
      status: check ? status(f.audit.entries > 0 && f.audit.statements / f.audit.entries <= PREVIEW_CHECK_GOALS.auditStatementsPerPreview) : 'info',
    },
    { measure: 'Preview errors in the previews phase', result: `${f.errors}${f.firstError ? ` (first: ${f.firstError})` : ''}`, goal: '0', status: status(f.errors === 0) },
  ];
}
