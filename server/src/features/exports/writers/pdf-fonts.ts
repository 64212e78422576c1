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
 * - Right to left: fontkit (inside pdfkit) shapes an Arabic run (joining forms, ligatures) and
 *   returns its glyphs in visual order, so a run of Arabic or Hebrew words reads correctly. There is
 *   no paragraph-level bidi reordering: runs are placed left to right in logical order, so a line
 *   mixing RTL words with Latin or digits shows each run correct but the runs in logical order.
 * - Size and cost: pdfkit subsets every embedded font per document (only used glyphs), a face is
 *   registered in a document only when a run needs it, and the font files are read lazily once per
 *   process and kept in memory.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

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

/**
 * OpenType features per face (fontkit's object form: false turns a default off). Noto Sans Arabic's
 * `ccmp` splits a letter such as ب into a dotless body and a dot mark; the mark glyph has no code
 * point, so text extraction shows a stray control character. Without `ccmp` fontkit uses the
 * font's precomposed joining forms, which look the same and extract as the input.
 */
const FEATURES: Partial<Record<Face, Record<string, boolean>>> = { arabic: { ccmp: false } };
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

/** The font names (as registered in a document) of the faces loaded so far; for tests and benches. */
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
    if (current && isNeutral(cp) && covers(current.face, cp)) face = current.face;
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
  return runs;
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
    for (const run of this.runs(text)) w += this.use(run.face, bold).widthOfString(run.text, featureOptions(run.face));
    return w;
  }

  /**
   * Draws `text` at (x, y). Single-line text (lineBreak: false, the default) is placed run by run
   * at measured x positions. Wrapping text (a width with lineBreak not false) of one run is drawn by
   * pdfkit as is; of several runs it is chained with `continued`, so pdfkit wraps across runs
   * (its ellipsis then applies to the last run only).
   */
  draw(text: string, x: number, y: number, bold = false, options: RunTextOptions = {}): void {
    const runs = this.runs(text);
    if (runs.length === 0) return;
    const wraps = options.width !== undefined && options.lineBreak !== false;
    if (!wraps) {
      let rx = x;
      for (const run of runs) {
        const doc = this.use(run.face, bold);
        const features = featureOptions(run.face);
        doc.text(run.text, rx, y, { lineBreak: false, ...features });
        rx += doc.widthOfString(run.text, features);
      }
      return;
    }
    if (runs.length === 1) {
      this.use(runs[0]!.face, bold).text(runs[0]!.text, x, y, { ...options, ...featureOptions(runs[0]!.face) });
      return;
    }
    runs.forEach((run, i) => {
      const doc = this.use(run.face, bold);
      const continued = i < runs.length - 1;
      const features = featureOptions(run.face);
      if (i === 0) doc.text(run.text, x, y, { ...options, ...features, continued });
      else doc.text(run.text, { ...features, continued });
    });
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

/** pdfkit text options carrying the face's feature settings (pdfkit passes them to fontkit's layout). */
function featureOptions(face: Face): PDFKit.Mixins.TextOptions {
  const features = FEATURES[face];
  // The object form is what fontkit accepts for turning features off; @types/pdfkit knows the array form only.
  return features ? ({ features } as unknown as PDFKit.Mixins.TextOptions) : {};
}
