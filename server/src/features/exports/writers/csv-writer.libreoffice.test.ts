/**
 * The CSV writer's file as a spreadsheet reads it: LibreOffice Calc (headless) converts a CSV
 * written with the default LOCAL timestamps in Asia/Tokyo to XLSX, and the result is read back with
 * exceljs. The time column must come back as date/time cells holding the Tokyo wall time, signed
 * numbers as numbers, and neutralised formulas as text, never evaluated (LibreOffice 7.4 does
 * evaluate an unguarded `=1+1` on this path: it comes back as a formula with the result 2).
 *
 * Needs `soffice` (Debian: libreoffice-calc-nogui) on PATH. Without it the test is skipped and says
 * why in its name; in CI's first run a missing LibreOffice fails the file instead, since .ci/run
 * installs it (test/support/system-tools.ts decides).
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCsvWriter } from './csv-writer.js';
import { checkSystemTool } from '../../../../../test/support/system-tools.js';
import { collector, META } from './writer-test-kit.js';
import type { ExportColumn } from './writer.js';

const run = promisify(execFile);

function onPath(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

const soffice = onPath(['soffice', 'libreoffice']);
checkSystemTool('soffice/libreoffice on PATH', soffice !== null, 'apt-get install libreoffice-calc-nogui');
const title = soffice ? 'CSV opened in LibreOffice Calc' : 'CSV opened in LibreOffice Calc (skipped: neither soffice nor libreoffice is on PATH)';

const COLUMNS: ExportColumn[] = [
  { key: 'at', label: 'At', kind: 'DATETIME' },
  { key: 'note', label: 'Note', kind: 'STRING' },
  { key: 'events', label: 'Events', kind: 'NUMBER' },
  { key: 'day', label: 'Day', kind: 'DATE' },
];
const ROWS: unknown[][] = [
  ['2026-11-29 16:30:00.000', '-5', 42, '2026-11-29'], // 01:30 on Nov 30 in Tokyo
  ['2026-12-06 19:59:53.912', '=1+1', -12.5, '2026-12-06'], // 04:59:53.912 on Dec 7 in Tokyo
  ['2026-12-31 15:00:00', '-12.5', 0, '2026-12-31'], // midnight of the new year in Tokyo
  ['2026-12-31 15:00:01', '@SUM(A1)', 1, '2026-12-31'],
  ['2026-12-31 15:00:02', 'Rapport d’activité', 2, '2026-12-31'],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-libreoffice-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe(title, () => {
  it.skipIf(!soffice)('types LOCAL timestamps as date/time, keeps -5 a number and =1+1 unevaluated text', async () => {
    const sink = collector();
    const writer = createCsvWriter({ output: sink.output, columns: COLUMNS, meta: { ...META, timeZone: 'Asia/Tokyo' }, options: {} });
    await writer.write(ROWS);
    await writer.finish();
    const csvFile = join(dir, 'export.csv');
    await writeFile(csvFile, sink.bytes());
    expect((await readFile(csvFile, 'utf8')).split('\r\n')[1]).toBe('2026-11-30T01:30:00.000,-5,42,2026-11-29');

    // A private profile: parallel runs (and a user's own LibreOffice) never share one.
    await run(soffice!, [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--headless', '--norestore',
      // Comma, double quote, UTF-8 (76), from line 1: what the file is, stated rather than guessed.
      '--infilter=CSV:44,34,76,1',
      '--convert-to', 'xlsx', '--outdir', dir, csvFile,
    ], { timeout: 90_000 });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'export.xlsx'));
    const sheet = workbook.worksheets[0]!;
    const cell = (row: number, col: number) => sheet.getRow(row).getCell(col);
    expect([1, 2, 3, 4].map((c) => cell(1, c).value)).toEqual(['at', 'note', 'events', 'day']);

    // Times: real date/time cells holding the Tokyo wall time (exceljs gives a cell's date as a Date of its UTC fields).
    const wallTimes = ['2026-11-30T01:30:00.000Z', '2026-12-07T04:59:53.912Z', '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:01.000Z', '2027-01-01T00:00:02.000Z'];
    wallTimes.forEach((want, i) => {
      const at = cell(i + 2, 1);
      expect(at.type, `row ${i + 2}`).toBe(ExcelJS.ValueType.Date);
      expect(Math.abs((at.value as Date).getTime() - Date.parse(want)), `row ${i + 2}: ${String(at.value)}`).toBeLessThanOrEqual(1);
    });
    expect(cell(2, 1).numFmt).toMatch(/h/); // shown with its time of day, not as a bare date
    // Dates: calendar days, unshifted.
    expect(cell(2, 4).value).toEqual(new Date('2026-11-29T00:00:00.000Z'));

    // Signed numbers are data: a number (or at worst the text "-5"), never "'-5".
    expect([-5, '-5']).toContain(cell(2, 2).value);
    expect([-12.5, '-12.5']).toContain(cell(4, 2).value);
    // Formulas stay text, with or without the guard's apostrophe shown: never evaluated.
    const formula = cell(3, 2);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(["'=1+1", '=1+1']).toContain(formula.value);
    expect(formula.formula).toBeUndefined();
    expect(["'@SUM(A1)", '@SUM(A1)']).toContain(cell(5, 2).value);
    expect(cell(6, 2).value).toBe('Rapport d’activité');
    expect(cell(3, 3).value).toBe(-12.5);
  }, 120_000);
});
