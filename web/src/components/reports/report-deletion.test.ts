import { describe, expect, it } from 'vitest';
import { CombinedGraphQLErrors } from '@apollo/client';
import { cascadeQuestion, schedulesInTheWay } from './report-deletion';

const refusal = (extensions: Record<string, unknown>) => new CombinedGraphQLErrors({ errors: [{ message: 'The report has schedules', extensions }] });

describe('schedulesInTheWay', () => {
  it('reads the schedules out of the refusal of deleteReport', () => {
    const schedules = [{ id: 's1', name: 'Daily digest' }, { id: 's2', name: 'Weekly 週報' }];
    expect(schedulesInTheWay(refusal({ code: 'BAD_USER_INPUT', field: 'force', schedules }))).toEqual(schedules);
  });

  it('is null for any other error', () => {
    expect(schedulesInTheWay(refusal({ code: 'FORBIDDEN' }))).toBeNull();
    expect(schedulesInTheWay(refusal({ code: 'BAD_USER_INPUT', field: 'input.name', errors: [] }))).toBeNull();
    expect(schedulesInTheWay(new Error('network'))).toBeNull();
    expect(schedulesInTheWay(null)).toBeNull();
  });
});

describe('cascadeQuestion', () => {
  it('names every schedule that would go, in the singular and the plural', () => {
    const one = cascadeQuestion('Usage Summary', [{ id: 's1', name: 'Weekly usage summary' }]);
    expect(one).toContain('exported by 1 schedule.');
    expect(one).toContain('• Weekly usage summary');
    expect(one).toMatch(/Delete the report and this schedule\?$/);
    const two = cascadeQuestion('Платформы', [{ id: 'a', name: 'تقرير يومي' }, { id: 'b', name: 'Daily 📈' }]);
    expect(two).toContain('“Платформы” is exported by 2 schedules');
    expect(two).toContain('• تقرير يومي\n• Daily 📈');
    expect(two).toMatch(/Delete the report and these 2 schedules\?$/);
  });
});
