/**
 * Data lifecycle: how long each kind of record is kept, what is due for deletion, and deleting it.
 * Enforced by the `retention__prune` cron job (hourly) and `exports__cleanup` (files, every 15
 * minutes); `pnpm cli retention list | prune [--dry-run]` shows and does the same by hand.
 *
 * Kinds (each with its own setting):
 *   export files      files of exports finished more than EXPORT_RETENTION_DAYS ago (the record stays)
 *   export records    finished exports older than EXPORT_RECORD_RETENTION_DAYS (file removed too)
 *   executions        finished schedule executions older than EXECUTION_RETENTION_DAYS, with their deliveries
 *   audit log         entries older than AUDIT_RETENTION_DAYS
 * Nothing in flight is ever deleted (PENDING/PROCESSING exports, PENDING/RUNNING executions).
 * Deletes go in batches so a large backlog never holds long locks. A file's delete is verified (the
 * store is asked again) before the record that names it goes: a file the store kept stops the
 * sweep with FileNotDeletedError, and the next run tries again, instead of an untracked leftover.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import { cleanupExpiredExports, deleteVerified } from '../exports/export-cleanup.js';
import { chartKeyOf } from '../exports/chart-file.js';

export interface RetentionPolicy {
  exportFileDays: number;
  exportRecordDays: number;
  executionDays: number;
  auditDays: number;
}

export type RetentionKind = 'export_files' | 'export_records' | 'executions' | 'audit_log';

export interface RetentionLine {
  kind: RetentionKind;
  days: number;
  /** Items due for deletion now. */
  due: number;
  /** When the oldest due item was created or finished; null when none is due. */
  oldest: Date | null;
}

const BATCH = 1000;
const DAY_MS = 86_400_000;

const DUE: Record<RetentionKind, { from: string; where: string; time: string }> = {
  export_files: { from: 'exports', where: 'storage_key IS NOT NULL AND file_expired_at IS NULL AND completed_at < ?', time: 'completed_at' },
  export_records: { from: 'exports', where: `status IN ('COMPLETED', 'FAILED', 'CANCELLED') AND coalesce(completed_at, created_at) < ?`, time: 'coalesce(completed_at, created_at)' },
  executions: { from: 'schedule_executions', where: `status NOT IN ('PENDING', 'RUNNING') AND coalesce(completed_at, created_at) < ?`, time: 'coalesce(completed_at, created_at)' },
  audit_log: { from: 'audit_log', where: 'created_at < ?', time: 'created_at' },
};

function daysOf(policy: RetentionPolicy, kind: RetentionKind): number {
  return { export_files: policy.exportFileDays, export_records: policy.exportRecordDays, executions: policy.executionDays, audit_log: policy.auditDays }[kind];
}

export class RetentionService {
  constructor(private readonly em: EntityManager, private readonly storage: ExportStorage, readonly policy: RetentionPolicy) {}

  private sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(query, params);
  }

  private cutoff(kind: RetentionKind, now: Date): Date {
    return new Date(now.getTime() - daysOf(this.policy, kind) * DAY_MS);
  }

  /** What each setting would delete now. */
  async list(now = new Date()): Promise<RetentionLine[]> {
    const lines: RetentionLine[] = [];
    for (const kind of Object.keys(DUE) as RetentionKind[]) {
      const q = DUE[kind];
      const [row] = await this.sql<{ due: number; oldest: Date | null }>(
        `SELECT count(*)::int AS due, min(${q.time}) AS oldest FROM ${q.from} WHERE ${q.where}`, [this.cutoff(kind, now)]);
      lines.push({ kind, days: daysOf(this.policy, kind), due: row?.due ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null });
    }
    return lines;
  }

  /** Deletes what is due; returns how many of each kind went. */
  async prune(now = new Date()): Promise<Record<RetentionKind, number>> {
    const deleted: Record<RetentionKind, number> = { export_files: 0, export_records: 0, executions: 0, audit_log: 0 };
    deleted.export_files = await cleanupExpiredExports(this.em, this.storage, this.policy.exportFileDays, now);
    deleted.export_records = await this.pruneExportRecords(this.cutoff('export_records', now));
    deleted.executions = await this.pruneBatches('schedule_executions', DUE.executions.where, this.cutoff('executions', now));
    deleted.audit_log = await this.pruneBatches('audit_log', DUE.audit_log.where, this.cutoff('audit_log', now));
    return deleted;
  }

  private async pruneBatches(table: string, where: string, cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.sql(`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${where} LIMIT ${BATCH}) RETURNING 1 AS x`, [cutoff]);
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }

  /** A record's file goes first, so a crash between the two leaves a record without a file, never an orphan file. */
  private async pruneExportRecords(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.sql<{ id: string; storage_key: string | null; file_expired_at: Date | null }>(
        `SELECT id, storage_key, file_expired_at FROM exports WHERE ${DUE.export_records.where} ORDER BY completed_at LIMIT ${BATCH}`, [cutoff]);
      for (const row of rows) {
        if (row.storage_key && !row.file_expired_at) {
          await deleteVerified(this.storage, chartKeyOf(row.storage_key));
          await deleteVerified(this.storage, row.storage_key);
        }
      }
      if (rows.length) await this.sql('DELETE FROM exports WHERE id IN (SELECT json_array_elements_text(?::json)::uuid)', [JSON.stringify(rows.map((r) => r.id))]);
      total += rows.length;
      if (rows.length < BATCH) return total;
    }
  }
}
