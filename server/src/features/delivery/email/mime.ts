/**
 * Just enough RFC 5322 / MIME to write a faithful `.eml`: encoded-word headers (RFC 2047), folded
 * lines, quoted-printable and base64 bodies, RFC 2231 file names. Every line ends in CRLF and stays
 * under 78 characters where the standards ask for it (998 at most).
 */
import { randomBytes } from 'node:crypto';
import { transliterate } from '../../exports/writers/file-name.js';
import type { EmailAttachment } from './message.js';

export const CRLF = '\r\n';

// eslint-disable-next-line no-control-regex
const NON_ASCII_OR_CONTROL = /[^\x20-\x7E]/;

/** Throws on CR or LF: a header value that could start a new header or the body. */
function assertOneLine(value: string, what: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`${what} must not contain line breaks`);
}

/**
 * RFC 2047 `=?UTF-8?B?…?=` words, each at most 75 characters, split on character boundaries so no
 * UTF-8 sequence is cut in half. Joined by a space, which a folding turns into CRLF + space.
 */
export function encodeWords(text: string): string[] {
  const words: string[] = [];
  // 39 bytes → 52 base64 characters + 12 of "=?UTF-8?B??=" = 64, so even `Subject: ` + a word
  // stays within the 76 characters RFC 2047 allows a line holding encoded words.
  const maxBytes = 39;
  let chunk = '';
  let chunkBytes = 0;
  for (const char of text) {
    const bytes = Buffer.byteLength(char);
    if (chunkBytes + bytes > maxBytes && chunk) {
      words.push(`=?UTF-8?B?${Buffer.from(chunk).toString('base64')}?=`);
      chunk = '';
      chunkBytes = 0;
    }
    chunk += char;
    chunkBytes += bytes;
  }
  if (chunk || !words.length) words.push(`=?UTF-8?B?${Buffer.from(chunk).toString('base64')}?=`);
  return words;
}

/** Folds `Name: value` at spaces so lines stay within 78 characters when the words allow it. */
export function foldHeader(name: string, value: string): string {
  const words = value.split(' ');
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > 78 && line.length > name.length + 1) {
      lines.push(line);
      line = ` ${word}`;
    } else {
      line += ` ${word}`;
    }
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** An unstructured header (Subject, X-…): as is when printable ASCII, encoded words otherwise. */
export function unstructuredHeader(name: string, value: string): string {
  assertOneLine(value, name);
  const clean = value.replace(/\t/g, ' ');
  if (!NON_ASCII_OR_CONTROL.test(clean) && !/=\?/.test(clean)) return foldHeader(name, clean);
  return foldHeader(name, encodeWords(clean).join(' '));
}

const ADDR_SPEC = /^[^\s<>()[\]\\,;:"@]+@[^\s<>()[\]\\,;:"@]+$/;

/** Parses `addr@x` or `Display Name <addr@x>` (the forms our config and recipients use). */
export function parseMailbox(mailbox: string): { name: string | null; address: string } {
  assertOneLine(mailbox, 'address');
  const trimmed = mailbox.trim();
  const angled = /^(.*?)\s*<([^<>]+)>$/.exec(trimmed);
  const name = angled ? angled[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1') : null;
  const address = (angled ? angled[2]! : trimmed).trim();
  if (!ADDR_SPEC.test(address) || NON_ASCII_OR_CONTROL.test(address)) {
    throw new Error(`not a usable email address: ${JSON.stringify(address)}`);
  }
  return { name: name || null, address };
}

/** An address header with its display name quoted (ASCII) or encoded (non-ASCII). */
export function addressHeader(name: string, mailbox: string): string {
  const parsed = parseMailbox(mailbox);
  if (!parsed.name) return foldHeader(name, parsed.address);
  const display = NON_ASCII_OR_CONTROL.test(parsed.name)
    ? encodeWords(parsed.name).join(' ')
    : /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(parsed.name)
      ? parsed.name
      : `"${parsed.name.replace(/(["\\])/g, '\\$1')}"`;
  return foldHeader(name, `${display} <${parsed.address}>`);
}

/** `Mon, 09 Mar 2026 14:00:00 +0000` (RFC 5322 §3.3, in UTC). */
export function rfc5322Date(at: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${days[at.getUTCDay()]}, ${pad(at.getUTCDate())} ${months[at.getUTCMonth()]} ${at.getUTCFullYear()} ` +
    `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000`
  );
}

/** Base64 in 76-character lines. */
export function base64Lines(content: Buffer): string {
  const b64 = content.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(CRLF);
}

/**
 * Quoted-printable (RFC 2045 §6.7) of UTF-8 text, with line breaks as hard CRLF breaks and soft
 * breaks (`=` at the end) keeping every line at most 76 characters.
 */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const sourceLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bytes = Buffer.from(sourceLine, 'utf8');
    let line = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      const last = i === bytes.length - 1;
      // Printable ASCII except '=', and space/tab unless they end the line.
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const token = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (line.length + token.length > 75) {
        out.push(`${line}=`);
        line = '';
      }
      line += token;
    }
    out.push(line);
  }
  return out.join(CRLF);
}

/**
 * A fresh, random boundary. `=_` can never occur in quoted-printable (a literal `=` is always
 * `=XX` hex or a soft break at a line's end) and base64 has neither `-` nor `_`, so no body line
 * can look like it whatever the content.
 */
export function newBoundary(tag: string): string {
  return `----=_rc_${tag}_${randomBytes(12).toString('hex')}`;
}

/** `type/subtype` with safe characters, else application/octet-stream. */
function safeContentType(contentType: string): string {
  const base = contentType.split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(base) ? base : 'application/octet-stream';
}

/** RFC 5987 / 2231 percent-encoding of UTF-8 (attr-char kept). */
function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Parameters naming a file: RFC 2231 `name*=UTF-8''…` when the name is not plain ASCII (split into
 * `name*0*`, `name*1*`, … sections when long), then `name="ascii"` for readers that lack RFC 2231.
 */
export function fileNameParams(param: 'filename' | 'name', fileName: string): string[] {
  const clean = fileName.replace(/[\u0000-\u001F\u007F-\u009F]/g, '').replace(/[/\\]/g, '_').trim() || 'attachment';
  const ascii = shorten(
    // The same transliteration as download names (`東京レポート` → `DongJingrepoto`), not `______`.
    transliterate(clean)
      .replace(/[^\x20-\x7E]/g, '_')
      .replace(/["\\]/g, '_'),
    60,
  );
  const params: string[] = [];
  if (ascii !== clean) {
    const encoded = `UTF-8''${percentEncode(clean)}`;
    if (encoded.length <= 60) {
      params.push(`${param}*=${encoded}`);
    } else {
      // Sections must not split a %XX escape.
      const sections: string[] = [];
      let rest = encoded;
      while (rest.length) {
        let cut = Math.min(60, rest.length);
        const pct = rest.lastIndexOf('%', cut - 1);
        if (pct >= 0 && pct > cut - 3 && cut < rest.length) cut = pct;
        sections.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      sections.forEach((s, i) => params.push(`${param}*${i}*=${s}`));
    }
  }
  // The ASCII fallback goes last: readers that know RFC 2231 take the exact name whatever the
  // order, and some (Python's email package) take the first form they see.
  params.push(`${param}="${ascii}"`);
  return params;
}

/** At most `max` characters, keeping a short extension (`very-long-na….pdf` style, with `_`). */
function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return `${name.slice(0, max - ext.length - 1)}_${ext}`;
}

/** A header with parameters, one per folded line: `Content-Type: a/b;\r\n name="x"`. */
function paramHeader(name: string, value: string, params: string[]): string {
  return [`${name}: ${value}${params.length ? ';' : ''}`, ...params.map((p, i) => ` ${p}${i < params.length - 1 ? ';' : ''}`)].join(CRLF);
}

export interface MimeInput {
  headers: string[];
  text: string;
  html: string;
  attachments: EmailAttachment[];
}

/**
 * multipart/mixed[ multipart/alternative[text/plain, text/html], attachment… ], with top-level
 * `headers` (already formatted lines) first. Images the HTML shows (attachments with a contentId)
 * go with it: multipart/mixed[ multipart/related[ multipart/alternative[…], image… ], attachment… ]
 * (RFC 2387), each image `Content-Disposition: inline` with its `Content-ID`. Returns the whole
 * message, CRLF line ends.
 */
export function buildMime(input: MimeInput): string {
  const mixed = newBoundary('mixed');
  const alternative = newBoundary('alt');
  const inline = input.attachments.filter((a) => a.contentId);
  const related = inline.length ? newBoundary('rel') : null;
  const parts: string[] = [
    ...input.headers,
    'MIME-Version: 1.0',
    paramHeader('Content-Type', 'multipart/mixed', [`boundary="${mixed}"`]),
    '',
    'This is a multi-part message in MIME format.',
    '',
    `--${mixed}`,
    ...(related ? [paramHeader('Content-Type', 'multipart/related', [`boundary="${related}"`, 'type="multipart/alternative"']), '', `--${related}`] : []),
    paramHeader('Content-Type', 'multipart/alternative', [`boundary="${alternative}"`]),
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(input.text),
    `--${alternative}`,
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(input.html),
    `--${alternative}--`,
    '',
  ];
  if (related) {
    for (const image of inline) {
      parts.push(
        `--${related}`,
        paramHeader('Content-Type', safeContentType(image.contentType), fileNameParams('name', image.fileName)),
        paramHeader('Content-Disposition', 'inline', fileNameParams('filename', image.fileName)),
        `Content-ID: <${image.contentId!.replace(/[^\x21-\x7e]|[<>]/g, '')}>`,
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(image.content),
      );
    }
    parts.push(`--${related}--`, '');
  }
  for (const attachment of input.attachments.filter((a) => !a.contentId)) {
    parts.push(
      `--${mixed}`,
      paramHeader('Content-Type', safeContentType(attachment.contentType), fileNameParams('name', attachment.fileName)),
      paramHeader('Content-Disposition', 'attachment', [...fileNameParams('filename', attachment.fileName), `size=${attachment.content.length}`]),
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(attachment.content),
    );
  }
  parts.push(`--${mixed}--`, '');
  return parts.join(CRLF);
}
