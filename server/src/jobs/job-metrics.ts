/**
 * Metrics around job bodies, read from the rows the jobs settle (the database says what happened,
 * whichever way the task ended): export attempts by format and outcome with their duration, rows
 * and bytes; how late scheduled exports start; delivery outcomes by channel.
 */
import type { Metrics } from '../platform/metrics.js';

type Sql = <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;

interface ExportRow {
  format: string;
  status: string;
  rows_written: string | number | null;
  bytes_written: string | number | null;
}

const EXPORT_ROW = 'SELECT format, status, rows_written, bytes_written FROM exports WHERE id = ?';

/** What an attempt ended as, from the row after it: a row back in PENDING is a retry or a release. */
export function exportOutcome(after: string, released: boolean): string {
  if (after === 'PENDING') return released ? 'RELEASED' : 'RETRY';
  return after;
}

/** What the runner tells of an attempt (export-runner.ts JobAttempt.onClaimed, onSettled). */
export interface ExportAttemptHooks {
  onClaimed(claim: { format: string; firstStart: boolean; scheduledFor: Date | null }): void;
  onSettled(settled: { status: string; rowsWritten: number; bytesWritten: number }): void;
}

/**
 * An export attempt's metrics, from what the runner tells of it (its claim and the status it
 * wrote), so a drain of many runs reads nothing extra; an attempt that ended otherwise (cancelled,
 * released) is read back once.
 */
export async function measureExport(sql: Sql, metrics: Metrics | undefined, exportId: string, run: (hooks: Partial<ExportAttemptHooks>) => Promise<void>, released: () => boolean): Promise<void> {
  if (!metrics) return run({});
  let claimed: { format: string } | null = null;
  let settled: { status: string; rowsWritten: number; bytesWritten: number } | null = null;
  const started = performance.now();
  try {
    await run({
      onClaimed: (claim) => {
        claimed = claim;
        // Once per export: its first start (a retry or a released export started before).
        if (claim.firstStart && claim.scheduledFor) metrics.scheduleLag.observe(Math.max(0, (Date.now() - claim.scheduledFor.getTime()) / 1000));
      },
      onSettled: (s) => { settled = s; },
    });
  } finally {
    if (claimed) {
      const told = settled as { status: string; rowsWritten: number; bytesWritten: number } | null;
      const after = told
        ? { format: (claimed as { format: string }).format, status: told.status, rows_written: told.rowsWritten, bytes_written: told.bytesWritten }
        : (await sql<ExportRow>(EXPORT_ROW, [exportId]).catch(() => []))[0];
      if (after && after.status !== 'PROCESSING') {
        const labels = { format: after.format, status: exportOutcome(after.status, released()) };
        metrics.exports.inc(labels);
        metrics.exportDuration.observe(labels, (performance.now() - started) / 1000);
        if (after.status === 'COMPLETED') {
          metrics.exportRows.inc({ format: after.format }, Number(after.rows_written ?? 0));
          metrics.exportBytes.inc({ format: after.format }, Number(after.bytes_written ?? 0));
        }
      }
    }
  }
}

/**
 * A delivery attempt's outcome, as the delivery service tells it (DeliveryAttempt.onOutcome): no
 * reads of its own, so a drain of many runs pays nothing for its metrics.
 */
export async function measureDelivery(metrics: Metrics | undefined, run: (onOutcome: (o: { channel: string; status: string }) => void) => Promise<void>): Promise<void> {
  let outcome: { channel: string; status: string } | null = null;
  try {
    await run((o) => { outcome = o; });
  } finally {
    const o = outcome as { channel: string; status: string } | null;
    if (metrics && o) metrics.deliveries.inc({ channel: o.channel, outcome: o.status === 'PENDING' ? 'RETRY' : o.status });
  }
}
