/**
 * When does a schedule fire? Pure functions (no I/O, no clock: every "now" is an argument) over a
 * 5-field cron expression and an IANA time zone.
 *
 * ## How slots are computed
 *
 * cron-parser is used for what it is unambiguous at: parsing/validating the expression and
 * matching fields. It iterates *wall-clock* times in a DST-free frame (tz UTC, read as "floating"
 * local time). Each matching wall time is then mapped to real instants here, by the rule below.
 * cron-parser's own `tz` mode is deliberately not used for this. Checked against 5.10.6 with the
 * golden table in planner.test.ts:
 *  - Whole-hour changes (New York, London): iterating from before the change it follows the rule,
 *    but the answer depends on where the iteration starts. `30 2 * * *` started at 03:00-03:29 EDT
 *    on the spring-forward day returns the next day (that day's shifted 03:30 run is skipped);
 *    `30 1 * * *` started between the two 01:30s of the fall-back day returns the second one
 *    (06:30Z after 05:30Z already ran: a double run). A scheduler recomputes nextRunAt from "now"
 *    at every tick, so both happen in production.
 *  - Lord Howe (30-minute change): a daily 02:15 is skipped on the spring-forward day (or shifted
 *    by an hour, to 03:15, depending on the start); `0 * * * *` and `*\/15 * * * *` skip the real
 *    02:30 and 02:45 +11:00; on the fall-back day `0 * * * *` throws "loop limit exceeded", or,
 *    started at 01:05 +11:00, returns 01:00 +11:00 (before the start).
 *  - Troll (2-hour change): a daily 02:30 runs at 03:30 +02:00 on the spring-forward day (shifted by
 *    one hour, not the two-hour gap), and twice (00:30Z and 02:30Z) on the fall-back day.
 *  - Hourly `0 * * * *` in New York, London and Troll, and everything in Kathmandu: correct.
 * Here the set of slots is a fixed function of (cron, zone) and every query reads from that set,
 * so the answer cannot depend on the start.
 *
 * ## DST rule
 *
 * - Gap (spring forward): a wall time that does not exist runs once that day, shifted forward by
 *   the length of the gap: 02:30 in New York → 03:30 EDT; 02:15 on Lord Howe (30-minute gap) →
 *   02:45; 02:30 in Antarctica/Troll (2-hour gap, +00 → +02) → 04:30. This is Temporal's
 *   "compatible" disambiguation (the wall time read with the offset in force before the change),
 *   and what cron-parser does in New York or London when started before the gap.
 * - Overlap (fall back), fixed hours: a wall time that happens twice runs once, at its first
 *   occurrence (01:30 EDT, not 01:30 EST).
 * - Overlap, every-hour schedules (the hour field matches all 24 hours: `0 * * * *`, `*\/15 * * * *`):
 *   they run at every real instant at which the local clock shows a matching time, so the repeated
 *   hour runs at both occurrences; they are two different real hours. Together with the gap rule
 *   (shifted slots that coincide with a real one merge into one) an hourly `0 * * * *` runs exactly
 *   once per real hour across both changes in whole-hour-DST zones: New York spring forward gives
 *   01:00 EST, 03:00 EDT (02:00 shifted = 03:00 EDT, merged); fall back gives 01:00 EDT, 01:00 EST,
 *   02:00 EST. Neither skip nor double in elapsed time. With a 30-minute change (Lord Howe) the
 *   local hours still each run once (02:00 → 02:30 on the spring day, so the runs are 30 minutes
 *   apart once; on the fall-back day 01:00 LHDT → 02:00 LHST are 90 minutes apart) and a `30 * * * *`
 *   runs at both 01:30s of the fall-back day (30 minutes apart).
 * - Slots are whole minutes; identical instants are one slot.
 *
 * ## Cron dialect
 *
 * Exactly 5 fields: minute hour day-of-month month day-of-week (0 or 7 = Sunday). Lists, ranges,
 * steps, `?`, month and day names, `L` (last day of month / last weekday `5L`) and `#` (nth
 * weekday, `1#2`) are accepted. Rejected: a seconds (6th) field, `H` (hashed: random without a
 * seed), `W`, and any expression that can never fire (`0 0 30 2 *`). Macros `@hourly`, `@daily`,
 * `@weekly`, `@monthly` are mapped to their 5-field forms (`@daily` → `0 0 * * *`); every other
 * macro (`@reboot`, `@yearly`, ...) is rejected. When both day-of-month and day-of-week are
 * restricted, a day matching either runs (classic cron).
 *
 * ## Time zones
 *
 * IANA Area/Location names as Intl knows them (`America/New_York`), plus `UTC`/`GMT` (→ `UTC`).
 * Offsets (`+02:00`) and bare abbreviations/legacy names (`EST`, `CET`, `EST5EDT`, `Japan`) are
 * rejected: `EST` is a fixed -05:00 zone (America/Panama: no DST), not the New York time people
 * mean by "9 AM EST".
 */
import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { normalizeTimeZone } from '../calendar/time-zones.js';
import { floatingOf, offsetAt as zoneOffsetAt, wallParts } from '../calendar/zone-clock.js';

/** A bad cron expression, time zone or planner argument: the caller maps it to BAD_USER_INPUT. */
export class ScheduleInputError extends Error {
  override readonly name = 'ScheduleInputError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_UPCOMING_RUNS = 20;
/** planCatchUp reports at most this many MISSED slots (the most recent ones). */
export const MAX_MISSED_SLOTS = 1000;
export const DEFAULT_GRACE_MS = 60 * 60 * 1000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * The instant of a wall time w (read as UTC) is w - offset, so iteration over wall times must look
 * (max offset - min offset) beyond a boundary to see every slot near it, in order. Every offset in
 * the tz database lies within ±16 hours; within the years a zone's offsets were sampled (see
 * offsetBounds) its own range plus a margin of an hour is used instead (3 hours of look-around for
 * New York instead of 32: it matters for every-minute schedules).
 */
const GLOBAL_BOUNDS: OffsetBounds = { min: -16 * HOUR, max: 16 * HOUR };
const SAMPLED_FROM = Date.UTC(1970, 0, 1);
const SAMPLED_TO = Date.UTC(2100, 0, 1);
const SAMPLE_STEP = 7 * DAY;
const BOUNDS_MARGIN = HOUR;

interface OffsetBounds {
  min: number;
  max: number;
}

const FIELD_NAMES = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'] as const;
const FIELD_RANGES = ['0-59', '0-23', '1-31', '1-12 or JAN-DEC', '0-7 or SUN-SAT'] as const;
const FIELD_CHARS = [
  /^[0-9*,/-]+$/,
  /^[0-9*,/-]+$/,
  /^[0-9*,/?L-]+$/,
  /^[0-9A-Z*,/-]+$/,
  /^[0-9A-Z*,/?L#-]+$/,
] as const;

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
};

// ---------------------------------------------------------------------------------------------
// Validation

interface ParsedCron {
  cron: string;
  /** The hour field matches all 24 hours: the repeated hour of a fall-back runs twice. */
  everyHour: boolean;
}

const cronCache = new Map<string, ParsedCron>();
const CACHE_LIMIT = 500;

function parseFloating(cron: string, currentDate: number): CronExpression {
  return CronExpressionParser.parse(cron, { tz: 'UTC', currentDate: new Date(currentDate) });
}

function parseCron(expr: string, path: string): ParsedCron {
  if (typeof expr !== 'string') throw new ScheduleInputError(path, 'cron must be a string');
  const cached = cronCache.get(expr);
  if (cached) return cached;

  const trimmed = expr.trim();
  if (trimmed === '') throw new ScheduleInputError(path, 'cron is required');
  let fields = trimmed.split(/\s+/);
  if (fields.length === 1 && fields[0]!.startsWith('@')) {
    const mapped = MACROS[fields[0]!.toLowerCase()];
    if (!mapped) {
      throw new ScheduleInputError(
        path,
        `unsupported cron macro ${fields[0]} (supported: ${Object.keys(MACROS).join(', ')})`,
      );
    }
    fields = mapped.split(' ');
  }
  if (fields.length !== 5) {
    throw new ScheduleInputError(
      path,
      `cron must have 5 fields (minute hour day month weekday), got ${fields.length}`,
    );
  }
  fields = fields.map((f) => f.toUpperCase());

  fields.forEach((field, i) => {
    const name = FIELD_NAMES[i]!;
    const bad = (why?: string) =>
      new ScheduleInputError(
        path,
        `invalid ${name} field: ${field} (${why ?? `expected ${FIELD_RANGES[i]}`})`,
      );
    if (/(^|[,/-])H/.test(field)) throw bad('hashed H values are not supported');
    if (!FIELD_CHARS[i]!.test(field)) throw bad();
    // Attribute cron-parser's verdict to this field: parse it with every other field a wildcard.
    const probe = FIELD_NAMES.map((_, j) => (j === i ? field : '*')).join(' ');
    try {
      parseFloating(probe, 0);
    } catch {
      throw bad();
    }
  });

  const cron = fields.join(' ');
  let parsed: CronExpression;
  try {
    parsed = parseFloating(cron, Date.UTC(2000, 0, 1));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    if (/day of month/i.test(detail)) {
      throw new ScheduleInputError(path, `cron never fires: no month in "${fields[3]}" has day ${fields[2]}`);
    }
    throw new ScheduleInputError(path, `invalid cron expression: ${detail}`);
  }
  try {
    parsed.next();
  } catch {
    throw new ScheduleInputError(path, `cron never fires: ${cron}`);
  }

  const result: ParsedCron = { cron, everyHour: parsed.fields.hour.values.length === 24 };
  if (cronCache.size >= CACHE_LIMIT) cronCache.delete(cronCache.keys().next().value!);
  cronCache.set(expr, result);
  return result;
}

/**
 * The expression normalised: trimmed, single spaces, letters upper-cased, supported macros
 * expanded. Throws ScheduleInputError with a field-specific message otherwise.
 */
export function validateCron(expr: string, path = 'cron'): string {
  return parseCron(expr, path).cron;
}

interface Zone {
  name: string;
  /** The zone's offsets between SAMPLED_FROM and SAMPLED_TO, widened by BOUNDS_MARGIN; lazy. */
  sampled?: OffsetBounds;
}

const zoneCache = new Map<string, Zone>();

function zoneOf(zone: string, path: string): Zone {
  if (typeof zone !== 'string') throw new ScheduleInputError(path, 'time zone must be a string');
  const cached = zoneCache.get(zone);
  if (cached) return cached;

  const checked = normalizeTimeZone(zone);
  if (!checked.ok) throw new ScheduleInputError(path, checked.message);
  const name = checked.name;
  const result: Zone = { name };
  if (zoneCache.size >= CACHE_LIMIT) zoneCache.delete(zoneCache.keys().next().value!);
  zoneCache.set(zone, result);
  return result;
}

/** The zone's IANA name (case-normalised; UTC/GMT/Etc/UTC → "UTC"). Throws ScheduleInputError. */
export function validateTimeZone(zone: string, path = 'timezone'): string {
  return zoneOf(zone, path).name;
}

// ---------------------------------------------------------------------------------------------
// Zone arithmetic

/** Offset of the zone at an instant, in ms (local = utc + offset): calendar/zone-clock.ts, cached per hour. */
function offsetAt(zone: Zone, ms: number): number {
  return zoneOffsetAt(zone.name, ms);
}

/**
 * Offset bounds valid for wall times (floating ms) near `wf`: the zone's sampled range (every
 * offset it used for at least a week between 1970 and 2100, ± an hour) or, outside those years,
 * the global ±16h.
 */
function offsetBounds(zone: Zone, wf: number): OffsetBounds {
  if (wf < SAMPLED_FROM + 2 * DAY || wf > SAMPLED_TO - 2 * DAY) return GLOBAL_BOUNDS;
  if (!zone.sampled) {
    let min = Infinity;
    let max = -Infinity;
    for (let t = SAMPLED_FROM; t <= SAMPLED_TO; t += SAMPLE_STEP) {
      const o = offsetAt(zone, t);
      if (o < min) min = o;
      if (o > max) max = o;
    }
    zone.sampled = { min: min - BOUNDS_MARGIN, max: max + BOUNDS_MARGIN };
  }
  return zone.sampled;
}

/** Maps wall times (floating ms) to instants, per the DST rule; caches offsets per floating day. */
class WallResolver {
  private dayKey = NaN;
  private early = 0;
  private late = 0;

  constructor(
    private readonly zone: Zone,
    private readonly everyHour: boolean,
  ) {}

  /** Ascending instants of a wall time: 1, or 2 at an overlap for every-hour schedules. */
  instants(wf: number): number[] {
    const key = Math.floor(wf / DAY);
    if (key !== this.dayKey) {
      this.dayKey = key;
      // Any transition affecting this day lies within ±16h of it.
      this.early = offsetAt(this.zone, key * DAY - DAY);
      this.late = offsetAt(this.zone, key * DAY + 2 * DAY);
    }
    const found: number[] = [];
    for (const o of this.early === this.late ? [this.early] : [this.early, this.late]) {
      const t = wf - o;
      if (offsetAt(this.zone, t) === o) found.push(t);
    }
    if (found.length === 0) {
      const viaNow = offsetAt(this.zone, wf - this.early);
      const t = wf - viaNow;
      if (viaNow !== this.early && viaNow !== this.late && offsetAt(this.zone, t) === viaNow) {
        found.push(t); // a third offset within the window: not a gap
      } else {
        // Gap: read the wall time with the offset in force before the change (shift forward).
        return [wf - this.early];
      }
    }
    found.sort((a, b) => a - b);
    return this.everyHour ? found : found.slice(0, 1);
  }
}

interface Plan {
  cron: string;
  zone: Zone;
  everyHour: boolean;
}

function planOf(cron: string, timeZone: string): Plan {
  const parsed = parseCron(cron, 'cron');
  return { cron: parsed.cron, zone: zoneOf(timeZone, 'timezone'), everyHour: parsed.everyHour };
}

function nextFloating(it: CronExpression, forward: boolean): number | null {
  try {
    return (forward ? it.next() : it.prev()).getTime();
  } catch {
    return null; // cron-parser's loop limit: no further match within reach
  }
}

/** Slots > afterMs, ascending. */
function* slotsAfter(plan: Plan, afterMs: number): Generator<number, void, undefined> {
  // instant(w) = wf - offset > afterMs needs wf > afterMs + offset >= afterMs + min.
  const it = parseFloating(plan.cron, afterMs + offsetBounds(plan.zone, afterMs).min - MINUTE);
  const resolver = new WallResolver(plan.zone, plan.everyHour);
  const buffer: number[] = [];
  let last = -Infinity;
  for (;;) {
    const wf = nextFloating(it, true);
    if (wf !== null) {
      for (const t of resolver.instants(wf)) if (t > afterMs) insertSorted(buffer, t);
    }
    // Later wall times w' map to instants w'f - offset > wf - max: everything up to there is final.
    const safe = wf === null ? Infinity : wf - offsetBounds(plan.zone, wf).max;
    let taken = 0;
    while (taken < buffer.length && buffer[taken]! <= safe) {
      const t = buffer[taken++]!;
      if (t !== last) {
        last = t;
        yield t;
      }
    }
    buffer.splice(0, taken);
    if (wf === null) return;
  }
}

/** Slots <= atOrBeforeMs, descending. */
function* slotsAtOrBefore(plan: Plan, atOrBeforeMs: number): Generator<number, void, undefined> {
  // instant(w) = wf - offset <= atOrBeforeMs needs wf <= atOrBeforeMs + max.
  const it = parseFloating(plan.cron, atOrBeforeMs + offsetBounds(plan.zone, atOrBeforeMs).max + MINUTE);
  const resolver = new WallResolver(plan.zone, plan.everyHour);
  const buffer: number[] = []; // ascending; consumed from the end
  let last = Infinity;
  for (;;) {
    const wf = nextFloating(it, false);
    if (wf !== null) {
      for (const t of resolver.instants(wf)) if (t <= atOrBeforeMs) insertSorted(buffer, t);
    }
    // Earlier wall times w' map to instants w'f - offset < wf - min.
    const safe = wf === null ? -Infinity : wf - offsetBounds(plan.zone, wf).min;
    while (buffer.length > 0 && buffer[buffer.length - 1]! >= safe) {
      const t = buffer.pop()!;
      if (t !== last) {
        last = t;
        yield t;
      }
    }
    if (wf === null) return;
  }
}

function insertSorted(list: number[], value: number): void {
  let lo = 0;
  let hi = list.length;
  if (hi === 0 || list[hi - 1]! <= value) {
    list.push(value);
    return;
  }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

function instant(value: Date, path: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new ScheduleInputError(path, `${path} must be a valid date`);
  return ms;
}

function positiveInt(value: number, path: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ScheduleInputError(
      path,
      max === Number.MAX_SAFE_INTEGER
        ? `${path} must be a positive integer, got ${value}`
        : `${path} must be an integer from 1 to ${max}, got ${value}`,
    );
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Queries

/** The next `count` (1..20) slots strictly after `after`. */
export function nextRuns(cron: string, timeZone: string, after: Date, count: number): Date[] {
  const plan = planOf(cron, timeZone);
  const from = instant(after, 'after');
  positiveInt(count, 'count', MAX_UPCOMING_RUNS);
  const out: Date[] = [];
  for (const t of slotsAfter(plan, from)) {
    out.push(new Date(t));
    if (out.length === count) break;
  }
  return out;
}

export interface UpcomingRun {
  /** The instant. */
  utc: Date;
  /** The wall time in the schedule's zone with its offset, e.g. 2026-03-09T09:00:00-04:00. */
  local: string;
}

/** nextRuns with each slot's local wall time: the shape of `upcomingRuns` in the API. */
export function upcomingRuns(cron: string, timeZone: string, after: Date, count: number): UpcomingRun[] {
  return nextRuns(cron, timeZone, after, count).map((utc) => ({ utc, local: localWallTime(utc, timeZone) }));
}

/**
 * The slots s with from < s <= to, ascending, at most `max` (the earliest ones; ask for max + 1 to
 * learn whether there are more). For backfill and catch-up.
 */
export function runsBetween(cron: string, timeZone: string, from: Date, to: Date, max: number): Date[] {
  const plan = planOf(cron, timeZone);
  const fromMs = instant(from, 'from');
  const toMs = instant(to, 'to');
  positiveInt(max, 'max');
  const out: Date[] = [];
  if (toMs <= fromMs) return out;
  for (const t of slotsAfter(plan, fromMs)) {
    if (t > toMs || out.length === max) break;
    out.push(new Date(t));
  }
  return out;
}

export interface CatchUpPlan {
  /** The slot to run now (scheduledFor), or null. */
  run: Date | null;
  /** Due slots that will not run (record them as MISSED), ascending; the most recent 1000 at most. */
  missed: Date[];
  /** More than MAX_MISSED_SLOTS slots were missed; `missed` holds the most recent ones. */
  missedTruncated: boolean;
  /** The first slot after `now`. */
  nextRunAt: Date;
}

/**
 * What a tick at `now` does with a schedule whose planned `lastPlanned` (its nextRunAt) has come.
 *
 * Due: `lastPlanned` itself (it was planned, so it is never silently dropped, even if the zone's
 * rules changed since) and every slot s with lastPlanned < s <= now. The latest due slot runs when
 * now - s <= graceMs; every other due slot is missed (all of them when the latest is older than the
 * grace window). nextRunAt is the first slot after now. When lastPlanned > now nothing is due and
 * the plan stands: { run: null, missed: [], nextRunAt: lastPlanned }.
 */
export function planCatchUp(
  cron: string,
  timeZone: string,
  lastPlanned: Date,
  now: Date,
  graceMs: number = DEFAULT_GRACE_MS,
): CatchUpPlan {
  const plan = planOf(cron, timeZone);
  const plannedMs = instant(lastPlanned, 'lastPlanned');
  const nowMs = instant(now, 'now');
  if (!Number.isFinite(graceMs) || graceMs < 0) {
    throw new ScheduleInputError('graceMs', `graceMs must be a non-negative number, got ${graceMs}`);
  }
  if (plannedMs > nowMs) {
    return { run: null, missed: [], missedTruncated: false, nextRunAt: new Date(plannedMs) };
  }

  // Most recent first; one run + MAX_MISSED_SLOTS missed + 1 to detect truncation.
  const limit = MAX_MISSED_SLOTS + 2;
  const due: number[] = [];
  for (const t of slotsAtOrBefore(plan, nowMs)) {
    if (t <= plannedMs || due.length === limit) break;
    due.push(t);
  }
  if (due.length < limit) due.push(plannedMs);

  const latest = due[0]!;
  const run = nowMs - latest <= graceMs ? latest : null;
  const rest = run === null ? due : due.slice(1);
  const missedTruncated = rest.length > MAX_MISSED_SLOTS;
  const missed = rest
    .slice(0, MAX_MISSED_SLOTS)
    .reverse()
    .map((t) => new Date(t));

  const next = slotsAfter(plan, nowMs).next();
  if (next.done) throw new ScheduleInputError('cron', 'cron has no further runs');
  return { run: run === null ? null : new Date(run), missed, missedTruncated, nextRunAt: new Date(next.value) };
}

// ---------------------------------------------------------------------------------------------
// Wall clock

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.abs(Math.round(offsetMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${sign}${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

/** `2026-03-09T09:00:00-04:00`: the wall time in the zone, with its UTC offset (never `Z`). */
export function localWallTime(at: Date, timeZone: string): string {
  const zone = zoneOf(timeZone, 'timezone');
  const ms = instant(at, 'at');
  const w = wallParts(ms, zone.name);
  const offset = offsetAt(zone, ms);
  const year = w.year < 0 ? `-${pad(w.year, 6)}` : pad(w.year, 4);
  return `${year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${formatOffset(offset)}`;
}

/** Monday to Friday on the local calendar of the zone (Friday 23:00 New York is a business day). */
export function isBusinessDay(at: Date, timeZone: string): boolean {
  const zone = zoneOf(timeZone, 'timezone');
  const w = wallParts(instant(at, 'at'), zone.name);
  const weekday = new Date(floatingOf({ ...w, hour: 12, minute: 0, second: 0, millisecond: 0 })).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}
