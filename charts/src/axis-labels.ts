/**
 * Category labels for chart axes, legends and pie slices, with times in the run's zone.
 *
 * Values arrive as the report's rows give them: a DATETIME as an instant (ClickHouse text
 * `2026-12-06 14:00:00` in UTC, ISO 8601 with an offset from the preview, epoch ms or a Date); a
 * DATE as a calendar day `2026-12-06`, which is already the day in the run's zone (the compiler
 * bucketed it there) and is never shifted. Pure: Intl only.
 */
import type { ChartField } from './visualization.js';

/** The sortable key of a temporal value: epoch ms of a DATETIME, `YYYY-MM-DD` of a DATE; null when unreadable. */
export function timeKey(field: ChartField, value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (field.kind === 'DATE') {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
    const m = /^\d{4}-\d{2}-\d{2}/.exec(String(value));
    return m ? m[0] : null;
  }
  const ms = instantOf(value);
  return Number.isFinite(ms) ? ms : null;
}

/** Epoch ms of a DATETIME value; NaN when unreadable. Text without an offset is UTC (ClickHouse's form). */
export function instantOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value !== 'string') return Number.NaN;
  const iso = value.trim().replace(' ', 'T');
  return Date.parse(/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
}

export interface LabelContext {
  timeZone: string;
  locale: string;
}

/**
 * Labels for the sorted keys of a time axis: as long as the grain needs (a month is `Dec 2026`,
 * an hour `Dec 6, 14:00`), the year only when the keys span years, the day only when they span
 * days; a wall time a fall-back night shows twice gets its offset (`01:00 -04:00`, `01:00 -05:00`),
 * written as the exports write it next to a time.
 */
export function timeLabels(field: ChartField, keys: (number | string)[], ctx: LabelContext): string[] {
  if (keys.length === 0) return [];
  if (field.kind === 'DATE') {
    const days = keys.map((k) => Date.parse(`${String(k)}T00:00:00Z`));
    return labelsFor(days, field.grain ?? 'DAY', 'UTC', ctx.locale);
  }
  const ms = keys.map(Number);
  const labels = labelsFor(ms, field.grain ?? 'HOUR', ctx.timeZone, ctx.locale);
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: ctx.timeZone, timeZoneName: 'longOffset' });
  // `GMT-04:00` → `-04:00`; `GMT` (a zero offset) → `+00:00`.
  const zoneName = (at: number) => (offset.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '').replace(/^GMT$/, 'GMT+00:00').replace('GMT', '');
  return labels.map((label, i) => (labels.indexOf(label) !== i || labels.lastIndexOf(label) !== i ? `${label} ${zoneName(ms[i]!)}` : label));
}

function labelsFor(instants: number[], grain: NonNullable<ChartField['grain']>, timeZone: string, locale: string): string[] {
  const year = (ms: number) => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(ms);
  const spansYears = year(instants[0]!) !== year(instants[instants.length - 1]!);
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const spansDays = dayOf.format(instants[0]!) !== dayOf.format(instants[instants.length - 1]!);
  const withYear = spansYears ? { year: 'numeric' as const } : {};
  switch (grain) {
    case 'YEAR':
      return instants.map((ms) => year(ms));
    case 'QUARTER': {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric' });
      return instants.map((ms) => {
        const [m, y] = parts.format(ms).split('/');
        return `Q${Math.floor((Number(m) - 1) / 3) + 1} ${y}`;
      });
    }
    case 'MONTH': {
      const f = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', year: 'numeric' });
      return instants.map((ms) => f.format(ms));
    }
    case 'WEEK':
    case 'DAY': {
      const f = new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', ...withYear });
      return instants.map((ms) => f.format(ms));
    }
    case 'HOUR': {
      const f = spansDays
        ? new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', ...withYear, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        : new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      return instants.map((ms) => f.format(ms));
    }
  }
}

/** A category value as a label: text as is, booleans Yes/No, empty and null as `(empty)`. */
export function categoryLabel(field: ChartField, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (field.kind === 'BOOLEAN') return value === true || value === 1 || value === '1' || value === 'true' ? 'Yes' : 'No';
  if (typeof value === 'object') return value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return String(value);
}

/** A measure value as a number: numbers, numeric text (64-bit integers arrive quoted) and bigints; else null. */
export function measureValue(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
