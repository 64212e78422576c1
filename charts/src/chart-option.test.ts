import { describe, expect, it } from 'vitest';
import { chartOption } from './chart-option.js';
import type { ChartDefinition, ChartField } from './visualization.js';

const day: ChartField = { key: 'date_day', label: 'Day', kind: 'DATE', grain: 'DAY' };
const hour: ChartField = { key: 'timestamp_hour', label: 'Hour', kind: 'DATETIME', grain: 'HOUR' };
const platform: ChartField = { key: 'platform', label: 'Platform', kind: 'STRING' };
const country: ChartField = { key: 'country', label: 'Country', kind: 'STRING' };
const events: ChartField = { key: 'events', label: 'Events', kind: 'NUMBER' };
const users: ChartField = { key: 'users', label: 'Users', kind: 'NUMBER' };

const UTC = { timeZone: 'UTC' };
const FONT = { fontFamily: 'Noto Sans, sans-serif' };

const byDay: ChartDefinition = { dimensions: [day], measures: [events, users] };
const dayRows = [
  ['2026-12-03', 5, 2],
  ['2026-12-01', 10, 4],
  ['2026-12-02', '12', 3],
];

describe('chartOption: golden options per type', () => {
  it('LINE over a DATE dimension: sorted by day, one series per measure, a legend', () => {
    expect(chartOption(byDay, { type: 'LINE' }, dayRows, UTC)).toEqual({
      animation: false,
      textStyle: FONT,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 16, right: 24, top: 48, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: ['Dec 1', 'Dec 2', 'Dec 3'], name: 'Day', nameLocation: 'middle', nameGap: 28, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', name: '', nameLocation: 'end' },
      series: [
        { type: 'line', name: 'Events', data: [10, 12, 5], showSymbol: true, connectNulls: false },
        { type: 'line', name: 'Users', data: [4, 3, 2], showSymbol: true, connectNulls: false },
      ],
    });
  });

  it('AREA, stacked, one chosen series: the y axis is named after it, no legend', () => {
    const option = chartOption(byDay, { type: 'AREA', stacked: true, series: ['users'] }, dayRows, UTC)!;
    expect(option.legend).toBeUndefined();
    expect(option.yAxis).toEqual({ type: 'value', name: 'Users', nameLocation: 'end' });
    expect(option.series).toEqual([{ type: 'line', name: 'Users', data: [4, 3, 2], stack: 'total', areaStyle: {}, showSymbol: true, connectNulls: false }]);
  });

  it('BAR over a category: row order kept, boundary gap, axis names from the visualization', () => {
    const def: ChartDefinition = { dimensions: [platform], measures: [events] };
    const rows = [['web', 30], ['ios', 20], ['android', null], ['', 1]];
    expect(chartOption(def, { type: 'BAR', xAxisLabel: 'Where', yAxisLabel: 'How many' }, rows, UTC)).toEqual({
      animation: false,
      textStyle: FONT,
      tooltip: { trigger: 'axis' },
      grid: { left: 16, right: 24, top: 48, bottom: 32, containLabel: true },
      xAxis: { type: 'category', data: ['web', 'ios', 'android', '(empty)'], name: 'Where', nameLocation: 'middle', nameGap: 28, boundaryGap: true, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value', name: 'How many', nameLocation: 'end' },
      series: [{ type: 'bar', name: 'Events', data: [30, 20, null, 1] }],
    });
  });

  it('BAR grouped and stacked by a second dimension: one series per value of it', () => {
    const def: ChartDefinition = { dimensions: [platform, country], measures: [events] };
    const rows = [['web', 'JP', 5], ['web', 'FR', 3], ['ios', 'JP', 2], ['android', 'FR', 7]];
    const grouped = chartOption(def, { type: 'BAR' }, rows, UTC)!;
    expect(grouped.xAxis).toMatchObject({ data: ['web', 'ios', 'android'], name: 'Platform' });
    expect(grouped.yAxis).toMatchObject({ name: 'Events' });
    expect(grouped.series).toEqual([
      { type: 'bar', name: 'JP', data: [5, 2, null] },
      { type: 'bar', name: 'FR', data: [3, null, 7] },
    ]);
    const stacked = chartOption(def, { type: 'BAR', stacked: true }, rows, UTC)!;
    expect(stacked.series).toEqual([
      { type: 'bar', name: 'JP', data: [5, 2, null], stack: 'total' },
      { type: 'bar', name: 'FR', data: [3, null, 7], stack: 'total' },
    ]);
  });

  it('PIE and donut: slices of the first dimension for the first measure, null values left out', () => {
    const def: ChartDefinition = { dimensions: [country], measures: [events, users] };
    const rows = [['日本', 40, 1], ['France', 60, 2], ['Ελλάδα', null, 3]];
    expect(chartOption(def, { type: 'PIE' }, rows, UTC)).toEqual({
      animation: false,
      textStyle: FONT,
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', name: '', radius: '68%', center: ['50%', '55%'], data: [{ name: '日本', value: 40 }, { name: 'France', value: 60 }], label: { formatter: '{b}: {d}%' } }],
    });
    const donut = chartOption(def, { type: 'PIE', donut: true, series: ['users'] }, rows, UTC)!;
    expect(donut.series).toMatchObject([{ radius: ['40%', '68%'], data: [{ name: '日本', value: 1 }, { name: 'France', value: 2 }, { name: 'Ελλάδα', value: 3 }] }]);
  });

  it('NUMBER: the first row\'s value, formatted, labelled with the measure', () => {
    const def: ChartDefinition = { dimensions: [], measures: [events] };
    expect(chartOption(def, { type: 'NUMBER' }, [['1234567.891']], UTC)).toEqual({
      animation: false,
      textStyle: FONT,
      title: [{ text: '1,234,567.89', subtext: 'Events', left: 'center', top: 'middle', textStyle: { fontSize: 48, fontWeight: 'bold' }, subtextStyle: { fontSize: 16 } }],
    });
    expect(chartOption(def, { type: 'NUMBER' }, [[null]], UTC)).toMatchObject({ title: [{ text: '–' }] });
  });

  it('TABLE, and a report without measures, draw no chart', () => {
    expect(chartOption(byDay, { type: 'TABLE' }, dayRows, UTC)).toBeNull();
    expect(chartOption({ dimensions: [platform], measures: [] }, null, [['web']], UTC)).toBeNull();
  });
});

describe('chartOption: definition shapes', () => {
  it('no visualization: the default for the shape (time → LINE, category → BAR, one value → NUMBER)', () => {
    expect(chartOption(byDay, null, dayRows, UTC)!.series).toMatchObject([{ type: 'line' }, { type: 'line' }]);
    expect(chartOption({ dimensions: [platform], measures: [events] }, null, [['web', 1]], UTC)!.series).toMatchObject([{ type: 'bar' }]);
    expect(chartOption({ dimensions: [], measures: [events] }, null, [[7]], UTC)).toMatchObject({ title: [{ text: '7' }] });
  });

  it('measures without a dimension: the measures are the categories (BAR) or the slices (PIE)', () => {
    const def: ChartDefinition = { dimensions: [], measures: [events, users] };
    const bar = chartOption(def, { type: 'BAR' }, [[10, 4]], UTC)!;
    expect(bar.xAxis).toMatchObject({ data: ['Events', 'Users'] });
    expect(bar.series).toEqual([{ type: 'bar', name: '', data: [10, 4] }]);
    const pie = chartOption(def, { type: 'PIE' }, [[10, 4]], UTC)!;
    expect(pie.series).toMatchObject([{ data: [{ name: 'Events', value: 10 }, { name: 'Users', value: 4 }] }]);
  });

  it('a category then a time dimension: LINE puts time on x (sorted) and splits by the category', () => {
    const def: ChartDefinition = { dimensions: [platform, day], measures: [events] };
    const rows = [['web', '2026-12-02', 3], ['ios', '2026-12-01', 1], ['web', '2026-12-01', 2]];
    const option = chartOption(def, { type: 'LINE' }, rows, UTC)!;
    expect(option.xAxis).toMatchObject({ data: ['Dec 1', 'Dec 2'], name: 'Day' });
    expect(option.series).toMatchObject([{ name: 'web', data: [2, 3] }, { name: 'ios', data: [1, null] }]);
  });

  it('a split into more than 12 values keeps the 11 biggest and sums the rest as Other', () => {
    const def: ChartDefinition = { dimensions: [day, country], measures: [events] };
    const rows = Array.from({ length: 15 }, (_, i) => ['2026-12-01', `C${i}`, i + 1]);
    const series = chartOption(def, { type: 'BAR' }, rows, UTC)!.series as { name: string; data: number[] }[];
    expect(series).toHaveLength(12);
    expect(series.map((s) => s.name)).toEqual(['C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12', 'C13', 'C14', 'Other']);
    expect(series[11]!.data).toEqual([1 + 2 + 3 + 4]);
  });

  it('the subtitle states when the chart covers only the first rows', () => {
    const def: ChartDefinition = { dimensions: [platform], measures: [events] };
    const rows = Array.from({ length: 8 }, (_, i) => [`p${i}`, i]);
    const option = chartOption(def, { type: 'BAR', maxPoints: 5 }, rows, { timeZone: 'UTC', totalRows: 1234 })!;
    expect(option.title).toEqual({ text: '', subtext: 'First 5 of 1,234 rows', right: 8 });
    expect((option.xAxis as { data: string[] }).data).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    // Every row covered: no subtitle; a title when asked for one; no rows: said so.
    expect(chartOption(def, { type: 'BAR' }, rows, UTC)!.title).toBeUndefined();
    expect(chartOption(def, { type: 'BAR' }, rows, { timeZone: 'UTC', title: 'Events' })!.title).toEqual({ text: 'Events', right: 8 });
    expect(chartOption(def, { type: 'BAR' }, [], UTC)!.title).toEqual({ text: '', subtext: 'No rows to chart', right: 8 });
  });

  it('hour buckets are labelled in the run\'s zone, whatever form the instant arrives in', () => {
    const def: ChartDefinition = { dimensions: [hour], measures: [events] };
    // 23:00 and 00:00 UTC are 08:00 and 09:00 in Tokyo; ClickHouse text, ISO with offset, epoch ms.
    const rows = [['2026-12-06 23:00:00', 1], ['2026-12-07T09:00:00.000+09:00', 2], [Date.UTC(2026, 11, 7, 1), 3]];
    const tokyo = chartOption(def, { type: 'LINE' }, rows, { timeZone: 'Asia/Tokyo' })!;
    expect((tokyo.xAxis as { data: string[] }).data).toEqual(['08:00', '09:00', '10:00']);
    const utc = chartOption(def, { type: 'LINE' }, rows, UTC)!;
    expect((utc.xAxis as { data: string[] }).data).toEqual(['Dec 6, 23:00', 'Dec 7, 00:00', 'Dec 7, 01:00']);
  });
});
