/**
 * How a dashboard's parameters reach one report tile (pure). The rule, stated once:
 *
 * - Time range: a dashboard time range REPLACES the tile report's own, on every report tile. The
 *   report keeps its time column (`field`) and its comparison (`compare`: a weekly performance tile
 *   still compares with the period before), so "last 30 days" on the dashboard means the same 30
 *   days in every tile. A report whose range was a DATE_RANGE parameter (`timeRange.param`) no
 *   longer needs that parameter's value: it is made optional for the run. Without a dashboard time
 *   range, each tile reads its report's own.
 * - Parameter values: given to a tile only for the names its report declares (other names are
 *   dropped, never an error: a dashboard mixes reports with different parameters); the report's
 *   defaults fill the rest, and the values are then checked like any preview's.
 */
import type { ReportDefinition, TimeRangeSpec } from '../reports/definition.js';

/** The part of a time range a dashboard sets: which period, never which column or comparison. */
export type DashboardTimeRange = Pick<TimeRangeSpec, 'last' | 'rolling' | 'period' | 'from' | 'to'>;

export function tileDefinition(
  report: ReportDefinition,
  timeRange: DashboardTimeRange | null,
  parameterValues: Record<string, unknown> | null,
): { definition: ReportDefinition; parameterValues: Record<string, unknown> } {
  let definition = report;
  if (timeRange) {
    const replaced = report.timeRange?.param ?? null;
    definition = {
      ...report,
      timeRange: {
        ...(report.timeRange?.field ? { field: report.timeRange.field } : {}),
        ...(report.timeRange?.compare ? { compare: report.timeRange.compare } : {}),
        ...pickRange(timeRange),
      },
      parameters: report.parameters?.map((p) => (p.name === replaced ? { ...p, required: false } : p)) ?? report.parameters,
    };
  }
  const declared = new Set((definition.parameters ?? []).map((p) => p.name));
  const values = Object.fromEntries(Object.entries(parameterValues ?? {}).filter(([name]) => declared.has(name)));
  return { definition, parameterValues: values };
}

/** Only the period fields, whatever else the caller sent. */
export function pickRange(t: DashboardTimeRange): DashboardTimeRange {
  const out: DashboardTimeRange = {};
  if (t.last) out.last = { n: t.last.n, unit: t.last.unit, ...(t.last.includeCurrent != null ? { includeCurrent: t.last.includeCurrent } : {}) };
  if (t.rolling) out.rolling = { n: t.rolling.n, unit: t.rolling.unit };
  if (t.period) out.period = t.period;
  if (t.from) out.from = t.from;
  if (t.to) out.to = t.to;
  return out;
}
