/**
 * Wall-clock parts of an instant in an IANA time zone, for the human-facing times in export files
 * (file names, the XLSX About sheet) and emails. A thin view of calendar/zone-clock.ts, the one
 * zone converter, so these agree with every time in the files themselves.
 */
import { localDateTimeText } from '../../calendar/zone-clock.js';

export interface ZonedParts {
  /** Four digits. */
  year: string;
  /** Two digits each. */
  month: string;
  day: string;
  hour: string;
  minute: string;
}

/**
 * The wall-clock parts of `at` in `timeZone`. Throws RangeError for an unknown zone: zones are
 * validated where they are chosen (reports, schedules, export options), so an unknown one here is
 * a bug worth surfacing, not papering over.
 */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const text = localDateTimeText(at.getTime(), timeZone); // YYYY-MM-DDTHH:MM:SS.mmm
  return { year: text.slice(0, 4), month: text.slice(5, 7), day: text.slice(8, 10), hour: text.slice(11, 13), minute: text.slice(14, 16) };
}

/** `2026-11-29 09:00`: the wall time in the zone, to the minute (state the zone beside it). */
export function formatInZone(at: Date, timeZone: string): string {
  return localDateTimeText(at.getTime(), timeZone).slice(0, 16).replace('T', ' ');
}

/** `2026-11-29 09:00 (Europe/Paris)`: unambiguous to a reader anywhere. */
export function formatZonedDateTime(at: Date, timeZone: string): string {
  return `${formatInZone(at, timeZone)} (${timeZone})`;
}
