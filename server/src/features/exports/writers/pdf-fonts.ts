/**
 * Unicode text for the PDF export: embedded Noto fonts (npm @expo-google-fonts packages), chosen
 * per text run by script.
 *
 * Why runs: no single font covers the world (Noto Sans has Latin, Greek and Cyrillic; CJK, Arabic,
 * Hebrew and emoji are separate families), so every string drawn is split into runs, each drawn in
 * the first face that has a glyph for it, one after another at measured x positions.
 *
 * - Faces by script: Latin/Greek/Cyrillic and everything common → Noto Sans; Kana and Han → Noto
 *   Sans JP (it covers the Han of Japanese and most traditional and common Chinese; a Han character
 *   JP lacks, e.g. many simplified forms such as 简, falls back to Noto Sans SC); Hangul → KR;
 *   Arabic → Noto Sans Arabic; Hebrew → Noto Sans Hebrew; emoji and symbols → Noto Emoji
 *   (monochrome). A character no face covers is drawn as U+FFFD (a visible replacement glyph) from
 *   Noto Sans, never as '?'.
 * - Bold uses each family's 700 weight (Noto Emoji's 700 too).
 * - Right to left: each line goes through the Unicode Bidirectional Algorithm (pdf-bidi.ts, bidi-js):
 *   the paragraph's direction comes from its first strong character (an Arabic cell is a
 *   right-to-left paragraph, `Revenue עברית 2026 (Q1)` a left-to-right one with a Hebrew word in
 *   it), runs are reordered per line, brackets at RTL levels are mirrored, and fontkit (inside
 *   pdfkit) shapes each Arabic or Hebrew run in logical order (joining forms, dot marks) and lays
 *   its glyphs out right to left. Text is still placed from the left edge of its box: an RTL
 *   paragraph is not right-aligned.
 * - Size and cost: pdfkit subsets every embedded font per document (only used glyphs), a face is
 *   registered in a document only when a run needs it, and the font files are read lazily once per
 *   process and kept in memory.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { paragraphDirection, visualRuns, type Direction } from './pdf-bidi.js';

type Doc = PDFKit.PDFDocument;

export type Face = 'sans' | 'jp' | 'sc' | 'kr' | 'arabic' | 'hebrew' | 'emoji';

const FAMILIES: Record<Face, { pkg: string; name: string }> = {
  sans: { pkg: '@expo-google-fonts/noto-sans', name: 'NotoSans' },
  jp: { pkg: '@expo-google-fonts/noto-sans-jp', name: 'NotoSansJP' },
  sc: { pkg: '@expo-google-fonts/noto-sans-sc', name: 'NotoSansSC' },
  kr: { pkg: '@expo-google-fonts/noto-sans-kr', name: 'NotoSansKR' },
  arabic: { pkg: '@expo-google-fonts/noto-sans-arabic', name: 'NotoSansArabic' },
  hebrew: { pkg: '@expo-google-fonts/noto-sans-hebrew', name: 'NotoSansHebrew' },
  emoji: { pkg: '@expo-google-fonts/noto-emoji', name: 'NotoEmoji' },
};

const REPLACEMENT = '\uFFFD';

const require = createRequire(import.meta.url);

// ---- font files (lazy, cached per process) --------------------------------------------------------

const files = new Map<string, Buffer>();

/** The TTF bytes of `face` in a weight; read on first use, then kept. */
export function fontFile(face: Face, bold: boolean): Buffer {
  const weight = bold ? '700Bold' : '400Regular';
  const key = `${face}-${weight}`;
  let buf = files.get(key);
  if (!buf) {
    const { pkg, name } = FAMILIES[face];
    // Each weight ships an index.js beside its .ttf.
    const dir = dirname(require.resolve(`${pkg}/${weight}`));
    buf = readFileSync(join(dir, `${name}_${weight}.ttf`));
    files.set(key, buf);
  }
  return buf;
}

/** The font files read so far in this process (`sans-400Regular`, …); for tests. */
export function loadedFontFiles(): string[] {
  return [...files.keys()];
}

// ---- coverage ------------------------------------------------------------------------------------

interface GlyphCoverage {
  hasGlyphForCodePoint(cp: number): boolean;
}

const coverage = new Map<Face, GlyphCoverage | null>();

/**
 * Whether `face` has a glyph for `cp`. Reads the cmap through the fontkit font pdfkit builds (a
 * probe document that is never written); if that internal shape ever changes, a face is assumed to
 * cover the scripts it is chosen for.
 */
function covers(face: Face, cp: number): boolean {
  let c = coverage.get(face);
  if (c === undefined) {
    c = null;
    try {
      const probe = new PDFDocument({ autoFirstPage: false });
      probe.font(fontFile(face, false));
      const font = (probe as unknown as { _font?: { font?: Partial<GlyphCoverage> } })._font?.font;
      if (font && typeof font.hasGlyphForCodePoint === 'function') c = font as GlyphCoverage;
    } catch {
      c = null;
    }
    coverage.set(face, c);
  }
  return c ? c.hasGlyphForCodePoint(cp) : true;
}

/** The faces to try for `cp`, best first. */
function candidates(cp: number): Face[] {
  if (cp < 0x250) return ['sans'];
  if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff65 && cp <= 0xff9f)) return ['jp'];
  if (
    (cp >= 0x2e80 && cp <= 0x2fdf) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  )
    return ['jp', 'sc', 'kr'];
  if ((cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0xac00 && cp <= 0xd7ff)) return ['kr'];
  if ((cp >= 0x0600 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return ['arabic'];
  if ((cp >= 0x0590 && cp <= 0x05ff) || (cp >= 0xfb1d && cp <= 0xfb4f)) return ['hebrew'];
  if ((cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x2600 && cp <= 0x27bf) || (cp >= 0x2b00 && cp <= 0x2bff))
    return ['emoji', 'sans', 'jp'];
  // Greek, Cyrillic, punctuation, arrows, maths, …: Noto Sans first, then the big CJK font (it has
  // many symbols, e.g. →), then emoji.
  return ['sans', 'jp', 'emoji'];
}

/** Joins the run before it instead of starting one: spaces, combining marks, joiners, variation selectors. */
function isNeutral(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x300 && cp <= 0x36f) ||
    cp === 0x200c ||
    cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff)
  );
}

export interface TextRun {
  text: string;
  face: Face;
}

/**
 * NFC-normalises `text`, turns control characters into spaces and splits it into runs of one face
 * each. Characters no face covers become U+FFFD in Noto Sans.
 */
export function splitRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  const clean = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFC');
  for (const raw of clean) {
    let ch = raw;
    let cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x2028 || cp === 0x2029) {
      ch = ' ';
      cp = 0x20;
    }
    let face: Face | undefined;
    // Noto Emoji's space is as wide as an emoji (1.27 em): spaces never join an emoji run.
    if (current && isNeutral(cp) && !(cp === 0x20 && current.face === 'emoji') && covers(current.face, cp)) face = current.face;
    else face = candidates(cp).find((f) => covers(f, cp));
    if (!face) {
      if (cp === 0xfe0f || cp === 0xfe0e || cp === 0x200d) continue; // invisible selectors/joiners nobody has
      ch = REPLACEMENT;
      face = 'sans';
    }
    if (current && current.face === face) current.text += ch;
    else {
      current = { text: ch, face };
      runs.push(current);
    }
  }
  return detachRtlSpaces(runs);
}

/**
 * Spaces join the run before them so that an RTL run keeps its words together, but a space after
 * an RTL run's last word belongs to what follows (its bidi level is often the paragraph's, not the
 * run's): it moves to a Noto Sans run after it.
 */
function detachRtlSpaces(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const prev = out[out.length - 1];
    if (prev && (prev.face === 'arabic' || prev.face === 'hebrew')) {
      const trimmed = prev.text.trimEnd();
      if (trimmed !== prev.text && trimmed !== '') {
        const spaces = prev.text.slice(trimmed.length);
        prev.text = trimmed;
        if (run.face === 'sans') run.text = spaces + run.text;
        else out.push({ text: spaces, face: 'sans' });
      }
    }
    out.push(run);
  }
  return out;
}

// ---- drawing -------------------------------------------------------------------------------------

/** Options the run drawer passes through to pdfkit's text(). */
export type RunTextOptions = Pick<PDFKit.Mixins.TextOptions, 'width' | 'height' | 'ellipsis' | 'lineBreak'>;

/**
 * Measures and draws Unicode text in one document with the embedded faces. The caller sets the
 * font size and fill colour on the document as usual; the face is set per run.
 */
export class PdfText {
  private readonly registered = new Set<string>();
  private readonly runCache = new Map<string, TextRun[]>();
  private ascender: number | undefined;

  constructor(private readonly doc: Doc) {}

  /** Selects `face` (registered in this document on first use) as the document's font. */
  use(face: Face, bold = false): Doc {
    const name = `${FAMILIES[face].name}-${bold ? 'Bold' : 'Regular'}`;
    if (!this.registered.has(name)) {
      this.doc.registerFont(name, fontFile(face, bold));
      this.registered.add(name);
    }
    return this.doc.font(name);
  }

  runs(text: string): TextRun[] {
    let runs = this.runCache.get(text);
    if (!runs) {
      runs = splitRuns(text);
      // Cache the short strings that repeat (labels, enum-like cells), not every cell.
      if (this.runCache.size < 5000 && text.length <= 64) this.runCache.set(text, runs);
    }
    return runs;
  }

  /** Width of `text` at the document's current font size. */
  width(text: string, bold = false): number {
    let w = 0;
    for (const run of this.runs(text)) w += this.use(run.face, bold).widthOfString(run.text);
    return w;
  }

  /**
   * Draws `text` at (x, y), run by run at measured x positions, on one line; with a `width` (and
   * lineBreak not false) it wraps at spaces (anywhere in text without spaces, such as Japanese) to
   * the lines that fit `height`, the last one ending in '…' when text is left over. pdfkit's own
   * wrapping is not used: it wraps one font at a time, and chaining runs with `continued` loses
   * text between runs once its height and ellipsis apply.
   */
  draw(text: string, x: number, y: number, bold = false, options: RunTextOptions = {}): void {
    if (options.width !== undefined && options.lineBreak !== false) {
      const lineHeight = this.use('sans', bold).currentLineHeight(true);
      const maxLines = options.height === undefined ? Infinity : Math.max(1, Math.round(options.height / lineHeight));
      const lines = this.wrap(text, options.width, bold, maxLines);
      // Every line keeps the direction of the whole text (a wrapped line of an Arabic paragraph
      // that starts with a Latin word is still right to left).
      const direction = paragraphDirection(text);
      lines.forEach((line, i) => this.drawLine(line, x, y + i * lineHeight, bold, direction));
      this.doc.x = x;
      this.doc.y = y + lines.length * lineHeight;
      return;
    }
    this.drawLine(text, x, y, bold, paragraphDirection(text));
  }

  /** Lines of at most `width`, at most `maxLines` of them, the last truncated with '…' if text is left. */
  wrap(text: string, width: number, bold = false, maxLines = Infinity): string[] {
    const lines: string[] = [];
    let rest = text.trim();
    while (rest !== '') {
      if (this.width(rest, bold) <= width) {
        lines.push(rest);
        break;
      }
      if (lines.length === maxLines - 1) {
        lines.push(this.truncate(rest, width, bold));
        break;
      }
      const chars = [...rest];
      let lo = 1;
      let hi = chars.length;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.width(chars.slice(0, mid).join(''), bold) <= width) lo = mid;
        else hi = mid - 1;
      }
      let line = chars.slice(0, lo).join('');
      const space = line.lastIndexOf(' ');
      if (chars[lo] !== ' ' && space > 0) line = line.slice(0, space);
      lines.push(line.trimEnd());
      rest = rest.slice(line.length).trimStart();
    }
    return lines;
  }

  /** One line, run by run at measured x positions, the runs in visual order (pdf-bidi.ts). */
  private drawLine(text: string, x: number, y: number, bold: boolean, direction: Direction): void {
    const runs = visualRuns(this.runs(text), direction);
    if (runs.length === 0) return;
    // Every run sits on Noto Sans's baseline (pdfkit would put each font's ascender at y, and the
    // CJK fonts' ascenders are taller, so a digit after 東京 would sit lower).
    const size = (this.doc as unknown as { _fontSize?: number })._fontSize ?? 12;
    const baseline = (-this.sansAscender(bold) * size) / 1000;
    let rx = x;
    for (const run of runs) {
      const doc = this.use(run.face, bold);
      if (run.reversedByFont) this.drawReversedWords(run.text, rx, y, baseline, run.level % 2 === 1);
      else doc.text(run.text, rx, y, { lineBreak: false, baseline });
      rx += doc.widthOfString(run.text);
    }
  }

  /**
   * A run fontkit lays out right to left (Arabic, Hebrew), word by word: its last word leftmost,
   * each word shaped whole. Drawn as one string, pdfkit's placement of Noto Sans Arabic's
   * positioned dot marks (ccmp) loses the width of the spaces between words.
   *
   * `logical` (the run is at an RTL level, so `text` is in logical order) wraps each word in a
   * marked-content span whose ActualText is the word: Noto Sans Arabic draws ب, ت, ن and ي in
   * initial and medial forms with one dotless glyph plus dot marks, and a PDF maps a glyph to one
   * text, so without it a reader that uses only the glyphs' ToUnicode (pdfjs) reads ي as ت after a
   * ت used that glyph. Readers that honour ActualText (poppler's pdftotext does) read the word.
   */
  private drawReversedWords(text: string, x: number, y: number, baseline: number, logical: boolean): void {
    let wx = x;
    for (const part of text.split(/( +)/).reverse()) {
      if (part === '') continue;
      if (part.trim() !== '') {
        if (logical) this.doc.markContent('Span', { actual: part });
        this.doc.text(part, wx, y, { lineBreak: false, baseline });
        if (logical) this.doc.endMarkedContent();
      }
      wx += this.doc.widthOfString(part);
    }
  }

  /** Noto Sans's ascender (per 1000 em), read from pdfkit's font object; 1069 if that ever changes. */
  private sansAscender(bold: boolean): number {
    if (this.ascender === undefined) {
      this.use('sans', bold);
      const a = (this.doc as unknown as { _font?: { ascender?: unknown } })._font?.ascender;
      this.ascender = typeof a === 'number' && a > 0 ? a : 1069;
    }
    return this.ascender;
  }

  /** Longest prefix of `text` that fits `width` with a trailing '…' (binary search on code points). */
  truncate(text: string, width: number, bold = false): string {
    if (this.width(text, bold) <= width) return text;
    const chars = [...text];
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.width(`${chars.slice(0, mid).join('').trimEnd()}…`, bold) <= width) lo = mid;
      else hi = mid - 1;
    }
    return lo === 0 ? '…' : `${chars.slice(0, lo).join('').trimEnd()}…`;
  }
}

