import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { poppler, popplerSkipReason, popplerText } from '../../../../../test/support/pdf-text.js';
import { fontReverses, paragraphDirection, visualRuns } from './pdf-bidi.js';
import { fontFile, loadedFontFiles, splitRuns } from './pdf-fonts.js';
import { comparable, lineWords, readBacks, pdfFonts, pdfPageTexts, pdfTextItems } from './pdf-text.test-kit.js';
import { createPdfWriter } from './pdf-writer.js';
import type { ExportColumn, ExportMeta } from './writer.js';

/** The part of a fontkit font these tests use. */
interface FontkitFont {
  layout(text: string): { glyphs: { name: string; id: number }[] };
}

/** One sample per script the PDF must print as given. */
export const SAMPLES: Record<string, string> = {
  japanese: '東京レポート',
  chinese: '北京销售报告',
  korean: '서울 매출 보고서',
  greek: 'Ελληνικά',
  cyrillic: 'Москва отчёт',
  german: 'Zürich Straße Öl',
  arabic: 'مرحبا بالعالم',
  hebrew: 'שלום עולם',
  emoji: 'Zürich 東京 🚀',
};

/** A report whose title, tenant, parameter, column labels (table header, chart caption) and cells all carry `sample`. */
export async function renderSample(sample: string, rowCount = 3): Promise<Buffer> {
  const columns: ExportColumn[] = [
    { key: 'day', label: 'Day', kind: 'DATE' },
    { key: 'name', label: sample, kind: 'STRING' },
    { key: 'n', label: `${sample} #`, kind: 'NUMBER' },
  ];
  const meta: ExportMeta = {
    reportName: sample,
    tenantId: 'acme',
    generatedAt: new Date('2026-12-06T08:00:00Z'),
    timeZone: 'Asia/Tokyo',
    parameters: [{ label: sample, value: sample }],
    rowLimit: 10_000,
    totalRows: rowCount,
    truncated: false,
  };
  const rows = Array.from({ length: rowCount }, (_, i) => [`2026-12-0${(i % 9) + 1}`, sample, 10 + i]);
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const writer = createPdfWriter({ output, columns, meta, options: {} });
  await writer.write(rows);
  await writer.finish();
  return Buffer.concat(chunks);
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

// First in this file (vitest gives each file fresh modules): nothing else has loaded a font yet.
describe('font files', () => {
  it('are read lazily: a Latin document reads Noto Sans only', async () => {
    await renderSample('Zürich Straße … · plain');
    expect(loadedFontFiles().sort()).toEqual(['sans-400Regular', 'sans-700Bold']);
  });
});

describe('PDF text in every script (read back with pdfjs)', () => {
  for (const [script, sample] of Object.entries(SAMPLES)) {
    it(`${script}: ${sample}`, async () => {
      const pdf = await renderSample(sample);
      const [page] = await pdfPageTexts(pdf);
      const text = comparable(page!);
      // title, parameter label and value, 2 header labels, 3 cells, chart caption (2), footer
      const found = [...new Set(readBacks(sample).map(comparable))].reduce((n, form) => n + occurrences(text, form), 0);
      expect(found).toBeGreaterThanOrEqual(10);
      expect(page).not.toContain('?');
      expect(page).not.toContain('\uFFFD');
    });
  }

  it('draws a visible U+FFFD, never "?", for a character no font has', async () => {
    const pdf = await renderSample('A\u{13000}B'); // Egyptian hieroglyph: in none of the fonts
    const [page] = await pdfPageTexts(pdf);
    expect(comparable(page!)).toContain('A\uFFFDB');
    expect(page).not.toContain('?');
  });
});

describe('embedded fonts', () => {
  it('are subsets, one per face a document uses, and no standard font', async () => {
    const { subsets, others, fontFiles } = pdfFonts(await renderSample('Zürich 東京 🚀 서울'));
    const names = subsets.map((f) => f.name).sort();
    expect(names).toEqual([
      'NotoEmoji-Bold',
      'NotoEmoji-Regular',
      'NotoSans-Bold',
      'NotoSans-Regular',
      'NotoSansJP-Bold',
      'NotoSansJP-Regular',
      'NotoSansKR-Bold',
      'NotoSansKR-Regular',
    ]);
    expect(others).toEqual([]);
    expect(fontFiles).toBe(subsets.length);
  });

  it('a Latin report embeds Noto Sans only and stays small', async () => {
    const pdf = await renderSample('Plain Latin text');
    expect(pdfFonts(pdf).subsets.map((f) => f.name).sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('a Japanese report subsets the 5 MB CJK font to the glyphs used', async () => {
    const pdf = await renderSample(SAMPLES.japanese!);
    expect(pdf.length).toBeLessThan(150_000);
  });
});

describe('splitRuns', () => {
  it('chooses a face per script and keeps spaces with the run they are in', () => {
    expect(splitRuns('Zürich 東京 🚀')).toEqual([
      { text: 'Zürich ', face: 'sans' },
      { text: '東京 ', face: 'jp' },
      { text: '🚀', face: 'emoji' },
    ]);
    expect(splitRuns('서울 Ελληνικά Москва')).toEqual([
      { text: '서울 ', face: 'kr' },
      { text: 'Ελληνικά Москва', face: 'sans' },
    ]);
    expect(splitRuns('مرحبا بالعالم').map((r) => r.face)).toEqual(['arabic']);
    expect(splitRuns('שלום').map((r) => r.face)).toEqual(['hebrew']);
    // Noto Emoji's space is 1.27 em wide: a space after an emoji is Noto Sans's.
    expect(splitRuns('🚀 ✅ ok')).toEqual([
      { text: '🚀', face: 'emoji' },
      { text: ' ', face: 'sans' },
      { text: '✅', face: 'emoji' },
      { text: ' ok', face: 'sans' },
    ]);
  });

  it('falls back to Noto Sans SC for simplified Han that JP lacks, and to U+FFFD for nothing', () => {
    expect(splitRuns('简').map((r) => r.face)).toEqual(['sc']);
    expect(splitRuns('\u{13000}')).toEqual([{ text: '\uFFFD', face: 'sans' }]);
    expect(splitRuns('a\tb')).toEqual([{ text: 'a b', face: 'sans' }]);
  });
});

describe('wrapping', () => {
  it('wraps mixed-script text within the height, losing nothing but what the ellipsis replaces', async () => {
    const long = 'Quarterly revenue by region 東京 大阪 名古屋 and more regions with a long name that wraps 🚀 onto a second line';
    const [page] = await pdfPageTexts(await renderSample(long));
    // The parameter value (3 lines at most) holds it all; the title (2 lines) ends in '…'.
    expect(comparable(page!)).toContain(comparable(long));
    expect(comparable(page!)).toContain(comparable('Quarterly revenue by region 東京 大阪 名古屋 and more regions with a long'));
  });
});

describe('right to left', () => {
  it("keeps the space after an RTL run out of it (its bidi level is often the paragraph's)", () => {
    expect(splitRuns('שלום עולם 12')).toEqual([
      { text: 'שלום עולם', face: 'hebrew' },
      { text: ' 12', face: 'sans' },
    ]);
  });

  /** What a line shows, left to right: each run as drawn, an RTL run's glyphs reversed by fontkit. */
  function shown(text: string): string {
    return visualRuns(splitRuns(text), paragraphDirection(text))
      .map((r) => (r.reversedByFont ? [...r.text].reverse().join('') : r.text))
      .join('');
  }

  it('orders runs by the Unicode Bidirectional Algorithm and mirrors brackets', () => {
    // A left-to-right paragraph with a Hebrew word: the number after it joins the RTL stretch (UAX #9 W7/N1).
    expect(shown('Revenue עברית 2026 (Q1)')).toBe('Revenue 2026 תירבע (Q1)');
    // Right-to-left paragraphs: the first word rightmost, brackets drawn mirrored so they still enclose.
    expect(shown('שלום עולם 12')).toBe('12 םלוע םולש');
    expect(shown('(שלום) [עולם]')).toBe('[םלוע] (םולש)');
    expect(shown('الربع (Q1) ٢٠٢٦')).toBe('٢٠٢٦ (Q1) عبرلا');
    // An emoji sequence inside RTL text moves whole, joiner and all.
    expect(shown('שלום 👩‍💻 עולם')).toBe('םלוע 👩‍💻 םולש');
    // Nothing right to left: as it was.
    expect(shown('Zürich 東京 🚀 a → b')).toBe('Zürich 東京 🚀 a → b');
    expect(paragraphDirection('مرحبا Hello')).toBe('rtl');
    expect(paragraphDirection('Hello مرحبا')).toBe('ltr');
    expect(paragraphDirection('2026')).toBe('ltr');
  });

  it('hands an Arabic run to fontkit whole and in logical order, digits so that fontkit keeps them left to right', () => {
    const runs = visualRuns(splitRuns('مرحبا بالعالم'), 'rtl');
    expect(runs).toEqual([{ text: 'مرحبا بالعالم', face: 'arabic', reversedByFont: true, level: 1 }]);
    // Arabic-Indic digits are Arabic script (fontkit reverses them) at an even level: pre-reversed.
    const digits = visualRuns(splitRuns('سنة ٢٠٢٦'), 'rtl');
    expect(digits[0]).toEqual({ text: '٦٢٠٢', face: 'arabic', reversedByFont: true, level: 2 });
    expect(fontReverses('٢٠٢٦')).toBe(true);
    expect(fontReverses('(Q1)')).toBe(false);
    expect(fontReverses(' (עברית')).toBe(true);
  });

  it("fontkit picks Arabic joining forms only from logical order (Noto Sans Arabic's init/medi/fina)", () => {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.font(fontFile('arabic', false));
    const font = (probe as unknown as { _font: { font: FontkitFont } })._font.font;
    const names = (s: string) => font.layout(s).glyphs.map((g) => g.name);
    // مرحبا in logical order: laid out right to left (last letter first), each letter in its contextual form.
    const shaped = names('مرحبا');
    expect(shaped.filter((n) => !n.endsWith('ar'))).toEqual(['uni0627.fina', 'uni066E.medi', 'uni062D.init', 'uni0631.fina', 'uni0645.init']);
    // Alone, the same letters are isolated forms: the glyphs differ.
    const isolated = [...'مرحبا'].map((ch) => names(ch).filter((n) => !n.endsWith('ar'))[0]);
    expect(isolated).toEqual(['uni0645', 'uni0631', 'uni062D', 'uni066E', 'uni0627']);
    // Reversed before fontkit sees it (visual order), the joins go wrong: why runs, not letters, are reordered.
    expect(names([...'مرحبا'].reverse().join('')).filter((n) => !n.endsWith('ar'))).not.toEqual([...shaped].reverse());
  });

  async function renderRtl(): Promise<Buffer> {
    const columns: ExportColumn[] = [
      { key: 'key', label: 'Key', kind: 'STRING' },
      { key: 'text', label: 'النص טקסט', kind: 'STRING' },
    ];
    const meta: ExportMeta = {
      reportName: 'مرحبا بالعالم (العربية)',
      tenantId: 'acme',
      generatedAt: new Date('2026-12-06T08:00:00Z'),
      timeZone: 'UTC',
      parameters: [{ label: 'Time range', value: '2026-12-01 00:00 → 2026-12-08 00:00 UTC' }],
      rowLimit: 10_000,
      totalRows: 5,
      truncated: false,
    };
    const rows = [
      ['r1', 'مرحبا بالعالم'],
      ['r2', 'שלום עולם'],
      ['r3', 'Revenue עברית 2026 (Q1)'],
      ['r4', '(שלום) [עולם]'],
      ['r5', 'الربع (Q1) ٢٠٢٦'],
    ];
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    const writer = createPdfWriter({ output, columns, meta, options: {} });
    await writer.write(rows);
    await writer.finish();
    return Buffer.concat(chunks);
  }

  it('draws Arabic and Hebrew words right to left in the PDF (pdfjs text items by x position)', async () => {
    const items = await pdfTextItems(await renderRtl());
    const row = (key: string) => {
      const anchor = items.find((i) => i.str === key);
      expect(anchor, key).toBeDefined();
      return lineWords(items, anchor!.y);
    };
    // pdfjs gives each RTL word back in logical order (item dir 'rtl'); the words' x positions
    // are the visual order: the first word of an RTL cell is the rightmost.
    expect(row('r1')).toEqual(['r1', 'بالعالم', 'مرحبا']);
    expect(items.filter((i) => i.str === 'مرحبا' || i.str === 'שלום').every((i) => i.dir === 'rtl')).toBe(true);
    expect(row('r2')).toEqual(['r2', 'עולם', 'שלום']);
    expect(row('r3')).toEqual(['r3', 'Revenue', '2026', 'עברית', '(Q1)']);
    // Mirrored: the bracket left of each word opens it (`] (` is one run, its space dropped by comparable).
    expect(row('r4')).toEqual(['r4', '[', 'עולם', '](', 'שלום', ')']);
    expect(row('r5')).toEqual(['r5', '٢٠٢٦', '(', 'Q1', ')', 'الربع']);
    // The title, a right-to-left paragraph: its parenthesised last word leftmost.
    const title = items.find((i) => i.str === 'مرحبا')!;
    expect(lineWords(items, title.y)).toEqual(['(', 'العربية', ')', 'بالعالم', 'مرحبا']);
    // The time range's arrow is an arrow (Noto Sans JP's: Noto Sans has none).
    const arrow = items.find((i) => i.str.includes('→'));
    expect(arrow?.str).toBe('→');
  });

  it.skipIf(!poppler)(`names each RTL word in ActualText, so poppler reads ي where the glyph is shared with ت${popplerSkipReason}`, async () => {
    // In تقرير, ت and ي are both initial: Noto Sans Arabic draws both with one dotless glyph plus
    // dots, and the glyph's ToUnicode is the first letter's (ت). pdftotext uses ActualText.
    const rows = [['r1', 'تقرير']];
    const columns: ExportColumn[] = [
      { key: 'key', label: 'Key', kind: 'STRING' },
      { key: 'text', label: 'Text', kind: 'STRING' },
    ];
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    const writer = createPdfWriter({ output, columns, meta: { reportName: 'R', tenantId: 'acme', generatedAt: new Date(), timeZone: 'UTC', parameters: [], rowLimit: 10, totalRows: 1, truncated: false }, options: {} });
    await writer.write(rows);
    await writer.finish();
    const text = popplerText(Buffer.concat(chunks)).replace(/[\u202a-\u202e]/g, '');
    // pdftotext writes the RTL word in visual order.
    expect(text).toContain([...'تقرير'].reverse().join(''));
  });
});
