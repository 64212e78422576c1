import { describe, it, expect } from 'vitest';
import { emptyDraft, fromDefinition, opsFor, outputKeys, toDefinition, wallInput, type TableInfo } from './model';

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
    expect(def.timeZone).toBe('UTC');
    expect(def.weekStart).toBeUndefined();
    expect(def.raw).toBeUndefined();
  });

  it('sends date-time filter values as wall times of the report (no conversion through the browser zone)', () => {
    const d = emptyDraft('usage_events', 'America/Los_Angeles');
    d.filters = [{ field: 'timestamp', op: 'GTE', value: '2026-12-01T09:00', values: [] }];
    const def = toDefinition(d, table);
    expect(def.filters).toEqual([{ field: 'timestamp', op: 'GTE', value: '2026-12-01T09:00' }]);
    expect(def.timeZone).toBe('America/Los_Angeles');
  });

  it('asks for raw rows only without measures, and the week start only when it is not Monday', () => {
    const d = emptyDraft('usage_events', 'Asia/Tokyo');
    d.dimensions = [{ field: 'country', grain: '', alias: '' }];
    d.raw = true;
    d.weekStart = 'SUNDAY';
    expect(toDefinition(d, table)).toMatchObject({ raw: true, weekStart: 'SUNDAY', timeZone: 'Asia/Tokyo' });
    d.measures = [{ fn: 'COUNT', field: '', alias: '' }];
    expect(toDefinition(d, table).raw).toBeUndefined();
  });

  it('names a locale only when one is chosen, and reads it back', () => {
    const d = emptyDraft('usage_events');
    d.measures = [{ fn: 'COUNT', field: '', alias: '' }];
    expect(toDefinition(d, table).locale).toBeUndefined();
    d.locale = ' de-DE ';
    const def = toDefinition(d, table);
    expect(def.locale).toBe('de-DE');
    expect(fromDefinition({ ...def, locale: 'de-DE' } as Parameters<typeof fromDefinition>[0]).locale).toBe('de-DE');
    expect(fromDefinition({ source: 'usage_events' } as Parameters<typeof fromDefinition>[0]).locale).toBe('');
  });

  it('round-trips through fromDefinition', () => {
    const d = emptyDraft('usage_events');
    d.dimensions = [{ field: 'timestamp', grain: 'DAY', alias: '' }];
    d.measures = [{ fn: 'SUM', field: 'duration_ms', alias: 'total' }];
    d.orderBy = [{ key: 'total', direction: 'DESC' }];
    d.range = { ...d.range, kind: 'period', period: 'PREVIOUS_QUARTER' };
    d.timeZone = 'Australia/Lord_Howe';
    d.weekStart = 'SUNDAY';
    const back = fromDefinition(toDefinition(d, table) as never);
    expect(back.dimensions).toEqual(d.dimensions);
    expect(back.measures).toEqual(d.measures);
    expect(back.range).toEqual(d.range);
    expect(back.timeZone).toBe('Australia/Lord_Howe');
    expect(back.weekStart).toBe('SUNDAY');
    expect(outputKeys(back)).toEqual(['timestamp_day', 'total']);
  });

  it('reads a report saved before zones as UTC', () => {
    const back = fromDefinition({ source: 'usage_events', timeRange: { from: '2026-12-01', to: '2026-12-08' } } as never);
    expect(back.timeZone).toBe('UTC');
    expect(back.range).toMatchObject({ kind: 'between', withTimes: false, from: '2026-12-01', to: '2026-12-07' });
  });
});

describe('wallInput', () => {
  it('places saved instants in the report zone and keeps wall times and dates as written', () => {
    expect(wallInput('2026-12-01T17:00:00.000Z', 'America/Los_Angeles')).toBe('2026-12-01T09:00');
    expect(wallInput('2026-12-01T09:30:00.000', 'Asia/Tokyo')).toBe('2026-12-01T09:30:00.000');
    expect(wallInput('2026-12-01', 'Asia/Tokyo')).toBe('2026-12-01');
  });
});
