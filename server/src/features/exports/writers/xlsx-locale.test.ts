/**
 * The XLSX writer in a locale: cells stay typed numbers and dates, date cells carry the locale's
 * date order as their number format, number formats stay locale-independent codes (the reader's
 * spreadsheet supplies the separators), and the About sheet states the locale. Read back with
 * exceljs; where LibreOffice is installed, also converted to CSV by LibreOffice (which writes
 * cells as shown) to see the de-DE dates as a reader would.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BlobReader, TextWriter, ZipReader } from '@zip.js/zip.js';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSystemTool } from '../../../../../test/support/system-tools.js';
import { collector, META } from './writer-test-kit.js';
import type { ExportColumn } from './writer.js';
import { createXlsxWriter } from './xlsx-writer.js';

const COLUMNS: ExportColumn[] = [
  { key: 'at', label: 'At', kind: 'DATETIME' },
  { key: 'day', label: 'Day', kind: 'DATE' },
  { key: 'amount', label: 'Amount', kind: 'NUMBER' },
];
// 19:59:53 UTC is 20:59:53 in Berlin.
const ROWS: unknown[][] = [['2026-12-06 19:59:53', '2026-12-06', 1234.5]];

async function workbookIn(locale: string | undefined): Promise<{ bytes: Buffer; workbook: ExcelJS.Workbook }> {
  const sink = collector();
  const writer = createXlsxWriter({ output: sink.output, columns: COLUMNS, meta: { ...META, generatedAt: new Date('2026-12-06T19:59:53Z'), timeZone: 'Europe/Berlin', ...(locale ? { locale } : {}) }, options: {} });
  await writer.write(ROWS);
  await writer.finish();
  const bytes = sink.bytes();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { bytes, workbook };
}

/** The custom number format codes of a workbook, as its styles.xml has them (exceljs drops their backslashes on reading). */
async function formatCodes(bytes: Buffer): Promise<string[]> {
  const zip = new ZipReader(new BlobReader(new Blob([bytes])));
  const entry = (await zip.getEntries()).find((e) => e.filename === 'xl/styles.xml');
  if (!entry || entry.directory) throw new Error('the workbook has no xl/styles.xml');
  const xml = await entry.getData(new TextWriter());
  await zip.close();
  return [...xml.matchAll(/formatCode="([^"]*)"/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

function about(workbook: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  workbook.getWorksheet('About')!.eachRow((row) => out.set(String(row.getCell(1).value), String(row.getCell(2).value)));
  return out;
}

describe('XLSX in the run\'s locale', () => {
  it.each([
    ['de-DE', 'dd.mm.yyyy hh:mm:ss', 'dd.mm.yyyy', '06.12.2026, 20:59 (Europe/Berlin)'],
    ['ja-JP', 'yyyy\\/mm\\/dd hh:mm:ss', 'yyyy\\/mm\\/dd', '2026/12/06 20:59 (Europe/Berlin)'],
    ['fr-FR', 'dd\\/mm\\/yyyy hh:mm:ss', 'dd\\/mm\\/yyyy', '06/12/2026 20:59 (Europe/Berlin)'],
    ['en-US', 'yyyy-mm-dd hh:mm:ss', 'yyyy-mm-dd', '2026-12-06 20:59 (Europe/Berlin)'],
  ])('%s: date cells shown %s / %s, numbers typed with locale-independent codes', async (locale, dateTimeFmt, dateFmt, generated) => {
    const { bytes, workbook } = await workbookIn(locale);
    expect(await formatCodes(bytes)).toEqual(expect.arrayContaining([dateTimeFmt, dateFmt]));
    const row = workbook.getWorksheet('Data')!.getRow(2);
    const unescaped = (code: string) => code.replace(/\\/g, '');
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(1).value).toEqual(new Date('2026-12-06T20:59:53.000Z')); // the Berlin wall time
    expect(row.getCell(1).numFmt).toBe(unescaped(dateTimeFmt));
    expect(row.getCell(2).value).toEqual(new Date('2026-12-06T00:00:00.000Z'));
    expect(row.getCell(2).numFmt).toBe(unescaped(dateFmt));
    expect(row.getCell(3).value).toBe(1234.5);
    expect(row.getCell(3).numFmt).toBe('#,##0.00');
    const lines = about(workbook);
    expect(lines.get('Locale')).toMatch(new RegExp(`^${locale}: dates are shown `));
    expect(lines.get('Generated at')).toBe(generated);
  });

  it('is en-US when the run names no locale', async () => {
    const { workbook } = await workbookIn(undefined);
    expect(workbook.getWorksheet('Data')!.getRow(2).getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(about(workbook).get('Locale')).toMatch(/^en-US: /);
  });
});

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
checkSystemTool('soffice/libreoffice on PATH', soffice !== null, 'apt-get install libreoffice-calc-nogui');
const title = soffice ? 'de-DE XLSX opened in LibreOffice Calc' : 'de-DE XLSX opened in LibreOffice Calc (skipped: neither soffice nor libreoffice is on PATH)';
const run = promisify(execFile);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-locale-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe(title, () => {
  it.skipIf(!soffice)('shows the dates day first with dots, as its cells\' formats say', async () => {
    const { bytes } = await workbookIn('de-DE');
    const file = join(dir, 'umsatz.xlsx');
    await writeFile(file, bytes);
    await run(soffice!, [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore',
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, file,
    ], { timeout: 90_000 });
    const [header, first] = (await readFile(join(dir, 'umsatz.csv'), 'utf8')).trim().split(/\r?\n/);
    expect(header).toBe('"At","Day","Amount"');
    // Cells as shown: the dates in the de-DE order; the number with the separators of LibreOffice's
    // own (en-US here) settings, since number codes are the reader's to localize.
    expect(first).toBe('06.12.2026 20:59:53,06.12.2026,"1,234.50"');
  }, 120_000);
});
