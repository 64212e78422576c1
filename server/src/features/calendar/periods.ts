/**
 * Calendar periods in a time zone: the window [from, to) a report's time range covers at an as-of
 * instant. Pure: no I/O, no clock (as-of is an argument).
 *
 * The rule, the same for previews, every export format, scheduled runs and the SDK:
 * - Units are read on the wall clock of the effective zone: a day is midnight to midnight there (23
 *   or 25 hours across a DST change), a week starts on Monday (or Sunday with weekStart SUNDAY), a
 *   quarter in January, April, July or October.
 * - `last n UNIT` is the n complete units before the current one: a Monday 09:00 New York run with
 *   last 7 DAY covers Monday 00:00 to Sunday 24:00 New York of the week before. With
 *   `includeCurrent` the window runs on to the as-of instant.
 * - `rolling n UNIT` is elapsed time ending at the as-of instant: HOUR, DAY and WEEK are 1, 24 and
 *   168 real hours; MONTH, QUARTER and YEAR step the wall clock back 1, 3 and 12 months (clamped to
 *   the month's last day), keeping the time of day.
 * - Named periods: TODAY, YESTERDAY; THIS_X is the whole current X, PREVIOUS_X the one before,
 *   X_TO_DATE the current X up to the as-of instant (empty at its very first instant).
 * - A fixed date is midnight in the zone; a wall time without an offset is read in the zone; a value
 *   with `Z` or an offset is that instant.
 * - Midnights and other wall times that do not exist (a spring-forward gap at 00:00, as in
 *   Santiago or Havana) are shifted forward, as everywhere else (zone-clock.ts).
 * - HOUR units are real hours: the current hour starts when the local clock last showed :00
 *   (xx:15 UTC in Kathmandu), and the repeated hour of a fall-back is two hours.
 */
import { floatingAt, instantOfFloating } from './zone-clock.js';

export const CALENDAR_UNITS = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type CalendarUnit = (typeof CALENDAR_UNITS)[number];
export type WeekStartDay = 'MONDAY' | 'SUNDAY';
export type PeriodName =
  | 'TODAY' | 'YESTERDAY'
  | 'THIS_WEEK' | 'PREVIOUS_WEEK' | 'WEEK_TO_DATE'
  | 'THIS_MONTH' | 'PREVIOUS_MONTH' | 'MONTH_TO_DATE'
  | 'THIS_QUARTER' | 'PREVIOUS_QUARTER' | 'QUARTER_TO_DATE'
  | 'THIS_YEAR' | 'PREVIOUS_YEAR' | 'YEAR_TO_DATE';

export interface CalendarRules {
  timeZone: string;
  weekStart: WeekStartDay;
}

/** A window of instants, from inclusive, to exclusive (epoch ms). */
export interface Window {
  from: number;
  to: number;
}

export type RangeSpec =
  | { kind: 'last'; n: number; unit: CalendarUnit; includeCurrent: boolean }
  | { kind: 'rolling'; n: number; unit: CalendarUnit }
  | { kind: 'period'; period: PeriodName }
  | { kind: 'fixed'; from: string; to: string };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONTHS: Partial<Record<CalendarUnit, number>> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/** Floating ms of the first day of a month counted from year 0 (`month` may be any integer). */
function monthStart(month: number): number {
  const year = Math.floor(month / 12);
  const d = new Date(Date.UTC(2000, month - year * 12, 1));
  d.setUTCFullYear(year);
  return d.getTime();
}

function monthIndex(floating: number): number {
  const d = new Date(floating);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Floating start of the day/week/month/quarter/year holding a floating wall time. */
function floatingUnitStart(floating: number, unit: Exclude<CalendarUnit, 'HOUR'>, weekStart: WeekStartDay): number {
  const day = Math.floor(floating / DAY) * DAY;
  switch (unit) {
    case 'DAY': return day;
    case 'WEEK': {
      const weekday = new Date(day).getUTCDay(); // 0 = Sunday
      const first = weekStart === 'SUNDAY' ? 0 : 1;
      return day - ((weekday - first + 7) % 7) * DAY;
    }
    default: {
      const step = MONTHS[unit]!;
      const m = monthIndex(floating);
      return monthStart(m - (((m % step) + step) % step));
    }
  }
}

/** Floating start of the unit `n` units after (negative: before) the one starting at `start`. */
function floatingShift(start: number, n: number, unit: Exclude<CalendarUnit, 'HOUR'>): number {
  if (unit === 'DAY') return start + n * DAY;
  if (unit === 'WEEK') return start + n * 7 * DAY;
  return monthStart(monthIndex(start) + n * MONTHS[unit]!);
}

/** The instant the current unit (holding `asOf`) started, and the start `n` units away from it. */
export function unitStart(asOf: number, unit: CalendarUnit, rules: CalendarRules, n = 0): number {
  if (unit === 'HOUR') {
    const floating = floatingAt(asOf, rules.timeZone);
    const intoHour = ((floating % HOUR) + HOUR) % HOUR;
    return asOf - intoHour + n * HOUR;
  }
  const start = floatingUnitStart(floatingAt(asOf, rules.timeZone), unit, rules.weekStart);
  return instantOfFloating(floatingShift(start, n, unit), rules.timeZone);
}

/** The wall clock stepped back n months, clamped to the month's last day, same time of day. */
function floatingMonthsBack(floating: number, months: number): number {
  const d = new Date(floating);
  const target = monthIndex(floating) - months;
  const first = monthStart(target);
  const lastDay = new Date(monthStart(target + 1) - DAY).getUTCDate();
  const timeOfDay = floating - Math.floor(floating / DAY) * DAY;
  return first + (Math.min(d.getUTCDate(), lastDay) - 1) * DAY + timeOfDay;
}

function rollingFrom(asOf: number, n: number, unit: CalendarUnit, timeZone: string): number {
  if (unit === 'HOUR') return asOf - n * HOUR;
  if (unit === 'DAY') return asOf - n * DAY;
  if (unit === 'WEEK') return asOf - n * 7 * DAY;
  return instantOfFloating(floatingMonthsBack(floatingAt(asOf, timeZone), n * MONTHS[unit]!), timeZone);
}

const PERIOD_UNIT: Record<string, Exclude<CalendarUnit, 'HOUR'>> = { WEEK: 'WEEK', MONTH: 'MONTH', QUARTER: 'QUARTER', YEAR: 'YEAR' };

function periodWindow(period: PeriodName, asOf: number, rules: CalendarRules): Window {
  if (period === 'TODAY') return { from: unitStart(asOf, 'DAY', rules), to: unitStart(asOf, 'DAY', rules, 1) };
  if (period === 'YESTERDAY') return { from: unitStart(asOf, 'DAY', rules, -1), to: unitStart(asOf, 'DAY', rules) };
  const [, which, unitName] = /^(THIS|PREVIOUS|(?:WEEK|MONTH|QUARTER|YEAR)_TO_DATE)_?(WEEK|MONTH|QUARTER|YEAR)?$/.exec(period) ?? [];
  if (which === 'THIS' || which === 'PREVIOUS') {
    const unit = PERIOD_UNIT[unitName!]!;
    const shift = which === 'THIS' ? 0 : -1;
    return { from: unitStart(asOf, unit, rules, shift), to: unitStart(asOf, unit, rules, shift + 1) };
  }
  const unit = PERIOD_UNIT[period.replace('_TO_DATE', '')];
  if (!unit) throw new RangeError(`unknown period ${period}`);
  return { from: unitStart(asOf, unit, rules), to: asOf };
}

const ISO_BOUND = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export interface ParsedBound {
  /** The wall time as floating ms (years 0-99 literal). */
  floating: number;
  /** The stated offset in ms, or null when the text states none (a date, or a wall time). */
  offset: number | null;
  /** The text had a time of day. */
  hasTime: boolean;
}

/** Parses `2026-12-01`, `2026-12-01T10:00[:00[.000]]` and the same with `Z` or `±hh[:]mm`; null if malformed. */
export function parseBound(text: string): ParsedBound | null {
  const m = ISO_BOUND.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  const probe = new Date(Date.UTC(2000, mo! - 1, d!));
  if (mo! < 1 || mo! > 12 || probe.getUTCMonth() !== mo! - 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)); // sub-millisecond digits are dropped
  const f = new Date(Date.UTC(2000, mo! - 1, d!, h, mi, s, ms));
  f.setUTCFullYear(y!);
  if (f.getUTCDate() !== d!) return null; // 29 February of a common year
  let offset: number | null = null;
  const zone = m[8];
  if (zone) {
    if (zone.toUpperCase() === 'Z') offset = 0;
    else {
      const hh = Number(zone.slice(1, 3));
      const mm = Number(zone.slice(-2));
      if (hh > 23 || mm > 59) return null;
      offset = (zone[0] === '-' ? -1 : 1) * (hh * 60 + mm) * 60_000;
    }
  }
  return { floating: f.getTime(), offset, hasTime: m[4] !== undefined };
}

/**
 * A fixed bound to its instant: a date is midnight in the zone, a wall time without an offset is
 * read in the zone, a value with `Z` or an offset is that instant. Null if malformed.
 */
export function fixedBoundInstant(text: string, timeZone: string): number | null {
  const b = parseBound(text);
  if (!b) return null;
  return b.offset === null ? instantOfFloating(b.floating, timeZone) : b.floating - b.offset;
}

/** The window a range covers at `asOf` in the zone and week rules given. */
export function resolveRange(range: RangeSpec, asOf: number, rules: CalendarRules): Window {
  switch (range.kind) {
    case 'last': {
      const current = unitStart(asOf, range.unit, rules);
      return { from: unitStart(asOf, range.unit, rules, -range.n), to: range.includeCurrent ? asOf : current };
    }
    case 'rolling':
      return { from: rollingFrom(asOf, range.n, range.unit, rules.timeZone), to: asOf };
    case 'period':
      return periodWindow(range.period, asOf, rules);
    case 'fixed': {
      const from = fixedBoundInstant(range.from, rules.timeZone);
      const to = fixedBoundInstant(range.to, rules.timeZone);
      if (from === null || to === null) throw new RangeError(`malformed fixed range ${range.from} → ${range.to}`);
      return { from, to };
    }
  }
}

/**
 * The longest a range can be, in calendar days, over every as-of and zone: what validation checks
 * against MAX_RANGE_DAYS before any as-of is known (the compiler checks the exact window again).
 */
export function longestDays(range: Exclude<RangeSpec, { kind: 'fixed' }>): number {
  if (range.kind === 'period') {
    if (range.period === 'TODAY' || range.period === 'YESTERDAY') return 1;
    if (range.period.includes('WEEK')) return 7;
    if (range.period.includes('MONTH')) return 31;
    if (range.period.includes('QUARTER')) return 92;
    return 366;
  }
  const units = range.n + (range.kind === 'last' && range.includeCurrent ? 1 : 0);
  switch (range.unit) {
    case 'HOUR': return units / 24;
    case 'DAY': return units;
    case 'WEEK': return units * 7;
    default: return longestMonths(units * MONTHS[range.unit]!);
  }
}

const longestMonthsCache = new Map<number, number>();
/**
 * Days in the longest run of `months` consecutive calendar months (12 → 366). The Gregorian
 * calendar repeats every 400 years, so 4800 starting months cover every case. A rolling window of
 * n months (clamped at month ends) is never longer than the longest n whole months.
 */
function longestMonths(months: number): number {
  let worst = longestMonthsCache.get(months);
  if (worst === undefined) {
    worst = 0;
    for (let k = 2000 * 12; k < 2400 * 12; k++) worst = Math.max(worst, (monthStart(k + months) - monthStart(k)) / DAY);
    longestMonthsCache.set(months, worst);
  }
  return worst;
}
