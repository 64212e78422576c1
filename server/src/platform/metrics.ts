/**
 * Prometheus metrics (prom-client), one registry per runtime, served at /metrics by API and worker
 * processes alike. Counters live in the process that did the work (exports in workers, requests in
 * API processes); Prometheus sums across processes. Queue gauges are read from graphile-worker's
 * tables at scrape time, so any process reports the shared queue.
 *
 * Labels are bounded: GraphQL operations are named by their root fields (schema-defined), never by
 * client-chosen operation names.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

type Sql = <T>(query: string) => Promise<T[]>;
/** SharedQueryStore.stats(): cumulative loads, joins and hits; current entries and bytes. */
type QueryCacheCounts = { loads: number; joined: number; hits: number; entries: number; bytes: number };

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const LONG_SECONDS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

export class Metrics {
  readonly registry = new Registry();
  readonly graphqlRequests = new Counter({
    name: 'reportcast_graphql_requests_total',
    help: 'GraphQL operations by type, root fields and outcome (ok or the error code).',
    labelNames: ['type', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'reportcast_graphql_request_duration_seconds',
    help: 'GraphQL operation latency, from receipt to response.',
    labelNames: ['type', 'operation'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly exports = new Counter({
    name: 'reportcast_exports_total',
    help: 'Export attempts that ended, by format and resulting status (COMPLETED, FAILED, CANCELLED, RETRY, RELEASED).',
    labelNames: ['format', 'status'] as const,
    registers: [this.registry],
  });
  readonly exportDuration = new Histogram({
    name: 'reportcast_export_duration_seconds',
    help: 'Duration of export attempts, by format and resulting status.',
    labelNames: ['format', 'status'] as const,
    buckets: LONG_SECONDS,
    registers: [this.registry],
  });
  readonly exportRows = new Counter({
    name: 'reportcast_export_rows_total',
    help: 'Rows written by completed exports.',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });
  readonly exportBytes = new Counter({
    name: 'reportcast_export_bytes_total',
    help: 'Bytes written by completed exports.',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });
  readonly scheduleLag = new Histogram({
    name: 'reportcast_schedule_lag_seconds',
    help: 'How late a scheduled export started: start time minus the slot it runs for.',
    buckets: [0.5, 1, 5, 15, 30, 60, 120, 300, 900, 3600],
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'reportcast_deliveries_total',
    help: 'Delivery attempts by channel (EMAIL, S3) and outcome (SENT, RETRY, FAILED).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly retentionDeleted = new Counter({
    name: 'reportcast_retention_deleted_total',
    help: 'Records and files removed by retention, by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly limitFallbacks = new Counter({
    name: 'reportcast_limit_fallbacks_total',
    help: 'Rate checks (limit="rate") and analytics slots (limit="analytics_slots") decided by this process alone because PostgreSQL, which shares them between processes, did not answer.',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  private readonly queryCacheReads = new Counter({
    name: 'reportcast_query_cache_reads_total',
    help: 'Tenant analytics reads by how they were answered: ran (a ClickHouse query), shared (waited for an identical one in flight), cached (kept result, data unchanged).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly queryCacheEntries = new Gauge({
    name: 'reportcast_query_cache_entries',
    help: 'Results the query cache of this process holds.',
    registers: [this.registry],
  });
  private readonly queryCacheBytes = new Gauge({
    name: 'reportcast_query_cache_bytes',
    help: 'Estimated heap the query cache of this process holds.',
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: 'reportcast_queue_jobs',
    help: 'Jobs in the queue by task and state (ready: runnable now; scheduled: run_at in the future; running: locked; failed: out of attempts).',
    labelNames: ['task', 'state'] as const,
    registers: [this.registry],
  });
  private readonly queueOldest = new Gauge({
    name: 'reportcast_queue_oldest_ready_job_age_seconds',
    help: 'Age of the oldest runnable job that no worker has taken yet, by task (0 when none wait).',
    labelNames: ['task'] as const,
    registers: [this.registry],
  });
  private readonly webSockets = new Gauge({
    name: 'reportcast_websocket_connections',
    help: 'Open graphql-ws connections to this API process.',
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({
    name: 'reportcast_subscriptions',
    help: 'GraphQL subscriptions listening in this API process.',
    registers: [this.registry],
  });
  private readonly admission = new Gauge({
    name: 'reportcast_graphql_tenant_operations',
    help: 'GraphQL operations over HTTP at the per-tenant admission gate of this API process, by state (running: admitted; waiting: queued behind their tenant\'s API_TENANT_CONCURRENCY).',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  private readonly admissionTenantsWaiting = new Gauge({
    name: 'reportcast_graphql_tenants_waiting',
    help: 'Tenants with at least one GraphQL operation waiting at the admission gate of this API process.',
    registers: [this.registry],
  });
  private readonly up = new Gauge({
    name: 'reportcast_up',
    help: '1 while this process serves; 0 once it is shutting down.',
    labelNames: ['role'] as const,
    registers: [this.registry],
  });

  constructor(readonly role: string) {
    collectDefaultMetrics({ register: this.registry, prefix: 'reportcast_' });
    this.up.set({ role }, 1);
  }

  draining(): void {
    this.up.set({ role: this.role }, 0);
  }

  /** Reads graphile-worker's queue at every scrape through `sql`; failures leave the last values. */
  watchQueue(sql: Sql): void {
    const jobs = this.queueJobs;
    const oldest = this.queueOldest;
    const refresh = async () => {
      const rows = await sql<{ task: string; ready: number; scheduled: number; running: number; failed: number; oldest: number | null }>(QUEUE_SQL);
      jobs.reset();
      oldest.reset();
      for (const r of rows) {
        for (const state of ['ready', 'scheduled', 'running', 'failed'] as const) jobs.set({ task: r.task, state }, Number(r[state]));
        oldest.set({ task: r.task }, Number(r.oldest ?? 0));
      }
    };
    this.queueRefresh = refresh;
  }

  private queueRefresh: (() => Promise<void>) | null = null;
  private liveCounts: (() => { connections: number; subscriptions: number }) | null = null;

  /** An API process: its open WebSockets and subscriptions, read at every scrape. */
  watchLive(read: () => { connections: number; subscriptions: number }): void {
    this.liveCounts = read;
  }

  private admissionCounts: (() => { running: number; waiting: number; tenantsWaiting: number }) | null = null;

  /** An API process: its per-tenant admission gate (graphql/tenant-gate.ts), read at every scrape. */
  watchAdmission(read: () => { running: number; waiting: number; tenantsWaiting: number }): void {
    this.admissionCounts = read;
  }

  private queryCache: (() => QueryCacheCounts) | null = null;
  private readonly queryCacheSeen: QueryCacheCounts = { loads: 0, joined: 0, hits: 0, entries: 0, bytes: 0 };

  /** The shared query store's counts (cumulative since start), read at every scrape. */
  watchQueryCache(read: () => QueryCacheCounts): void {
    this.queryCache = read;
  }

  /** The exposition text; refreshes the queue, live and query-cache figures first. */
  async scrape(): Promise<string> {
    if (this.queryCache) {
      const now = this.queryCache();
      const seen = this.queryCacheSeen;
      this.queryCacheReads.inc({ result: 'ran' }, now.loads - seen.loads);
      this.queryCacheReads.inc({ result: 'shared' }, now.joined - seen.joined);
      this.queryCacheReads.inc({ result: 'cached' }, now.hits - seen.hits);
      Object.assign(seen, now);
      this.queryCacheEntries.set(now.entries);
      this.queryCacheBytes.set(now.bytes);
    }
    if (this.queueRefresh) await this.queueRefresh().catch(() => undefined);
    if (this.admissionCounts) {
      const a = this.admissionCounts();
      this.admission.set({ state: 'running' }, a.running);
      this.admission.set({ state: 'waiting' }, a.waiting);
      this.admissionTenantsWaiting.set(a.tenantsWaiting);
    }
    if (this.liveCounts) {
      const live = this.liveCounts();
      this.webSockets.set(live.connections);
      this.subscriptions.set(live.subscriptions);
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

const QUEUE_SQL = `
SELECT t.identifier AS task,
  count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at <= now())::int AS ready,
  count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at > now())::int AS scheduled,
  count(*) FILTER (WHERE j.locked_at IS NOT NULL)::int AS running,
  count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts >= j.max_attempts)::int AS failed,
  coalesce(extract(epoch FROM now() - min(j.run_at) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts AND j.run_at <= now())), 0)::float8 AS oldest
FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
GROUP BY t.identifier`;
