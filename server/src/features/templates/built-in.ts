/**
 * The built-in report templates (pure data): four report types from the specification (daily
 * summary, weekly performance, monthly summary, custom range), each over each of the three demo
 * tables with the measures that table has. Every time range reads the report's zone, so "yesterday"
 * is the Tokyo yesterday for a report in Asia/Tokyo.
 *
 * Weekly performance is last week against the week before (`timeRange.compare`, reports/compare.ts):
 * per platform, each measure for both weeks and its change in %. A per-day row cannot carry a
 * comparison (each day lies in one week or the other), so the days are in the custom range and
 * monthly templates instead.
 */
import type { MeasureSpec, ReportDefinition } from '../reports/definition.js';
import type { ParameterSpec } from '../reports/parameters/resolve.js';

export interface BuiltInTemplate {
  id: string;
  name: string;
  description: string;
  /** The report type: DAILY_SUMMARY, WEEKLY_PERFORMANCE, MONTHLY_SUMMARY, CUSTOM_RANGE. */
  kind: string;
  definition: ReportDefinition;
}

interface TableMeasures {
  source: string;
  label: string;
  time: string;
  /** A column to break down by and to filter on with a parameter. */
  breakdown: { field: string; param: string; label: string };
  measures: MeasureSpec[];
  /** Words for the measures, for descriptions. */
  measuresText: string;
}

const TABLES: TableMeasures[] = [
  {
    source: 'usage_events', label: 'usage events', time: 'timestamp',
    breakdown: { field: 'platform', param: 'platform', label: 'Platform' },
    measures: [
      { fn: 'COUNT', alias: 'events' },
      { fn: 'UNIQ', field: 'user_id', alias: 'users' },
      { fn: 'UNIQ', field: 'session_id', alias: 'sessions' },
      { fn: 'COUNT_TRUE', field: 'is_error', alias: 'errors' },
    ],
    measuresText: 'events, unique users, sessions and errors',
  },
  {
    source: 'user_sessions', label: 'user sessions', time: 'started_at',
    breakdown: { field: 'platform', param: 'platform', label: 'Platform' },
    measures: [
      { fn: 'COUNT', alias: 'sessions' },
      { fn: 'UNIQ', field: 'user_id', alias: 'users' },
      { fn: 'AVG', field: 'duration_seconds', alias: 'avg_session_seconds' },
      { fn: 'COUNT_TRUE', field: 'is_bounce', alias: 'bounces' },
    ],
    measuresText: 'sessions, unique users, average session length (seconds) and bounces',
  },
  {
    source: 'device_metrics', label: 'device metrics', time: 'timestamp',
    breakdown: { field: 'device_type', param: 'device_type', label: 'Device type' },
    measures: [
      { fn: 'COUNT', alias: 'samples' },
      { fn: 'UNIQ', field: 'device_id', alias: 'devices' },
      { fn: 'AVG', field: 'cpu_percent', alias: 'avg_cpu_percent' },
      { fn: 'AVG', field: 'network_latency_ms', alias: 'avg_latency_ms' },
    ],
    measuresText: 'samples, devices, average CPU and average network latency',
  },
];

/** The optional multiple-choice filter every built-in offers: left empty, every value. */
function breakdownParameter(t: TableMeasures): ParameterSpec {
  return { name: t.breakdown.param, label: t.breakdown.label, type: 'ENUM', multiple: true, optionsColumn: t.breakdown.field };
}
const breakdownFilter = (t: TableMeasures) => ({ field: t.breakdown.field, op: 'IN' as const, param: t.breakdown.param });

function templatesFor(t: TableMeasures): BuiltInTemplate[] {
  const id = (kind: string) => `builtin:${kind}:${t.source}`;
  const common = { source: t.source, measures: t.measures, filters: [breakdownFilter(t)] };
  return [
    {
      id: id('daily-summary'), kind: 'DAILY_SUMMARY', name: `Daily summary of ${t.label}`,
      description: `Yesterday in the report's time zone, hour by hour: ${t.measuresText}. Optionally only some ${t.breakdown.label.toLowerCase()} values.`,
      definition: {
        ...common,
        parameters: [breakdownParameter(t)],
        dimensions: [{ field: t.time, grain: 'HOUR', alias: 'hour' }],
        timeRange: { field: t.time, period: 'YESTERDAY' },
        orderBy: [{ key: 'hour', direction: 'ASC' }],
        rowLimit: 100,
      },
    },
    {
      id: id('weekly-performance'), kind: 'WEEKLY_PERFORMANCE', name: `Weekly performance of ${t.label}`,
      description: `Last week (Monday to Sunday in the report's time zone) against the week before, by ${t.breakdown.label.toLowerCase()}: ${t.measuresText}, each for both weeks with its change in %.`,
      definition: {
        ...common,
        parameters: [breakdownParameter(t)],
        dimensions: [{ field: t.breakdown.field }],
        timeRange: { field: t.time, period: 'PREVIOUS_WEEK', compare: 'PREVIOUS_PERIOD' },
        orderBy: [{ key: t.breakdown.field, direction: 'ASC' }],
        rowLimit: 100,
      },
    },
    {
      id: id('monthly-summary'), kind: 'MONTHLY_SUMMARY', name: `Monthly summary of ${t.label}`,
      description: `The previous calendar month by day and by ${t.breakdown.label.toLowerCase()}: ${t.measuresText}.`,
      definition: {
        ...common,
        parameters: [breakdownParameter(t)],
        dimensions: [{ field: t.time, grain: 'DAY', alias: 'day' }, { field: t.breakdown.field }],
        timeRange: { field: t.time, period: 'PREVIOUS_MONTH' },
        orderBy: [{ key: 'day', direction: 'ASC' }],
        rowLimit: 5000,
      },
    },
    {
      id: id('custom-range'), kind: 'CUSTOM_RANGE', name: `Custom range of ${t.label}`,
      description: `Any range of days you choose (both days included), day by day: ${t.measuresText}.`,
      definition: {
        ...common,
        parameters: [{ name: 'period', label: 'Date range', type: 'DATE_RANGE', required: true }, breakdownParameter(t)],
        dimensions: [{ field: t.time, grain: 'DAY', alias: 'day' }],
        timeRange: { field: t.time, param: 'period' },
        orderBy: [{ key: 'day', direction: 'ASC' }],
        rowLimit: 1000,
      },
    },
  ];
}

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = TABLES.flatMap(templatesFor);

export function builtInTemplate(id: string): BuiltInTemplate | undefined {
  return BUILT_IN_TEMPLATES.find((t) => t.id === id);
}
