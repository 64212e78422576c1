/**
 * The effective locale of a run, decided here and nowhere else, and the one spelling of a locale
 * tag we accept. Pure.
 *
 * The locale says how people read the numbers, dates and percentages of a file: decimal and
 * grouping separators, the order of day, month and year, month names (PDF, XLSX number formats,
 * the email, the web app's preview). It never changes what a file contains: CSV and JSON stay
 * locale-neutral machine formats, and the zone (run-zone.ts) alone decides which wall time an
 * instant is shown as. Recorded on the export (`locale`) and in a scheduled execution's parameter
 * snapshot, and stated in the PDF and the XLSX About sheet.
 *
 * - An export's `locale` option wins (a reader in Paris downloading a Berlin report).
 * - A scheduled run (and run-now, backfill) uses the schedule's locale when it names one: the
 *   people it mails read it their way.
 * - Otherwise the report's own `locale`; `en-US` when it states none.
 */
export const DEFAULT_LOCALE = 'en-US';

export interface RunLocaleInput {
  /** The report definition's normalized locale (null: none stated). */
  definitionLocale?: string | null;
  scheduleLocale?: string | null;
  exportOverride?: string | null;
}

export function runLocale({ definitionLocale, scheduleLocale, exportOverride }: RunLocaleInput): string {
  return exportOverride ?? scheduleLocale ?? definitionLocale ?? DEFAULT_LOCALE;
}

export type LocaleCheck = { ok: true; name: string } | { ok: false; message: string };

const HINT = 'use a BCP 47 tag such as "en-US", "de-DE" or "ja-JP"';

/**
 * A BCP 47 tag in its canonical spelling (`de-de` → `de-DE`, `zh-hant-tw` → `zh-Hant-TW`), or why
 * not: malformed tags, and tags whose language this runtime's Intl has no data for (it would
 * silently format them as en-US, which is not what the user asked for).
 */
export function normalizeLocale(tag: unknown): LocaleCheck {
  if (typeof tag !== 'string') return { ok: false, message: 'locale must be a string' };
  const trimmed = tag.trim();
  if (trimmed === '') return { ok: false, message: `locale is empty (${HINT})` };
  if (trimmed.length > 64) return { ok: false, message: `locale is too long (${HINT})` };
  let canonical: string;
  try {
    const list = Intl.getCanonicalLocales(trimmed);
    if (list.length !== 1) return { ok: false, message: `"${trimmed}" is not one locale (${HINT})` };
    canonical = list[0]!;
  } catch {
    return { ok: false, message: `"${trimmed}" is not a BCP 47 locale tag (${HINT})` };
  }
  if (Intl.NumberFormat.supportedLocalesOf([canonical]).length === 0 || Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 0) {
    return { ok: false, message: `locale "${canonical}" is not supported: no number and date formats for it (${HINT})` };
  }
  return { ok: true, name: canonical };
}
