/**
 * Safe names for export files and the Content-Disposition header that offers them.
 *
 * The stored name is built only from a slug of the report name, a timestamp and a known
 * extension, so no path character, control character or non-ASCII byte can reach a file system or
 * a header from user text. Content-Disposition carries an ASCII `filename=` for old clients and
 * the exact UTF-8 name in `filename*=` (RFC 6266 + RFC 8187), which every current browser prefers;
 * the download offers the report's own name there (`displayFileName`), whatever its script.
 *
 * The time part is `yyyy-mm-dd_HHhMM` (`2026-12-06_20h26`): `_2026` for 20:26 read like a year.
 *
 * Transliteration covers Latin (accents dropped, a few letters spelled out). No transliteration
 * library is installed, so other scripts (CJK, Greek, Cyrillic, Arabic, Hebrew) and emoji have no
 * ASCII form: the slug keeps the name's ASCII parts, and the ASCII fallback marks each dropped run
 * with `_` (`report` when nothing ASCII is left). Browsers and mail clients use `filename*` anyway.
 */
import { zonedParts } from './zoned-time.js';

const MAX_SLUG_LENGTH = 80;
/** Characters in a header's quoted `filename=`: keep well under any proxy's header-line limit. */
const MAX_HEADER_NAME_LENGTH = 200;
/** Code points of the report's name in a display name: room left for the time part and extension. */
const MAX_DISPLAY_NAME_LENGTH = 120;

// Latin letters NFKD does not decompose; everything else without an ASCII base becomes a dash.
const LETTERS: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
};
const COMBINING_MARKS = /\p{M}/gu;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls, line separators, and the invisible bidi/format marks that can disguise a name
// (`U+202E` turns `report‮fdp.exe` into what reads as `reportexe.pdf`).
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Lower-case ASCII approximation: accents dropped (é → e), a few letters spelled out (ß → ss). */
function transliterate(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(/[ßæœøđðłþıħŧ]/g, (c) => LETTERS[c] ?? c);
}

/** `Rapport d’activité – été` → `rapport-d-activite-ete`; `report` when nothing usable remains. */
export function slugify(name: string): string {
  const slug = transliterate(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug || 'report';
}

/**
 * `2026-12-06_20h26`: the wall-clock date and time in `timeZone` for a file name or storage key.
 * The `h` keeps 20:26 from reading like a year. Throws RangeError for an unknown zone.
 */
export function fileTimePart(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}_${p.hour}h${p.minute}`;
}

/**
 * `<slug>_<yyyy-mm-dd_HHhMM>.<ext>` with the time as a wall clock in `timeZone` (the one the viewer
 * or schedule uses, so the name matches what they see). Throws RangeError for an unknown zone.
 */
export function exportFileName(reportName: string, at: Date, timeZone: string, ext: string): string {
  const safeExt = ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
  return `${slugify(reportName)}_${fileTimePart(at, timeZone)}.${safeExt}`;
}

/**
 * The name to offer a person: the stored name (`<slug>_<time>.<ext>`, from exportFileName) with
 * the slug replaced by the report's own name, e.g. `東京レポート_2026-12-06_20h26.pdf`. It goes
 * into `filename*` only through contentDisposition, which cleans it. A stored name of another
 * shape (no `_`) is returned as it is.
 */
export function displayFileName(storedName: string, reportName: string): string {
  const cut = storedName.indexOf('_');
  const name = Array.from(reportName.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim())
    .slice(0, MAX_DISPLAY_NAME_LENGTH).join('').trim();
  if (cut <= 0 || !name) return storedName;
  return `${name}${storedName.slice(cut)}`;
}

/** Cuts `name` to `max` code points, keeping a short extension. */
function limitLength(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? Array.from(name.slice(dot)) : [];
  return chars.slice(0, max - ext.length).join('') + ext.join('');
}

/** A file name's last path segment with control characters and path separators neutralised. */
function cleanName(name: string): string {
  const cleaned = name
    .replace(LONE_SURROGATES, '\uFFFD')
    .replace(CONTROL_CHARS, '')
    .replace(/[/\\]/g, '_')
    .replace(/\.{2,}/g, '.') // no `..` anywhere, even where it is harmless
    .trim()
    // `..`, `.hidden`: never let a leading dot make a name special.
    .replace(/^\.+/, '');
  return limitLength(cleaned, MAX_HEADER_NAME_LENGTH);
}

/** RFC 5987 `value-chars`: UTF-8 percent-encoding of everything but attr-char. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<utf-8>`.
 * `fileName` is the stored name; `displayName` (optional) is a nicer UTF-8 name to offer instead,
 * e.g. one that keeps the report's accents. Both are cleaned: a header can never be split (CR/LF)
 * and a saved file can never land outside the download folder (`/`, `\`, leading dots).
 */
export function contentDisposition(fileName: string, displayName?: string): string {
  const utf8 = cleanName(displayName ?? fileName) || cleanName(fileName) || 'download';
  let ascii = cleanName(transliterateKeepingCase(utf8))
    .replace(/[^\x20-\x7E]+/gu, '_') // one marker per run with no ASCII form (CJK, emoji, …)
    .replace(/["\\]/g, '')
    // Only characters no parser can take for syntax (no `;`, `=`, `%`, `*`): a naive one that
    // splits on `;` must not find a second parameter inside the name.
    .replace(/[^A-Za-z0-9 ._'()+,&!-]/g, '_')
    .replace(/_(?:[\s_]*_)?/g, '_') // `東京 レポート` → `_ _` → `_`
    .trim();
  // Nothing ASCII left before the marker (`東京_2026-…`): say what the file is.
  if (ascii.startsWith('_') || ascii.startsWith('.')) ascii = `report${ascii}`;
  ascii ||= 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(utf8)}`;
}

/** Like transliterate but keeps letter case, for the human-facing ASCII fallback. */
function transliterateKeepingCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u2018\u2019\u201A\u2032]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(COMBINING_MARKS, '')
    .replace(/[ßæœøđðłþıħŧ]/gi, (c) => {
      const lower = LETTERS[c.toLowerCase()];
      if (lower === undefined) return c;
      return c === c.toLowerCase() ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    });
}
