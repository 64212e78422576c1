import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, it, expect } from 'vitest';
import { WriterAbortedError } from './output-flow.js';
import { createXlsxWriter } from './xlsx-writer.js';
import {
  COLUMNS,
  META,
  ROWS,
  VOLUME_COLUMNS,
  collectGarbage,
  collector,
  slowSink,
  volumeRows,
} from './writer-test-kit.js';
import type { ExportColumn, ExportMeta, WriterOptions } from './writer.js';

async function xlsxOf(
  batches: unknown[][][],
  options: WriterOptions = {},
  meta: ExportMeta = META,
  columns: ExportColumn[] = COLUMNS,
): Promise<{ workbook: ExcelJS.Workbook; bytes: Buffer }> {
  const sink = collector();
  const writer = createXlsxWriter({ output: sink.output, columns, meta, options });
  for (const rows of batches) await writer.write(rows);
  await writer.finish();
  const bytes = sink.bytes();
  const workbook = new ExcelJS.Workbook();
  // exceljs's load() is typed for an older Buffer definition.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { workbook, bytes };
}

function sheetNames(workbook: ExcelJS.Workbook): string[] {
  return workbook.worksheets.map((s) => s.name);
}

function aboutLines(workbook: ExcelJS.Workbook): string[] {
  const lines: string[] = [];
  workbook.getWorksheet('About')!.eachRow((row) => {
    lines.push(
      (row.values as unknown[])
        .slice(1)
        .map((v) => String(v ?? ''))
        .join(' | '),
    );
  });
  return lines;
}

describe('XLSX writer', () => {
  it('writes a Data sheet with a bold, frozen, filtered header and typed cells, then Chart and About', async () => {
    const { workbook, bytes } = await xlsxOf([ROWS.slice(0, 4), ROWS.slice(4)]);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    // COLUMNS have a category and a measure: the default chart (BAR) gets its sheet (xlsx-chart.test.ts).
    expect(sheetNames(workbook)).toEqual(['Data', 'Chart', 'About']);

    const data = workbook.getWorksheet('Data')!;
    expect(data.getRow(1).values).toEqual([undefined, 'Name', 'Events', 'Happened at', 'Day', 'OK?']);
    for (let c = 1; c <= 5; c++) expect(data.getRow(1).getCell(c).font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.autoFilter).toBe('A1:E11');
    expect(data.rowCount).toBe(11);

    const first = data.getRow(2);
    expect(first.getCell(1).value).toBe('plain');
    expect(first.getCell(2).value).toBe(42);
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    // The wall time in META's zone (Europe/Paris, UTC+1): exceljs reads a date cell back as a Date whose UTC fields are the cell's.
    expect(first.getCell(3).value).toEqual(new Date(Date.UTC(2026, 10, 28, 11, 0, 0)));
    expect(first.getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first.getCell(4).value).toEqual(new Date(Date.UTC(2026, 10, 28)));
    expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(5).value).toBe(true);
    expect(first.getCell(5).type).toBe(ExcelJS.ValueType.Boolean);

    const tricky = data.getRow(3);
    // XML parsing normalises CRLF to LF (Excel's own line break in a cell).
    expect(tricky.getCell(1).value).toBe('comma, "quote" and\nnewline');
    expect(tricky.getCell(2).value).toBe(-5);
    expect((tricky.getCell(3).value as Date).toISOString()).toBe('2026-11-28T11:00:00.123Z');
    expect(tricky.getCell(5).value).toBe(false);

    // Nulls are empty cells.
    for (let c = 1; c <= 5; c++) expect(data.getRow(4).getCell(c).value).toBeNull();

    // Formula-looking text stays text (a string cell, no formula, no prefix).
    const formula = data.getRow(5).getCell(1);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe('=HYPERLINK("http://evil","x")');
    expect(formula.formula).toBeUndefined();
    expect(data.getRow(6).getCell(1).value).toBe('-5');
    expect(data.getRow(8).getCell(1).value).toBe('@SUM(A1)');

    // Numbers: a 64-bit integer string becomes a number; big and negative values survive.
    expect(data.getRow(6).getCell(2).value).toBe(12345678901234567000);
    expect(data.getRow(7).getCell(2).value).toBe(-1234567.891);
    expect(data.getRow(10).getCell(2).value).toBe(1e21);
    expect(data.getRow(11).getCell(2).value).toBe(-42);
    expect(data.getRow(10).getCell(1).value).toBe('Rapport d’activité – été 🎉 日本語');
    // Sub-millisecond digits are dropped, not rounded into the next millisecond.
    expect((data.getRow(7).getCell(3).value as Date).toISOString()).toBe('2026-02-28T13:34:56.789Z');
    // 23:59:59.5 UTC is the next day in Paris; the DATE beside it is a calendar day and stays.
    expect((data.getRow(5).getCell(3).value as Date).toISOString()).toBe('2026-11-29T00:59:59.500Z');
    expect((data.getRow(5).getCell(4).value as Date).toISOString()).toBe('2026-12-31T00:00:00.000Z');
  });

  it('holds the wall time of the effective zone in date/time cells (Tokyo, New York across fall-back), dates unshifted', async () => {
    const columns: ExportColumn[] = [{ key: 'at', label: 'At', kind: 'DATETIME' }, { key: 'day', label: 'Day', kind: 'DATE' }];
    const cells = async (timeZone: string, rows: unknown[][]) => {
      const { workbook } = await xlsxOf([rows], {}, { ...META, timeZone }, columns);
      const data = workbook.getWorksheet('Data')!;
      const out: { at: unknown; day: unknown; type: ExcelJS.ValueType; numFmt: string }[] = [];
      for (let r = 2; r <= data.rowCount; r++) {
        const row = data.getRow(r);
        out.push({ at: row.getCell(1).value, day: row.getCell(2).value, type: row.getCell(1).type, numFmt: row.getCell(1).numFmt });
      }
      return { out, about: aboutLines(workbook) };
    };
    const tokyo = await cells('Asia/Tokyo', [['2026-11-29 16:30:00.000', '2026-11-29'], ['2026-12-06 19:59:53.912', '2026-12-06']]);
    expect(tokyo.out).toEqual([
      { at: new Date('2026-11-30T01:30:00.000Z'), day: new Date('2026-11-29T00:00:00.000Z'), type: ExcelJS.ValueType.Date, numFmt: 'yyyy-mm-dd hh:mm:ss' },
      { at: new Date('2026-12-07T04:59:53.912Z'), day: new Date('2026-12-06T00:00:00.000Z'), type: ExcelJS.ValueType.Date, numFmt: 'yyyy-mm-dd hh:mm:ss' },
    ]);
    expect(tokyo.about).toContain('Time zone | Times are in Asia/Tokyo: every date and time in this workbook is a wall-clock time or calendar day there');
    // Hour buckets of New York's fall-back night: 01:00 shows twice, as it did on the clocks.
    const ny = await cells('America/New_York', ['04:00:00', '05:00:00', '06:00:00', '07:00:00'].map((t) => [`2026-11-01 ${t}`, null]));
    expect(ny.out.map((c) => (c.at as Date).toISOString())).toEqual([
      '2026-11-01T00:00:00.000Z', '2026-11-01T01:00:00.000Z', '2026-11-01T01:00:00.000Z', '2026-11-01T02:00:00.000Z',
    ]);
  });

  it('formats number columns from their first values, never hiding a later fraction', async () => {
    const columns: ExportColumn[] = [
      { key: 'count', label: 'Count', kind: 'NUMBER' },
      { key: 'avg', label: 'Average', kind: 'NUMBER' },
    ];
    const rows: unknown[][] = [];
    for (let i = 0; i < 300; i++) rows.push([i, i + 0.25]);
    rows.push([7.5, 3]); // after the 200-row sample
    const { workbook } = await xlsxOf([rows], {}, META, columns);
    const data = workbook.getWorksheet('Data')!;
    expect(data.getRow(2).getCell(1).numFmt).toBe('#,##0');
    expect(data.getRow(2).getCell(2).numFmt).toBe('#,##0.00');
    expect(data.getRow(302).getCell(1).numFmt).toBe('#,##0.00');
    expect(data.getRow(302).getCell(1).value).toBe(7.5);
    expect(data.getRow(302).getCell(2).numFmt).toBe('#,##0.00');
  });

  it('sizes columns from labels and the first rows, within 10..60', async () => {
    const columns: ExportColumn[] = [
      { key: 'a', label: 'A', kind: 'STRING' },
      { key: 'b', label: 'A rather long column label', kind: 'STRING' },
      { key: 'c', label: 'C', kind: 'STRING' },
      { key: 'd', label: 'When', kind: 'DATETIME' },
    ];
    const { workbook } = await xlsxOf([[['x', 'y', 'z'.repeat(500), '2026-11-28 10:00:00']]], {}, META, columns);
    const data = workbook.getWorksheet('Data')!;
    const widths = [1, 2, 3, 4].map((c) => data.getColumn(c).width ?? 0);
    expect(widths[0]).toBe(10);
    expect(widths[1]).toBeGreaterThanOrEqual('A rather long column label'.length);
    expect(widths[1]).toBeLessThan(40);
    expect(widths[2]).toBe(60);
    expect(widths[3]).toBeGreaterThanOrEqual(19);
  });

  it('writes the About sheet with the report, time in its zone, parameters and counts', async () => {
    const { workbook } = await xlsxOf([ROWS]);
    expect(aboutLines(workbook)).toEqual([
      'Report | Usage Summary',
      'Tenant | tenant-a',
      'Generated at | 2026-11-29 09:00 (Europe/Paris)',
      'Time zone | Times are in Europe/Paris: every date and time in this workbook is a wall-clock time or calendar day there',
      'Locale | en-US: dates are shown yyyy-mm-dd hh:mm:ss; numbers are plain numbers your spreadsheet shows with its own separators',
      'Time range | 2026-11-21 00:00 → 2026-11-28 00:00 (Europe/Paris)',
      'Filter | platform = web',
      'Row limit | 10000',
      'Rows written | 10',
    ]);
    const about = workbook.getWorksheet('About')!;
    expect(about.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(about.getRow(8).getCell(2).type).toBe(ExcelJS.ValueType.Number); // Row limit
  });

  it('states visibly when the row limit cut the result', async () => {
    const { workbook } = await xlsxOf([ROWS], {}, { ...META, rowLimit: 10, totalRows: 10, truncated: true });
    const lines = aboutLines(workbook);
    expect(lines.at(-1)).toBe("Truncated: the report's row limit of 10 rows cut the result");
    const about = workbook.getWorksheet('About')!;
    expect(about.getRow(about.rowCount).getCell(1).font?.bold).toBe(true);
    expect(lines.join('\n')).not.toContain('Truncated: the report’s');
  });

  it('continues on "Data (2)", "Data (3)" past xlsxRowsPerSheet, each with its own header', async () => {
    const rows = volumeRows(0, 8);
    const { workbook } = await xlsxOf([rows.slice(0, 2), rows.slice(2, 7), rows.slice(7)], { xlsxRowsPerSheet: 3 }, META, VOLUME_COLUMNS);
    expect(sheetNames(workbook)).toEqual(['Data', 'Data (2)', 'Data (3)', 'Chart', 'About']);
    const users: unknown[] = [];
    for (const [name, count] of [['Data', 3], ['Data (2)', 3], ['Data (3)', 2]] as const) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.rowCount).toBe(count + 1);
      expect(sheet.getRow(1).getCell(1).value).toBe('User');
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBe(`A1:E${count + 1}`);
      for (let r = 2; r <= count + 1; r++) users.push(sheet.getRow(r).getCell(1).value);
    }
    expect(users).toEqual(rows.map((r) => r[0]));
    expect(aboutLines(workbook)).toContain('Rows written | 8');
    expect(aboutLines(workbook)).toContain('Data sheets | Data, Data (2), Data (3)');
  });

  it('writes a header-only Data sheet for an empty result', async () => {
    const { workbook } = await xlsxOf([]);
    expect(sheetNames(workbook)).toEqual(['Data', 'Chart', 'About']);
    const data = workbook.getWorksheet('Data')!;
    expect(data.rowCount).toBe(1);
    expect(data.autoFilter).toBe('A1:E1');
    expect(aboutLines(workbook)).toContain('Rows written | 0');
  });

  it('keeps unexpected values as text and cuts text at the cell limit', async () => {
    const { workbook } = await xlsxOf([[['x'.repeat(40_000), Number.NaN, 'not a time', 'soon', 'maybe']]]);
    const row = workbook.getWorksheet('Data')!.getRow(2);
    expect((row.getCell(1).value as string).length).toBe(32_767);
    expect(row.getCell(2).value).toBe('NaN');
    expect(row.getCell(3).value).toBe('not a time');
    expect(row.getCell(4).value).toBe('soon');
    expect(row.getCell(5).value).toBe('maybe');
  });

  it('resolves finish() once the output has finished', async () => {
    const slow = slowSink({ highWaterMark: 1024, delayMs: 1 });
    const writer = createXlsxWriter({ output: slow.output, columns: COLUMNS, meta: META, options: {} });
    await writer.write(ROWS);
    await writer.finish();
    expect(slow.output.writableFinished).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(slow.bytes() as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('Data')!.rowCount).toBe(ROWS.length + 1);
  });

  it('holds writes back while the zip and a slow output catch up (bounded memory)', async () => {
    let bytes = 0;
    const counting = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        setTimeout(callback, 1);
      },
    });
    const writer = createXlsxWriter({ output: counting, columns: VOLUME_COLUMNS, meta: META, options: {} });
    collectGarbage();
    const base = process.memoryUsage();
    let peak = 0;
    for (let start = 0; start < 150_000; start += 1000) {
      await writer.write(volumeRows(start, 1000));
      if (start % 25_000 === 0) {
        collectGarbage();
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.arrayBuffers - base.heapUsed - base.arrayBuffers);
      }
    }
    await writer.finish();
    expect(bytes).toBeGreaterThan(1_000_000);
    // Measured: ~3 MB; without holding back, ~30 MB of sheet XML queued up ahead of the zip here.
    expect(peak).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);

  it('abort() releases a pending write(), rejects later calls and does not end the output', async () => {
    const output = new Writable({ highWaterMark: 16, write: () => undefined }); // never completes
    const writer = createXlsxWriter({ output, columns: VOLUME_COLUMNS, meta: META, options: {} });
    const pending = writer.write(volumeRows(0, 5000));
    await new Promise((r) => setTimeout(r, 20));
    writer.abort();
    await expect(pending).rejects.toBeInstanceOf(WriterAbortedError);
    await expect(writer.write(volumeRows(0, 1))).rejects.toBeInstanceOf(WriterAbortedError);
    await expect(writer.finish()).rejects.toBeInstanceOf(WriterAbortedError);
    await new Promise((r) => setTimeout(r, 20));
    expect(output.writableEnded).toBe(false);
  });
});
