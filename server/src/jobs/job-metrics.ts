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
  attempts: number;
  rows_written: string | number | null;
  bytes_written: string | number | null;
  scheduled_for: Date | null;
  started_at: Date | null;
}

const EXPORT_ROW = `SELECT e.format, e.status, e.attempts, e.rows_written, e.bytes_written, e.started_at,
    CASE WHEN e.triggered_by = 'SCHEDULE' THEN x.scheduled_for END AS scheduled_for
  FROM exports e LEFT JOIN schedule_executions x ON x.export_id = e.id WHERE e.id = ?`;

/** What an attempt ended as, from the row after it: a row back in PENDING is a retry or a release. */
export function exportOutcome(after: string, released: boolean): string {
  if (after === 'PENDING') return released ? 'RELEASED' : 'RETRY';
  return after;
}

export async function measureExport(sql: Sql, metrics: Metrics | undefined, exportId: string, run: () => Promise<void>, released: () => boolean): Promise<void> {
  if (!metrics) return run();
  const [before] = await sql<ExportRow>(EXPORT_ROW, [exportId]).catch(() => []);
  const runnable = before && (before.status === 'PENDING' || before.status === 'PROCESSING');
  // Once per export: its first start (a retry or a released export started before).
  if (runnable && before.scheduled_for && !before.started_at) {
    metrics.scheduleLag.observe(Math.max(0, (Date.now() - new Date(before.scheduled_for).getTime()) / 1000));
  }
  const started = performance.now();
  try {
    await run();
  } finally {
    if (runnable) {
      const [after] = await sql<ExportRow>(EXPORT_ROW, [exportId]).catch(() => []);
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

export async function measureDelivery(sql: Sql, metrics: Metrics | undefined, deliveryId: string, run: () => Promise<void>): Promise<void> {
  if (!metrics) return run();
  const status = async () => (await sql<{ channel: string; status: string }>('SELECT channel, status FROM deliveries WHERE id = ?', [deliveryId]).catch(() => []))[0];
  const before = await status();
  try {
    await run();
  } finally {
    if (before?.status === 'PENDING') {
      const after = await status();
      if (after) metrics.deliveries.inc({ channel: after.channel, outcome: after.status === 'PENDING' ? 'RETRY' : after.status });
    }
  }
}
