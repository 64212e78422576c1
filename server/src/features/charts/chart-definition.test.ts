import { describe, expect, it } from 'vitest';
import { chartDefinitionOf } from './chart-definition.js';

const columns = [
  { key: 'timestamp_day', label: 'Day', kind: 'DATE' as const, chType: 'Date' },
  { key: 'platform', label: 'Platform', kind: 'STRING' as const, chType: 'String' },
  { key: 'events', label: 'Events', kind: 'NUMBER' as const, chType: 'UInt64' },
];

describe('chartDefinitionOf', () => {
  it('splits the compiled columns into the dimensions (with their grains) and the measures', () => {
    const definition = { dimensions: [{ field: 'timestamp', grain: 'DAY' as const, alias: 'timestamp_day' }, { field: 'platform', grain: null, alias: 'platform' }], measures: [{ fn: 'COUNT' as const, field: null, alias: 'events' }], raw: false };
    expect(chartDefinitionOf(definition, columns)).toEqual({
      dimensions: [{ key: 'timestamp_day', label: 'Day', kind: 'DATE', grain: 'DAY' }, { key: 'platform', label: 'Platform', kind: 'STRING', grain: null }],
      measures: [{ key: 'events', label: 'Events', kind: 'NUMBER' }],
    });
  });

  it('gives a raw list no measures, so it draws no chart, even with numeric columns', () => {
    const definition = { dimensions: columns.map((c) => ({ field: c.key, grain: null, alias: c.key })), measures: [], raw: true };
    expect(chartDefinitionOf(definition, columns)).toEqual({ dimensions: columns.map(({ key, label, kind }) => ({ key, label, kind })), measures: [] });
  });
});
