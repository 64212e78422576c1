/**
 * Period-over-period comparison (issue 19, Weekly performance's "change in %"), pure.
 *
 * `timeRange.compare: PREVIOUS_PERIOD` asks for each measure over the window and over the period
 * just before it, and the change between them in %. The previous period is the calendar
 * predecessor when the window is whole calendar units in the run's zone (whole months: as many
 * months back, so the month before November is all of October; whole days and weeks: as many days
 * back on the zone's calendar, so a week across a DST change still starts at midnight); any other
 * window is followed by the same elapsed duration before it.
 */
import { floatingAt, instantOfFloating } from '../calendar/zone-clock.js';

export const COMPARE_MODES = ['PREVIOUS_PERIOD'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

const DAY_MS = 86_400_000;

interface Wall { y: number; m: number; d: number; rest: number }
function wall(floating: number): Wall {
  const date = new Date(floating);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate(), rest: floating - midnight };
}

/** The period just before [from, to), read in `timeZone` (see the header). */
export function previousWindow(window: { from: Date; to: Date }, timeZone: string): { from: Date; to: Date } {
  const from = floatingAt(window.from.getTime(), timeZone);
  const to = floatingAt(window.to.getTime(), timeZone);
  const a = wall(from);
  const b = wall(to);
  const at = (floating: number) => new Date(instantOfFloating(floating, timeZone));
  if (a.rest === 0 && b.rest === 0 && a.d === 1 && b.d === 1) {
    const months = (b.y - a.y) * 12 + (b.m - a.m);
    if (months > 0) return { from: at(Date.UTC(a.y, a.m - months, 1)), to: window.from };
  }
  if (a.rest === 0 && b.rest === 0) {
    const days = Math.round((to - from) / DAY_MS);
    if (days > 0) return { from: at(from - days * DAY_MS), to: window.from };
  }
  const span = window.to.getTime() - window.from.getTime();
  return { from: new Date(window.from.getTime() - span), to: window.from };
}

/** An aggregate over the rows that `cond` selects: ClickHouse's -If combinator form of `fn(arg)`. */
export function conditionalAggregate(fn: 'count' | 'uniqExact' | 'sum' | 'avg' | 'min' | 'max' | 'countIf', arg: string, cond: string): string {
  if (fn === 'count') return arg ? `countIf(isNotNull(${arg}) AND ${cond})` : `countIf(${cond})`;
  if (fn === 'countIf') return `countIf(${arg} AND ${cond})`;
  return `${fn}If(${arg}, ${cond})`;
}

/** The change from `previous` to `current` in %, rounded to 2 places; NULL without a previous value or from 0. */
export function changePercentSql(current: string, previous: string): string {
  return `if(isNull(${previous}) OR ${previous} = 0, NULL, round((toFloat64(${current}) - toFloat64(${previous})) / toFloat64(${previous}) * 100, 2))`;
}
