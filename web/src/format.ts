/** Pure display helpers: numbers, bytes, durations and times. */

/** The locale a report is read in when it names none (the server's default too). */
export const DEFAULT_LOCALE = 'en-US';

/** Common locales offered in the builder and export options; any other BCP 47 tag may be typed. */
export const COMMON_LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'sv-SE', 'pl-PL', 'ja-JP', 'zh-CN', 'ko-KR', 'hi-IN', 'ar-EG'];

/**
 * A BCP 47 tag in its canonical spelling (`de-de` → `de-DE`), or null when it is malformed or
 * Intl has no number formats for it: the same rule as the server's (exports/run-locale.ts).
 */
export function canonicalLocale(tag: string): string | null {
  const trimmed = tag.trim();
  if (!trimmed || trimmed.length > 64) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(trimmed);
    return canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0 ? canonical : null;
  } catch {
    return null;
  }
}

const numberFormats = new Map<string, { int: Intl.NumberFormat; dec: Intl.NumberFormat }>();

function numberFormatsOf(locale: string): { int: Intl.NumberFormat; dec: Intl.NumberFormat } {
  let f = numberFormats.get(locale);
  if (!f) {
    const safe = canonicalLocale(locale) ?? DEFAULT_LOCALE;
    f = { int: new Intl.NumberFormat(safe, { maximumFractionDigits: 0 }), dec: new Intl.NumberFormat(safe, { maximumFractionDigits: 2 }) };
    numberFormats.set(locale, f);
  }
  return f;
}

/** 1234567 → "1,234,567"; 1234.5678 → "1,234.57" (de-DE "1.234,57"); null → "—". */
export function formatNumber(value: number | string | null | undefined, locale: string = DEFAULT_LOCALE): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  const f = numberFormatsOf(locale);
  return Number.isInteger(n) ? f.int.format(n) : f.dec.format(n);
}

/** What a locale looks like: `1.234,5 · 6. Dezember 2026` for de-DE; '' for an unusable tag. */
export function localeSample(locale: string): string {
  const safe = canonicalLocale(locale);
  if (!safe) return '';
  const day = Date.UTC(2026, 11, 6);
  return `${new Intl.NumberFormat(safe).format(1234.5)} · ${new Intl.DateTimeFormat(safe, { timeZone: 'UTC', dateStyle: 'long' }).format(day)}`;
}

/** 0 → "0 B", 1536 → "1.5 KB", 5_242_880 → "5.0 MB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Milliseconds → "850 ms", "12.3 s", "2m 05s", "1h 02m". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(sec).padStart(2, '0')}s`;
}

/** Seconds left → "about 5 s", "about 2 min", or "" when unknown. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return `about ${Math.max(1, Math.round(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${(seconds / 3600).toFixed(1)} h left`;
}

/** An instant relative to now: "just now", "5 minutes ago", "in 3 hours", "2 days ago". */
export function formatRelativeTime(iso: string | Date | null | undefined, now: Date = new Date()): string {
  if (!iso) return '—';
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(t.getTime())) return '—';
  const diff = (t.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(diff);
  if (abs < 45) return 'just now';
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [60, 'second'],
    [3600, 'minute'],
    [86400, 'hour'],
    [86400 * 30, 'day'],
    [86400 * 365, 'month'],
    [Infinity, 'year'],
  ];
  const sizes: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, month: 86400 * 30, year: 86400 * 365 };
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [limit, unit] of steps) {
    if (abs < limit) return rtf.format(Math.round(diff / sizes[unit]!), unit);
  }
  return rtf.format(Math.round(diff / sizes.year!), 'year');
}

/** "2026-03-09T14:05:00Z" → "Mar 9, 2026, 14:05" in the given zone (local by default). */
export function formatDateTime(iso: string | Date | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const t = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(t.getTime())) return '—';
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone,
  }).format(t);
}

/** Percent 0..100 → "42%" (clamped, rounded down so 100% only shows when done). */
export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '0%';
  return `${Math.floor(Math.min(100, Math.max(0, p)))}%`;
}
