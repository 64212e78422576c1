/**
 * The builder's time range: one choice out of a list (last 7 days, this month, between dates, …),
 * converted to and from the definition's `timeRange`. Every range is read in the report's zone
 * on the server; the builder only says which, and how the server will read it.
 *
 * Between dates is edited as whole calendar days with an INCLUSIVE last day (what people mean by
 * "Dec 1 to Dec 7"), sent as `from: "2026-12-01", to: "2026-12-08"` (the API's end is exclusive);
 * plain dates are midnight in the report's zone. With times, the inputs are wall times of the
 * report's zone and the end is exclusive, as the API's.
 */
import type { NamedPeriod, TimeRangeInput, TimeUnit, WeekStart } from '../../generated/graphql';
import { addDays, isoDate, parseWallTime, todayIn, wallTimeIn } from '../../wall-time';

export type RangeKind = 'all' | 'last' | 'rolling' | 'period' | 'between';
export interface DraftRange {
  kind: RangeKind;
  /** last / rolling: how many units (text as typed). */
  n: string;
  unit: TimeUnit;
  /** last: also the current unit so far. */
  includeCurrent: boolean;
  /** last / rolling: edited as a custom count and unit, even when it matches a list entry. */
  custom: boolean;
  period: NamedPeriod;
  /** between: wall date-times (end exclusive) instead of whole days (end inclusive). */
  withTimes: boolean;
  /** between: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM` with times; in the report's zone. */
  from: string;
  /** between: the LAST day included (`YYYY-MM-DD`), or the exclusive end with times. */
  to: string;
}

export const UNITS: TimeUnit[] = ['HOUR', 'DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'];
export const UNIT_WORDS: Record<TimeUnit, [string, string]> = {
  HOUR: ['hour', 'hours'], DAY: ['day', 'days'], WEEK: ['week', 'weeks'], MONTH: ['month', 'months'], QUARTER: ['quarter', 'quarters'], YEAR: ['year', 'years'],
};

export const PERIOD_LABELS: Record<NamedPeriod, string> = {
  TODAY: 'Today', YESTERDAY: 'Yesterday',
  THIS_WEEK: 'This week', PREVIOUS_WEEK: 'Previous week', WEEK_TO_DATE: 'Week to date',
  THIS_MONTH: 'This month', PREVIOUS_MONTH: 'Previous month', MONTH_TO_DATE: 'Month to date',
  THIS_QUARTER: 'This quarter', PREVIOUS_QUARTER: 'Previous quarter', QUARTER_TO_DATE: 'Quarter to date',
  THIS_YEAR: 'This year', PREVIOUS_YEAR: 'Previous year', YEAR_TO_DATE: 'Year to date',
};

export interface RangeChoice { id: string; label: string; group: string }
const LAST_DAYS = [7, 14, 30, 90];
export const RANGE_CHOICES: RangeChoice[] = [
  ...LAST_DAYS.map((n) => ({ id: `last-${n}-DAY`, label: `Last ${n} days`, group: 'Whole days before today' })),
  ...(Object.keys(PERIOD_LABELS) as NamedPeriod[]).map((p) => ({ id: `period-${p}`, label: PERIOD_LABELS[p], group: 'Calendar periods' })),
  { id: 'rolling-24-HOUR', label: 'Last 24 hours (rolling)', group: 'Elapsed time up to now' },
  { id: 'custom-last', label: 'Last N whole days, weeks, months…', group: 'Custom' },
  { id: 'custom-rolling', label: 'Rolling: the last N hours, days… up to now', group: 'Custom' },
  { id: 'between', label: 'Between dates', group: 'Custom' },
  { id: 'all', label: 'All time', group: 'Custom' },
];

export function defaultRange(): DraftRange {
  return { kind: 'last', n: '30', unit: 'DAY', includeCurrent: false, custom: false, period: 'THIS_MONTH', withTimes: false, from: '', to: '' };
}

/** The list entry a draft range shows as. */
export function choiceOf(r: DraftRange): string {
  switch (r.kind) {
    case 'all': return 'all';
    case 'between': return 'between';
    case 'period': return `period-${r.period}`;
    case 'rolling': return !r.custom && r.n === '24' && r.unit === 'HOUR' ? 'rolling-24-HOUR' : 'custom-rolling';
    case 'last': return !r.custom && r.unit === 'DAY' && !r.includeCurrent && LAST_DAYS.map(String).includes(r.n) ? `last-${r.n}-DAY` : 'custom-last';
  }
}

/** The draft after picking a list entry; `timeZone` gives "today" when between dates starts out. */
export function applyChoice(r: DraftRange, id: string, timeZone: string, now: Date = new Date()): DraftRange {
  const last = /^last-(\d+)-DAY$/.exec(id);
  if (last) return { ...r, kind: 'last', n: last[1]!, unit: 'DAY', includeCurrent: false, custom: false };
  if (id.startsWith('period-')) return { ...r, kind: 'period', period: id.slice(7) as NamedPeriod };
  if (id === 'rolling-24-HOUR') return { ...r, kind: 'rolling', n: '24', unit: 'HOUR', custom: false };
  if (id === 'custom-last') return { ...r, kind: 'last', custom: true };
  if (id === 'custom-rolling') return { ...r, kind: 'rolling', custom: true };
  if (id === 'between') {
    if (r.from || r.to) return { ...r, kind: 'between' };
    // Start from the last 7 whole days in the report's zone, so the preview keeps showing rows.
    const today = todayIn(timeZone, now);
    return { ...r, kind: 'between', withTimes: false, from: addDays(today, -7), to: addDays(today, -1) };
  }
  return { ...r, kind: 'all' };
}

/** Whole units as the API takes them: a positive integer, or 0 so the server names the problem. */
function count(n: string): number {
  const v = Number(n.trim());
  return Number.isInteger(v) && v > 0 ? v : 0;
}

export function toTimeRange(r: DraftRange): TimeRangeInput | undefined {
  switch (r.kind) {
    case 'all': return undefined;
    case 'last': return { last: { n: count(r.n), unit: r.unit, ...(r.includeCurrent ? { includeCurrent: true } : {}) } };
    case 'rolling': return { rolling: { n: count(r.n), unit: r.unit } };
    case 'period': return { period: r.period };
    case 'between':
      if (r.withTimes) return { from: r.from || null, to: r.to || null };
      return { from: r.from || null, to: r.to ? addDays(r.to, 1) : null };
  }
}

interface SavedRange {
  from?: string | null; to?: string | null; period?: NamedPeriod | null;
  last?: { n: number; unit: TimeUnit; includeCurrent?: boolean | null } | null;
  rolling?: { n: number; unit: TimeUnit } | null;
}

/**
 * A saved bound as a wall time of the report's zone: dates stay dates, wall times stay as
 * written, instants (`…Z`, offsets) are placed in the zone.
 */
function wallBound(text: string, timeZone: string): { date: string; time: string } | null {
  const w = parseWallTime(text);
  if (!w) return null;
  let wall = w;
  if (w.offset !== null) {
    const instant = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - w.offset * 60_000);
    try { wall = wallTimeIn(instant, timeZone); } catch { /* unknown zone: keep as written */ }
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = wall.hour || wall.minute || wall.second || wall.ms ? `${pad(wall.hour)}:${pad(wall.minute)}${wall.second ? `:${pad(wall.second)}` : ''}` : '';
  return { date: isoDate(wall), time };
}

export function fromTimeRange(tr: SavedRange | null | undefined, timeZone: string): DraftRange {
  const r = defaultRange();
  if (!tr) return { ...r, kind: 'all' };
  if (tr.last) return { ...r, kind: 'last', n: String(tr.last.n), unit: tr.last.unit, includeCurrent: !!tr.last.includeCurrent };
  if (tr.rolling) return { ...r, kind: 'rolling', n: String(tr.rolling.n), unit: tr.rolling.unit };
  if (tr.period) return { ...r, kind: 'period', period: tr.period };
  const from = tr.from ? wallBound(tr.from, timeZone) : null;
  const to = tr.to ? wallBound(tr.to, timeZone) : null;
  if ((from && from.time) || (to && to.time)) {
    const full = (b: { date: string; time: string } | null) => (b ? `${b.date}T${b.time || '00:00'}` : '');
    return { ...r, kind: 'between', withTimes: true, from: full(from), to: full(to) };
  }
  return { ...r, kind: 'between', withTimes: false, from: from?.date ?? '', to: to ? addDays(to.date, -1) : '' };
}

/** Switching between whole days and times keeps the same window. */
export function toggleTimes(r: DraftRange, withTimes: boolean): DraftRange {
  if (withTimes === r.withTimes) return r;
  if (withTimes) return { ...r, withTimes, from: r.from ? `${r.from}T00:00` : '', to: r.to ? `${addDays(r.to, 1)}T00:00` : '' };
  const day = (v: string) => v.slice(0, 10);
  const lastDay = r.to ? (/T00:00(:00)?$/.test(r.to) ? addDays(day(r.to), -1) : day(r.to)) : '';
  return { ...r, withTimes, from: r.from ? day(r.from) : '', to: lastDay };
}

/** A problem the builder can name before the server does (the server checks everything again). */
export function rangeProblem(r: DraftRange): string | null {
  if ((r.kind === 'last' || r.kind === 'rolling') && count(r.n) === 0) return 'Enter a whole number of at least 1.';
  if (r.kind === 'between') {
    if (!r.from || !r.to) return r.withTimes ? 'Enter a start and an end.' : 'Enter the first and the last day.';
    if (r.withTimes ? r.to <= r.from : r.to < r.from) return r.withTimes ? 'The end must be after the start.' : 'The last day is before the first day.';
  }
  return null;
}

/** Whether a week start changes anything: WEEK buckets, or ranges counted in calendar weeks. */
export function usesWeeks(r: DraftRange, grains: (string | null | undefined)[]): boolean {
  if (grains.includes('WEEK')) return true;
  if (r.kind === 'period') return r.period.includes('WEEK');
  return r.kind === 'last' && r.unit === 'WEEK';
}

/** The rule of the chosen range in words, for the hint under the choice. */
export function describeRange(r: DraftRange, weekStart: WeekStart): string {
  const n = count(r.n);
  const [one, many] = UNIT_WORDS[r.unit];
  const current = r.unit === 'DAY' ? 'today' : r.unit === 'HOUR' ? 'the current hour' : `the current ${one}`;
  const weekday = weekStart === 'SUNDAY' ? 'Sunday' : 'Monday';
  switch (r.kind) {
    case 'all': return 'Every row, whatever its time.';
    case 'last':
      if (!n) return '';
      return r.includeCurrent
        ? `The ${n === 1 ? '' : `${n} `}whole ${n === 1 ? one : many} before ${current}, plus ${current} up to now.`
        : `The ${n === 1 ? '' : `${n} `}whole ${n === 1 ? one : many} before ${current}; ${current} is not included.`;
    case 'rolling':
      return n ? `The ${n} ${n === 1 ? one : many} of elapsed time up to now; the first and last buckets are usually partial.` : '';
    case 'period': {
      const p = r.period;
      if (p === 'TODAY') return 'Today, midnight to midnight.';
      if (p === 'YESTERDAY') return 'Yesterday, midnight to midnight.';
      const unit = p.includes('WEEK') ? `week (from ${weekday})` : p.includes('MONTH') ? 'month' : p.includes('QUARTER') ? 'quarter' : 'year';
      if (p.startsWith('THIS_')) return `The whole current ${unit}, including the part still to come.`;
      if (p.startsWith('PREVIOUS_')) return `The whole ${unit} before the current one.`;
      return `The current ${unit} from its start up to now.`;
    }
    case 'between':
      return r.withTimes ? 'From the start time up to the end time (the end itself not included).' : 'Whole days, the last day included.';
  }
}
