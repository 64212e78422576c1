import { PassThrough } from 'node:stream';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../../test/support/pdf-text.js';
import { createPdfWriter } from './pdf-writer.js';
import { PdfCellFormatter } from './pdf-cells.js';
import type { ExportColumn, ExportMeta } from './writer.js';

const COLUMNS: ExportColumn[] = [
  { key: 'day', label: 'Day', kind: 'DATE' },
  { key: 'at', label: 'Last seen', kind: 'DATETIME' },
  { key: 'amount', label: 'Amount', kind: 'NUMBER' },
];
const ROWS: unknown[][] = [
  ['2026-12-05', '2026-12-05 18:30:00', 1234.5],
  ['2026-12-06', '2026-12-06 19:59:53.912', 1234567.25],
];
const NNBSP = '\u202f';

function meta(locale: string | undefined): ExportMeta {
  return {
    reportName: 'Umsatz', tenantId: 'acme-corp', generatedAt: new Date('2026-12-06T20:05:00Z'), timeZone: 'Europe/Berlin',
    ...(locale ? { locale } : {}), parameters: [], rowLimit: 10_000, totalRows: ROWS.length, truncated: false,
  };
}

/** The code points the PDF's ToUnicode maps name (what its text glyphs stand for). */
function toUnicodeTargets(pdf: Buffer): number[] {
  const out: number[] = [];
  const latin1 = pdf.toString('latin1');
  for (const m of latin1.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = latin1.indexOf('endstream', start);
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('beginbfrange')) continue;
    for (const hex of body.matchAll(/<([0-9a-f]{4})>/gi)) out.push(parseInt(hex[1]!, 16));
  }
  return out;
}

async function render(locale: string | undefined): Promise<string> {
  return pdfText(await renderBytes(locale));
}

async function renderBytes(locale: string | undefined): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const writer = createPdfWriter({ output, columns: COLUMNS, meta: meta(locale), options: {} });
  await writer.write(ROWS);
  await writer.finish();
  return Buffer.concat(chunks);
}

describe('PDF in the run\'s locale (read back with pdfjs)', () => {
  it('de-DE: German separators, day-first dates in the zone, German month names, the locale stated', async () => {
    const text = await render('de-DE');
    expect(text).toContain('Generated 06.12.2026, 21:05 (Europe/Berlin)');
    expect(text).toContain('Locale: de-DE');
    expect(text).toMatch(/05\.12\.2026\s+05\.12\.2026, 19:30\s+1\.234,50/);
    expect(text).toMatch(/06\.12\.2026\s+06\.12\.2026, 20:59\s+1\.234\.567,25/);
    expect(text).toMatch(/5\. Dez\.\s+6\. Dez\./); // chart axis
    expect(text).not.toContain('1,234.5');
  });

  it('de-DE: a column whose figures have one decimal shows 1.234,5', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (c: Buffer) => chunks.push(c));
    const writer = createPdfWriter({ output, columns: [{ key: 'amount', label: 'Amount', kind: 'NUMBER' }], meta: meta('de-DE'), options: {} });
    await writer.write([[1234.5], [99.5]]);
    await writer.finish();
    const text = await pdfText(Buffer.concat(chunks));
    expect(text).toMatch(/^\s*1\.234,5\s*$/m);
    expect(text).toMatch(/^\s*99,5\s*$/m);
  });

  it('fr-FR: narrow no-break spaces between groups', async () => {
    const pdf = await renderBytes('fr-FR');
    const text = await pdfText(pdf);
    expect(text).toContain('Locale: fr-FR');
    // pdfjs (and poppler) read U+202F back as a plain space; the font's ToUnicode map says what was drawn.
    expect(text).toContain('1 234 567,25');
    expect(toUnicodeTargets(pdf)).toContain(NNBSP.codePointAt(0));
    expect(text).toContain('06/12/2026 20:59');
    expect(text).toMatch(/5 déc\.\s+6 déc\./);
  });

  it('ja-JP: year-first dates and Japanese month-day labels', async () => {
    const text = await render('ja-JP');
    expect(text).toContain('Locale: ja-JP');
    expect(text).toMatch(/2026\/12\/06\s+2026\/12\/06 20:59\s+1,234,567\.25/);
    expect(text).toMatch(/12月5日\s+12月6日/);
  });

  it('en-US (and no locale at all) keeps the forms PDFs always had', async () => {
    for (const locale of ['en-US', undefined]) {
      const text = await render(locale);
      expect(text).toContain('Generated 2026-12-06 21:05 (Europe/Berlin)');
      expect(text).toContain('Locale: en-US');
      expect(text).toMatch(/2026-12-06\s+2026-12-06 20:59\s+1,234,567\.25/);
      expect(text).toMatch(/Dec 5\s+Dec 6/);
    }
  });
});

describe('PdfCellFormatter', () => {
  const col = (kind: ExportColumn['kind']): ExportColumn => ({ key: 'k', label: 'K', kind });
  it('formats numbers, bigints and column decimals in the locale', () => {
    const de = new PdfCellFormatter('UTC', 'de-DE');
    de.setDecimals(0, 2);
    expect(de.cell(col('NUMBER'), 0, 1234.5)).toBe('1.234,50');
    expect(de.cell(col('NUMBER'), 1, 1234.5)).toBe('1.234,5');
    expect(de.cell(col('NUMBER'), 1, '18446744073709551615')).toBe('18.446.744.073.709.551.615');
    expect(de.cell(col('NUMBER'), 1, 'n/a')).toBe('n/a');
    expect(de.cell(col('NUMBER'), 1, null)).toBe('');
    expect(de.integer(10_000)).toBe('10.000');
  });
  it('marks a repeated fall-back wall time with its offset, in any locale', () => {
    const de = new PdfCellFormatter('America/New_York', 'de-DE');
    expect(de.cell(col('DATETIME'), 0, '2026-11-01 05:30:00')).toBe('01.11.2026, 01:30 -04:00');
    expect(de.cell(col('DATETIME'), 0, '2026-11-01 06:30:00')).toBe('01.11.2026, 01:30 -05:00');
    expect(de.axisLabel('DATETIME', Date.UTC(2026, 10, 1, 5), [Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 10, 1, 7)])).toBe('01:00 -04:00');
  });
  it('labels chart days with the month spelled, with the year across years', () => {
    const ja = new PdfCellFormatter('Asia/Tokyo', 'ja-JP');
    expect(ja.axisLabel('DATE', '2026-12-06', ['2026-12-06', '2027-01-02'])).toBe('2026年12月6日');
    expect(ja.axisLabel('DATE', '2026-12-06', ['2026-12-06', '2026-12-09'])).toBe('12月6日');
    const de = new PdfCellFormatter('Europe/Berlin', 'de-DE');
    expect(de.axisLabel('DATETIME', Date.UTC(2026, 11, 6, 12), [Date.UTC(2026, 11, 5, 12), Date.UTC(2026, 11, 6, 12)])).toBe('6. Dez. 13:00');
  });
  it('never moves a calendar day', () => {
    const de = new PdfCellFormatter('Pacific/Kiritimati', 'de-DE');
    expect(de.cell(col('DATE'), 0, '2026-12-06')).toBe('06.12.2026');
    expect(de.cell(col('DATE'), 0, new Date('2026-12-06T00:00:00Z'))).toBe('06.12.2026');
  });
});
