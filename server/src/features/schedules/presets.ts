/**
 * Schedule presets (what the schedule form offers) ⇄ the cron they are stored as, and a short
 * human description of a cron. Pure.
 *
 * - HOURLY   at minute m          → `m * * * *`
 * - DAILY    at h:m               → `m h * * *`
 * - WEEKDAYS at h:m (Mon–Fri)     → `m h * * 1-5`
 * - WEEKLY   on day d at h:m      → `m h * * d`   (d: 0 = Sunday … 6 = Saturday)
 * - MONTHLY  on day D at h:m      → `m h D * *`   (D: 1–28 only, so that every month has the day;
 *   "day 31" would silently skip the short months. Use a cron with `L` for the last day.)
 *
 * `minute` defaults to 0. `hour` is required except for HOURLY, `dayOfWeek` for WEEKLY,
 * `dayOfMonth` for MONTHLY; fields a preset does not use are ignored (a form may send them all).
 * Times are wall-clock times in the schedule's zone.
 */
import { ScheduleInputError, validateCron } from './planner.js';

export type Preset = 'HOURLY' | 'DAILY' | 'WEEKDAYS' | 'WEEKLY' | 'MONTHLY';

export const PRESETS: readonly Preset[] = ['HOURLY', 'DAILY', 'WEEKDAYS', 'WEEKLY', 'MONTHLY'];

export interface PresetInput {
  preset: Preset;
  minute?: number;
  hour?: number;
  /** 0 = Sunday … 6 = Saturday. */
  dayOfWeek?: number;
  /** 1–28. */
  dayOfMonth?: number;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The cron for a preset. Throws ScheduleInputError with path `${basePath}.<field>` (default base
 * `preset`, so `preset.hour`, `preset.preset`).
 */
export function presetToCron(input: PresetInput, basePath = 'preset'): string {
  const at = (field: string) => (basePath ? `${basePath}.${field}` : field);
  const int = (field: keyof PresetInput, min: number, max: number, fallback?: number): number => {
    const value = input[field] ?? fallback;
    if (value === undefined) {
      throw new ScheduleInputError(at(field), `${field} is required for ${input.preset}`);
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ScheduleInputError(at(field), `${field} must be an integer from ${min} to ${max}, got ${String(value)}`);
    }
    return value;
  };

  if (!input || !PRESETS.includes(input.preset)) {
    throw new ScheduleInputError(
      at('preset'),
      `preset must be one of ${PRESETS.join(', ')}, got ${String(input?.preset)}`,
    );
  }
  const minute = int('minute', 0, 59, 0);
  switch (input.preset) {
    case 'HOURLY':
      return `${minute} * * * *`;
    case 'DAILY':
      return `${minute} ${int('hour', 0, 23)} * * *`;
    case 'WEEKDAYS':
      return `${minute} ${int('hour', 0, 23)} * * 1-5`;
    case 'WEEKLY': {
      const hour = int('hour', 0, 23);
      return `${minute} ${hour} * * ${int('dayOfWeek', 0, 6)}`;
    }
    case 'MONTHLY': {
      const hour = int('hour', 0, 23);
      return `${minute} ${hour} ${int('dayOfMonth', 1, 28)} * *`;
    }
  }
}

const NUM = /^\d{1,2}$/;

/** The preset a cron is the stored form of (for editing it in the form), or null. */
export function cronToPreset(cron: string): PresetInput | null {
  let normalised: string;
  try {
    normalised = validateCron(cron);
  } catch {
    return null;
  }
  const [m, h, dom, mon, dow] = normalised.split(' ') as [string, string, string, string, string];
  if (!NUM.test(m) || mon !== '*') return null;
  const minute = Number(m);
  if (h === '*' && dom === '*' && dow === '*') return { preset: 'HOURLY', minute };
  if (!NUM.test(h)) return null;
  const hour = Number(h);
  if (dom === '*' && dow === '*') return { preset: 'DAILY', minute, hour };
  if (dom === '*' && dow === '1-5') return { preset: 'WEEKDAYS', minute, hour };
  const day = dayNumber(dow);
  if (dom === '*' && day !== null) return { preset: 'WEEKLY', minute, hour, dayOfWeek: day };
  if (dow === '*' && NUM.test(dom) && Number(dom) >= 1 && Number(dom) <= 28) {
    return { preset: 'MONTHLY', minute, hour, dayOfMonth: Number(dom) };
  }
  return null;
}

function dayNumber(field: string): number | null {
  const names = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  if (/^[0-7]$/.test(field)) return Number(field) % 7;
  const i = names.indexOf(field);
  return i >= 0 ? i : null;
}

function ordinalDays(list: string): string | null {
  const days: number[] = [];
  for (const part of list.split(',')) {
    const d = dayNumber(part);
    if (d === null || days.includes(d)) return null;
    days.push(d);
  }
  days.sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)); // Monday first
  const names = days.map((d) => DAY_NAMES[d]!);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Short human text for the common shapes ("Every Monday at 09:00", "Weekdays at 08:00", "Every
 * hour at :15", "Day 1 of every month at 06:00"), otherwise the (normalised) expression itself.
 * With a time zone, it is appended: "Every Monday at 09:00 (America/New_York)".
 */
export function describeCron(cron: string, timeZone?: string): string {
  const text = describe(cron);
  return timeZone ? `${text} (${timeZone})` : text;
}

function describe(cron: string): string {
  let normalised: string;
  try {
    normalised = validateCron(cron);
  } catch {
    return typeof cron === 'string' ? cron.trim().replace(/\s+/g, ' ') : String(cron);
  }
  const [m, h, dom, mon, dow] = normalised.split(' ') as [string, string, string, string, string];
  if (mon !== '*') return normalised;

  if (dom === '*' && dow === '*') {
    if (m === '*' && h === '*') return 'Every minute';
    const everyMinutes = /^\*\/(\d+)$/.exec(m);
    if (everyMinutes && h === '*') return `Every ${everyMinutes[1]} minutes`;
    if (NUM.test(m) && h === '*') return `Every hour at :${two(Number(m))}`;
    const everyHours = /^\*\/(\d+)$/.exec(h);
    if (NUM.test(m) && everyHours) return `Every ${everyHours[1]} hours at :${two(Number(m))}`;
  }
  if (!NUM.test(m) || !NUM.test(h)) return normalised;
  const time = `${two(Number(h))}:${two(Number(m))}`;

  if (dom === '*') {
    if (dow === '*') return `Every day at ${time}`;
    if (dow === '1-5' || dow === 'MON-FRI') return `Weekdays at ${time}`;
    if (dow === '0,6' || dow === '6,0' || dow === 'SAT,SUN' || dow === 'SUN,SAT') return `Weekends at ${time}`;
    const days = ordinalDays(dow);
    if (days) return `Every ${days} at ${time}`;
    return normalised;
  }
  if (dow === '*') {
    if (dom === 'L') return `Last day of every month at ${time}`;
    if (NUM.test(dom)) return `Day ${Number(dom)} of every month at ${time}`;
  }
  return normalised;
}
