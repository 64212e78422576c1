/**
 * The human description of what an export covers, printed in PDF and XLSX files: the time window
 * in the reader's zone, the filters, the row limit. Pure.
 */
import { findColumn, findTable } from '../catalog/catalog.js';
import type { NormalizedDefinition } from '../reports/validate-definition.js';
import type { ExportParameter } from './writers/writer.js';

const OPS: Record<string, string> = {
  EQ: '=', NEQ: '≠', GT: '>', GTE: '≥', LT: '<', LTE: '≤', IN: 'is one of', NOT_IN: 'is none of',
  BETWEEN: 'between', CONTAINS: 'contains', IS_NULL: 'is empty', IS_NOT_NULL: 'is not empty',
};

export function formatInZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function describeParameters(
  def: NormalizedDefinition,
  window: { from: Date; to: Date } | null,
  timeZone: string,
): ExportParameter[] {
  const table = findTable(def.source);
  const label = (field: string) => (table && findColumn(table, field)?.label) ?? field;
  const params: ExportParameter[] = [{ label: 'Source', value: table?.label ?? def.source }];
  if (window) {
    const relative = def.timeRange?.last ? ` (last ${def.timeRange.last.n} ${def.timeRange.last.unit.toLowerCase()}${def.timeRange.last.n === 1 ? '' : 's'})` : '';
    params.push({
      label: 'Time range',
      value: `${formatInZone(window.from, timeZone)} → ${formatInZone(window.to, timeZone)} ${timeZone}${relative}`,
    });
  }
  for (const f of def.filters) {
    const operand = f.values ? f.values.join(f.op === 'BETWEEN' ? ' and ' : ', ') : f.value === null ? '' : String(f.value);
    params.push({ label: 'Filter', value: `${label(f.field)} ${OPS[f.op] ?? f.op} ${operand}`.trim() });
  }
  params.push({ label: 'Row limit', value: def.rowLimit.toLocaleString('en') });
  return params;
}
