import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadedFontFiles, splitRuns } from './pdf-fonts.js';
import { comparable, readBacks, pdfFonts, pdfPageTexts } from './pdf-text.test-kit.js';
import { createPdfWriter } from './pdf-writer.js';
import type { ExportColumn, ExportMeta } from './writer.js';

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
  it('keeps the space after an RTL run out of it (it would be reversed to its left edge)', () => {
    expect(splitRuns('שלום עולם 12')).toEqual([
      { text: 'שלום עולם', face: 'hebrew' },
      { text: ' 12', face: 'sans' },
    ]);
  });
});
