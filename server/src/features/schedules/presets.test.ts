import { describe, expect, it } from 'vitest';
import { ScheduleInputError, nextRuns, validateCron } from './planner.js';
import { PRESETS, cronToPreset, describeCron, presetToCron, type PresetInput } from './presets.js';

function inputError(fn: () => unknown): ScheduleInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScheduleInputError);
    return error as ScheduleInputError;
  }
  throw new Error('expected a ScheduleInputError');
}

describe('presetToCron', () => {
  it('builds the documented shapes', () => {
    expect(presetToCron({ preset: 'HOURLY', minute: 15 })).toBe('15 * * * *');
    expect(presetToCron({ preset: 'HOURLY' })).toBe('0 * * * *');
    expect(presetToCron({ preset: 'DAILY', hour: 7, minute: 30 })).toBe('30 7 * * *');
    expect(presetToCron({ preset: 'WEEKDAYS', hour: 8 })).toBe('0 8 * * 1-5');
    expect(presetToCron({ preset: 'WEEKLY', hour: 9, dayOfWeek: 1 })).toBe('0 9 * * 1');
    expect(presetToCron({ preset: 'WEEKLY', hour: 18, minute: 45, dayOfWeek: 0 })).toBe('45 18 * * 0');
    expect(presetToCron({ preset: 'MONTHLY', hour: 6, dayOfMonth: 1 })).toBe('0 6 1 * *');
    expect(presetToCron({ preset: 'MONTHLY', hour: 23, minute: 59, dayOfMonth: 28 })).toBe('59 23 28 * *');
  });

  it('ignores fields the preset does not use', () => {
    expect(presetToCron({ preset: 'HOURLY', minute: 5, hour: 9, dayOfWeek: 3, dayOfMonth: 2 })).toBe('5 * * * *');
    expect(presetToCron({ preset: 'DAILY', hour: 9, dayOfWeek: 3 })).toBe('0 9 * * *');
  });

  it('every preset gives a valid cron', () => {
    const inputs: PresetInput[] = [
      { preset: 'HOURLY', minute: 59 },
      { preset: 'DAILY', hour: 0, minute: 0 },
      { preset: 'WEEKDAYS', hour: 23, minute: 59 },
      { preset: 'WEEKLY', hour: 12, dayOfWeek: 6 },
      { preset: 'MONTHLY', hour: 12, dayOfMonth: 28 },
    ];
    expect(inputs.map((i) => i.preset)).toEqual([...PRESETS]);
    for (const input of inputs) {
      const cron = presetToCron(input);
      expect(validateCron(cron)).toBe(cron);
      expect(cronToPreset(cron)).toEqual({ minute: 0, ...input, ...unusedRemoved(input) });
    }
  });

  it('validates ranges, with the field path', () => {
    const cases: Array<[PresetInput, string, string]> = [
      [{ preset: 'HOURLY', minute: 60 }, 'preset.minute', 'minute must be an integer from 0 to 59, got 60'],
      [{ preset: 'HOURLY', minute: -1 }, 'preset.minute', 'minute must be an integer from 0 to 59, got -1'],
      [{ preset: 'DAILY', hour: 24 }, 'preset.hour', 'hour must be an integer from 0 to 23, got 24'],
      [{ preset: 'DAILY', hour: 7.5 }, 'preset.hour', 'hour must be an integer from 0 to 23, got 7.5'],
      [{ preset: 'DAILY' }, 'preset.hour', 'hour is required for DAILY'],
      [{ preset: 'WEEKLY', hour: 9 }, 'preset.dayOfWeek', 'dayOfWeek is required for WEEKLY'],
      [{ preset: 'WEEKLY', hour: 9, dayOfWeek: 7 }, 'preset.dayOfWeek', 'dayOfWeek must be an integer from 0 to 6, got 7'],
      [{ preset: 'MONTHLY', hour: 9 }, 'preset.dayOfMonth', 'dayOfMonth is required for MONTHLY'],
      [{ preset: 'MONTHLY', hour: 9, dayOfMonth: 0 }, 'preset.dayOfMonth', 'dayOfMonth must be an integer from 1 to 28, got 0'],
      [{ preset: 'MONTHLY', hour: 9, dayOfMonth: 31 }, 'preset.dayOfMonth', 'dayOfMonth must be an integer from 1 to 28, got 31'],
    ];
    for (const [input, path, message] of cases) {
      expect(inputError(() => presetToCron(input))).toMatchObject({ path, message });
    }
    expect(inputError(() => presetToCron({ preset: 'YEARLY' as never, hour: 1 }))).toMatchObject({
      path: 'preset.preset',
      message: 'preset must be one of HOURLY, DAILY, WEEKDAYS, WEEKLY, MONTHLY, got YEARLY',
    });
    expect(inputError(() => presetToCron({ preset: 'DAILY', hour: 99 }, 'input.preset')).path).toBe('input.preset.hour');
    expect(inputError(() => presetToCron({ preset: 'DAILY', hour: 99 }, '')).path).toBe('hour');
  });

  it('a weekly preset is a wall time in the zone (09:00 New York across DST)', () => {
    const cron = presetToCron({ preset: 'WEEKLY', hour: 9, dayOfWeek: 1 });
    expect(nextRuns(cron, 'America/New_York', new Date('2026-03-01T00:00:00Z'), 2).map((d) => d.toISOString())).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
    ]);
  });
});

function unusedRemoved(input: PresetInput): Partial<PresetInput> {
  const { preset } = input;
  return {
    ...(preset === 'HOURLY' ? { hour: undefined } : {}),
    ...(preset !== 'WEEKLY' ? { dayOfWeek: undefined } : {}),
    ...(preset !== 'MONTHLY' ? { dayOfMonth: undefined } : {}),
  };
}

describe('cronToPreset', () => {
  it('recognises the preset shapes', () => {
    expect(cronToPreset('0 9 * * 1')).toEqual({ preset: 'WEEKLY', minute: 0, hour: 9, dayOfWeek: 1 });
    expect(cronToPreset('0 9 * * MON')).toEqual({ preset: 'WEEKLY', minute: 0, hour: 9, dayOfWeek: 1 });
    expect(cronToPreset('0 9 * * 7')).toEqual({ preset: 'WEEKLY', minute: 0, hour: 9, dayOfWeek: 0 });
    expect(cronToPreset('30 7 * * *')).toEqual({ preset: 'DAILY', minute: 30, hour: 7 });
    expect(cronToPreset('@daily')).toEqual({ preset: 'DAILY', minute: 0, hour: 0 });
    expect(cronToPreset('15 * * * *')).toEqual({ preset: 'HOURLY', minute: 15 });
    expect(cronToPreset('0 8 * * 1-5')).toEqual({ preset: 'WEEKDAYS', minute: 0, hour: 8 });
    expect(cronToPreset('0 6 1 * *')).toEqual({ preset: 'MONTHLY', minute: 0, hour: 6, dayOfMonth: 1 });
  });

  it('is null for anything else', () => {
    for (const cron of ['0 6 31 * *', '0 9 * * 1,3', '*/5 * * * *', '0 9 * 1 *', '0 9 1 * 1', 'nonsense', '0 6 L * *']) {
      expect(cronToPreset(cron)).toBeNull();
    }
  });
});

describe('describeCron', () => {
  it('describes the common shapes', () => {
    expect(describeCron('0 9 * * 1')).toBe('Every Monday at 09:00');
    expect(describeCron('0 9 * * MON')).toBe('Every Monday at 09:00');
    expect(describeCron('30 7 * * *')).toBe('Every day at 07:30');
    expect(describeCron('0 8 * * 1-5')).toBe('Weekdays at 08:00');
    expect(describeCron('15 * * * *')).toBe('Every hour at :15');
    expect(describeCron('0 6 1 * *')).toBe('Day 1 of every month at 06:00');
    expect(describeCron('0 6 L * *')).toBe('Last day of every month at 06:00');
    expect(describeCron('0 10 * * 0,6')).toBe('Weekends at 10:00');
    expect(describeCron('0 9 * * 5,1,3')).toBe('Every Monday, Wednesday and Friday at 09:00');
    expect(describeCron('0 9 * * 0')).toBe('Every Sunday at 09:00');
    expect(describeCron('0 9 * * 7')).toBe('Every Sunday at 09:00');
    expect(describeCron('* * * * *')).toBe('Every minute');
    expect(describeCron('*/10 * * * *')).toBe('Every 10 minutes');
    expect(describeCron('0 */6 * * *')).toBe('Every 6 hours at :00');
    expect(describeCron('@hourly')).toBe('Every hour at :00');
    expect(describeCron('@weekly')).toBe('Every Sunday at 00:00');
  });

  it('appends the time zone when given', () => {
    expect(describeCron('0 9 * * 1', 'America/New_York')).toBe('Every Monday at 09:00 (America/New_York)');
  });

  it('falls back to the (normalised) expression', () => {
    expect(describeCron('0 9 1 * 1')).toBe('0 9 1 * 1');
    expect(describeCron('0 9 * 1 *')).toBe('0 9 * 1 *');
    expect(describeCron('0  9-17 * * *')).toBe('0 9-17 * * *');
    expect(describeCron('5,35 * * * *')).toBe('5,35 * * * *');
    expect(describeCron('0 9 * * 1#2')).toBe('0 9 * * 1#2');
    expect(describeCron(' not a  cron ')).toBe('not a cron');
  });
});
