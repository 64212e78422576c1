/**
 * Which time-zone names we accept, and their one spelling. Pure.
 *
 * IANA Area/Location names as Intl knows them (`America/New_York`), plus `UTC`/`GMT` (→ `UTC`).
 * Offsets (`+02:00`) and bare abbreviations/legacy names (`EST`, `CET`, `EST5EDT`, `Japan`) are
 * refused: `EST` is a fixed -05:00 zone (America/Panama: no DST), not the New York time people
 * mean by "9 AM EST".
 */

export type TimeZoneCheck = { ok: true; name: string } | { ok: false; message: string };

const HINT = 'use an IANA name such as "America/New_York" or "UTC"';

/**
 * Answers by input: every preview validates its definition's zone, and building an Intl formatter
 * plus the list of ~400 zone names each time cost ~2 ms a request under load (bench previews).
 * Bounded: the first 1,000 distinct inputs are kept.
 */
const checked = new Map<string, TimeZoneCheck>();

export function normalizeTimeZone(zone: unknown): TimeZoneCheck {
  if (typeof zone !== 'string') return { ok: false, message: 'time zone must be a string' };
  const known = checked.get(zone);
  if (known) return known;
  const result = Object.freeze(checkTimeZone(zone));
  if (checked.size < 1_000) checked.set(zone, result);
  return result;
}

function checkTimeZone(zone: string): TimeZoneCheck {
  const trimmed = zone.trim();
  if (trimmed === '') return { ok: false, message: 'time zone is required' };
  if (trimmed.length > 64) return { ok: false, message: `unknown time zone (${HINT})` };
  if (/^(?:[+\-\u2212]|(?:UTC|GMT|Z)\s*[+\-\u2212]\s*\d)/i.test(trimmed)) {
    return { ok: false, message: `UTC offsets are not time zones (${HINT}), got "${trimmed}"` };
  }
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return { ok: false, message: `unknown time zone "${trimmed}" (${HINT})` };
  }
  if (/^(?:UTC|GMT|Etc\/UTC|Etc\/GMT|Etc\/Universal|Universal|Zulu|Etc\/Zulu)$/i.test(trimmed)) return { ok: true, name: 'UTC' };
  if (!trimmed.includes('/')) return { ok: false, message: `"${trimmed}" is an abbreviation or legacy name, not a location (${HINT})` };
  // Case-normalised where Intl knows the spelling; otherwise the user's own spelling of a link
  // (Asia/Kolkata stays Asia/Kolkata although this Node's ICU calls it Asia/Calcutta).
  const lower = trimmed.toLowerCase();
  const name = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === lower) ?? (resolved.toLowerCase() === lower ? resolved : trimmed);
  return { ok: true, name };
}
