import { describe, expect, it } from 'vitest';
import { filledValues, parameterErrors } from './ParameterValuesForm';
import { fromDefinition, toDefinition } from '../reports/model';

describe('parameter values in the SPA', () => {
  it('sends only what was filled in, so defaults apply to the rest', () => {
    expect(filledValues({})).toBeNull();
    expect(filledValues({ a: '', b: [], c: { from: '', to: '' }, d: null })).toBeNull();
    expect(filledValues({ a: 'x', b: ['ios'], c: { from: '2026-12-01', to: '2026-12-07' }, n: 0 }))
      .toEqual({ a: 'x', b: ['ios'], c: { from: '2026-12-01', to: '2026-12-07' }, n: 0 });
  });

  it('finds each parameter\'s first problem under the argument path', () => {
    const error = { errors: [{ extensions: { errors: [
      { path: 'input.parameterValues.period.to', message: 'must not be before from' },
      { path: 'input.parameterValues.period', message: 'second' },
      { path: 'input.parameterValues.platform', message: 'must be a list' },
      { path: 'input.definition.source', message: 'elsewhere' },
    ] } }] };
    expect(parameterErrors(error, 'input.parameterValues')).toEqual({ period: 'must not be before from', platform: 'must be a list' });
    expect(parameterErrors(null, 'input.parameterValues')).toEqual({});
  });

  it('a report with parameters keeps them, its parameter filters and its parameter range through the builder', () => {
    const saved = {
      source: 'usage_events', timeZone: 'Asia/Tokyo', locale: null, weekStart: null, raw: null, rowLimit: 1000,
      dimensions: [{ field: 'timestamp', grain: 'DAY' as const, alias: 'day' }],
      measures: [{ fn: 'COUNT_TRUE' as const, field: 'is_error', alias: 'errors' }],
      filters: [{ field: 'platform', op: 'IN' as const, value: null, values: null, param: 'platform' }],
      orderBy: [],
      timeRange: { field: 'timestamp', from: null, to: null, period: null, param: 'period', compare: 'PREVIOUS_PERIOD' as const, last: null, rolling: null },
      parameters: [
        { name: 'period', label: 'Date range', type: 'DATE_RANGE' as const, multiple: false, required: true, default: { from: '2026-12-01', to: '2026-12-07' }, options: null, optionsColumn: null },
        { name: 'platform', label: 'Platform', type: 'ENUM' as const, multiple: true, required: false, default: null, options: null, optionsColumn: 'platform' },
      ],
    };
    const def = toDefinition(fromDefinition(saved as never), undefined);
    expect(def.filters).toEqual([{ field: 'platform', op: 'IN', param: 'platform' }]);
    expect(def.timeRange).toEqual({ field: 'timestamp', param: 'period', compare: 'PREVIOUS_PERIOD' });
    expect(def.parameters).toEqual(saved.parameters);
    expect(def.measures).toEqual([{ fn: 'COUNT_TRUE', field: 'is_error', alias: 'errors' }]);
  });
});
