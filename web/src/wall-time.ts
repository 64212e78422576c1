/**
 * Wall times of a report's zone, read as people read them. The server writes DATETIME values as
 * ISO 8601 with the offset of the report's zone (`2026-12-01T09:00:00.000-08:00`) and DATE values
 * as calendar dates (`2026-12-01`): both are shown as written, never converted into the browser's
 * zone (a Los Angeles report read in Berlin still says 09:00, and Dec 1 stays Dec 1).
 */

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Minutes east of UTC as written (`-08:00` → -480, `Z` → 0); null when the text has none. */
  offset: number | null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-12-01`, `2026-12-01T09:00`, `2026-12-01T09:00:00.000-08:00`, `…Z` → its parts; null if not ISO. */
export function parseWallTime(text: string): WallTime | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((x) => Number(x ?? 0)) as number[];
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  let offset: number | null = null;
  const z = m[8];
  if (z) offset = z.toUpperCase() === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)));
  return { year: year!, month: month!, day: day!, hour, minute, second, ms, offset };
}

/** The wall time `instant` shows in an IANA zone (with that zone's offset then). */
export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const w: WallTime = {
    year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second'),
    ms: instant.getUTCMilliseconds(), offset: null,
  };
  w.offset = Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - instant.getTime()) / 60_000);
  return w;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A DATETIME value as a wall time of `timeZone`: the server's own text when it carries a real offset. */
export function wallTimeOfValue(text: string, timeZone: string): WallTime | null {
  const w = parseWallTime(text);
  if (!w) return null;
  // `Z` or no offset from a server that has not converted: place the instant in the zone ourselves.
  if ((w.offset === null || w.offset === 0) && timeZone !== 'UTC' && timeZone !== 'Etc/UTC') {
    try {
      return wallTimeIn(new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms)), timeZone);
    } catch { /* an unknown zone: show the text as written */ }
  }
  return w;
}

/** -480 → "UTC−08:00", 345 → "UTC+05:45", 0 → "UTC". */
export function formatOffset(minutes: number | null): string {
  if (minutes === null) return '';
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** The offset a zone has at an instant, as "UTC−08:00" ('' for an unknown zone). */
export function zoneOffsetLabel(timeZone: string, at: Date = new Date()): string {
  try { return formatOffset(wallTimeIn(at, timeZone).offset); } catch { return ''; }
}

export function weekday(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  return WEEKDAYS[d.getUTCDay()]!;
}

/** "Dec 1, 2026". */
export function formatWallDate(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${MONTHS[w.month - 1]} ${w.day}, ${w.year}`;
}

/** "Dec 1, 2026, 09:00" (with ":05" seconds when asked). */
export function formatWallDateTime(w: WallTime, seconds = false): string {
  return `${formatWallDate(w)}, ${pad(w.hour)}:${pad(w.minute)}${seconds ? `:${pad(w.second)}` : ''}`;
}

/** How a DATE value of a time bucket reads: "Tue, Dec 1, 2026", "Week of Mon, Nov 30, 2026", "Dec 2026", "Q4 2026", "2026". */
export function formatDateBucket(text: string, grain?: string | null): string {
  const w = parseWallTime(text);
  if (!w) return text;
  switch (grain) {
    case 'DAY': return `${weekday(w)}, ${formatWallDate(w)}`;
    case 'WEEK': return `Week of ${weekday(w)}, ${formatWallDate(w)}`;
    case 'MONTH': return `${MONTHS[w.month - 1]} ${w.year}`;
    case 'QUARTER': return `Q${Math.floor((w.month - 1) / 3) + 1} ${w.year}`;
    case 'YEAR': return String(w.year);
    default: return formatWallDate(w);
  }
}

/** `YYYY-MM-DD` of a wall time. */
export function isoDate(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Calendar arithmetic on `YYYY-MM-DD` (no zone involved: a date is a date). */
export function addDays(date: string, n: number): string {
  const w = parseWallTime(date);
  if (!w) return date;
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day + n);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function dayNumber(w: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  return Math.round(d.getTime() / 86_400_000);
}

/** Today's date in a zone, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try { return isoDate(wallTimeIn(now, timeZone)); } catch { return now.toISOString().slice(0, 10); }
}

export interface WindowText {
  /** What people read: "Dec 1 – Dec 7, 2026" for whole days, else "Dec 1, 2026 09:00 – Dec 2, 2026 09:00". */
  text: string;
  /** "7 whole days", "1 whole day", "" when not whole days. */
  days: string;
  /** Both ends exactly, the end marked exclusive. */
  exact: string;
}

const isMidnight = (w: WallTime) => w.hour === 0 && w.minute === 0 && w.second === 0 && w.ms === 0;
const stamp = (w: WallTime) => `${formatWallDate(w)} ${pad(w.hour)}:${pad(w.minute)}`;

/** A resolved window [fromLocal, toLocal) (ISO with offsets, as the server gives it) in words. */
export function describeWindow(fromLocal: string, toLocal: string): WindowText | null {
  const from = parseWallTime(fromLocal);
  const to = parseWallTime(toLocal);
  if (!from || !to) return null;
  const exact = `from ${stamp(from)} (${formatOffset(from.offset)}) up to ${stamp(to)} (${formatOffset(to.offset)}), end not included`;
  if (isMidnight(from) && isMidnight(to)) {
    const n = dayNumber(to) - dayNumber(from);
    if (n <= 0) return { text: `nothing yet (starts ${formatWallDate(from)})`, days: '', exact };
    const lastDay = parseWallTime(addDays(isoDate(to), -1))!;
    const text = n === 1 ? formatWallDate(from)
      : from.year === lastDay.year ? `${MONTHS[from.month - 1]} ${from.day} – ${formatWallDate(lastDay)}`
        : `${formatWallDate(from)} – ${formatWallDate(lastDay)}`;
    return { text, days: `${n} whole day${n === 1 ? '' : 's'}`, exact };
  }
  return { text: `${stamp(from)} – ${stamp(to)}`, days: '', exact };
}

/** ISO 8601 text of a wall time: `2026-12-06T19:59:53` (local, no zone suffix) or with its offset (`…-08:00`). */
export function formatIso(w: WallTime, withOffset: boolean): string {
  const local = `${isoDate(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  if (!withOffset || w.offset === null) return local;
  if (w.offset === 0) return `${local}Z`;
  const a = Math.abs(w.offset);
  return `${local}${w.offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
