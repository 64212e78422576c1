import { describe, expect, it } from 'vitest';
import { chartRowLimit, defaultVisualization, validateVisualization, type ChartField } from './visualization.js';

const f = (key: string, kind: ChartField['kind']): ChartField => ({ key, label: key, kind });
const day = f('day', 'DATE');
const at = f('at', 'DATETIME');
const platform = f('platform', 'STRING');
const n = f('n', 'NUMBER');
const m = f('m', 'NUMBER');

describe('defaultVisualization', () => {
  it.each([
    ['a time dimension', [day], [n], 'LINE'],
    ['a time dimension after a category', [platform, at], [n], 'LINE'],
    ['one category', [platform], [n, m], 'BAR'],
    ['two categories', [platform, f('country', 'STRING')], [n], 'BAR'],
    ['one value, no dimension', [], [n], 'NUMBER'],
    ['several values, no dimension', [], [n, m], 'BAR'],
    ['no measure (a raw list)', [platform, day], [], 'TABLE'],
    ['three dimensions', [platform, day, f('c', 'STRING')], [n], 'TABLE'],
  ] as const)('%s → %s', (_name, dimensions, measures, type) => {
    expect(defaultVisualization({ dimensions: [...dimensions], measures: [...measures] })).toEqual({ type });
  });
});

describe('chartRowLimit', () => {
  it('is the visualization\'s maxPoints, else the type\'s default, and 0 for a table', () => {
    const def = { dimensions: [platform], measures: [n] };
    expect(chartRowLimit(def, null)).toBe(50);
    expect(chartRowLimit(def, { type: 'LINE' })).toBe(1000);
    expect(chartRowLimit(def, { type: 'PIE', maxPoints: 7 })).toBe(7);
    expect(chartRowLimit(def, { type: 'TABLE', maxPoints: 7 })).toBe(0);
  });
});

describe('validateVisualization', () => {
  it('accepts a sensible visualization', () => {
    expect(validateVisualization({ type: 'BAR', series: ['n'], stacked: true, xAxisLabel: 'Platform', maxPoints: 100 }, ['n', 'm'])).toEqual([]);
  });

  it('names every bad field', () => {
    expect(validateVisualization({ type: 'BAR', series: ['n', 'x', 'n'], xAxisLabel: 'x'.repeat(101), maxPoints: 0 }, ['n'])).toEqual([
      { path: 'series.1', message: "'x' is not a measure of the report (n)" },
      { path: 'series.2', message: "'n' is listed twice" },
      { path: 'xAxisLabel', message: 'must be at most 100 characters' },
      { path: 'maxPoints', message: 'must be a whole number from 1 to 5000' },
    ]);
    expect(validateVisualization({ type: 'PIE', maxPoints: 1.5 })).toEqual([{ path: 'maxPoints', message: 'must be a whole number from 1 to 5000' }]);
    expect(validateVisualization({ type: 'NUMBER', series: ['n'] }, [])).toEqual([{ path: 'series.0', message: "'n' is not a measure of the report (it has none)" }]);
  });
});
