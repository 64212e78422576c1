import { describe, it, expect } from 'vitest';
import { emptyDraft, fromDefinition, opsFor, outputKeys, toDefinition, type TableInfo } from './model';

const table: TableInfo = {
  name: 'usage_events', label: 'Usage events', description: '', defaultTimeColumn: 'timestamp',
  columns: [
    { name: 'timestamp', label: 'Timestamp', kind: 'DATETIME', dimension: true, measure: false, filter: true, time: true },
    { name: 'country', label: 'Country', kind: 'STRING', dimension: true, measure: false, filter: true, time: false },
    { name: 'duration_ms', label: 'Duration', kind: 'NUMBER', dimension: false, measure: true, filter: true, time: false },
    { name: 'is_error', label: 'Is error', kind: 'BOOLEAN', dimension: true, measure: false, filter: true, time: false },
  ],
};

describe('opsFor', () => {
  it('offers only operators valid for the kind', () => {
    expect(opsFor('BOOLEAN')).not.toContain('GT');
    expect(opsFor('BOOLEAN')).not.toContain('CONTAINS');
    expect(opsFor('NUMBER')).not.toContain('CONTAINS');
    expect(opsFor('STRING')).toContain('CONTAINS');
    expect(opsFor('NUMBER')).toContain('BETWEEN');
  });
});

describe('toDefinition', () => {
  it('types filter operands by column kind and keeps row positions', () => {
    const d = emptyDraft('usage_events');
    d.filters = [
      { field: 'duration_ms', op: 'GT', value: '150', values: [] },
      { field: 'is_error', op: 'EQ', value: 'true', values: [] },
      { field: 'country', op: 'IN', value: '', values: ['US', 'DE'] },
      { field: 'duration_ms', op: 'BETWEEN', value: '', values: ['1', ''] },
      { field: 'country', op: 'IS_NULL', value: 'x', values: [] },
    ];
    d.rowLimit = '500';
    const def = toDefinition(d, table);
    expect(def.filters).toEqual([
      { field: 'duration_ms', op: 'GT', value: 150 },
      { field: 'is_error', op: 'EQ', value: true },
      { field: 'country', op: 'IN', values: ['US', 'DE'] },
      { field: 'duration_ms', op: 'BETWEEN', values: [1, ''] },
      { field: 'country', op: 'IS_NULL' },
    ]);
    expect(def.rowLimit).toBe(500);
    expect(def.timeRange).toEqual({ last: { n: 30, unit: 'DAY' } });
  });

  it('round-trips through fromDefinition', () => {
    const d = emptyDraft('usage_events');
    d.dimensions = [{ field: 'timestamp', grain: 'DAY', alias: '' }];
    d.measures = [{ fn: 'SUM', field: 'duration_ms', alias: 'total' }];
    d.orderBy = [{ key: 'total', direction: 'DESC' }];
    d.relative = '7d';
    const back = fromDefinition(toDefinition(d, table) as never);
    expect(back.dimensions).toEqual(d.dimensions);
    expect(back.measures).toEqual(d.measures);
    expect(back.relative).toBe('7d');
    expect(outputKeys(back)).toEqual(['timestamp_day', 'total']);
  });
});

describe('pathLabel', () => {
  it('reads validation paths as field names', async () => {
    const { pathLabel } = await import('./model');
    expect(pathLabel('dimensions.0.field')).toBe('Dimension 1 column');
    expect(pathLabel('filters.1.values.0')).toBe('Filter 2 value 1');
    expect(pathLabel('rowLimit')).toBe('Row limit');
    expect(pathLabel('timeRange.from')).toBe('Time range from');
  });
});
