/**
 * Wall clocks of IANA time zones: the one place instants become the local times people read, and
 * local times become instants. Pure (no I/O, no clock), built on Intl so it follows the zone
 * database Node ships.
 *
 * Glossary
 * - instant: epoch milliseconds (UTC).
 * - wall time: what a clock on the wall of the zone shows, as its parts, or as "floating" ms
 *   (the wall time read as if it were UTC: `Date.UTC(y, m, d, h, mi, s, ms)`).
 * - offset: floating - instant, in ms (Tokyo +9h, New York -5h/-4h, Kathmandu +5h45).
 *
 * Rules
 * - A wall time that does not exist (spring-forward gap) is read with the offset in force before
 *   the change, i.e. shifted forward by the gap (02:30 New York on the spring day → 03:30 EDT):
 *   Temporal's "compatible" disambiguation, and the planner's rule for schedules.
 * - A wall time that exists twice (fall-back overlap) is its first occurrence (01:30 EDT).
 * - Offsets are looked up once per zone and UTC hour and cached: every transition in the tz
 *   database since 1970 falls on a whole minute, and no zone has two within one hour, so an hour
 *   whose two ends agree has one offset throughout; the rare hour with a transition is resolved
 *   per instant. Writers call this per cell (a million times an export): a Map hit, not Intl.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CACHE_LIMIT_PER_ZONE = 200_000;

export interface WallParts {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

interface ZoneClock {
  format: Intl.DateTimeFormat;
  /** Offset per UTC hour (instant / HOUR, floored) when constant over that hour, else NaN. */
  hours: Map<number, number>;
}

const clocks = new Map<string, ZoneClock>();

function clockOf(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    // Throws RangeError for an unknown zone: zones are validated where they enter (definitions,
    // schedules, export options), so an unknown one here is a bug worth surfacing.
    clock = {
      format: new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit', era: 'short',
      }),
      hours: new Map(),
    };
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Floating ms of a wall time; years 0-99 are years 0-99 (Date.UTC would read them as 19xx). */
export function floatingOf(w: Omit<WallParts, 'millisecond'> & { millisecond?: number }): number {
  const t = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond ?? 0);
  if (w.year >= 100 || w.year < 0) return t;
  const d = new Date(t);
  d.setUTCFullYear(w.year);
  return d.getTime();
}

/** The offset by Intl itself (slow: a formatToParts per call). */
function intlOffset(clock: ZoneClock, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const w = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let bc = false;
  for (const p of clock.format.formatToParts(whole)) {
    switch (p.type) {
      case 'year': w.year = Number(p.value); break;
      case 'month': w.month = Number(p.value); break;
      case 'day': w.day = Number(p.value); break;
      case 'hour': w.hour = Number(p.value); break;
      case 'minute': w.minute = Number(p.value); break;
      case 'second': w.second = Number(p.value); break;
      case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
    }
  }
  if (bc) w.year = 1 - w.year;
  return floatingOf(w) - whole;
}

/** Offset of the zone at an instant, in ms (wall = instant + offset). */
export function offsetAt(timeZone: string, ms: number): number {
  if (timeZone === 'UTC') return 0;
  const clock = clockOf(timeZone);
  const hour = Math.floor(ms / HOUR);
  let offset = clock.hours.get(hour);
  if (offset === undefined) {
    const start = intlOffset(clock, hour * HOUR);
    const end = intlOffset(clock, hour * HOUR + HOUR - 1000);
    offset = start === end ? start : NaN;
    if (clock.hours.size >= CACHE_LIMIT_PER_ZONE) clock.hours.clear();
    clock.hours.set(hour, offset);
  }
  return Number.isNaN(offset) ? intlOffset(clock, ms) : offset;
}

/** The wall-clock parts of an instant in a zone. */
export function wallParts(ms: number, timeZone: string): WallParts {
  const d = new Date(ms + offsetAt(timeZone, ms));
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond: d.getUTCMilliseconds(),
  };
}

/** The wall time of an instant as floating ms (for date arithmetic on the local calendar). */
export function floatingAt(ms: number, timeZone: string): number {
  return ms + offsetAt(timeZone, ms);
}

/**
 * The instant a wall time (floating ms) names in a zone, by the rules in the header: a gap is
 * shifted forward, an overlap is its first occurrence.
 */
export function instantOfFloating(floating: number, timeZone: string): number {
  if (timeZone === 'UTC') return floating;
  // Any transition near this wall time lies within a day of it: the offsets a day either side
  // are the candidates (a third offset within two days does not occur in the tz database).
  const before = offsetAt(timeZone, floating - DAY);
  const after = offsetAt(timeZone, floating + DAY);
  const candidates = before === after ? [before] : [before, after];
  const found = candidates.map((o) => floating - o).filter((t) => offsetAt(timeZone, t) === floating - t);
  if (found.length > 0) return Math.min(...found);
  // Gap: read with the offset in force before the change.
  return floating - before;
}

/** The instant of a wall time given by its parts. */
export function instantOfWall(w: Omit<WallParts, 'millisecond'> & { millisecond?: number }, timeZone: string): number {
  return instantOfFloating(floatingOf(w), timeZone);
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

/** `+09:00`, `-04:00`, `+05:45`, `+00:00` (never `Z`: the offset is always stated). */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalMinutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${sign}${pad(Math.floor(totalMinutes / 60))}:${pad(totalMinutes % 60)}`;
}

function yearText(year: number): string {
  return year < 0 ? `-${pad(year, 6)}` : year > 9999 ? `+${pad(year, 6)}` : pad(year, 4);
}

/**
 * `2026-12-06T19:59:53.912`: the wall time in the zone, ISO 8601 local form without a zone
 * suffix. This is the form spreadsheets (LibreOffice Calc, Excel) type as a date/time on open.
 */
export function localDateTimeText(ms: number, timeZone: string): string {
  const w = wallParts(ms, timeZone);
  return `${yearText(w.year)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${pad(w.millisecond, 3)}`;
}

/** `2026-12-07T04:59:53.912+09:00`: ISO 8601 / RFC 3339 with the zone's offset at that instant. */
export function offsetDateTimeText(ms: number, timeZone: string): string {
  return `${localDateTimeText(ms, timeZone)}${formatOffset(offsetAt(timeZone, ms))}`;
}
