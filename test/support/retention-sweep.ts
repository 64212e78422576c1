/**
 * The retention sweep checked against the storage itself (issue 21: retention deletes are verified),
 * shared by the filesystem and S3 test files (one app per file: chDB binds one data directory per
 * process). Exports of every age plus a leftover file no record names are swept, then the store is
 * listed by its own means: only the files of exports within retention are left. A store that
 * acknowledges a delete but keeps the file stops the sweep, and the record keeps naming the file.
 */
import { expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { RetentionService } from '../../server/src/features/retention/retention.service.js';
import { FileNotDeletedError } from '../../server/src/features/exports/export-cleanup.js';
import type { ExportStorage } from '../../server/src/platform/storage/export-storage.js';
import type { TestApp } from './test-app.js';
import { exportAndFollow, reportIdByName } from './exports.js';

export const DAY = 86_400_000;
const POLICY = { exportFileDays: 7, exportRecordDays: 90, executionDays: 90, auditDays: 365 };

export interface SweptStore {
  name: string;
  app: () => TestApp;
  /** Every key the store holds, from the store's own listing (the directory, or ListObjectsV2). */
  list(): Promise<string[]>;
  /** Makes a stored file look `days` old to the store. */
  age(key: string, days: number): void;
}

export function retentionSweepTests(store: SweptStore): void {
  const sql = <T = any>(q: string, p: unknown[] = []) => store.app().runtime.orm.em.getConnection().execute<T[]>(q, p);
  const keyOf = async (id: string) => (await sql<{ storage_key: string }>('SELECT storage_key FROM exports WHERE id = ?', [id]))[0]!.storage_key;
  it('leaves no file behind but those of exports within retention', async () => {
    const app = store.app();
    const admin = await app.token('acme', 'admin');
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const made: Record<'old' | 'expired' | 'recent', string> = { old: '', expired: '', recent: '' };
    for (const [which, format] of [['old', 'CSV'], ['expired', 'XLSX'], ['recent', 'PDF']] as const) {
      const run = await exportAndFollow(app, admin, { reportId, format });
      expect(run.final.status).toBe('COMPLETED');
      made[which] = run.id;
    }
    const keys = { old: await keyOf(made.old), expired: await keyOf(made.expired), recent: await keyOf(made.recent) };
    // A record older than the record retention (file and record go), one past the file retention
    // (its file goes, the record stays), one recent (both stay).
    await sql(`UPDATE exports SET created_at = now() - interval '100 days', completed_at = now() - interval '100 days' WHERE id = ?`, [made.old]);
    await sql(`UPDATE exports SET created_at = now() - interval '10 days', completed_at = now() - interval '10 days' WHERE id = ?`, [made.expired]);
    // A leftover no record names (an export whose delete crashed half-way), as old as the expired one.
    const orphan = `exports/acme/leftover-${store.name}.csv`;
    await app.runtime.storage.put(orphan, Readable.from([Buffer.from('a,b\n1,2\n')]), 'text/csv');
    store.age(orphan, 10);
    const before = await store.list();
    expect(before).toEqual(expect.arrayContaining([keys.old, keys.expired, keys.recent, orphan]));

    const service = new RetentionService(app.runtime.orm.em.fork(), app.runtime.storage, POLICY);
    // What is due, as `retention list` says it: both aged files, the one aged record.
    const due = Object.fromEntries((await service.list()).map((line) => [line.kind, line]));
    expect(due.export_files).toMatchObject({ days: 7, due: 2 });
    expect(due.export_records).toMatchObject({ days: 90, due: 1 });
    expect(due.export_records!.oldest!.getTime()).toBeLessThan(Date.now() - 99 * DAY);
    const deleted = await service.prune();
    expect(deleted.export_records).toBe(1);
    expect(deleted.export_files).toBeGreaterThanOrEqual(2); // the expired file and the leftover (and any stale upload)

    // The storage, listed by itself, holds only the recent export's file.
    expect(await store.list()).toEqual([keys.recent]);
    const rows = await sql<{ id: string; file_expired_at: Date | null }>('SELECT id, file_expired_at FROM exports WHERE id IN (?, ?, ?)', [made.old, made.expired, made.recent]);
    expect(rows.find((r) => r.id === made.old)).toBeUndefined();
    expect(rows.find((r) => r.id === made.expired)!.file_expired_at).not.toBeNull();
    expect(rows.find((r) => r.id === made.recent)!.file_expired_at).toBeNull();
  }, 180_000); // three real exports: minutes on a loaded 2-core machine

  it('a store that keeps a file it acknowledged deleting stops the sweep: the record still names the file', async () => {
    const app = store.app();
    const admin = await app.token('acme', 'admin');
    const run = await exportAndFollow(app, admin, { reportId: await reportIdByName(app, admin, 'Usage Summary'), format: 'JSON' });
    await sql(`UPDATE exports SET completed_at = now() - interval '10 days' WHERE id = ?`, [run.id]);
    const key = await keyOf(run.id);
    // The real store, whose delete is acknowledged and does nothing (versioning, object lock, a look-alike).
    const real = app.runtime.storage;
    const stubborn: ExportStorage = Object.assign(Object.create(Object.getPrototypeOf(real)), real, { delete: async () => undefined });
    await expect(new RetentionService(app.runtime.orm.em.fork(), stubborn, POLICY).prune()).rejects.toBeInstanceOf(FileNotDeletedError);
    const [row] = await sql<{ file_expired_at: Date | null }>('SELECT file_expired_at FROM exports WHERE id = ?', [run.id]);
    expect(row!.file_expired_at).toBeNull();
    expect(await store.list()).toContain(key);
    // The next sweep, with a store that deletes, finishes the job.
    await new RetentionService(app.runtime.orm.em.fork(), real, POLICY).prune();
    expect(await store.list()).not.toContain(key);
  }, 120_000);
}
