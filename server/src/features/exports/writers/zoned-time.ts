/**
 * Wall-clock parts of an instant in an IANA time zone, for the human-facing times in export files
 * (file names, the XLSX About sheet). Built on Intl so it follows the zone database Node ships.
 */

export interface ZonedParts {
  /** Four digits. */
  year: string;
  /** Two digits each. */
  month: string;
  day: string;
  hour: string;
  minute: string;
}

// Intl.DateTimeFormat construction is costly (a few hundred µs); zones are few, so keep one each.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: zones are validated where they are chosen (schedules,
    // viewer settings), so an unknown one here is a bug worth surfacing, not papering over.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      // h23, not hour12:false: the latter prints midnight as "24" in some engines.
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  return {
    year: (parts.year ?? '').padStart(4, '0'),
    month: parts.month ?? '00',
    day: parts.day ?? '00',
    hour: parts.hour ?? '00',
    minute: parts.minute ?? '00',
  };
}

/** `2026-11-29 09:00 (Europe/Paris)`: unambiguous to a reader anywhere. */
export function formatZonedDateTime(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (${timeZone})`;
}
