/**
 * The fast sheet writer (xlsx-sheet-xml.ts) against the exceljs per-cell writer it replaced: the
 * files in xlsx-golden/ are what that writer made of xlsx-parity.fixtures.ts (every kind, every
 * script, control characters, formula-like text, the cell-length limit, a fall-back hour, a split
 * into three sheets with a small rows-per-sheet, de-DE and ja-JP date orders, an empty result).
 * Both are read back with exceljs, cell by cell: value, type, number format, font; plus each sheet's
 * frozen header, autofilter and column widths. Where LibreOffice is installed, both are also
 * converted to CSV, every sheet, and the texts compared (cells as LibreOffice shows them).
 * The new files also carry the `_xlnm._FilterDatabase` names the old ones lacked.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSystemTool } from '../../../../../test/support/system-tools.js';
import { collector } from './writer-test-kit.js';
import { createXlsxWriter } from './xlsx-writer.js';
import { PARITY_CASES, PARITY_COLUMNS, parityRows } from './xlsx-parity.fixtures.js';
import { zipJsEntries } from './zip.test-kit.js';

const GOLDEN = fileURLToPath(new URL('./xlsx-golden/', import.meta.url));

async function written(name: string): Promise<Buffer> {
  const c = PARITY_CASES[name]!;
  const rows = parityRows().slice(0, c.meta.totalRows);
  const sink = collector();
  const writer = createXlsxWriter({ output: sink.output, columns: PARITY_COLUMNS, meta: c.meta, options: c.options });
  let at = 0;
  for (const n of c.batches) {
    await writer.write(rows.slice(at, at + n));
    at += n;
  }
  expect(at).toBe(rows.length);
  await writer.finish();
  return sink.bytes();
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Everything a reader sees of a cell. */
function cellFacts(cell: ExcelJS.Cell): unknown {
  const value = cell.value instanceof Date ? `date:${cell.value.toISOString()}` : cell.value;
  return { value, type: cell.type, numFmt: cell.numFmt ?? null, bold: cell.font?.bold ?? false, color: cell.font?.color?.argb ?? null };
}

function sheetFacts(sheet: ExcelJS.Worksheet): { cells: Map<string, unknown>; rowCount: number; columnCount: number; views: unknown; autoFilter: unknown; widths: unknown[] } {
  const cells = new Map<string, unknown>();
  sheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      cells.set(cell.address, cellFacts(cell));
    });
  });
  return {
    cells,
    rowCount: sheet.rowCount,
    columnCount: sheet.columnCount,
    views: (sheet.views ?? []).map((v) => ({ state: v.state, ySplit: (v as { ySplit?: number }).ySplit, topLeftCell: (v as { topLeftCell?: string }).topLeftCell })),
    autoFilter: sheet.autoFilter ?? null,
    widths: (sheet.columns ?? []).map((c) => c.width ?? null),
  };
}

describe('XLSX fast sheet writer against the exceljs per-cell writer (golden files)', () => {
  for (const name of Object.keys(PARITY_CASES)) {
    it(`${name}: every sheet and cell reads back the same`, async () => {
      const before = await load(readFileSync(join(GOLDEN, `${name}.xlsx`)));
      const bytes = await written(name);
      const after = await load(bytes);
      expect(after.worksheets.map((s) => s.name)).toEqual(before.worksheets.map((s) => s.name));
      let compared = 0;
      for (const old of before.worksheets) {
        const expected = sheetFacts(old);
        const actual = sheetFacts(after.getWorksheet(old.name)!);
        expect({ ...actual, cells: undefined }, old.name).toEqual({ ...expected, cells: undefined });
        expect([...actual.cells.keys()], old.name).toEqual([...expected.cells.keys()]);
        for (const [address, facts] of expected.cells) {
          expect(actual.cells.get(address), `${old.name}!${address}`).toEqual(facts);
          compared++;
        }
      }
      // The fixture reaches every sheet: a case with rows compares hundreds of cells.
      const rows = PARITY_CASES[name]!.meta.totalRows;
      expect(compared).toBeGreaterThan(rows * 5);
    });
  }

  it('the fixture holds what the comparison is about: scripts, a removed control character, the cell limit, a split', async () => {
    const workbook = await load(await written('split-en-US'));
    const data = workbook.getWorksheet('Data')!;
    const texts: string[] = [];
    for (const sheet of workbook.worksheets.filter((s) => s.name.startsWith('Data'))) {
      sheet.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string') texts.push(cell.value); }));
    }
    for (const sample of ['日本語', '中文', 'Ελληνικά', 'العربية', 'עברית', '🎉👩‍💻🇫🇷', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '東京', 'مصر']) {
      expect(texts.some((t) => t.includes(sample)), sample).toBe(true);
    }
    expect(data.getCell('A7').value).toBe('ctrl  end');
    expect(data.getCell('A4').value).toBe('=HYPERLINK("http://evil","x")');
    expect(data.getCell('A4').type).toBe(ExcelJS.ValueType.String);
    expect((data.getCell('A10').value as string).length).toBe(32_767);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Data', 'Data (2)', 'Data (3)', 'Chart', 'About']);
    expect(workbook.getWorksheet('Data (3)')!.getCell('A1').value).toBe(PARITY_COLUMNS[0]!.label);
    expect(workbook.getWorksheet('Data (3)')!.rowCount).toBe(11); // header + rows 31..40
  });

  it('names each data sheet\'s filter range _xlnm._FilterDatabase, as Excel does (LibreOffice shows the filter buttons)', async () => {
    const entries = await zipJsEntries(await written('split-en-US'));
    const workbookXml = entries.find((e) => e.name === 'xl/workbook.xml')!.content.toString('utf8');
    expect(workbookXml).toContain(
      '</sheets><definedNames>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;Data&apos;!$A$1:$G$16</definedName>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">&apos;Data (2)&apos;!$A$1:$G$16</definedName>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">&apos;Data (3)&apos;!$A$1:$G$11</definedName>' +
        '</definedNames>',
    );
    const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet3.xml')!.content.toString('utf8');
    expect(sheet).toContain('<autoFilter ref="A1:G11"/>');
  });
});

function onPath(names: string[]): string | null {
  for (const name of names) {
    for (const part of (process.env.PATH ?? '').split(delimiter)) {
      try {
        accessSync(join(part, name), constants.X_OK);
        return join(part, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}

const soffice = onPath(['soffice', 'libreoffice']);
checkSystemTool('soffice/libreoffice on PATH', soffice !== null, 'apt-get install libreoffice-calc-nogui');
const title = soffice ? 'XLSX parity in LibreOffice Calc' : 'XLSX parity in LibreOffice Calc (skipped: neither soffice nor libreoffice is on PATH)';
const run = promisify(execFile);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-parity-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe(title, () => {
  it.skipIf(!soffice)('converts the old and the new file to the same CSV, sheet by sheet', async () => {
    await writeFile(join(dir, 'old.xlsx'), readFileSync(join(GOLDEN, 'split-en-US.xlsx')));
    await writeFile(join(dir, 'new.xlsx'), await written('split-en-US'));
    // Token 12 = -1: every sheet, each to `<name>-<sheet>.csv` (LibreOffice 7.2+).
    await run(soffice!, [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore',
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir,
      join(dir, 'old.xlsx'), join(dir, 'new.xlsx'),
    ], { timeout: 150_000 });
    const files = (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort();
    const sheets = files.filter((f) => f.startsWith('old-')).map((f) => f.slice('old-'.length));
    expect(sheets).toEqual(['About.csv', 'Chart.csv', 'Data (2).csv', 'Data (3).csv', 'Data.csv']);
    expect(files.filter((f) => f.startsWith('new-')).map((f) => f.slice('new-'.length))).toEqual(sheets);
    for (const sheet of sheets) {
      const old = await readFile(join(dir, `old-${sheet}`), 'utf8');
      const now = await readFile(join(dir, `new-${sheet}`), 'utf8');
      expect(now, sheet).toBe(old);
    }
    expect(await readFile(join(dir, 'new-Data.csv'), 'utf8')).toContain('fall-back 02:30 again,0,3,2026-10-25 02:30:00,2026-10-25,FALSE,');
    expect(await readFile(join(dir, 'new-Data (2).csv'), 'utf8')).toContain('العربية: تقرير الاستخدام');
  }, 180_000);
});
