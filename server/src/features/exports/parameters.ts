/**
 * The human description of what an export covers, printed in PDF and XLSX files (and the email):
 * the time window in the run's effective zone (named) and what kind of range it is, the
 * filters, the row limit; dates and numbers written for the run's locale (en-US: `2026-11-21 00:00`,
 * `10,000`; de-DE: `21.11.2026, 00:00`, `10.000`). Pure.
 */
import { findColumn, findTable } from '../catalog/catalog.js';
import type { NormalizedDefinition } from '../reports/validate-definition.js';
import type { ExportParameter } from './writers/writer.js';
import { localeFormat } from './writers/locale-format.js';
import { DEFAULT_LOCALE } from './run-locale.js';
import { applyParameterValues, describeParameterValues } from '../reports/parameters/bind.js';

const OPS: Record<string, string> = {
  EQ: '=', NEQ: '≠', GT: '>', GTE: '≥', LT: '<', LTE: '≤', IN: 'is one of', NOT_IN: 'is none of',
  BETWEEN: 'between', CONTAINS: 'contains', IS_NULL: 'is empty', IS_NOT_NULL: 'is not empty',
};

const plural = (n: number, unit: string) => `${n} ${unit.toLowerCase()}${n === 1 ? '' : 's'}`;
const PERIOD_WORDS: Record<string, string> = {
  TODAY: 'today', YESTERDAY: 'yesterday', THIS_WEEK: 'this week', PREVIOUS_WEEK: 'previous week', WEEK_TO_DATE: 'week to date',
  THIS_MONTH: 'this month', PREVIOUS_MONTH: 'previous month', MONTH_TO_DATE: 'month to date',
  THIS_QUARTER: 'this quarter', PREVIOUS_QUARTER: 'previous quarter', QUARTER_TO_DATE: 'quarter to date',
  THIS_YEAR: 'this year', PREVIOUS_YEAR: 'previous year', YEAR_TO_DATE: 'year to date',
};

/** What kind of range it is, in words: `last 7 whole days`, `rolling 24 hours`, `previous week`; '' for fixed dates. */
export function describeRange(def: NormalizedDefinition): string {
  const tr = def.timeRange;
  if (!tr) return '';
  // With a comparison the file also holds each measure over the period before (reports/compare.ts).
  if (tr.compare) return [describeRange({ ...def, timeRange: { ...tr, compare: undefined } }), 'compared with the previous period'].filter(Boolean).join(', ');
  if (tr.last) return `last ${plural(tr.last.n, tr.last.unit)}${tr.last.includeCurrent ? ` and the current ${tr.last.unit.toLowerCase()} so far` : ', whole'}`;
  if (tr.rolling) return `rolling ${plural(tr.rolling.n, tr.rolling.unit)}`;
  if (tr.period) return PERIOD_WORDS[tr.period] ?? tr.period;
  return '';
}

export function describeParameters(
  def: NormalizedDefinition,
  window: { from: Date; to: Date } | null,
  timeZone: string,
  locale: string = DEFAULT_LOCALE,
): ExportParameter[] {
  const fmt = localeFormat(locale);
  const table = findTable(def.source);
  const label = (field: string) => (table && findColumn(table, field)?.label) ?? field;
  const params: ExportParameter[] = [{ label: 'Source', value: table?.label ?? def.source }];
  if (window) {
    const kind = describeRange(def);
    params.push({
      label: 'Time range',
      value: `${fmt.dateTime(window.from.getTime(), timeZone)} → ${fmt.dateTime(window.to.getTime(), timeZone)} ${timeZone}${kind ? ` (${kind})` : ''}`,
    });
  }
  // Filters as the run applied them: a parameter's value in place, an unset optional one left out.
  const applied = applyParameterValues(def);
  for (const f of applied.ok ? applied.definition.filters : def.filters) {
    const operand = f.values ? f.values.join(f.op === 'BETWEEN' ? ' and ' : ', ') : f.value === null ? '' : String(f.value);
    params.push({ label: 'Filter', value: `${label(f.field)} ${OPS[f.op] ?? f.op} ${operand}`.trim() });
  }
  // The run's report parameters as given (the filters above show them applied).
  params.push(...describeParameterValues(def));
  params.push({ label: 'Row limit', value: fmt.number(def.rowLimit) });
  return params;
}
