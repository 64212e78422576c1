/**
 * Per-tenant quotas: what a tenant may hold or start, with defaults from the configuration
 * (QUOTA_*) and overrides per tenant in `tenant_quotas` (migration 0016, a NULL keeps the default).
 *
 * Every check runs inside the transaction that would write, after a per-tenant advisory lock, so
 * concurrent requests cannot all slip under a limit, and a refusal writes nothing: the caller's
 * transaction rolls back with the QuotaExceededError (`extensions.quota`, `.limit`, `.current`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { QuotaExceededError } from '../../errors.js';

export interface QuotaLimits {
  activeSchedules: number;
  recipientsPerSchedule: number;
  manualRunsPerHour: number;
  concurrentExports: number;
  bytesStored: number;
}

export type QuotaName = keyof QuotaLimits;

const OVERRIDE_COLUMNS: Record<QuotaName, string> = {
  activeSchedules: 'active_schedules',
  recipientsPerSchedule: 'recipients_per_schedule',
  manualRunsPerHour: 'manual_runs_per_hour',
  concurrentExports: 'concurrent_exports',
  bytesStored: 'bytes_stored',
};

/** What each quota counts, for messages. */
const WHAT: Record<QuotaName, string> = {
  activeSchedules: 'active schedules',
  recipientsPerSchedule: 'recipients on one schedule',
  manualRunsPerHour: 'run-now and backfill runs started in the last hour',
  concurrentExports: 'exports waiting or running (on demand, scheduled, run now and backfill together)',
  bytesStored: 'bytes of export files stored',
};

/** The refusal for `quota`: `current` in use, `adding` more asked for. Pure. */
export function quotaExceeded(quota: QuotaName, limit: number, current: number, adding: number): QuotaExceededError | null {
  if (current + adding <= limit) return null;
  return new QuotaExceededError(quota, limit, current,
    `Quota exceeded: ${WHAT[quota]}: ${current} in use${adding > 1 ? `, ${adding} more asked for` : ''}, the tenant's limit is ${limit}`);
}

export interface ExportUsage {
  limits: QuotaLimits;
  /** Exports waiting or running. */
  active: number;
  /** Bytes of files kept. */
  stored: number;
}

/** The refusal for `adding` more exports at `usage`, or null. Pure. */
export function exportRefusalFor(usage: ExportUsage, adding: number): QuotaExceededError | null {
  return quotaExceeded('concurrentExports', usage.limits.concurrentExports, usage.active, adding)
    // Full already: a new file would go over whatever its size.
    ?? (usage.stored >= usage.limits.bytesStored ? quotaExceeded('bytesStored', usage.limits.bytesStored, usage.stored, 1) : null);
}

type Sql = <T>(query: string, params: unknown[]) => Promise<T[]>;

function sqlOf(tx: EntityManager): Sql {
  return <T>(query: string, params: unknown[]) => tx.getConnection().execute<T[]>(query, params, 'all', tx.getTransactionContext());
}

export class QuotaService {
  constructor(private readonly defaults: QuotaLimits) {}

  /** The tenant's limits: the defaults, with the tenant's overrides. */
  async limits(tx: EntityManager, tenantId: string): Promise<QuotaLimits> {
    const rows = await sqlOf(tx)<Record<string, string | number | null>>('SELECT * FROM tenant_quotas WHERE tenant_id = ?', [tenantId]);
    const out = { ...this.defaults };
    for (const name of Object.keys(OVERRIDE_COLUMNS) as QuotaName[]) {
      const v = rows[0]?.[OVERRIDE_COLUMNS[name]];
      if (v !== null && v !== undefined) out[name] = Number(v);
    }
    return out;
  }

  /** Serialises the quota checks and writes of one tenant until the transaction ends. */
  private async lock(tx: EntityManager, tenantId: string): Promise<void> {
    await sqlOf(tx)(`SELECT pg_advisory_xact_lock(hashtext('quota:' || ?))`, [tenantId]);
  }

  private async count(tx: EntityManager, query: string, params: unknown[]): Promise<number> {
    const rows = await sqlOf(tx)<{ n: string | number | null }>(query, params);
    return Number(rows[0]?.n ?? 0);
  }

  /** A schedule is about to become ACTIVE (created active, or resumed): `scheduleId` is not counted. */
  async assertActiveSchedule(tx: EntityManager, tenantId: string, scheduleId: string | null): Promise<void> {
    await this.lock(tx, tenantId);
    const { activeSchedules } = await this.limits(tx, tenantId);
    const current = await this.count(tx, `SELECT count(*) AS n FROM schedules WHERE tenant_id = ? AND status = 'ACTIVE' AND id IS DISTINCT FROM ?::uuid`, [tenantId, scheduleId]);
    const refused = quotaExceeded('activeSchedules', activeSchedules, current, 1);
    if (refused) throw refused;
  }

  /** A schedule is about to hold `recipients` recipients (`current` in the error: that number). */
  async assertRecipients(tx: EntityManager, tenantId: string, recipients: number): Promise<void> {
    const { recipientsPerSchedule } = await this.limits(tx, tenantId);
    if (recipients > recipientsPerSchedule) {
      throw new QuotaExceededError('recipientsPerSchedule', recipientsPerSchedule, recipients,
        `Quota exceeded: ${recipients} recipients on one schedule, the tenant's limit is ${recipientsPerSchedule}`);
    }
  }

  /** `runs` run-now or backfill runs are about to start. */
  async assertManualRuns(tx: EntityManager, tenantId: string, runs: number): Promise<void> {
    await this.lock(tx, tenantId);
    const { manualRunsPerHour } = await this.limits(tx, tenantId);
    const current = await this.count(tx,
      `SELECT count(*) AS n FROM schedule_executions WHERE tenant_id = ? AND triggered_by IN ('MANUAL', 'BACKFILL') AND created_at > now() - interval '1 hour'`, [tenantId]);
    const refused = quotaExceeded('manualRunsPerHour', manualRunsPerHour, current, runs);
    if (refused) throw refused;
  }

  /**
   * `exports` new exports are about to be queued: checks the exports waiting or running (every
   * source) and the bytes stored. Null when allowed, else the refusal (the scheduler records it
   * as SKIPPED_QUOTA instead of throwing).
   */
  async exportsRefusal(tx: EntityManager, tenantId: string, exports: number): Promise<QuotaExceededError | null> {
    return exportRefusalFor(await this.exportUsage(tx, tenantId), exports);
  }

  /**
   * What a tenant's scheduled runs may still start in this transaction (the scheduler: one read
   * per tenant per batch, then `exportRefusalFor` per run). Takes the tenant's quota lock.
   */
  async exportUsage(tx: EntityManager, tenantId: string): Promise<ExportUsage> {
    await this.lock(tx, tenantId);
    const limits = await this.limits(tx, tenantId);
    const active = await this.count(tx, `SELECT count(*) AS n FROM exports WHERE tenant_id = ? AND status IN ('PENDING', 'PROCESSING')`, [tenantId]);
    const stored = await this.count(tx,
      `SELECT coalesce(sum(file_size), 0) AS n FROM exports WHERE tenant_id = ? AND status = 'COMPLETED' AND storage_key IS NOT NULL AND file_expired_at IS NULL`, [tenantId]);
    return { limits, active, stored };
  }

  async assertExports(tx: EntityManager, tenantId: string, exports: number): Promise<void> {
    const refused = await this.exportsRefusal(tx, tenantId, exports);
    if (refused) throw refused;
  }
}
