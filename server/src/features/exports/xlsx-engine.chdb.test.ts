/**
 * Engine XLSX ≡ JS XLSX writer, in real chDB: the export body the runner uses for XLSX with the
 * engine path (compileXlsxReport: ClickHouse writes each numbered `<row>` with its `<c>` cells, JS
 * splits the sheets where the numbering starts again and zips) against the writer path (store.stream → JSONCompactEachRow →
 * JSON.parse → SheetRowsXml), for hostile values in every column of every catalog table, every
 * column type the engine formats, several zones, a split into sheets and engine output cut anywhere.
 *
 * Compared three ways: every zip entry byte for byte, except the data sheets, whose XML must be the
 * same once raw CR/LF are written `&#10;` as the engine writes them (the same text to any XML
 * reader: XML 1.0 §2.11); every cell read back with exceljs (value, type, number format, font) and
 * each sheet's frozen header, autofilter and widths; and (where LibreOffice is installed) both files
 * converted to CSV, every sheet, the same text.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbStore } from '../../platform/chdb-store.js';
import { CATALOG, type CatalogColumn, type CatalogTable, type ColumnKind } from '../catalog/catalog.js';
import { analyticsSchemaSql } from '../demo/analytics-schema.js';
import { quoteIdent } from '../catalog/sql-identifier.js';
import { compileReport, compileXlsxReport, type CompiledQuery, type XlsxCompileResult } from '../reports/compile-query.js';
import { XLSX_QUERY_FORMAT, XLSX_QUERY_SETTINGS, xlsxCellSql, xlsxRowSql } from '../reports/xlsx-sql.js';
import type { ReportDefinition } from '../reports/definition.js';
import { validateDefinition, type NormalizedDefinition } from '../reports/validate-definition.js';
import { exportBody } from './export-body.js';
import { Utf8Repair } from './writers/csv-bytes.js';
import { collector, META } from './writers/writer-test-kit.js';
import type { ExportColumn, WriterOptions } from './writers/writer.js';
import { createXlsxWriter } from './writers/xlsx-writer.js';
import { zipJsEntries } from './writers/zip.test-kit.js';
import { checkSystemTool } from '../../../../test/support/system-tools.js';

const dir = mkdtempSync(join(tmpdir(), 'reportcast-xlsx-engine-'));
const DB = 'xlsx_engine_test';
const store = new ChdbStore(dir, DB);
const AS_OF = new Date('2026-11-28T12:00:00.000Z');
const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };
const ctxOf = (timeZone: string) => ({ tenantId: 'acme', asOf: AS_OF, database: DB, maxRangeDays: LIMITS.maxRangeDays, timeZone });

const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** Strings as bytes (invalid UTF-8 too): XML specials, controls XML cannot hold, line ends, formula-like text, every script. */
const HOSTILE: Buffer[] = [
  'plain', '', ' ', 'a,b', 'say "hi"', "it's", '<b>&amp;</b>', '&', '<', '>', '\n', '\r', '\r\n', '\t', 'line\nbreak', 'cr\rmid', 'crlf\r\nend',
  '\r\nlead', 'trail\r', 'a\r\u0001\nb', '=1+1', '=HYPERLINK("http://evil","x")', '+1', '-5', '@SUM(A1)', '\tTab', '＝1+1',
  'ctrl \u0000\u0001\u0008\u000b\u000c\u000e\u001f\u007f end', 'nonchar \uFFFE\uFFFF end', '\uFFFD', '\uFEFFbom first', 'back\\slash',
  '\u2028line sep\u2029', '日本語のテキスト', '中文报告', '한국어', 'Ελληνικά', 'العربية: تقرير', 'עברית', 'Русский отчёт', 'हिन्दी', 'ไทย',
  'emoji 🎉👩‍💻🇫🇷 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'Rapport d’activité – été', '\u00a0nbsp',
].map(utf8).concat([
  Buffer.from([0xff]), Buffer.from([0x61, 0x80, 0x62]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xc0, 0xaf, 0x3c]), Buffer.from([0xef, 0xbf]), Buffer.from([0xe0, 0xef, 0xbf, 0xbe]),
  Buffer.from([0xef, 0xbb, 0xbf, 0xff]), Buffer.from([0x80, 0x80, 0x80, 0x0d]),
]);
const FLOATS = ['0', '-0', '0.1', '1.5', '1e-7', '-1e-7', '123456789.123', '1e21', '-1e21', '1e-300', '5e-324', '1.7976931348623157e308',
  '0.30000000000000004', '9007199254740994', '1e16', '-5', '42', 'nan', 'inf', '-inf', '4.35', '-1234567.891'];
const UINT32 = ['0', '1', '42', '4294967295', '123456', '1000000'];
const DATETIMES = ['1970-01-01 00:00:00.000', '1970-01-01 00:00:00.001', '2024-02-29 12:34:56.789', '2026-11-28 10:00:00.000',
  '2026-11-28 10:00:00.500', '2299-12-31 23:59:59.999', '2106-02-07 06:28:16.000', '2038-01-19 03:14:08.123',
  '2026-11-01 05:30:00.000', '2026-11-01 06:30:00.250', '2026-03-08 07:00:00.000', '2026-10-25 00:30:00.000', '2026-10-25 01:30:00.000'];
const DATES = ['1970-01-01', '2149-06-06', '2024-02-29', '2026-11-28', '2000-01-01'];
const ROWS_PER_TABLE = 120;

function fixtureValue(col: CatalogColumn, i: number, offset: number): string | null {
  const k = i * [1, 7, 11, 13][offset % 4]! + offset;
  if (col.nullable && k % 5 === 0) return null;
  if (col.chType === 'UUID') return `00000000-0000-4000-8000-${(k * 7919).toString(16).padStart(12, '0').slice(-12)}`;
  switch (col.kind) {
    case 'STRING': return HOSTILE[k % HOSTILE.length]!.toString('hex');
    case 'NUMBER': return col.chType.includes('Float') ? FLOATS[k % FLOATS.length]! : UINT32[k % UINT32.length]!;
    case 'DATETIME': return DATETIMES[k % DATETIMES.length]!;
    case 'DATE': return DATES[k % DATES.length]!;
    case 'BOOLEAN': return k % 3 === 0 ? 'true' : 'false';
  }
}

async function insertFixture(table: CatalogTable): Promise<void> {
  const rows: string[] = [];
  for (let i = 0; i < ROWS_PER_TABLE; i++) {
    const row: Record<string, string | null> = { tenant_id: 'acme' };
    table.columns.forEach((c, j) => (row[`c${j}`] = fixtureValue(c, i, j * 3)));
    rows.push(JSON.stringify(row));
  }
  const structure = ['tenant_id String', ...table.columns.map((_c, j) => `c${j} Nullable(String)`)].join(', ');
  const exprs = table.columns.map((c, j) => (c.kind === 'STRING' && c.chType !== 'UUID' ? `unhex(c${j})` : `CAST(c${j}, '${c.chType.replace(/'/g, "\\'")}')`));
  await store.exec(
    `INSERT INTO ${quoteIdent(DB)}.${quoteIdent(table.name)} (tenant_id, ${table.columns.map((c) => quoteIdent(c.name)).join(', ')})
     SELECT tenant_id, ${exprs.join(', ')} FROM format(JSONEachRow, {structure:String}, {rows:String})`,
    { structure, rows: rows.join('\n') },
  );
}

beforeAll(async () => {
  for (const sql of analyticsSchemaSql(DB)) await store.exec(sql);
  for (const table of CATALOG) await insertFixture(table);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function normalize(def: ReportDefinition): NormalizedDefinition {
  const r = validateDefinition(def, LIMITS);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.definition;
}

const exportColumns = (q: CompiledQuery): ExportColumn[] => q.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind }));

interface Run { bytes: Buffer; rows: number; via: string }

async function runBody(q: CompiledQuery, xlsx: XlsxCompileResult | null, timeZone: string, options: WriterOptions = {}): Promise<Run> {
  const sink = collector();
  const body = exportBody({
    analytics: store, format: 'XLSX', compiled: q, csv: null, xlsx, signal: new AbortController().signal,
    writer: { output: sink.output, columns: exportColumns(q), meta: { ...META, timeZone, locale: 'de-DE' }, options },
  });
  let rows = 0;
  await body.run((n) => (rows += n));
  return { bytes: sink.bytes(), rows, via: body.via };
}

/** Raw CR, LF and CRLF as the engine writes them (`&#10;`): what any XML reader makes of the raw ones. */
const lineEnds = (xml: string) => xml.replace(/\r\n|\r|\n/g, '&#10;');

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function cellFacts(cell: ExcelJS.Cell): unknown {
  const value = cell.value instanceof Date ? `date:${cell.value.toISOString()}` : cell.value;
  return { value, type: cell.type, numFmt: cell.numFmt ?? null, bold: cell.font?.bold ?? false };
}

/** Every cell of every sheet, and each sheet's layout, as exceljs reads them. */
function workbookFacts(workbook: ExcelJS.Workbook): { cells: Record<string, unknown>; sheets: unknown[]; count: number } {
  const cells: Record<string, unknown> = {};
  let count = 0;
  const sheets = workbook.worksheets.map((sheet) => {
    sheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: false }, (cell) => {
      cells[`${sheet.name}!${cell.address}`] = cellFacts(cell);
      count++;
    }));
    return {
      name: sheet.name, rowCount: sheet.rowCount, columnCount: sheet.columnCount, autoFilter: sheet.autoFilter ?? null,
      views: (sheet.views ?? []).map((v) => ({ state: v.state, ySplit: (v as { ySplit?: number }).ySplit })),
      widths: (sheet.columns ?? []).map((c) => c.width ?? null),
    };
  });
  return { cells, sheets, count };
}

/** The two files hold the same workbook: entries, sheet XML (line ends aside), and every cell read back. */
async function expectSameWorkbook(reference: Run, engine: Run, label: string): Promise<number> {
  expect(reference.via, label).toBe('writer');
  expect(engine.via, label).toBe('engine');
  expect(engine.rows, `${label}: rows counted`).toBe(reference.rows);
  const a = await zipJsEntries(reference.bytes);
  const b = await zipJsEntries(engine.bytes);
  expect(b.map((e) => e.name), label).toEqual(a.map((e) => e.name));
  for (const [i, entry] of a.entries()) {
    const want = entry.content.toString('utf8');
    const got = b[i]!.content.toString('utf8');
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name)) {
      if (lineEnds(got) !== lineEnds(want)) {
        const x = lineEnds(want);
        const y = lineEnds(got);
        let k = 0;
        while (k < x.length && x[k] === y[k]) k++;
        expect.fail(`${label} ${entry.name} differs at ${k}:\n  js:     ${JSON.stringify(x.slice(Math.max(0, k - 100), k + 100))}\n  engine: ${JSON.stringify(y.slice(Math.max(0, k - 100), k + 100))}`);
      }
    } else if (entry.name !== 'docProps/core.xml') {
      expect(got, `${label} ${entry.name}`).toBe(want);
    }
  }
  const want = workbookFacts(await load(reference.bytes));
  const got = workbookFacts(await load(engine.bytes));
  expect(got.sheets, label).toEqual(want.sheets);
  expect(Object.keys(got.cells), label).toEqual(Object.keys(want.cells));
  for (const [address, facts] of Object.entries(want.cells)) expect(got.cells[address], `${label} ${address}`).toEqual(facts);
  return want.count;
}

async function expectSameReport(def: ReportDefinition, label: string, timeZone = 'UTC', options: WriterOptions = {}): Promise<Run> {
  const normalized = normalize(def);
  const q = compileReport(normalized, ctxOf(timeZone));
  const xlsx = compileXlsxReport(normalized, ctxOf(timeZone));
  expect(xlsx.ok, `${label}: ${xlsx.ok ? '' : xlsx.reason}`).toBe(true);
  const reference = await runBody(q, null, timeZone, options);
  const engine = await runBody(q, xlsx, timeZone, options);
  await expectSameWorkbook(reference, engine, label);
  return engine;
}

describe('engine XLSX equals the JS XLSX writer', () => {
  it('raw reports of every column of every table, in UTC, Paris, New York, Tokyo and Lord Howe', async () => {
    for (const timeZone of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe']) {
      for (const table of CATALOG) {
        const compiled = compileXlsxReport(normalize({ source: table.name, dimensions: table.columns.map((c) => ({ field: c.name })), raw: true }), ctxOf(timeZone));
        if (!compiled.ok) continue; // device_metrics' Float32 columns: the fallback block below
        const run = await expectSameReport({ source: table.name, dimensions: table.columns.map((c) => ({ field: c.name })), raw: true, rowLimit: 100_000 },
          `raw ${table.name} in ${timeZone}`, timeZone);
        expect(run.rows).toBe(ROWS_PER_TABLE);
      }
    }
  });

  it('the fixture holds what the comparison is about', async () => {
    const r = await store.query(
      `SELECT countIf(NOT isValidUTF8(user_id)), countIf(isNaN(value)), countIf(isNull(referrer)), countIf(position(user_id, '\\r\\n') > 0),
         countIf(position(user_id, '\\x01') > 0), countIf(position(user_id, '<') > 0), countIf(position(user_id, '日本語') > 0)
       FROM ${DB}.usage_events`);
    expect(r.rows[0]!.map(Number).map((n) => n > 0)).toEqual(r.rows[0]!.map(() => true));
  });

  it('aggregates by every grain, sorted, split into sheets of 7 rows', async () => {
    for (const grain of ['HOUR', 'DAY', 'MONTH'] as const) {
      const run = await expectSameReport({
        source: 'usage_events',
        // is_error, not a text column: the chart over these rows names its series after the second dimension, and the
        // JS writer's chart XML keeps control characters (the fixture's texts hold some), which no XML reader opens.
        dimensions: [{ field: 'timestamp', grain }, { field: 'is_error' }],
        measures: [{ fn: 'COUNT' }, { fn: 'SUM', field: 'value' }, { fn: 'AVG', field: 'duration_ms' }, { fn: 'MAX', field: 'timestamp', alias: 'latest' }, { fn: 'UNIQ', field: 'user_id' }],
        orderBy: [{ key: `timestamp_${grain.toLowerCase()}`, direction: 'DESC' }],
        rowLimit: 10_000,
      }, `by ${grain}`, 'America/New_York', { xlsxRowsPerSheet: 7 });
      expect(run.rows).toBeGreaterThan(7);
    }
    // No rows at all, and a single aggregate row.
    const empty = await expectSameReport({ source: 'usage_events', dimensions: [{ field: 'user_id' }], raw: true, filters: [{ field: 'platform', op: 'EQ', value: 'none' }] }, 'empty');
    expect(empty.rows).toBe(0);
    await expectSameReport({ source: 'usage_events', measures: [{ fn: 'COUNT' }, { fn: 'AVG', field: 'value' }], filters: [{ field: 'platform', op: 'EQ', value: 'none' }] }, 'aggregates of nothing');
  });

  it('stays the same when the engine output is cut anywhere, across sheet splits', async () => {
    const normalized = normalize({ source: 'usage_events', dimensions: CATALOG[0]!.columns.map((c) => ({ field: c.name })), raw: true, rowLimit: 100_000 });
    const q = compileReport(normalized, ctxOf('Europe/Paris'));
    const xlsx = compileXlsxReport(normalized, ctxOf('Europe/Paris'));
    if (!xlsx.ok) throw new Error(xlsx.reason);
    const options = { xlsxRowsPerSheet: 50 };
    const reference = await runBody(q, null, 'Europe/Paris', options);
    for (const seed of [1, 2, 3]) {
      const sink = collector();
      const writer = createXlsxWriter({ output: sink.output, columns: exportColumns(q), meta: { ...META, timeZone: 'Europe/Paris', locale: 'de-DE' }, options });
      const sample: unknown[][] = [];
      for await (const batch of store.stream(q.sql, { ...q.params, limit: writer.sampleRows })) sample.push(...batch);
      const query = xlsx.query(writer.startEngine(sample));
      const chunks: Buffer[] = [];
      // Small blocks on several threads: the engine's numbering must follow the order across blocks.
      const settings = { ...query.settings, max_block_size: 7 + seed * 5, max_threads: 4 };
      for await (const chunk of store.streamBytes(query.sql, query.params, { format: query.format, settings })) chunks.push(Buffer.from(chunk.bytes));
      // What the body hands the writer: the engine's bytes with invalid UTF-8 repaired (here at once), now cut anywhere.
      const all = Buffer.from(new Utf8Repair().repair(Buffer.concat(chunks)));
      let rows = 0;
      for (let at = 0, k = seed; at < all.length; k = (k * 1103515245 + 12345) % 2 ** 31) {
        const len = 1 + (k % 997);
        rows += await writer.writeEngine(all.subarray(at, at + len));
        at += len;
      }
      await writer.finish();
      expect(rows).toBe(ROWS_PER_TABLE);
      await expectSameWorkbook(reference, { bytes: sink.bytes(), rows, via: 'engine' }, `cut with seed ${seed}`);
    }
  });
});

describe('cell formatting, value by value', () => {
  /** One column of `type` holding the values of `source` (columns n, x): the writer path against xlsxCellSql's. */
  async function expectSameCells(kind: ColumnKind, type: string, source: string, timeZone = 'UTC', options: WriterOptions = {}): Promise<Run> {
    const q: CompiledQuery = { sql: `SELECT x FROM (${source}) ORDER BY n LIMIT {limit:UInt64}`, params: { limit: 10_000_000 }, columns: [{ key: 'x', label: 'X', kind, chType: type }], orderBy: '' };
    const xlsx: XlsxCompileResult = {
      ok: true,
      query: ({ styles, rowsPerSheet }) => {
        const cell = xlsxCellSql('x', kind, type, 'A', styles, styles.whole[0]!, timeZone);
        expect(cell, type).not.toBeNull();
        const sql = xlsxRowSql(`SELECT ${cell} AS xlsx_row FROM (${source}) ORDER BY n LIMIT {limit:UInt64}`, 'xlsx_row', String(rowsPerSheet));
        return { ...q, sql, format: XLSX_QUERY_FORMAT, settings: XLSX_QUERY_SETTINGS };
      },
    };
    const reference = await runBody(q, null, timeZone, options);
    const engine = await runBody(q, xlsx, timeZone, options);
    await expectSameWorkbook(reference, engine, `${type} in ${timeZone}`);
    return engine;
  }

  it('Float64 of every magnitude and the special values; integers whole and past 2^53', async () => {
    await expectSameCells('NUMBER', 'Float64', `SELECT number AS n, multiIf(
      number % 4 = 0, reinterpretAsFloat64(sipHash64(number)),
      number % 4 = 1, toFloat64(sipHash64(number) % 100000000) / pow(10, number % 13),
      number % 4 = 2, (toFloat64(sipHash64(number)) - 9.2e18) * pow(10, toInt32(number % 60) - 30),
      toFloat64(sipHash64(number)) / 1000) AS x FROM numbers(20000)
      UNION ALL SELECT 20000 + number AS n, [0, -0., nan, -nan, inf, -inf, 1e21, 5e-324, 1e-7, 0.1 + 0.2, 3, -7][number + 1] FROM numbers(12)`);
    // A column whose first 200 rows are whole (#,##0) with fractions after it (#,##0.00 on their own cells).
    await expectSameCells('NUMBER', 'Nullable(Float64)', `SELECT number AS n, if(number % 9 = 0, NULL, if(number < 300, toFloat64(number), number / 8)) AS x FROM numbers(600)`);
    await expectSameCells('NUMBER', 'UInt64', `SELECT number AS n, [0, 1, 9007199254740992, 9007199254740993, 1152921504606846976, 18446744073709551615, toUInt64(sipHash64(number))][number % 7 + 1] AS x FROM numbers(400)`);
    await expectSameCells('NUMBER', 'Int64', `SELECT number AS n, [0, -1, -9007199254740993, -9223372036854775808, 9223372036854775807, reinterpretAsInt64(sipHash64(number))][number % 6 + 1] AS x FROM numbers(400)`);
    await expectSameCells('NUMBER', 'UInt32', `SELECT number AS n, toUInt32(sipHash64(number) % 4294967296) AS x FROM numbers(100)`);
    await expectSameCells('NUMBER', 'Int32', `SELECT number AS n, toInt32(reinterpretAsInt64(sipHash64(number)) % 2147483648) AS x FROM numbers(100)`);
  });

  it('booleans, dates, UUIDs', async () => {
    await expectSameCells('BOOLEAN', 'Nullable(Bool)', `SELECT number AS n, [NULL, true, false][number % 3 + 1]::Nullable(Bool) AS x FROM numbers(6)`);
    await expectSameCells('DATE', 'Date', `SELECT number AS n, toDate(sipHash64(number) % 65536) AS x FROM numbers(2000)`);
    await expectSameCells('STRING', 'UUID', `SELECT number AS n, reinterpretAsUUID(sipHash128(number)) AS x FROM numbers(50)`);
  });

  it('datetimes as wall-time serials in zones with DST both ways, half-hour and 45-minute offsets, across every 2026 transition', async () => {
    const ZONES = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Kiritimati', 'Pacific/Chatham'];
    const YEAR_2026 = `SELECT number AS n, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(number * 900000 + number % 1000) AS x FROM numbers(35040)`;
    const RANDOM = `SELECT number AS n, toDateTime64('1970-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(sipHash64(number) % 10410000000000) AS x FROM numbers(3000)`;
    for (const zone of ZONES) {
      await expectSameCells('DATETIME', "DateTime64(3, 'UTC')", YEAR_2026, zone);
      await expectSameCells('DATETIME', "Nullable(DateTime64(3, 'UTC'))", `SELECT n, if(n % 7 = 0, NULL, x) AS x FROM (${RANDOM})`, zone);
      await expectSameCells('DATETIME', "DateTime('UTC')", `SELECT number AS n, toDateTime(toDateTime('2026-01-01 00:00:00', 'UTC') + number * 900, 'UTC') AS x FROM numbers(35040)`, zone);
      await expectSameCells('DATETIME', "DateTime64(0, 'UTC')", `SELECT n, toDateTime64(intDiv(toUnixTimestamp64Second(x), 900) * 900, 0, 'UTC') AS x FROM (${RANDOM})`, zone);
    }
  }, 300_000);

  it('strings: random bytes around every character that matters, and text past the cell limit', async () => {
    const bytes = [0x41, 0x22, 0x27, 0x26, 0x3c, 0x3e, 0x0d, 0x0a, 0x3d, 0x09, 0x00, 0x01, 0x1f, 0x7f, 0x80, 0xbf, 0xbe, 0xc0, 0xc2, 0xe0, 0xe2, 0xed, 0xef, 0xbc, 0xf0, 0xf4, 0xff];
    await expectSameCells('STRING', 'String', `SELECT number AS n,
      arrayStringConcat(arrayMap(i -> char([${bytes.join(', ')}][1 + sipHash64(number, i) % ${bytes.length}]), range(number % 9))) AS x FROM numbers(20000)`);
    await expectSameCells('STRING', 'LowCardinality(Nullable(String))', `SELECT number AS n,
      if(number % 4 = 0, NULL, ['', '=1', 'a"b', '\\r\\n', '日本語', '\\xEF\\xBF\\xBE', '<&>', '🎉'][number % 8 + 1])::LowCardinality(Nullable(String)) AS x FROM numbers(40)`);
    // Past 32,767 UTF-16 units: cut there, an emoji (two units) split by the cut, specials and controls after it, invalid UTF-8.
    await expectSameCells('STRING', 'String', `SELECT number AS n, [
      repeat('x', 40000), concat(repeat('a', 32766), '🎉', '<&>'), concat(repeat('é', 20000), '\\r\\n<\\x01>'), concat(repeat('日', 11000), '\\xFF'),
      concat(repeat('x', 32767)), concat('\\xEF\\xBB\\xBF', repeat('y', 40000)), repeat('<', 33000)][number + 1] AS x FROM numbers(7)`);
  });

  it('has no exact engine form for these types (the export then goes through the JS writer)', () => {
    const styles = { whole: [''], fraction: '', date: '', dateTime: '', plain: '' };
    const unsupported: [ColumnKind, string][] = [
      ['NUMBER', 'Float32'], ['NUMBER', 'Decimal(18, 4)'], ['NUMBER', 'UInt128'], ['DATETIME', "DateTime64(6, 'UTC')"], ['DATETIME', "DateTime('Europe/Paris')"],
      ['DATE', 'Date32'], ['STRING', 'FixedString(4)'], ['STRING', 'Array(String)'], ['BOOLEAN', 'UInt8'],
    ];
    for (const [kind, type] of unsupported) expect(xlsxCellSql('x', kind, type, 'A', styles, '', 'UTC'), `${kind} ${type}`).toBeNull();
  });

  it('a report with a Float32 column goes through the writer, with its file', async () => {
    const table = CATALOG.find((t) => t.columns.some((c) => c.chType.includes('Float32')));
    if (!table) return;
    const normalized = normalize({ source: table.name, dimensions: table.columns.map((c) => ({ field: c.name })), raw: true, rowLimit: 1000 });
    const xlsx = compileXlsxReport(normalized, ctxOf('UTC'));
    expect(xlsx.ok).toBe(false);
    const run = await runBody(compileReport(normalized, ctxOf('UTC')), xlsx, 'UTC');
    expect(run.via).toBe('writer');
    expect(run.rows).toBe(ROWS_PER_TABLE);
  });
});

function onPath(names: string[]): string | null {
  for (const name of names) {
    for (const part of (process.env.PATH ?? '').split(':')) {
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

describe(soffice ? 'engine XLSX in LibreOffice Calc' : 'engine XLSX in LibreOffice Calc (skipped: no soffice)', () => {
  it.skipIf(!soffice)('converts the writer\'s and the engine\'s file to the same CSV, sheet by sheet', async () => {
    const normalized = normalize({ source: 'usage_events', dimensions: CATALOG[0]!.columns.map((c) => ({ field: c.name })), raw: true, rowLimit: 100_000 });
    const q = compileReport(normalized, ctxOf('Europe/Paris'));
    const options = { xlsxRowsPerSheet: 70 };
    const reference = await runBody(q, null, 'Europe/Paris', options);
    const engine = await runBody(q, compileXlsxReport(normalized, ctxOf('Europe/Paris')), 'Europe/Paris', options);
    const out = mkdtempSync(join(tmpdir(), 'xlsx-engine-lo-'));
    try {
      await writeFile(join(out, 'js.xlsx'), reference.bytes);
      await writeFile(join(out, 'engine.xlsx'), engine.bytes);
      await promisify(execFile)(soffice!, [
        `-env:UserInstallation=${pathToFileURL(join(out, 'profile')).href}`, '--headless', '--norestore',
        '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out,
        join(out, 'js.xlsx'), join(out, 'engine.xlsx'),
      ], { timeout: 150_000 });
      const files = (await readdir(out)).filter((f) => f.endsWith('.csv')).sort();
      const sheets = files.filter((f) => f.startsWith('js-')).map((f) => f.slice('js-'.length));
      expect(sheets).toEqual(['About.csv', 'Data (2).csv', 'Data.csv']);
      for (const sheet of sheets) expect(await readFile(join(out, `engine-${sheet}`), 'utf8'), sheet).toBe(await readFile(join(out, `js-${sheet}`), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});
