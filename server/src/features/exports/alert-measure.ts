/**
 * The measure an alerting schedule's condition reads (schedules/alert-condition.ts), taken by the
 * export run over the same compiled, parameter-bound query as the file: the first row's value (the
 * report's total order) and the max and min over the rows the file holds. Two small queries over
 * the compiled SQL as a subquery; no user text enters the SQL (the column is one of the compiled
 * query's own output keys, quoted).
 */
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import { quoteIdent } from '../catalog/sql-identifier.js';
import type { CompiledQuery } from '../reports/compile-query.js';
import type { AlertMeasure } from '../schedules/alert-condition.js';

const asNumber = (v: unknown): number | null => {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export function alertMeasureQueries(compiled: CompiledQuery, column: string): { first: string; range: string } | null {
  const col = compiled.columns.find((c) => c.key === column);
  if (!col || col.kind !== 'NUMBER') return null;
  const value = `toFloat64(${quoteIdent(col.key)})`;
  return {
    first: `SELECT ${value} AS v FROM (\n${compiled.sql}\n) LIMIT 1`,
    range: `SELECT max(${value}) AS hi, min(${value}) AS lo FROM (\n${compiled.sql}\n)`,
  };
}

/** null: the column is not a numeric output column of the query (the condition then sees no value). */
export async function measureColumn(analytics: AnalyticsStore, compiled: CompiledQuery, column: string, signal: AbortSignal): Promise<AlertMeasure | null> {
  const queries = alertMeasureQueries(compiled, column);
  if (!queries) return null;
  const first = await analytics.query(queries.first, compiled.params, { signal });
  const range = await analytics.query(queries.range, compiled.params, { signal });
  const row = range.rows[0] as unknown[] | undefined;
  return { column, first: asNumber((first.rows[0] as unknown[] | undefined)?.[0]), max: first.rows.length ? asNumber(row?.[0]) : null, min: first.rows.length ? asNumber(row?.[1]) : null };
}
