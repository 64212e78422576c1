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
 * Transliteration is any-ascii's (`東京レポート` → `DongJingrepoto`, `Ελληνικά` → `Ellinika`, `Отчёт` →
 * `Otchet`, `דוח` → `dvh`, `é` → `e`, `ß` → `ss`), with emoji spelled as their short names (`🚀` →
 * `rocket`, where any-ascii writes `:rocket:`). It feeds both the stored name's slug
 * (`dongjingrepoto_2026-12-06_20h26.pdf`) and the header's ASCII `filename=`
 * (`DongJingrepoto_2026-12-06_20h26.pdf`), so an old client saves a readable name rather than
 * `report_…`. Transliteration only chooses letters: every safety filter runs on its output too
 * (any-ascii may produce `/`, `"`, `;`, `%`, `*`, `=` or `...`, e.g. `½` → `1/2`, `…` → `...`).
 */
import anyAscii from 'any-ascii';
import { zonedParts } from './zoned-time.js';

const MAX_SLUG_LENGTH = 80;
/** Characters in a header's quoted `filename=`: keep well under any proxy's header-line limit. */
const MAX_HEADER_NAME_LENGTH = 200;
/** Code points of the report's name in a display name: room left for the time part and extension. */
const MAX_DISPLAY_NAME_LENGTH = 120;

/** Code points of a name transliterated for a slug: far more than the slug keeps, bounded for huge input. */
const MAX_SLUG_SOURCE_LENGTH = 1000;
/** An emoji with its modifiers, joiners and variation selectors (`👩‍💻`, `👍🏽`, `❤️`). */
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200D\uFE0F]+/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** What a cut keeps at a name's end: the time part and a short extension (`_2026-12-06_20h26.pdf`). */
const KEPT_TAIL = /(?:_\d{4}-\d{2}-\d{2}_\d{2}h\d{2})?(?:\.[A-Za-z0-9]{1,8})?$/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls, line separators, and the invisible bidi/format marks that can disguise a name
// (`U+202E` turns `report‮fdp.exe` into what reads as `reportexe.pdf`). The zero-width joiner and
// non-joiner (U+200C, U+200D) stay: emoji sequences (`👩‍💻`) and Persian words need them.
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * ASCII approximation with the letters' case (any-ascii); also the email attachments' ASCII
 * `filename` (delivery/email/mime.ts). An emoji becomes its short name
 * (`Launch 🚀 week` → `Launch rocket week`, `👩‍💻` → `woman computer`) instead of any-ascii's
 * `:rocket:`, whose colons no file name may hold; a space keeps it apart from a letter beside it.
 */
export function transliterate(text: string): string {
  const spelled = text.replace(EMOJI, (emoji, offset: number, whole: string) => {
    const words = anyAscii(emoji).replace(/:+/g, ' ').trim();
    if (!words) return '';
    const before = offset > 0 && LETTER_OR_DIGIT.test(whole.charAt(offset - 1)) ? ' ' : '';
    const after = LETTER_OR_DIGIT.test(whole.charAt(offset + emoji.length)) ? ' ' : '';
    return `${before}${words}${after}`;
  });
  // any-ascii writes Arabic ʿayn as a backtick (`المبيعات` → ``lmby`t``): a letter mark, not a break.
  return anyAscii(spelled).replace(/`/g, '');
}

/**
 * `Rapport d’activité – été` → `rapport-d-activite-ete`, `東京レポート` → `dongjingrepoto`; `report` when
 * nothing usable remains.
 */
export function slugify(name: string): string {
  const slug = transliterate(Array.from(name).slice(0, MAX_SLUG_SOURCE_LENGTH).join(''))
    .toLowerCase()
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

/** Cuts `name` to `max` code points, keeping its time part and extension (KEPT_TAIL). */
function limitLength(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const tail = Array.from(KEPT_TAIL.exec(name)?.[0] ?? '');
  return chars.slice(0, max - tail.length).join('').trimEnd() + tail.join('');
}

/**
 * A file name's last path segment with control characters and path separators neutralised.
 * Exported for file-name templates (file-name-template.ts), whose output passes through it too.
 */
export function cleanName(name: string): string {
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
  let ascii = cleanName(transliterate(utf8))
    .replace(/[^\x20-\x7E]+/g, '_') // any-ascii leaves nothing else; a guard, not a path
    .replace(/["\\]/g, '')
    // Only characters no parser can take for syntax (no `;`, `=`, `%`, `*`): a naive one that
    // splits on `;` must not find a second parameter inside the name.
    .replace(/[^A-Za-z0-9 ._'()+,&!-]/g, '_')
    .replace(/_(?:[\s_]*_)?/g, '_') // `a / b` → `a _ _ b` → `a _ b`
    .trim();
  // A name that starts with a marker (`/etc` → `_etc`) or a dot: say what the file is.
  if (ascii.startsWith('_') || ascii.startsWith('.')) ascii = `report${ascii}`;
  ascii ||= 'download';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(utf8)}`;
}
