/**
 * The one pure function that turns (definition, visualization, rows) into an ECharts option: the
 * SPA draws it in the browser, the PDF as server-rendered SVG, the email as a PNG of that SVG. No
 * I/O, no DOM, no functions in the option (it is plain data: comparable in tests, serialisable).
 *
 * How rows become a chart
 * - Rows are the report's result in its own order; the chart covers the first `maxPoints` of them
 *   and its subtitle (top right, clear of the y axis name) says so when that is fewer than the
 *   report has (`First 50 of 1,234 rows`).
 * - LINE, AREA, BAR: the x axis is a dimension (for LINE and AREA the time dimension when there is
 *   one), sorted by time when it is a time, else in row order. A second dimension splits the first
 *   series into one series per value (the 11 biggest by their total, the rest summed as `Other`).
 *   Without a second dimension every chosen measure is a series. Without any dimension the
 *   measures themselves are the categories.
 * - PIE: slices of the first dimension (or of the measures when there is none), for the first
 *   chosen measure. NUMBER: the first chosen measure of the first row, large. TABLE: null.
 * - Times are labelled in the run's zone (axis-labels.ts). A bar chart tries to label every bar
 *   (labels that would overlap are hidden); a line's labels are thinned to fit.
 */
import type { EChartsOption } from 'echarts';
import { categoryLabel, measureValue, timeKey, timeLabels } from './axis-labels.js';
import { effectiveVisualization, isTemporal, type ChartDefinition, type ChartField, type Visualization, DEFAULT_MAX_POINTS } from './visualization.js';

export interface ChartOptions {
  /** The run's IANA zone: DATETIME labels are its wall times. */
  timeZone: string;
  /** Rows the report has in all (rows given may be only the first ones); default rows.length. */
  totalRows?: number;
  /** BCP 47 locale for dates and numbers (default en-US). */
  locale?: string;
  /** Family the chart's text is set in; default `Noto Sans, sans-serif`. */
  fontFamily?: string;
  /** A title drawn above the chart; default none (the page around the chart has one). */
  title?: string;
}

/** Series a second dimension splits into at most; the rest are summed into `Other`. */
export const MAX_SPLIT_SERIES = 12;

const DEFAULT_FONT = 'Noto Sans, sans-serif';

export function chartOption(definition: ChartDefinition, visualization: Visualization | null | undefined, rows: unknown[][], options: ChartOptions): EChartsOption | null {
  const vis = effectiveVisualization(definition, visualization);
  if (vis.type === 'TABLE' || definition.measures.length === 0) return null;
  const limit = vis.maxPoints ?? DEFAULT_MAX_POINTS[vis.type];
  const covered = rows.slice(0, limit);
  const total = Math.max(options.totalRows ?? rows.length, rows.length);
  const locale = options.locale ?? 'en-US';
  const count = new Intl.NumberFormat(locale);
  const subtext = rows.length === 0 ? 'No rows to chart' : covered.length < total ? `First ${count.format(covered.length)} of ${count.format(total)} rows` : undefined;
  const base: EChartsOption = {
    animation: false,
    textStyle: { fontFamily: options.fontFamily ?? DEFAULT_FONT },
    ...(options.title !== undefined || subtext !== undefined ? { title: { text: options.title ?? '', ...(subtext !== undefined ? { subtext } : {}), right: 8 } } : {}),
  };
  const measures = chosenMeasures(definition, vis);
  const dims = definition.dimensions;
  const offset = dims.length;
  const measureIndex = (m: ChartField) => offset + definition.measures.indexOf(m);

  if (vis.type === 'NUMBER') {
    const m = measures[0]!;
    const value = covered[0] ? measureValue(covered[0][measureIndex(m)]) : null;
    return {
      ...base,
      title: [
        ...(base.title ? [base.title as object] : []),
        {
          text: value === null ? '–' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value),
          subtext: vis.yAxisLabel ?? m.label,
          left: 'center',
          top: 'middle',
          textStyle: { fontSize: 48, fontWeight: 'bold' },
          subtextStyle: { fontSize: 16 },
        },
      ],
    };
  }

  // Categories and their values: from a dimension, or (no dimension) the measures themselves.
  const x = dims.length === 0 ? null : (vis.type === 'LINE' || vis.type === 'AREA' ? dims.find(isTemporal) : undefined) ?? dims[0]!;
  const split = x && dims.length > 1 ? dims.find((d) => d !== x)! : null;
  const ctx = { timeZone: options.timeZone, locale };

  if (!x) {
    const first = covered[0];
    const values = measures.map((m) => (first ? measureValue(first[measureIndex(m)]) : null));
    const names = measures.map((m) => m.label);
    if (vis.type === 'PIE') return { ...base, ...pie(names, values, vis) };
    return { ...base, ...cartesian(vis, names, [{ name: vis.yAxisLabel ?? '', values }], '', vis.yAxisLabel ?? '') };
  }

  const xi = dims.indexOf(x);
  const categories = categoriesOf(x, covered.map((r) => r[xi]), ctx);
  const slot = (row: unknown[]) => categories.slotOf(row[xi]);

  let series: { name: string; values: (number | null)[] }[];
  if (split) {
    const si = dims.indexOf(split);
    const m = measures[0]!;
    const mi = measureIndex(m);
    const byName = new Map<string, (number | null)[]>();
    const totals = new Map<string, number>();
    for (const row of covered) {
      const name = isTemporal(split) ? categoriesOf(split, [row[si]], ctx).labels[0]! : categoryLabel(split, row[si]);
      const v = measureValue(row[mi]);
      const values = byName.get(name) ?? new Array<number | null>(categories.labels.length).fill(null);
      byName.set(name, values);
      const s = slot(row);
      if (s !== null && v !== null) values[s] = (values[s] ?? 0) + v;
      totals.set(name, (totals.get(name) ?? 0) + Math.abs(v ?? 0));
    }
    let names = [...byName.keys()];
    if (names.length > MAX_SPLIT_SERIES) {
      const kept = new Set([...names].sort((a, b) => totals.get(b)! - totals.get(a)!).slice(0, MAX_SPLIT_SERIES - 1));
      const other = new Array<number | null>(categories.labels.length).fill(null);
      for (const name of names) {
        if (kept.has(name)) continue;
        byName.get(name)!.forEach((v, i) => {
          if (v !== null) other[i] = (other[i] ?? 0) + v;
        });
      }
      names = names.filter((n) => kept.has(n));
      byName.set('Other', other);
      names.push('Other');
    }
    series = names.map((name) => ({ name, values: byName.get(name)! }));
    if (vis.type === 'PIE') {
      // A pie has one ring: the split is summed away.
      const sums = categories.labels.map((_, i) => series.reduce<number | null>((sum, s) => (s.values[i] == null ? sum : (sum ?? 0) + s.values[i]!), null));
      return { ...base, ...pie(categories.labels, sums, vis) };
    }
  } else {
    series = measures.map((m) => {
      const mi = measureIndex(m);
      const values = new Array<number | null>(categories.labels.length).fill(null);
      for (const row of covered) {
        const s = slot(row);
        const v = measureValue(row[mi]);
        if (s !== null && v !== null) values[s] = (values[s] ?? 0) + v;
      }
      return { name: m.label, values };
    });
    if (vis.type === 'PIE') return { ...base, ...pie(categories.labels, series[0]!.values, vis) };
  }
  const yName = vis.yAxisLabel ?? (split || measures.length === 1 ? measures[0]!.label : '');
  return { ...base, ...cartesian(vis, categories.labels, series, vis.xAxisLabel ?? x.label, yName) };
}

function chosenMeasures(definition: ChartDefinition, vis: Visualization): ChartField[] {
  const chosen = (vis.series ?? []).map((key) => definition.measures.find((m) => m.key === key)).filter((m): m is ChartField => !!m);
  return chosen.length ? chosen : definition.measures;
}

interface Categories {
  labels: string[];
  slotOf(value: unknown): number | null;
}

/** Distinct x values: a time sorted by time and labelled in the zone; anything else in row order. */
function categoriesOf(field: ChartField, values: unknown[], ctx: { timeZone: string; locale: string }): Categories {
  if (isTemporal(field)) {
    const keys = [...new Set(values.map((v) => timeKey(field, v)).filter((k): k is number | string => k !== null))];
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const index = new Map(keys.map((k, i) => [k, i]));
    return { labels: timeLabels(field, keys, ctx), slotOf: (v) => index.get(timeKey(field, v) as number | string) ?? null };
  }
  const labels: string[] = [];
  const index = new Map<string, number>();
  for (const v of values) {
    const label = categoryLabel(field, v);
    if (!index.has(label)) {
      index.set(label, labels.length);
      labels.push(label);
    }
  }
  return { labels, slotOf: (v) => index.get(categoryLabel(field, v)) ?? null };
}

function cartesian(vis: Visualization, categories: string[], series: { name: string; values: (number | null)[] }[], xName: string, yName: string): EChartsOption {
  const kind = vis.type === 'BAR' ? 'bar' : 'line';
  const stacked = !!vis.stacked && (vis.type === 'BAR' || vis.type === 'AREA');
  const legend = series.length > 1;
  return {
    tooltip: { trigger: 'axis' },
    ...(legend ? { legend: { type: 'scroll', bottom: 0 } } : {}),
    grid: { left: 16, right: 24, top: 48, bottom: legend ? 56 : 32, containLabel: true },
    xAxis: { type: 'category', data: categories, name: xName, nameLocation: 'middle', nameGap: 28, boundaryGap: kind === 'bar', axisLabel: kind === 'bar' ? { interval: 0, hideOverlap: true } : { hideOverlap: true } },
    yAxis: { type: 'value', name: yName, nameLocation: 'end' },
    series: series.map((s) => ({
      type: kind,
      name: s.name,
      data: s.values,
      ...(stacked ? { stack: 'total' } : {}),
      ...(vis.type === 'AREA' ? { areaStyle: {} } : {}),
      ...(kind === 'line' ? { showSymbol: categories.length <= 60, connectNulls: false } : {}),
    })),
  } as EChartsOption;
}

function pie(names: string[], values: (number | null)[], vis: Visualization): EChartsOption {
  return {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        name: vis.yAxisLabel ?? '',
        radius: vis.donut ? ['40%', '68%'] : '68%',
        center: ['50%', '55%'],
        data: names.flatMap((name, i) => (values[i] == null ? [] : [{ name, value: values[i]! }])),
        label: { formatter: '{b}: {d}%' },
      },
    ],
  } as EChartsOption;
}
