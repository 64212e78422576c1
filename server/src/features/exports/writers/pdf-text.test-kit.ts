/**
 * Test helpers for the Unicode PDF tests (not used by production code): the text of each page as
 * pdfjs (npm) reads it, and the fonts a PDF embeds, read from its raw font dictionaries.
 */
import { readPdfPages } from '../../../../../test/support/pdf-text.js';

/** Each page's text items joined in content order (pdfjs's `str`s, with a newline after EOL items). */
export function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  return readPdfPages(pdf, async (page) => {
    let text = '';
    for (const item of (await page.getTextContent()).items) {
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : ' ');
    }
    return text;
  });
}

/**
 * The normalisation the Unicode tests compare under: NFC, and no whitespace at all. pdfjs splits
 * and joins text items by position (pdfkit draws each script run as its own text object, so a
 * space can appear or vanish at a run boundary); the characters themselves must be exact. Also
 * dropped: C0 controls, which is how pdfjs reads the dot glyphs Noto Sans Arabic splits off ب, ت,
 * ي… (fontkit's `ccmp`): such a glyph has no characters of its own and pdfkit gives it an empty
 * ToUnicode entry, which pdfjs replaces with a control character. (The PDF never draws a control
 * character: pdfText turns them into spaces.)
 */
export function comparable(text: string): string {
  return text.normalize('NFC').replace(/[\s\x00-\x1f]+/g, '');
}

/** A pdfjs text item: its text (pdfjs puts an RTL item's characters back in logical order), direction and position. */
export interface PdfTextItem {
  str: string;
  dir: string;
  x: number;
  y: number;
}

/** The first page's non-blank text items, each with `comparable` text, in content order. */
export async function pdfTextItems(pdf: Uint8Array): Promise<PdfTextItem[]> {
  const [items] = await readPdfPages(pdf, async (page) => {
    const out: PdfTextItem[] = [];
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      const str = comparable(item.str);
      if (str !== '') out.push({ str, dir: item.dir, x: item.transform[4] as number, y: item.transform[5] as number });
    }
    return out;
  });
  return items!;
}

/**
 * The words of the line at baseline `y`, left to right on the page. ±4pt: an Arabic word that
 * starts with a positioned dot mark is an item whose origin is the mark's (3pt off at 20pt); lines
 * are at least 12pt apart.
 */
export function lineWords(items: PdfTextItem[], y: number): string[] {
  return items.filter((i) => Math.abs(i.y - y) <= 4).sort((a, b) => a.x - b.x).map((i) => i.str);
}

/**
 * The forms in which pdfjs may read back `sample`. An RTL run is drawn word by word in visual order
 * (its first word rightmost) and pdfjs restores logical order within each text item, so the words
 * of an RTL sample come back in visual order, each word itself correct; accepted in logical order
 * too.
 */
export function readBacks(sample: string): string[] {
  if (!/[\u0590-\u08ff]/.test(sample)) return [sample];
  return [sample, sample.split(/\s+/).reverse().join(' ')];
}

export interface EmbeddedFont {
  /** The subset tag, e.g. `ABCDEF` of `/ABCDEF+NotoSansJP-Regular`. */
  tag: string;
  /** The PostScript name after the tag. */
  name: string;
}

/**
 * The fonts named by `/BaseFont` in the PDF (pdfkit writes font dictionaries uncompressed), with the
 * number of embedded TrueType programs (`/FontFile2`): what `pdffonts` reports as "emb sub".
 */
export function pdfFonts(pdf: Buffer): { subsets: EmbeddedFont[]; others: string[]; fontFiles: number } {
  const raw = pdf.toString('latin1');
  const subsets: EmbeddedFont[] = [];
  const others: string[] = [];
  for (const m of raw.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)) {
    const tagged = /^([A-Z]{6})\+(.+)$/.exec(m[1]!);
    // A Type0 font and its descendant CIDFont both name it: count it once.
    if (tagged && !subsets.some((f) => f.tag === tagged[1] && f.name === tagged[2])) subsets.push({ tag: tagged[1]!, name: tagged[2]! });
    else if (!tagged) others.push(m[1]!);
  }
  return { subsets, others, fontFiles: raw.match(/\/FontFile2\b/g)?.length ?? 0 };
}
