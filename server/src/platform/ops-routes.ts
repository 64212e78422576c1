/**
 * The operator's endpoints, on every process that listens (API, and the worker's small ops server):
 *   /healthz  alive: 200 while the process answers (an orchestrator restarts it otherwise). The
 *             dependency flags are informational; a database outage must not restart every pod.
 *   /readyz   ready for traffic: Postgres, ClickHouse, storage and migrations all fine and the
 *             process not shutting down; 503 otherwise, with what failed.
 *   /metrics  Prometheus exposition (see metrics.ts).
 */
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { Express } from 'express';
import type { AnalyticsStore } from './analytics-store.js';
import type { Metrics } from './metrics.js';
import type { ExportStorage } from './storage/export-storage.js';

export interface OpsDeps {
  sql: (query: string) => Promise<unknown[]>;
  analytics: AnalyticsStore;
  storage: ExportStorage;
  /** The directory of the fs store (null with S3). */
  exportsDir: string | null;
  migrationsCurrent: () => Promise<boolean>;
  metrics: Metrics;
  /** True once SIGTERM arrived: readiness fails so load balancers stop sending work. */
  draining: () => boolean;
}

const PROBE_TIMEOUT_MS = 5000;

async function probe(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS); });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The fs store's directory exists and is writable; an S3 bucket answers a HEAD. */
export async function storageReady(storage: ExportStorage, exportsDir: string | null): Promise<boolean> {
  if (storage.kind === 'fs' && exportsDir) {
    await mkdir(exportsDir, { recursive: true });
    await access(exportsDir, constants.W_OK);
    return true;
  }
  await storage.exists('readyz-probe');
  return true;
}

export function mountOpsRoutes(app: Express, deps: OpsDeps): void {
  const postgres = () => probe(() => deps.sql('SELECT 1').then(() => true));
  const clickhouse = () => probe(() => deps.analytics.ping());

  app.get('/healthz', async (_req, res) => {
    const [pg, ch] = await Promise.all([postgres(), clickhouse()]);
    res.status(200).json({ status: 'ok', postgres: pg, clickhouse: ch });
  });
  app.get('/readyz', async (_req, res) => {
    const [pg, ch, storage, migrations] = await Promise.all([
      postgres(),
      clickhouse(),
      probe(() => storageReady(deps.storage, deps.exportsDir)),
      probe(deps.migrationsCurrent),
    ]);
    const draining = deps.draining();
    const ok = pg && ch && storage && migrations && !draining;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : draining ? 'draining' : 'unavailable', postgres: pg, clickhouse: ch, storage, migrations, draining });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.scrape());
  });
}
