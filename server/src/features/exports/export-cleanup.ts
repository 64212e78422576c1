/**
 * Retention: export files older than the configured days are deleted from storage; their records
 * stay (with fileExpiredAt set) so the history still says what was produced and when. Every delete
 * is verified (the file is looked for again) before its record says the file is gone.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import { chartKeyOf, fileKeyOfChart } from './chart-file.js';

/** A store said it deleted a file that is still there: the record keeps pointing at it, and the next sweep tries again. */
export class FileNotDeletedError extends Error {
  constructor(readonly key: string) {
    super(`The file ${key} is still in storage after its delete`);
    this.name = 'FileNotDeletedError';
  }
}

/**
 * Deletes a file and checks that it is gone. A store may acknowledge a delete it did not do (an
 * S3 look-alike that ignores it, a file a process still writes under a new inode, a bucket with
 * versioning or object lock): retention must not record a file as gone while it is still kept.
 */
export async function deleteVerified(storage: ExportStorage, key: string): Promise<void> {
  await storage.delete(key);
  if (await storage.exists(key)) throw new FileNotDeletedError(key);
}

export async function cleanupExpiredExports(em: EntityManager, storage: ExportStorage, retentionDays: number, now = new Date(), warn: (message: string) => void = () => undefined): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  const conn = em.getConnection();
  const expired = await conn.execute<{ id: string; storage_key: string }[]>(
    `SELECT id, storage_key FROM exports WHERE storage_key IS NOT NULL AND file_expired_at IS NULL AND completed_at < ? LIMIT 1000`, [before]);
  for (const row of expired) {
    // The run's chart image beside it (chart-file.ts) goes with it.
    await deleteVerified(storage, chartKeyOf(row.storage_key));
    await deleteVerified(storage, row.storage_key);
    await conn.execute('UPDATE exports SET file_expired_at = now(), updated_at = now() WHERE id = ?', [row.id]);
  }
  // Files no record points at any more (deleted exports whose delete crashed, partial uploads of
  // crashed workers) go too once they are as old.
  let orphans = 0;
  for (const key of await storage.listOlderThan('exports/', before)) {
    // A chart image is live while its file is.
    const live = await conn.execute<{ n: number }[]>('SELECT 1 AS n FROM exports WHERE storage_key = ? AND file_expired_at IS NULL LIMIT 1', [fileKeyOfChart(key) ?? key]);
    if (live.length === 0) {
      await deleteVerified(storage, key);
      orphans++;
    }
  }
  // Multipart uploads cut off by an S3 outage (their abort failed too): no export runs for a day.
  // A store without ListMultipartUploads (some S3 look-alikes) must not stop retention itself.
  const abandoned = await storage.abortIncompleteUploads('exports/', new Date(now.getTime() - 86_400_000)).catch((error: Error) => {
    warn(`could not sweep incomplete multipart uploads: ${error.message}; a bucket lifecycle rule (AbortIncompleteMultipartUpload) does it instead`);
    return 0;
  });
  return expired.length + orphans + abandoned;
}
