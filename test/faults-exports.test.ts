import 'reflect-metadata';
/**
 * Issue 8, faults 3 and 8: an export whose ClickHouse query fails mid-stream, and an export whose
 * storage cannot be written (not a directory; a full disk). Each ends FAILED with a readable error
 * after the retries its policy allows, leaves no file, and the server stays up.
 *
 * The ClickHouse failure is real, injected through the analytics store seam: the worker's store
 * runs each query with `max_result_rows` and `result_overflow_mode = 'throw'`, so chDB itself
 * raises TOO_MANY_ROWS_OR_BYTES after its first blocks (8,192 rows each) have been streamed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntimeWorker } from '../server/src/app.js';
import type { AnalyticsStore, ByteChunk, ByteStreamOptions, QueryOptions, QueryParams } from '../server/src/platform/analytics-store.js';
import { settingsClause } from '../server/src/platform/chdb-store.js';
import type { WorkerHandle } from '../server/src/jobs/worker.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { CREATE_EXPORT, GET_EXPORT, TERMINAL, reportIdByName } from './support/exports.js';
import { waitFor } from './support/wait.js';

/** Makes the next `failures` streamed queries fail in the engine after `rows` rows. */
class RowCapFault implements AnalyticsStore {
  failures = 0;
  /** Rows each failed stream had delivered before the engine raised. */
  readonly deliveredBeforeFailure: number[] = [];
  constructor(private readonly inner: AnalyticsStore, private readonly rows: number) {}
  get kind() { return this.inner.kind; }
  get database() { return this.inner.database; }
  query(sql: string, params?: QueryParams, options?: QueryOptions) { return this.inner.query(sql, params, options); }
  exec(sql: string, params?: QueryParams) { return this.inner.exec(sql, params); }
  ping() { return this.inner.ping(); }
  writeCount() { return this.inner.writeCount(); }
  close() { return this.inner.close(); }
  private cap(): Record<string, string | number> | null {
    if (this.failures <= 0) return null;
    this.failures--;
    return { max_result_rows: this.rows, result_overflow_mode: 'throw' };
  }
  async *stream(sql: string, params?: QueryParams, options?: QueryOptions): AsyncIterable<unknown[][]> {
    const cap = this.cap();
    let delivered = 0;
    try {
      for await (const rows of this.inner.stream(cap ? `${sql}\n${settingsClause(cap)}` : sql, params, options)) {
        delivered += rows.length;
        yield rows;
      }
    } catch (error) {
      if (cap) this.deliveredBeforeFailure.push(delivered);
      throw error;
    }
  }
  async *streamBytes(sql: string, params: QueryParams, options: ByteStreamOptions): AsyncIterable<ByteChunk> {
    const cap = this.cap();
    let delivered = 0;
    try {
      for await (const chunk of this.inner.streamBytes(sql, params, cap ? { ...options, settings: { ...options.settings, ...cap } } : options)) {
        delivered += chunk.rows ?? 0;
        yield chunk;
      }
    } catch (error) {
      if (cap) this.deliveredBeforeFailure.push(delivered);
      throw error;
    }
  }
}

/** Root in a container that may mount (probed with a throwaway tmpfs); elsewhere the full-disk case is not run. */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'reportcast-mount-probe-'));
  try {
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status !== 0) return false;
    spawnSync('umount', [probe]);
    return true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

let app: TestApp;
let admin: string;
let worker: WorkerHandle;
let faulty: RowCapFault;
let rawReportId: string;

async function finished(id: string): Promise<any> {
  return waitFor(async () => {
    const e = (await app.gql(GET_EXPORT, { id }, admin)).data!.export;
    return TERMINAL.has(e.status) ? e : undefined;
  }, 60_000);
}

async function exportOf(reportId: string, format: string): Promise<string> {
  const res = await app.gql(CREATE_EXPORT, { input: { reportId, format } }, admin);
  expect(res.errors).toBeUndefined();
  return res.data!.createExport.id;
}

async function serverStillServes(): Promise<void> {
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  const preview = await app.gql('query($id: ID!) { previewReport(input: { reportId: $id, first: 5 }) { rows } }', { id: await reportIdByName(app, admin, 'Usage Summary') }, admin);
  expect(preview.errors).toBeUndefined();
  expect(preview.data!.previewReport.rows.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 150_000, env: { EXPORT_MAX_ATTEMPTS: '2' } });
  // Well past the first batches the stores yield (8,192 rows) and the engine's output buffer, so rows
  // reach the writer before the engine raises, whatever the chunking.
  faulty = new RowCapFault(app.runtime.analytics, 40_000);
  // The worker of this process reads ClickHouse through the fault seam; the API does not.
  worker = await startRuntimeWorker({ ...app.runtime, analytics: faulty });
  admin = await app.token('acme', 'admin');
  const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
    i: { name: 'Raw rows', definition: { source: 'usage_events', dimensions: ['timestamp', 'event_id', 'user_id', 'event_type', 'platform'].map((field) => ({ field })), raw: true, timeRange: { rolling: { n: 40, unit: 'DAY' } }, rowLimit: 100_000 } },
  }, admin);
  rawReportId = created.data!.createReport.id;
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await app?.close();
});

describe('ClickHouse fails mid-stream', () => {
  it('retries per policy, then FAILED with a readable error and no file (CSV through the engine, JSON through the writer)', async () => {
    for (const format of ['CSV', 'JSON']) {
      faulty.failures = 2; // every attempt (EXPORT_MAX_ATTEMPTS = 2)
      const before = faulty.deliveredBeforeFailure.length;
      const id = await exportOf(rawReportId, format);
      const e = await finished(id);
      expect(e.status).toBe('FAILED');
      expect(e.attempts).toBe(2);
      expect(e.error).toEqual({ code: 'EXPORT_FAILED', message: 'The analytics query failed (ClickHouse error 396 TOO_MANY_ROWS_OR_BYTES)' });
      expect(e.downloadUrl).toBeNull();
      const delivered = faulty.deliveredBeforeFailure.slice(before);
      expect(delivered).toHaveLength(2);
      console.log(`[faults] ${format}: ClickHouse raised after ${delivered.join(' and ')} rows had been streamed; FAILED after ${e.attempts} attempts`);
      const dir = join(app.config.exports.dir, 'exports', 'acme');
      expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(id)) : []).toEqual([]);
    }
    // Mid-stream: rows had reached the writers when the engine raised. Whether a given attempt got
    // a first batch out before the error depends on the engine's threads and output buffer, so this
    // holds over all four failed attempts, not each one.
    expect(faulty.deliveredBeforeFailure.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await serverStillServes();
  }, 90_000);

  it('a failure on the first attempt only: the retry completes it', async () => {
    faulty.failures = 1;
    const id = await exportOf(rawReportId, 'CSV');
    const e = await finished(id);
    expect(e.status).toBe('COMPLETED');
    expect(e.attempts).toBe(2);
    expect(e.rowCount).toBe(e.progress.rowsTotal);
    expect(e.rowCount).toBeGreaterThan(40_000);
  }, 60_000);
});

describe('storage that cannot be written', () => {
  it('an exports directory that is not a directory: FAILED saying so, without server paths; the server stays up', async () => {
    const root = join(app.config.exports.dir, 'exports');
    rmSync(root, { recursive: true, force: true });
    writeFileSync(root, 'not a directory'); // what a mis-mounted volume looks like, also to root
    try {
      const id = await exportOf(rawReportId, 'CSV');
      const e = await finished(id);
      expect(e.status).toBe('FAILED');
      expect(e.attempts).toBe(2);
      expect(e.error.code).toBe('EXPORT_FAILED');
      expect(e.error.message).toBe('The export storage is not writable (ENOTDIR)');
      expect(e.error.message).not.toContain(app.config.exports.dir);
      await serverStillServes();
    } finally {
      rmSync(root, { force: true });
    }
    const again = await finished(await exportOf(rawReportId, 'CSV'));
    expect(again.status).toBe('COMPLETED');
  }, 60_000);

  // A real full disk needs a small file system: a 256 KB tmpfs, where the machine lets us mount one.
  const canMount = canMountTmpfs();
  it.runIf(canMount)('a full disk mid-write: FAILED saying so, the partial file removed, the server stays up', async () => {
    const root = join(app.config.exports.dir, 'exports');
    mkdirSync(root, { recursive: true });
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', root], { encoding: 'utf8' });
    if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
    try {
      const id = await exportOf(rawReportId, 'JSON'); // ~1 MB: more than the disk holds
      const e = await finished(id);
      expect(e.status).toBe('FAILED');
      expect(e.error.message).toBe('The export storage is full (ENOSPC)');
      expect(readdirSync(join(root, 'acme')).filter((f) => f.startsWith(id))).toEqual([]);
      await serverStillServes();
    } finally {
      spawnSync('umount', [root]);
    }
  }, 60_000);
});
