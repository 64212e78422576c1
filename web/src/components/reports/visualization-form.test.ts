import { describe, expect, it } from 'vitest';
import { CHART_TYPES, validateVisualization } from '@reportcast/charts';
import type { ReportDefinitionInput } from '../../generated/graphql';
import {
  AUTO_FORM, chartDefinitionOf, chartFetchSize, coverageNote, draftChartDefinition, effectiveType, formOf, visualizationInputOf,
  type VisualizationForm,
} from './visualization-form';

const keys = ['total_events', 'unique_users', 'unique_devices'];
const form = (patch: Partial<VisualizationForm>): VisualizationForm => ({ ...AUTO_FORM, ...patch });

describe('visualizationInputOf', () => {
  it('saves Automatic as null (the report follows its definition\'s default)', () => {
    expect(visualizationInputOf(AUTO_FORM, keys)).toBeNull();
    expect(visualizationInputOf(form({ stacked: true, series: ['unique_users'] }), keys)).toBeNull();
  });

  it('keeps only the options the chosen type reads', () => {
    const all = form({ series: ['unique_users'], stacked: true, donut: true, xAxisLabel: 'Day', yAxisLabel: 'Events' });
    expect(visualizationInputOf({ ...all, type: 'LINE' }, keys)).toEqual({ type: 'LINE', series: ['unique_users'], stacked: null, donut: null, xAxisLabel: 'Day', yAxisLabel: 'Events', maxPoints: null });
    expect(visualizationInputOf({ ...all, type: 'AREA' }, keys)).toMatchObject({ stacked: true, donut: null, xAxisLabel: 'Day' });
    expect(visualizationInputOf({ ...all, type: 'BAR' }, keys)).toMatchObject({ stacked: true, donut: null, xAxisLabel: 'Day', yAxisLabel: 'Events' });
    expect(visualizationInputOf({ ...all, type: 'PIE' }, keys)).toEqual({ type: 'PIE', series: ['unique_users'], stacked: null, donut: true, xAxisLabel: null, yAxisLabel: 'Events', maxPoints: null });
    expect(visualizationInputOf({ ...all, type: 'NUMBER' }, keys)).toMatchObject({ stacked: null, donut: null, xAxisLabel: null, yAxisLabel: 'Events' });
    expect(visualizationInputOf({ ...all, type: 'TABLE' }, keys)).toEqual({ type: 'TABLE', series: null, stacked: null, donut: null, xAxisLabel: null, yAxisLabel: null, maxPoints: null });
  });

  it('drops series that are no longer measures (a renamed alias) and repeats; none left means all', () => {
    expect(visualizationInputOf(form({ type: 'BAR', series: ['old_alias', 'unique_users', 'unique_users', 'total_events'] }), keys)!.series).toEqual(['unique_users', 'total_events']);
    expect(visualizationInputOf(form({ type: 'BAR', series: ['old_alias'] }), keys)!.series).toBeNull();
    expect(visualizationInputOf(form({ type: 'BAR', series: ['unique_users'] }), [])!.series).toBeNull();
  });

  it('trims axis names and saves blank ones as null (the labels of the data)', () => {
    const v = visualizationInputOf(form({ type: 'LINE', xAxisLabel: '  Tag  ', yAxisLabel: '   ' }), keys)!;
    expect(v.xAxisLabel).toBe('Tag');
    expect(v.yAxisLabel).toBeNull();
    expect(visualizationInputOf(form({ type: 'LINE', xAxisLabel: '東京 📈' }), keys)!.xAxisLabel).toBe('東京 📈');
  });

  it('keeps a stored maxPoints the builder does not edit', () => {
    expect(visualizationInputOf(formOf({ type: 'BAR', maxPoints: 30 }), keys)!.maxPoints).toBe(30);
  });

  it('produces what the shared validator (and so the server) accepts, for every type', () => {
    for (const type of CHART_TYPES) {
      const v = visualizationInputOf(form({ type, series: ['unique_devices', 'gone'], stacked: true, donut: true, xAxisLabel: 'x', yAxisLabel: 'y' }), keys)!;
      expect(validateVisualization(v, keys), type).toEqual([]);
    }
  });
});

describe('formOf', () => {
  it('reads no visualization as Automatic', () => {
    expect(formOf(null)).toEqual(AUTO_FORM);
    expect(formOf(undefined)).toEqual(AUTO_FORM);
  });

  it('round-trips every saved shape', () => {
    const saved = [
      { type: 'LINE' as const, series: ['unique_users'], stacked: null, donut: null, xAxisLabel: 'Day', yAxisLabel: 'Users', maxPoints: null },
      { type: 'BAR' as const, series: ['total_events', 'unique_users'], stacked: true, donut: null, xAxisLabel: null, yAxisLabel: null, maxPoints: 20 },
      { type: 'PIE' as const, series: ['unique_devices'], stacked: null, donut: true, xAxisLabel: null, yAxisLabel: 'Geräte', maxPoints: null },
      { type: 'NUMBER' as const, series: null, stacked: null, donut: null, xAxisLabel: null, yAxisLabel: 'Events', maxPoints: null },
      { type: 'TABLE' as const, series: null, stacked: null, donut: null, xAxisLabel: null, yAxisLabel: null, maxPoints: null },
    ];
    for (const v of saved) expect(visualizationInputOf(formOf(v), keys)).toEqual(v);
  });
});

const usageSummary: ReportDefinitionInput = {
  source: 'usage_events',
  dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'date' }, { field: 'event_type' }],
  measures: [{ fn: 'COUNT', alias: 'total_events' }, { fn: 'UNIQ', field: 'user_id', alias: 'unique_users' }],
};
const kinds: Record<string, 'STRING' | 'DATETIME' | 'NUMBER'> = { timestamp: 'DATETIME', event_type: 'STRING', country: 'STRING', duration_ms: 'NUMBER' };
const kindOf = (f: string) => kinds[f];

describe('chartDefinitionOf', () => {
  const columns = [
    { name: 'date', label: 'Date', type: 'DATE' as const },
    { name: 'event_type', label: 'Event type', type: 'STRING' as const },
    { name: 'total_events', label: 'Total events', type: 'NUMBER' as const },
    { name: 'unique_users', label: 'Unique users', type: 'NUMBER' as const },
  ];

  it('splits the output columns into dimensions (with their grains) and measures, as the server does', () => {
    expect(chartDefinitionOf(usageSummary, columns)).toEqual({
      dimensions: [{ key: 'date', label: 'Date', kind: 'DATE', grain: 'DAY' }, { key: 'event_type', label: 'Event type', kind: 'STRING', grain: null }],
      measures: [{ key: 'total_events', label: 'Total events', kind: 'NUMBER' }, { key: 'unique_users', label: 'Unique users', kind: 'NUMBER' }],
    });
  });

  it('gives a raw list or a definition without measures nothing to chart', () => {
    expect(chartDefinitionOf({ ...usageSummary, raw: true, measures: [] }, columns).measures).toEqual([]);
    expect(chartDefinitionOf({ ...usageSummary, measures: [] }, columns.slice(0, 2)).measures).toEqual([]);
  });
});

describe('the chart before rows arrive', () => {
  it('picks the default type from the definition (time → line, category → bar, one value → number)', () => {
    expect(effectiveType(AUTO_FORM, draftChartDefinition(usageSummary, kindOf))).toBe('LINE');
    expect(effectiveType(AUTO_FORM, draftChartDefinition({ ...usageSummary, dimensions: [{ field: 'country' }] }, kindOf))).toBe('BAR');
    expect(effectiveType(AUTO_FORM, draftChartDefinition({ ...usageSummary, dimensions: [{ field: 'timestamp' }] }, kindOf))).toBe('LINE');
    expect(effectiveType(AUTO_FORM, draftChartDefinition({ ...usageSummary, dimensions: [], measures: [{ fn: 'COUNT' }] }, kindOf))).toBe('NUMBER');
    expect(effectiveType(AUTO_FORM, draftChartDefinition({ ...usageSummary, measures: [] }, kindOf))).toBe('TABLE');
    expect(effectiveType(form({ type: 'PIE' }), draftChartDefinition(usageSummary, kindOf))).toBe('PIE');
  });

  it('fetches as many rows as the chart covers, at most one preview page, none for a table', () => {
    const def = draftChartDefinition(usageSummary, kindOf);
    expect(chartFetchSize(AUTO_FORM, def)).toBe(500); // LINE covers 1,000; one preview page holds 500
    expect(chartFetchSize(form({ type: 'BAR' }), def)).toBe(50);
    expect(chartFetchSize(form({ type: 'PIE' }), def)).toBe(12);
    expect(chartFetchSize(form({ type: 'NUMBER' }), def)).toBe(1);
    expect(chartFetchSize(form({ type: 'TABLE' }), def)).toBe(0);
    expect(chartFetchSize(form({ type: 'LINE', maxPoints: 30 }), def)).toBe(30);
    expect(chartFetchSize(AUTO_FORM, draftChartDefinition({ ...usageSummary, raw: true, measures: [] }, kindOf))).toBe(0);
  });
});

describe('coverageNote', () => {
  const fmt = (n: number) => n.toLocaleString('en-US');
  it('says when the chart covers fewer rows than the report has, and only then', () => {
    expect(coverageNote('BAR', null, 50, 1234, fmt)).toBe('The chart shows the first 50 of 1,234 rows.');
    expect(coverageNote('LINE', null, 500, 1000, fmt)).toBe('The chart shows the first 500 of 1,000 rows.');
    expect(coverageNote('PIE', 5, 12, 12, fmt)).toBe('The chart shows the first 5 of 12 rows.');
    expect(coverageNote('LINE', null, 28, 28, fmt)).toBeNull();
    expect(coverageNote('NUMBER', null, 1, 1, fmt)).toBeNull();
    expect(coverageNote('NUMBER', null, 1, 7, fmt)).toBe('The number is the first of 7 rows.');
    expect(coverageNote('TABLE', null, 0, 7, fmt)).toBeNull();
  });
});
