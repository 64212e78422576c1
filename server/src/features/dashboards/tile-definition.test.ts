import { describe, expect, it } from 'vitest';
import type { ReportDefinition } from '../reports/definition.js';
import { tileDefinition } from './tile-definition.js';

const weekly: ReportDefinition = {
  source: 'usage_events',
  measures: [{ fn: 'COUNT', alias: 'events' }],
  parameters: [{ name: 'platform', type: 'ENUM', multiple: true, optionsColumn: 'platform' }, { name: 'period', type: 'DATE_RANGE', required: true }],
  timeRange: { field: 'timestamp', param: 'period', compare: 'PREVIOUS_PERIOD' },
};

describe('tileDefinition', () => {
  it('leaves the report alone without a dashboard range, and passes only the values it declares', () => {
    const out = tileDefinition(weekly, null, { platform: ['web'], region: 'eu' });
    expect(out.definition).toBe(weekly);
    expect(out.parameterValues).toEqual({ platform: ['web'] });
  });

  it('replaces the period, keeps the column and the comparison, and frees the range parameter', () => {
    const out = tileDefinition(weekly, { last: { n: 30, unit: 'DAY' } }, null);
    expect(out.definition.timeRange).toEqual({ field: 'timestamp', compare: 'PREVIOUS_PERIOD', last: { n: 30, unit: 'DAY' } });
    expect(out.definition.parameters!.find((p) => p.name === 'period')!.required).toBe(false);
    expect(out.definition.parameters!.find((p) => p.name === 'platform')).toEqual(weekly.parameters![0]);
    expect(out.parameterValues).toEqual({});
  });

  it('gives a report without a time range the dashboard one over its default column, and drops stray fields', () => {
    const out = tileDefinition({ source: 'user_sessions' }, { period: 'PREVIOUS_WEEK', field: 'x', param: 'y' } as never, null);
    expect(out.definition.timeRange).toEqual({ period: 'PREVIOUS_WEEK' });
  });
});
