/**
 * Print-quality PDFs, read back with pdfjs: paper and orientation, a 20-column table split into
 * page groups with the key column repeated, a shrunk table, wrapped text, nothing outside the page.
 * KEEP_PDFS=1 keeps the files (path printed) for pdftoppm and a look.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdfPages } from '../../../../../test/support/pdf-text.js';
import { PdfText } from './pdf-fonts.js';
import { ORIENTATIONS, PAPER_SIZES, pageSize, type Orientation, type PaperSize } from './pdf-layout.js';
import { cellLines } from './pdf-table.js';
import { createPdfWriter } from './pdf-writer.js';
import type { ExportColumn, ExportMeta, WriterOptions } from './writer.js';

interface Item { str: string; x: number; y: number; width: number; height: number }
interface Page { view: number[]; items: Item[] }

function meta(totalRows: number): ExportMeta {
  return { reportName: 'Wide report', tenantId: 'acme', generatedAt: new Date('2026-12-07T00:00:00Z'), timeZone: 'UTC', parameters: [], rowLimit: 10_000, totalRows, truncated: false };
}

let dir: string;
let fileNo = 0;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'pdf-print-test-')); });
afterAll(async () => {
  if (process.env.KEEP_PDFS) console.log(`PDFs kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
});

async function render(columns: ExportColumn[], rows: unknown[][], options: WriterOptions = {}): Promise<Page[]> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const writer = createPdfWriter({ output, columns, meta: meta(rows.length), options });
  for (let i = 0; i < rows.length; i += 100) await writer.write(rows.slice(i, i + 100));
  await writer.finish();
  const pdf = Buffer.concat(chunks);
  if (process.env.KEEP_PDFS) await writeFile(join(dir, `p${++fileNo}.pdf`), pdf);
  return readPdfPages(pdf, async (page) => {
    const items: Item[] = [];
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const t = item.transform as number[];
      items.push({ str: item.str.trim(), x: t[4]!, y: t[5]!, width: item.width, height: item.height });
    }
    return { view: [...page.view], items };
  });
}

/** Every text item lies within the page's MediaBox: inside the 40 pt side and top margins, the footer in the bottom one. */
function expectInsidePage(pages: Page[]): void {
  for (const [n, { view, items }] of pages.entries()) {
    const [x0, y0, x1, y1] = view as [number, number, number, number];
    for (const it of items) {
      const where = `page ${n + 1}: '${it.str}' at ${it.x.toFixed(1)},${it.y.toFixed(1)} w ${it.width.toFixed(1)}`;
      expect(it.x, where).toBeGreaterThanOrEqual(x0 + 39);
      expect(it.x + it.width, where).toBeLessThanOrEqual(x1 - 39);
      expect(it.y, where).toBeGreaterThanOrEqual(y0 + 10); // the footer sits in the bottom margin
      expect(it.y + it.height, where).toBeLessThanOrEqual(y1 - 39);
    }
  }
}

// 20 columns: a key, 18 short values, and one comment column that sometimes holds a long text.
const COLUMNS: ExportColumn[] = [
  { key: 'country', label: 'Country', kind: 'STRING' },
  ...Array.from({ length: 19 }, (_, i): ExportColumn => ({ key: `m${i + 1}`, label: i === 4 ? 'Comment' : `Metric ${i + 1}`, kind: 'STRING' })),
];
const LONG = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor';
const ROWS = Array.from({ length: 45 }, (_, r) => COLUMNS.map((c, i) => (i === 0 ? `Key${r}` : i === 5 ? (r % 10 === 3 ? `${LONG} r${r}` : `Note${r}`) : `R${r}C${i}`)));

/** Page groups as the PDF shows them: pages collected by the caption above their table. */
function byGroup(pages: Page[]): Map<string, Page[]> {
  const groups = new Map<string, Page[]>();
  for (const p of pages) {
    const caption = p.items.find((i) => /^columns? \d/.test(i.str))?.str ?? '(none)';
    groups.set(caption, [...(groups.get(caption) ?? []), p]);
  }
  return groups;
}

describe('a 20-column report on A4 (landscape by default)', () => {
  let pages: Page[];
  beforeAll(async () => { pages = await render(COLUMNS, ROWS); });

  it('wraps its columns onto continuation pages, each saying which columns it holds', () => {
    const groups = byGroup(pages);
    const captions = [...groups.keys()];
    expect(captions.length).toBeGreaterThan(1);
    expect(captions[0]).toMatch(/^columns 1–\d+ of 20$/);
    for (const c of captions.slice(1)) expect(c).toMatch(/^columns \d+–\d+ of 20 \(continued\)$/);
    // The groups' ranges cover 1..20 with no gap or overlap.
    const ranges = captions.map((c) => c.match(/(\d+)–(\d+)/)!.slice(1).map(Number) as [number, number]);
    expect(ranges[0]![0]).toBe(1);
    expect(ranges.at(-1)![1]).toBe(20);
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]![0]).toBe(ranges[k - 1]![1] + 1);
    // The pages alternate group by group over the same rows: every group has as many pages.
    const counts = [...groups.values()].map((g) => g.length);
    expect(new Set(counts).size).toBe(1);
    expect(pages.every((p) => p.items.some((i) => /^Page \d+ of \d+$/.test(i.str)))).toBe(true);
    expect(pages.map((p) => p.view.slice(2))).toEqual(pages.map(() => [841.89, 595.28]));
  });

  it('every header once per page of its group, every cell value exactly once per group, the key column in every group', () => {
    for (const [caption, groupPages] of byGroup(pages)) {
      const [first, last] = caption.match(/(\d+)–(\d+)/)!.slice(1).map(Number) as [number, number];
      const own = COLUMNS.map((_, i) => i).filter((i) => i + 1 >= first && i + 1 <= last);
      const shown = own.includes(0) ? own : [0, ...own];
      const hidden = COLUMNS.map((_, i) => i).filter((i) => !shown.includes(i));
      for (const p of groupPages) {
        const strs = p.items.map((i) => i.str);
        for (const c of shown) expect(strs.filter((s) => s === COLUMNS[c]!.label), `${caption}: ${COLUMNS[c]!.label}`).toHaveLength(1);
        for (const c of hidden) expect(strs, caption).not.toContain(COLUMNS[c]!.label);
      }
      const all = groupPages.flatMap((p) => p.items.map((i) => i.str));
      for (const [r, row] of ROWS.entries()) {
        for (const c of shown) {
          const value = String(row[c]);
          if (value.startsWith(LONG)) {
            // Wrapped over lines: every word there once, in order, and nothing else of it cut.
            expect(all.filter((s) => s.endsWith(`r${r}`)), `${caption} row ${r}`).toHaveLength(1);
            expect(all.join(' ')).toContain(`${LONG.split(' ').slice(-2).join(' ')}`);
          } else {
            expect(all.filter((s) => s === value), `${caption}: ${value}`).toHaveLength(1);
          }
        }
        for (const c of hidden) expect(all, caption).not.toContain(String(row[c]));
      }
    }
  });

  it('draws nothing outside the page', () => {
    expectInsidePage(pages);
  });
});

describe('paper and orientation', () => {
  for (const paper of PAPER_SIZES) {
    for (const orientation of ORIENTATIONS) {
      it(`${paper} ${orientation}: pdfjs page.view is the paper, the 20-column table inside it`, async () => {
        const pages = await render(COLUMNS, ROWS.slice(0, 12), { pdfPaperSize: paper as PaperSize, pdfOrientation: orientation as Orientation });
        const { width, height } = pageSize(paper, orientation);
        for (const p of pages) expect(p.view).toEqual([0, 0, width, height]);
        expect(width > height).toBe(orientation === 'LANDSCAPE');
        expectInsidePage(pages);
        // Every value of the 12 rows somewhere in the file; the key once per group.
        const all = pages.flatMap((p) => p.items.map((i) => i.str));
        const groups = byGroup(pages).size;
        for (const row of ROWS.slice(0, 12)) {
          expect(all.filter((s) => s === row[0]), String(row[0])).toHaveLength(groups);
          expect(all).toContain(row[19]);
        }
      });
    }
  }

  it('a 5-column report stays portrait A4 unless told otherwise', async () => {
    const five = COLUMNS.slice(0, 5);
    const rows = ROWS.slice(0, 3).map((r) => r.slice(0, 5));
    expect((await render(five, rows))[0]!.view).toEqual([0, 0, 595.28, 841.89]);
    expect((await render(five, rows, { pdfOrientation: 'LANDSCAPE', pdfPaperSize: 'LETTER' }))[0]!.view).toEqual([0, 0, 792, 612]);
  });
});

describe('a slightly wide table shrinks instead of wrapping', () => {
  it('9 wide columns on A4 portrait: one page width, smaller text, no continuation', async () => {
    const columns = Array.from({ length: 9 }, (_, i): ExportColumn => ({ key: `c${i}`, label: `Column ${i}`, kind: 'STRING' }));
    const rows = Array.from({ length: 5 }, (_, r) => columns.map((_, i) => `value-${r}-${i}-xx`));
    const pages = await render(columns, rows, { pdfOrientation: 'PORTRAIT' });
    expect(pages).toHaveLength(1);
    const strs = pages[0]!.items.map((i) => i.str);
    expect(strs.some((s) => /continued|^columns /.test(s))).toBe(false);
    for (const row of rows) for (const v of row) expect(strs.filter((s) => s === v)).toHaveLength(1);
    // Cells drawn smaller than the 8.5 pt body, but no smaller than 75 % of it.
    const cell = pages[0]!.items.find((i) => i.str === 'value-0-0-xx')!;
    expect(cell.height).toBeLessThan(8.5);
    expect(cell.height).toBeGreaterThanOrEqual(8.5 * 0.75 - 0.01);
    expectInsidePage(pages);
  });
});

describe('long text', () => {
  it('a cell longer than a whole page continues on the next page, every word kept once', async () => {
    const words = Array.from({ length: 2500 }, (_, i) => `w${i}`);
    const columns: ExportColumn[] = [{ key: 'k', label: 'Key', kind: 'STRING' }, { key: 't', label: 'Text', kind: 'STRING' }];
    const pages = await render(columns, [['only', words.join(' ')], ['after', 'end']]);
    expect(pages.length).toBeGreaterThan(1);
    const tokens = pages.flatMap((p) => p.items.flatMap((i) => i.str.split(/\s+/)));
    for (const w of words) expect(tokens.filter((t) => t === w), w).toHaveLength(1);
    expect(tokens).toContain('after');
    expectInsidePage(pages);
  });
});

describe('cellLines with the embedded fonts', () => {
  const doc = new PDFDocument({ autoFirstPage: true });
  const txt = new PdfText(doc);
  doc.fontSize(8.5);
  const cases: [string, string][] = [
    ['Latin words', 'The quick brown fox jumps over the lazy dog, again and again, until the line must wrap'],
    ['a long identifier', 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3)],
    ['Japanese without spaces', '東京都の売上報告は前年比で大きく伸びましたが課題も残っています'],
    ['Greek and emoji', 'Ελληνικά κείμενα 🚀 με πολλές λέξεις που πρέπει να αναδιπλωθούν σωστά'],
  ];
  for (const [name, text] of cases) {
    for (const width of [40, 90, 160]) {
      it(`${name} at ${width} pt: every line fits, the characters are all kept`, () => {
        const lines = cellLines(txt, text, width);
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(txt.width(line), line).toBeLessThanOrEqual(width + 1e-6);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        if (txt.width(text) > width) expect(lines.length).toBeGreaterThan(1);
      });
    }
  }
  it('bold is measured bold, and text that fits stays one line; empty text has none', () => {
    const label = 'Unique devices total';
    const w = txt.width(label);
    expect(cellLines(txt, label, w)).toEqual([label]);
    expect(cellLines(txt, label, w, true).length).toBe(2);
    expect(cellLines(txt, '', 50)).toEqual([]);
  });
});
