/**
 * The XLSX writer's native chart as LibreOffice Calc draws it: the workbook is converted to PDF
 * headless, and the page of sheet Chart must carry the chart's title and axis titles as text
 * (pdftotext) and the first series' colour as drawn pixels (pdftoppm); a workbook of the same rows
 * whose visualization is TABLE has neither. Then a number in sheet Data is changed in the file
 * (Python's zipfile, the chart part and its caches left as written) and the converted chart's value
 * axis follows it: the chart is drawn from the cells, not from a picture.
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) and poppler's pdftotext/pdftoppm on PATH.
 * Without them the test is skipped and says why in its name; in CI's first run a missing tool
 * fails the file instead (test/support/system-tools.ts decides).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartDefinition, Visualization } from '@reportcast/charts';
import { checkSystemTool } from '../../../../../test/support/system-tools.js';
import { createXlsxWriter } from './xlsx-writer.js';
import { collector, META } from './writer-test-kit.js';

const run = promisify(execFile);

function onPath(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}

const soffice = onPath(['soffice', 'libreoffice']);
const pdftotext = onPath(['pdftotext']);
const pdftoppm = onPath(['pdftoppm']);
checkSystemTool('soffice/libreoffice on PATH', soffice !== null, 'apt-get install libreoffice-calc-nogui');
checkSystemTool('pdftotext and pdftoppm on PATH', pdftotext !== null && pdftoppm !== null, 'apt-get install poppler-utils');
const tools = soffice !== null && pdftotext !== null && pdftoppm !== null;
const title = tools ? 'XLSX chart drawn by LibreOffice Calc' : 'XLSX chart drawn by LibreOffice Calc (skipped: soffice, pdftotext or pdftoppm is not on PATH)';

const DEFINITION: ChartDefinition = {
  dimensions: [{ key: 'day', label: 'Day', kind: 'DATE', grain: 'DAY' }],
  measures: [
    { key: 'events', label: 'Events', kind: 'NUMBER' },
    { key: 'users', label: 'Unique users', kind: 'NUMBER' },
  ],
};
const ROWS = Array.from({ length: 40 }, (_, i) => [new Date(Date.UTC(2026, 10, 1) + i * 86_400_000).toISOString().slice(0, 10), 100 + ((i * 37) % 50), 20 + (i % 9)]);
const LINE: Visualization = { type: 'LINE', xAxisLabel: 'Kalendertag', yAxisLabel: 'Ereignisse pro Tag' };
/** The first series' colour (xlsx-chart-xml.ts PALETTE[0]). */
const SERIES_RGB = [0x44, 0x72, 0xc4];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-chart-libreoffice-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function workbook(name: string, visualization: Visualization, definition = DEFINITION, rows: unknown[][] = ROWS): Promise<string> {
  const sink = collector();
  const writer = createXlsxWriter({
    output: sink.output,
    columns: [...definition.dimensions, ...definition.measures].map((f) => ({ key: f.key, label: f.label, kind: f.kind })),
    meta: { ...META, totalRows: rows.length },
    options: {},
    chart: { definition, visualization },
  });
  await writer.write(rows);
  await writer.finish();
  const file = join(dir, `${name}.xlsx`);
  await writeFile(file, sink.bytes());
  return file;
}

/**
 * A LibreOffice profile that recalculates every formula of an XLSX file on load (by default it
 * shows the results the file caches): Calc/Formula/Load/OOXMLRecalcMode 0 = always.
 */
async function recalculatingProfile(): Promise<string> {
  const profile = join(dir, 'profile-recalc');
  await mkdir(join(profile, 'user'), { recursive: true });
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`);
  return profile;
}

/** Converts to PDF (with `profile`, else a default one) and returns each page's text. */
async function pdfPages(xlsx: string, profile = join(dir, 'profile')): Promise<{ pdf: string; pages: string[] }> {
  await run(soffice!, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, xlsx], { timeout: 90_000 });
  const pdf = xlsx.replace(/\.xlsx$/, '.pdf');
  const { stdout } = await run(pdftotext!, ['-layout', pdf, '-'], { maxBuffer: 64 << 20 });
  return { pdf, pages: stdout.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '') };
}

/** Pixels of page `page` (1-based) within a small distance of `rgb`, rendered at 50 dpi. */
async function pixelsOf(pdf: string, page: number, rgb: number[]): Promise<number> {
  const out = join(dir, `page-${page}-${Date.now()}`);
  await run(pdftoppm!, ['-r', '50', '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
  const ppm = await readFile(`${out}.ppm`);
  // P6 header: magic, width, height, maxval, each followed by one whitespace byte.
  let offset = 0;
  for (let fields = 0; fields < 4; ) {
    while (/\s/.test(String.fromCharCode(ppm[offset]!))) offset++;
    while (!/\s/.test(String.fromCharCode(ppm[offset]!))) offset++;
    fields++;
  }
  offset++;
  let count = 0;
  for (let i = offset; i + 2 < ppm.length; i += 3) {
    if (Math.abs(ppm[i]! - rgb[0]!) + Math.abs(ppm[i + 1]! - rgb[1]!) + Math.abs(ppm[i + 2]! - rgb[2]!) < 60) count++;
  }
  return count;
}

/** Rewrites one cell's value in sheet1.xml (sheet Data) with Python's zipfile, every other entry copied as is. */
async function withDataCell(xlsx: string, cell: string, value: number): Promise<string> {
  const edited = xlsx.replace(/\.xlsx$/, '-edited.xlsx');
  const script = `
import re, sys, zipfile
src, dst, cell, value = sys.argv[1:5]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for info in zin.infolist():
        data = zin.read(info)
        if info.filename == 'xl/worksheets/sheet1.xml':
            text, n = re.subn(r'(<c r="%s"[^>]*><v>)[^<]*(</v>)' % cell, r'\\g<1>%s\\g<2>' % value, data.decode())
            assert n == 1, n
            data = text.encode()
        zout.writestr(info, data)`;
  await run('python3', ['-c', script, xlsx, edited, cell, String(value)]);
  return edited;
}

describe(title, () => {
  it.skipIf(!tools)('draws the chart on the Chart sheet\'s page, from the cells of sheet Data', async () => {
    const charted = await pdfPages(await workbook('charted', LINE));
    const plain = await pdfPages(await workbook('plain', { type: 'TABLE' }));
    // The Chart sheet is one more (landscape, fit to one) page.
    expect(charted.pages.length).toBe(plain.pages.length + 1);
    const chartPage = charted.pages.findIndex((p) => p.includes('Chart of rows 2 to 41 of sheet Data'));
    expect(chartPage, charted.pages.join('\n---\n')).toBeGreaterThanOrEqual(0);
    const text = charted.pages[chartPage]!;
    for (const expected of ['Events, Unique users by Day', 'Kalendertag', 'Ereignisse pro Tag', 'Unique users']) expect(text, expected).toContain(expected);
    for (const page of plain.pages) expect(page).not.toContain('Ereignisse pro Tag');

    // The series is drawn: its colour covers pixels on the chart page, and on no page of the table-only file.
    const drawn = await pixelsOf(charted.pdf, chartPage + 1, SERIES_RGB);
    expect(drawn).toBeGreaterThan(200);
    for (let page = 1; page <= plain.pages.length; page++) expect(await pixelsOf(plain.pdf, page, SERIES_RGB)).toBe(0);

    // Largest value-axis label as drawn: ~150 before the edit; past 900,000 after one cell of Data
    // says 987654 (the chart part, caches included, unchanged).
    expect(axisMax(text)).toBeLessThan(1000);
    const edited = await pdfPages(await withDataCell(join(dir, 'charted.xlsx'), 'B2', 987654));
    const editedPage = edited.pages.find((p) => p.includes('Ereignisse pro Tag'))!;
    expect(axisMax(editedPage)).toBeGreaterThanOrEqual(900_000);
  }, 240_000);

  it.skipIf(!tools)('splits by a second dimension through formulas LibreOffice computes as the file caches them, and follows an edit', async () => {
    // Split values SUMIFS would read as patterns or operators, and two spellings Excel's `=` makes one.
    const definition: ChartDefinition = {
      dimensions: [DEFINITION.dimensions[0]!, { key: 'platform', label: 'Plattform', kind: 'STRING' }],
      measures: [DEFINITION.measures[0]!],
    };
    const platforms = ['*', '>5', '=x', 'web', 'Web'];
    const rows = ROWS.slice(0, 10).flatMap(([date], d) => platforms.map((p, j) => [date, p, 10 * (j + 1) + d]));
    const file = await workbook('split', { type: 'LINE' }, definition, rows);
    const cached = await pdfPages(file);
    const recalculated = await pdfPages(file, await recalculatingProfile());
    const chartPageOf = (pages: string[]) => pages.find((p) => p.includes('What the chart draws'))!;
    const block = (page: string) => page.slice(page.indexOf('What the chart draws'));
    // The block as LibreOffice computes it equals the results the writer cached.
    expect(block(chartPageOf(recalculated.pages))).toBe(block(chartPageOf(cached.pages)));
    // Day 1: '*' 10, '>5' 20, '=x' 30, 'web' + 'Web' 40 + 50.
    expect(chartPageOf(cached.pages)).toMatch(/2026-11-01\s+10\s+20\s+30\s+90\b/);
    const edited = await pdfPages(await withDataCell(file, 'C2', 987654), await recalculatingProfile());
    expect(axisMax(chartPageOf(edited.pages))).toBeGreaterThanOrEqual(900_000);
  }, 240_000);
});

/** The largest number standing alone on a line of pdftotext's -layout output (a value-axis label). */
function axisMax(pageText: string): number {
  return Math.max(...(pageText.match(/^\s*\d[\d,]*\s*$/gm) ?? []).map((s) => Number(s.replace(/[,\s]/g, ''))));
}
