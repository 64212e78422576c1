import { describe, expect, it } from 'vitest';
import { alertMessage, checkAlertCondition, evaluateCondition, type AlertCondition, type ConditionResult } from './alert-condition.js';

const columns = [{ key: 'platform', kind: 'STRING' }, { key: 'events', kind: 'NUMBER' }];
const at = new Date('2026-12-07T09:00:00Z');
const cond = (c: Partial<AlertCondition>): AlertCondition => ({ kind: 'SOME_ROWS', column: null, comparison: null, threshold: null, changePercent: null, notifyOnce: false, ...c });

describe('checkAlertCondition', () => {
  it('names the field at fault', () => {
    expect(checkAlertCondition({ kind: 'FIRST_ROW', column: 'nope', comparison: 'ABOVE', threshold: 1 }, columns, 'input.alertCondition').problems)
      .toEqual([{ path: 'input.alertCondition.column', message: 'unknown column "nope"; the report\'s columns are platform, events' }]);
    expect(checkAlertCondition({ kind: 'ANY_ROW', column: 'platform', comparison: 'BELOW', threshold: 1 }, columns, 'p').problems[0]!.message).toMatch(/not numeric/);
    expect(checkAlertCondition({ kind: 'FIRST_ROW', column: 'events' }, columns, 'p').problems.map((p) => p.path)).toEqual(['p.comparison', 'p.threshold']);
    expect(checkAlertCondition({ kind: 'CHANGE', column: 'events', changePercent: -1 }, columns, 'p').problems.map((p) => p.path)).toEqual(['p.changePercent']);
    expect(checkAlertCondition({ kind: 'NO_ROWS', threshold: 3 }, columns, 'p').problems.map((p) => p.path)).toEqual(['p.threshold']);
  });
  it('keeps a good one', () => {
    expect(checkAlertCondition({ kind: 'CHANGE', column: 'events', changePercent: 20, notifyOnce: true }, columns, 'p'))
      .toEqual({ problems: [], condition: { kind: 'CHANGE', column: 'events', comparison: null, threshold: null, changePercent: 20, notifyOnce: true } });
  });
});

describe('evaluateCondition', () => {
  const measure = { column: 'events', first: 50, max: 80, min: 10 };
  it('judges row counts and thresholds (strictly)', () => {
    expect(evaluateCondition(cond({ kind: 'NO_ROWS' }), 0, null, null, at).met).toBe(true);
    expect(evaluateCondition(cond({ kind: 'SOME_ROWS' }), 0, null, null, at).met).toBe(false);
    expect(evaluateCondition(cond({ kind: 'FIRST_ROW', column: 'events', comparison: 'ABOVE', threshold: 50 }), 3, measure, null, at)).toMatchObject({ met: false, observed: 50 });
    expect(evaluateCondition(cond({ kind: 'ANY_ROW', column: 'events', comparison: 'ABOVE', threshold: 79 }), 3, measure, null, at)).toMatchObject({ met: true, observed: 80 });
    expect(evaluateCondition(cond({ kind: 'ANY_ROW', column: 'events', comparison: 'BELOW', threshold: 10 }), 3, measure, null, at)).toMatchObject({ met: false, observed: 10 });
    expect(evaluateCondition(cond({ kind: 'FIRST_ROW', column: 'events', comparison: 'BELOW', threshold: 1 }), 0, { column: 'events', first: null, max: null, min: null }, null, at)).toMatchObject({ met: false, observed: null });
  });
  it('CHANGE compares with the previous value, in either or one direction', () => {
    const prev = (observed: number | null, met = false) => ({ kind: 'CHANGE', observed, met } as ConditionResult);
    const change = cond({ kind: 'CHANGE', column: 'events', changePercent: 20 });
    expect(evaluateCondition(change, 1, measure, null, at)).toMatchObject({ met: false, previous: null });
    expect(evaluateCondition(change, 1, measure, prev(40), at)).toMatchObject({ met: true, previous: 40, changePercent: 25 });
    expect(evaluateCondition(change, 1, measure, prev(60), at)).toMatchObject({ met: false, previous: 60 });
    expect(evaluateCondition({ ...change, comparison: 'BELOW' }, 1, measure, prev(40), at).met).toBe(false);
    expect(evaluateCondition(change, 1, measure, prev(0), at)).toMatchObject({ met: true, changePercent: null });
  });
  it('notifyOnce: disarmed after a met run, re-armed by one that is not', () => {
    const once = cond({ kind: 'SOME_ROWS', notifyOnce: true });
    const first = evaluateCondition(once, 3, null, null, at);
    expect(first).toMatchObject({ met: true, armed: true, notified: true });
    const second = evaluateCondition(once, 3, null, first, at);
    expect(second).toMatchObject({ met: true, armed: false, notified: false });
    const cleared = evaluateCondition(once, 0, null, second, at);
    expect(cleared).toMatchObject({ met: false, armed: false, notified: false });
    expect(evaluateCondition(once, 2, null, cleared, at)).toMatchObject({ met: true, armed: true, notified: true });
    expect(evaluateCondition(cond({ kind: 'SOME_ROWS' }), 3, null, first, at).notified).toBe(true);
  });
});

describe('alertMessage', () => {
  const met = evaluateCondition(cond({ kind: 'SOME_ROWS' }), 3, null, null, at);
  it('puts the verdict above the schedule\'s message, only for a run the alert sent', () => {
    expect(alertMessage(met, null)).toBe('Alert: 3 rows (condition: some rows): met.');
    expect(alertMessage(met, 'See {report}')).toBe('Alert: 3 rows (condition: some rows): met.\n\nSee {report}');
    expect(alertMessage(null, 'See {report}')).toBe('See {report}');
    expect(alertMessage(evaluateCondition(cond({ kind: 'SOME_ROWS' }), 0, null, null, at), null)).toBeNull();
  });
});
