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
 * dropped: U+0003, which is how pdfjs reads the dot glyph Noto Sans Arabic splits off ب (fontkit's
 * `ccmp`): that glyph has no characters of its own and pdfkit gives it an empty ToUnicode entry,
 * which pdfjs replaces with the glyph id.
 */
export function comparable(text: string): string {
  return text.normalize('NFC').replace(/[\s\x00-\x08]+/g, '');
}

/**
 * The forms in which pdfjs may read back `sample`. fontkit lays a right-to-left run out in visual
 * order and pdfjs restores logical order per text item; when it splits an item at a space (it does
 * for the Hebrew sample, not for the Arabic one) the words come back in visual order, each word
 * itself correct. So an RTL sample is accepted in logical order or with its words reversed.
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
