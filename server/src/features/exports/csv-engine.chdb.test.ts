/**
 * Engine CSV ≡ JS CSV writer, byte for byte, in real chDB.
 *
 * A fixture of hostile values in every column of every catalog table (quotes, commas, CR, LF,
 * CRLF, formula triggers and their full-width forms, unicode, U+FEFF, NUL, empty strings, NULLs,
 * invalid UTF-8; 0, -0, NaN, ±Infinity, 1e21, 5e-324, huge and tiny floats; datetimes from 1900 to
 * 2299, dates at both ends of Date), then for raw reports of every column, aggregates, every grain,
 * measures-only reports and empty results, with and without BOM, in several zones and both
 * timestamp forms (LOCAL, ISO_OFFSET): the export body the runner uses for CSV (`via: 'engine'`)
 * must write exactly the bytes the old path writes (store.stream → JSONCompactEachRow →
 * JSON.parse → the JS CSV writer), and count the same rows.
 *
 * Where the engine cannot match (a column type csv-sql.ts has no exact form for), the runner falls
 * back to the JS writer; the last describe block shows which types those are, that no catalog
 * report needs it today, and that the fallback is the JS writer's bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbStore } from '../../platform/chdb-store.js';
import { CATALOG, type CatalogColumn, type CatalogTable, type ColumnKind } from '../catalog/catalog.js';
import { analyticsSchemaSql } from '../demo/analytics-schema.js';
import { quoteIdent } from '../catalog/sql-identifier.js';
import { CSV_QUERY_FORMAT, CSV_QUERY_SETTINGS, csvFieldSql } from '../reports/csv-sql.js';
import { compileCsvReport, compileReport, type CompiledQuery, type CsvCompileResult } from '../reports/compile-query.js';
import { GRAINS, MEASURE_FNS, type ReportDefinition } from '../reports/definition.js';
import { validateDefinition, type NormalizedDefinition } from '../reports/validate-definition.js';
import { exportBody } from './export-body.js';
import { createCsvByteWriter, CsvRecordCounter, Utf8Repair } from './writers/csv-bytes.js';
import { collector, META } from './writers/writer-test-kit.js';
import type { CsvTimestampFormat, ExportColumn } from './writers/writer.js';

// chDB allows one data directory per process; vitest runs this file in its own fork.
const dir = mkdtempSync(join(tmpdir(), 'reportcast-csv-engine-'));
const DB = 'csv_engine_test';
const store = new ChdbStore(dir, DB);
const AS_OF = new Date('2026-11-28T12:00:00.000Z');
const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };
/** The effective zone and CSV timestamp form of a run: what both paths must be given alike. */
interface RunZone {
  timeZone: string;
  csvTimestamps?: CsvTimestampFormat;
}
const UTC: RunZone = { timeZone: 'UTC' };
const ctxOf = (zone: RunZone) => ({ tenantId: 'acme', asOf: AS_OF, database: DB, maxRangeDays: LIMITS.maxRangeDays, timeZone: zone.timeZone });
const CTX = ctxOf(UTC);

const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** Strings as bytes, so that invalid UTF-8 can be stored too. */
const HOSTILE: Buffer[] = [
  'plain', '', ' ', 'a,b', 'say "hi"', '"', '""', ',', '\n', '\r', '\r\n', '\t', 'line\nbreak', 'cr\rmid', 'crlf\r\nend',
  '\r\nlead', 'trail\r', 'trail\n', 'a,"b"\r\nc', '=1+1', '=HYPERLINK("http://evil","x")', '+1', '-5', '-', '-5+cmd|x', '@SUM(A1)',
  // Signed data (left alone) beside look-alike formulas (neutralised): the formula guard's exception.
  '-12.5', '+3', '-.5', '1e-7', '-1.5E+10', '-2026-12-06', '-2026-12-06+1', '-2026-12-06T10:00:00+09:00', '-1+2', '+cmd', '+.5e-3',
  '\tTab', '\rCR first', '\nLF first', '＝1+1', '＋1', '－1', '＠x', '＝', 'x＝', '＝,"q"', ' =1', "'=already", "'",
  'Rapport d’activité – été 🎉 日本語', '\uFEFFbom first', 'nul\0byte', 'back\\slash', '\u2028line sep\u2029', '{p0:String}', 'ü€😀',
].map(utf8).concat([
  Buffer.from([0xff]), Buffer.from([0x61, 0x80, 0x62]), Buffer.from([0xe2, 0x82]), Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0xc0, 0xaf, 0x2c]), Buffer.from([0xef, 0xbc]), Buffer.from([0x3d, 0xff]),
  Buffer.from([0xff, 0x3d]), Buffer.from([0xef, 0xbc, 0x22]), Buffer.from([0xe2, 0x82, 0x0a, 0x41]), Buffer.from([0xef, 0xbb, 0xbf, 0xff]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from([0x80, 0x80, 0x80, 0x0d]),
]);
const FLOATS = ['0', '-0', '0.1', '1.5', '1e-7', '-1e-7', '0.000001', '123456789.123', '-123456789.123', '1e21', '-1e21', '1e-300',
  '5e-324', '1.7976931348623157e308', '0.30000000000000004', '9007199254740994', '1e16', '123e-20', '-5', '42', 'nan', 'inf', '-inf', '4.35'];
const UINT32 = ['0', '1', '42', '4294967295', '123456', '1000000'];
// HOSTILE's length must stay prime to every stride (1, 7, 11, 13) so that each column's walk meets every value.
// No datetimes before 1970 in the tables: chDB's JIT-compiled min/max (compile_aggregate_expressions, used
// from the 4th run of the same aggregates on) compares negative DateTime64 values as unsigned, so
// MIN/MAX over them change with the number of runs, whatever the output format. The cell tests
// below format datetimes from 1900 on.
const DATETIMES = ['1970-01-01 00:00:00.000', '1970-01-01 00:00:00.001', '2024-02-29 12:34:56.789', '2026-11-28 10:00:00.000',
  '2026-11-28 10:00:00.500', '2299-12-31 23:59:59.999', '2106-02-07 06:28:16.000', '2038-01-19 03:14:08.123',
  // New York's fall-back hour twice (01:30 EDT, 01:30 EST) and spring gap; Lord Howe's half-hour fall-back.
  '2026-11-01 05:30:00.000', '2026-11-01 06:30:00.250', '2026-03-08 07:00:00.000', '2026-04-04 15:15:00.000'];
const DATES = ['1970-01-01', '2149-06-06', '2024-02-29', '2026-11-28', '2000-01-01'];
const ROWS_PER_TABLE = 120;

/** The text form (or hex of the bytes, for strings) of a fixture value; null for NULL. */
function fixtureValue(col: CatalogColumn, i: number, offset: number): string | null {
  // A different walk through the values per column; strides prime to every list's length, so each walk meets every value.
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
  for (const tenant of ['acme', 'globex']) {
    const n = tenant === 'acme' ? ROWS_PER_TABLE : 10;
    for (let i = 0; i < n; i++) {
      const row: Record<string, string | null> = { tenant_id: tenant };
      table.columns.forEach((c, j) => (row[`c${j}`] = fixtureValue(c, i, j * 3 + (tenant === 'acme' ? 0 : 5))));
      rows.push(JSON.stringify(row));
    }
  }
  const structure = ['tenant_id String', ...table.columns.map((_c, j) => `c${j} Nullable(String)`)].join(', ');
  // Every value travels inside the one String parameter; strings as hex so any byte can be stored.
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

/** Runs the export body the runner would, into memory: the file's bytes, the rows counted, and which path wrote it. */
async function runBody(q: CompiledQuery, csv: CsvCompileResult | null, bom: boolean, zone: RunZone = UTC) {
  const sink = collector();
  const body = exportBody({
    analytics: store, format: 'CSV', compiled: q, csv, signal: new AbortController().signal,
    writer: { output: sink.output, columns: exportColumns(q), meta: { ...META, timeZone: zone.timeZone }, options: { bom, csvTimestamps: zone.csvTimestamps } },
  });
  let rows = 0;
  let batches = 0;
  await body.run((n) => {
    rows += n;
    batches++;
  });
  return { bytes: sink.bytes(), rows, batches, via: body.via };
}

/** Where two outputs first differ, with context, for a readable failure. */
function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (x: Buffer) => JSON.stringify(x.subarray(Math.max(0, i - 60), i + 60).toString('latin1'));
  return `bytes differ at ${i} (lengths ${a.length} vs ${b.length}):\n  js:     ${around(a)}\n  engine: ${around(b)}`;
}

/** Both paths' files for `def` must be the same bytes (with and without BOM unless `boms` says), in `zone`. */
async function expectSameCsv(def: ReportDefinition, label: string, boms: boolean[] = [false, true], zone: RunZone = UTC): Promise<{ rows: number }> {
  const normalized = normalize(def);
  const q = compileReport(normalized, ctxOf(zone));
  const csv = compileCsvReport(normalized, ctxOf(zone), zone.csvTimestamps);
  expect(csv.ok, `${label}: ${csv.ok ? '' : csv.reason}`).toBe(true);
  let rows = 0;
  for (const bom of boms) {
    const reference = await runBody(q, null, bom, zone);
    const engine = await runBody(q, csv, bom, zone);
    expect(reference.via).toBe('writer');
    expect(engine.via).toBe('engine');
    if (!engine.bytes.equals(reference.bytes)) expect.fail(`${label} (bom ${bom}): ${firstDifference(reference.bytes, engine.bytes)}`);
    expect(engine.rows, `${label}: rows counted`).toBe(reference.rows);
    rows = reference.rows;
  }
  return { rows };
}

describe('engine CSV equals the JS CSV writer', () => {
  it('the fixture holds what it should (invalid UTF-8, NaN, -0, NULL, CRLF, 1970 and 2299)', async () => {
    const r = await store.query(
      `SELECT countIf(NOT isValidUTF8(user_id)), countIf(isNaN(value)), countIf(value = 0 AND toString(value) = '-0'), countIf(isNull(referrer)),
         countIf(toYear(timestamp) = 1970), countIf(toYear(timestamp) = 2299), countIf(position(user_id, '\\r\\n') > 0)
       FROM ${DB}.usage_events WHERE tenant_id = 'acme'`);
    expect(r.rows[0]!.map(Number).map((n) => n > 0)).toEqual(r.rows[0]!.map(() => true));
    const distinct = await store.query(`SELECT uniqExact(user_id), uniqExact(event_type), uniqExact(value) FROM ${DB}.usage_events WHERE tenant_id = 'acme'`);
    expect(distinct.rows[0]!.map(Number)).toEqual([HOSTILE.length, HOSTILE.length, FLOATS.length]);
    const times = await store.query(`SELECT uniqExact(timestamp) FROM ${DB}.usage_events WHERE tenant_id = 'acme'`);
    expect(Number(times.rows[0]![0])).toBe(DATETIMES.length);
  });

  it('raw reports of every column of every table, in UTC, Tokyo and New York, both timestamp forms', async () => {
    const zones: RunZone[] = [UTC, { timeZone: 'Asia/Tokyo' }, { timeZone: 'America/New_York', csvTimestamps: 'ISO_OFFSET' },
      { timeZone: 'Australia/Lord_Howe', csvTimestamps: 'LOCAL' }, { timeZone: 'Asia/Kathmandu', csvTimestamps: 'ISO_OFFSET' }];
    for (const zone of zones) {
      for (const table of CATALOG) {
        const { rows } = await expectSameCsv({ source: table.name, dimensions: table.columns.map((c) => ({ field: c.name })), raw: true, rowLimit: 100_000 },
          `raw ${table.name} in ${zone.timeZone} ${zone.csvTimestamps ?? ''}`, [false], zone);
        expect(rows).toBe(ROWS_PER_TABLE);
      }
    }
  });

  it('writes the times of a Tokyo report as Tokyo wall times, and New York\'s fall-back hour twice', async () => {
    const def: ReportDefinition = { source: 'usage_events', dimensions: [{ field: 'timestamp' }], raw: true, orderBy: [{ key: 'timestamp', direction: 'ASC' }], rowLimit: 100_000 };
    const text = async (zone: RunZone) => {
      const csv = compileCsvReport(normalize(def), ctxOf(zone), zone.csvTimestamps);
      if (!csv.ok) throw new Error(csv.reason);
      const body = await runBody(compileReport(normalize(def), ctxOf(zone)), csv, false, zone);
      expect(body.via).toBe('engine');
      return body.bytes.toString('utf8').split('\r\n');
    };
    expect(await text({ timeZone: 'Asia/Tokyo' })).toContain('2026-11-28T19:00:00.500');
    const ny = await text({ timeZone: 'America/New_York', csvTimestamps: 'ISO_OFFSET' });
    expect(ny).toContain('2026-11-01T01:30:00.000-04:00');
    expect(ny).toContain('2026-11-01T01:30:00.250-05:00');
    expect(ny).toContain('2026-03-08T03:00:00.000-04:00');
    expect(await text({ timeZone: 'UTC', csvTimestamps: 'ISO_OFFSET' })).toContain('2299-12-31T23:59:59.999+00:00');
  });

  it('raw reports sorted by each column both ways, truncated by the row limit', async () => {
    for (const table of CATALOG) {
      for (const col of table.columns) {
        for (const direction of ['ASC', 'DESC'] as const) {
          await expectSameCsv({
            source: table.name, dimensions: table.columns.map((c) => ({ field: c.name })), raw: true, orderBy: [{ key: col.name, direction }], rowLimit: 37,
          }, `raw ${table.name} by ${col.name} ${direction}`, [false]);
        }
      }
    }
  });

  it('every measure over every column it accepts, grouped by each dimension', async () => {
    for (const table of CATALOG) {
      const measures = table.columns.flatMap((c) => MEASURE_FNS.filter((fn) => fn !== 'COUNT')
        .filter((fn) => (fn === 'COUNT_TRUE' ? c.kind === 'BOOLEAN' : fn === 'UNIQ' || c.measure || ((fn === 'MIN' || fn === 'MAX') && c.time)))
        .map((fn) => ({ fn, field: c.name })));
      for (const dim of [null, ...table.columns]) {
        await expectSameCsv({
          source: table.name,
          dimensions: dim ? [{ field: dim.name }] : [],
          measures: [{ fn: 'COUNT' }, ...measures.slice(0, 19)],
          orderBy: dim ? [{ key: 'count', direction: 'DESC' }] : [],
          rowLimit: 10_000,
        }, `measures of ${table.name} by ${dim?.name ?? '(none)'}`, [dim === null]);
      }
      if (measures.length > 19) await expectSameCsv({ source: table.name, measures: measures.slice(19), rowLimit: 10 }, `more measures of ${table.name}`);
    }
  });

  it('every grain of every time column, with sums and averages, in New York, Kathmandu and Lord Howe', async () => {
    const zones: RunZone[] = [{ timeZone: 'America/New_York' }, { timeZone: 'Asia/Kathmandu', csvTimestamps: 'ISO_OFFSET' }, { timeZone: 'Australia/Lord_Howe', csvTimestamps: 'ISO_OFFSET' }];
    for (const [z, zone] of zones.entries()) for (const table of CATALOG) {
      const numeric = table.columns.find((c) => c.measure)!;
      for (const col of table.columns.filter((c) => c.time)) {
        for (const grain of GRAINS) {
          if (grain === 'HOUR' && col.kind !== 'DATETIME') continue;
          await expectSameCsv({
            source: table.name,
            dimensions: [{ field: col.name, grain }, { field: table.columns.find((c) => c.kind === 'STRING' && c.chType !== 'UUID')!.name }],
            measures: [{ fn: 'COUNT' }, { fn: 'SUM', field: numeric.name }, { fn: 'AVG', field: numeric.name }, { fn: 'MAX', field: col.name, alias: 'latest' }],
            orderBy: [{ key: `${col.name}_${grain.toLowerCase()}`, direction: 'DESC' }],
            rowLimit: 10_000,
          }, `${table.name}.${col.name} by ${grain} in ${zone.timeZone}`, z === 0 ? [false, true] : [false], zone);
        }
      }
    }
  });

  it('a time range and filters, aliases, and reports with no rows or a single aggregate row', async () => {
    await expectSameCsv({
      source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'day' }, { field: 'referrer', alias: 'ref' }],
      measures: [{ fn: 'COUNT', alias: 'n' }, { fn: 'UNIQ', field: 'user_id', alias: 'users' }],
      filters: [{ field: 'is_error', op: 'EQ', value: false }], timeRange: { last: { n: 366, unit: 'DAY' } }, rowLimit: 100,
    }, 'usage summary shape');
    const none = [{ field: 'platform', op: 'EQ' as const, value: 'no such platform' }];
    const empty = await expectSameCsv({ source: 'usage_events', dimensions: [{ field: 'user_id' }, { field: 'value' }], raw: true, filters: none }, 'empty raw');
    expect(empty.rows).toBe(0);
    // No rows under measures only: count 0, sum 0, avg NaN (→ empty), min/max of nothing.
    const single = await expectSameCsv({
      source: 'device_metrics',
      measures: [{ fn: 'COUNT' }, { fn: 'SUM', field: 'cpu_percent' }, { fn: 'AVG', field: 'cpu_percent' }, { fn: 'AVG', field: 'battery_percent' },
        { fn: 'MIN', field: 'battery_percent' }, { fn: 'MAX', field: 'timestamp' }],
      filters: [{ field: 'os', op: 'EQ', value: 'no such os' }],
    }, 'aggregates of nothing');
    expect(single.rows).toBe(1);
  });

  it('stays identical when the engine output is cut anywhere (as an HTTP body is)', async () => {
    const normalized = normalize({ source: 'usage_events', dimensions: CATALOG[0]!.columns.map((c) => ({ field: c.name })), raw: true, rowLimit: 100_000 });
    const q = compileReport(normalized, CTX);
    const csv = compileCsvReport(normalized, CTX);
    if (!csv.ok) throw new Error(csv.reason);
    const reference = (await runBody(q, null, false)).bytes;
    const chunks: { bytes: Uint8Array; rows: number | null }[] = [];
    for await (const chunk of store.streamBytes(csv.query.sql, csv.query.params, { format: csv.query.format, settings: csv.query.settings })) chunks.push(chunk);
    expect(chunks.reduce((n, c) => n + c.rows!, 0)).toBe(ROWS_PER_TABLE);
    const engineBytes = Buffer.concat(chunks.map((c) => c.bytes));

    // The same bytes handed on in pieces cut at arbitrary places, as an HTTP body comes.
    for (const seed of [1, 2, 3, 5, 8]) {
      const pieces: Uint8Array[] = [];
      for (let at = 0, k = seed; at < engineBytes.length; k = (k * 1103515245 + 12345) % 2 ** 31) {
        const len = 1 + (k % 97);
        pieces.push(engineBytes.subarray(at, at + len));
        at += len;
      }
      const sink = collector();
      const writer = createCsvByteWriter({ output: sink.output, columns: exportColumns(q), options: {} });
      const counter = new CsvRecordCounter();
      let rows = 0;
      for (const piece of pieces) {
        await writer.write(piece);
        rows += counter.count(piece);
      }
      await writer.finish();
      if (!sink.bytes().equals(reference)) expect.fail(`cut with seed ${seed}: ${firstDifference(reference, sink.bytes())}`);
      expect(rows).toBe(ROWS_PER_TABLE);
    }
  });
});

describe('cell formatting, value by value', () => {
  /** One column of `type` holding `values` (SQL expressions): the JS writer's field vs csvFieldSql's, in `zone`. */
  async function expectSameCells(kind: ColumnKind, type: string, source: string, zone: RunZone = UTC) {
    const q: CompiledQuery = { sql: `SELECT x FROM (${source}) ORDER BY n`, params: {}, columns: [{ key: 'x', label: 'X', kind, chType: type }], orderBy: '' };
    const field = csvFieldSql('x', kind, type, { timeZone: zone.timeZone, csvTimestamps: zone.csvTimestamps });
    expect(field, type).not.toBeNull();
    const csv: CsvCompileResult = {
      ok: true,
      query: { ...q, sql: `SELECT ${field} FROM (${source}) ORDER BY n`, format: CSV_QUERY_FORMAT, settings: CSV_QUERY_SETTINGS },
    };
    const reference = await runBody(q, null, false, zone);
    const engine = await runBody(q, csv, false, zone);
    const label = `${type} in ${zone.timeZone} ${zone.csvTimestamps ?? ''}`;
    if (!engine.bytes.equals(reference.bytes)) expect.fail(`${label}: ${firstDifference(reference.bytes, engine.bytes)}`);
    expect(engine.rows).toBe(reference.rows);
    return engine;
  }

  it('Float64: 200,000 doubles of every magnitude, and the special values', async () => {
    // Random bit patterns (every exponent), decimal-looking values, integers past 2^53, and scaled ones.
    const { rows, batches } = await expectSameCells('NUMBER', 'Float64', `SELECT number AS n, multiIf(
      number % 4 = 0, reinterpretAsFloat64(sipHash64(number)),
      number % 4 = 1, toFloat64(sipHash64(number) % 100000000) / pow(10, number % 13),
      number % 4 = 2, (toFloat64(sipHash64(number)) - 9.2e18) * pow(10, toInt32(number % 60) - 30),
      toFloat64(sipHash64(number)) / 1000) AS x FROM numbers(200000)
      UNION ALL SELECT 200000 + number AS n, [0, -0., nan, -nan, inf, -inf, 1e21, 1e21 - 65536, 999999999999999900000, 5e-324, -5e-324, 1e-7, 1e-6, 0.1 + 0.2][number + 1]
      FROM numbers(15)`);
    expect(rows).toBe(200_015);
    expect(batches).toBeGreaterThan(10); // many engine chunks (EXPORT_BLOCK_ROWS), each handed on with its row count
  });

  it('Nullable(Float64), UInt64 and Int64 past 2^53 (rounded as JSON.parse does), Bool, dates and times', async () => {
    await expectSameCells('NUMBER', 'Nullable(Float64)', `SELECT number AS n, if(number % 3 = 0, NULL, [nan, -0., 1.5][number % 3 + 1]) AS x FROM numbers(9)`);
    await expectSameCells('NUMBER', 'UInt64', `SELECT number AS n, [0, 1, 9007199254740992, 9007199254740993, 9007199254740995, 1152921504606846976, 18446744073709551615, toUInt64(sipHash64(number))][number % 8 + 1] AS x FROM numbers(400)`);
    await expectSameCells('NUMBER', 'Int64', `SELECT number AS n, [0, -1, -9007199254740993, 9007199254740993, -9223372036854775808, 9223372036854775807, reinterpretAsInt64(sipHash64(number))][number % 7 + 1] AS x FROM numbers(400)`);
    await expectSameCells('NUMBER', 'UInt32', `SELECT number AS n, toUInt32(sipHash64(number) % 4294967296) AS x FROM numbers(100)`);
    await expectSameCells('BOOLEAN', 'Nullable(Bool)', `SELECT number AS n, [NULL, true, false][number % 3 + 1]::Nullable(Bool) AS x FROM numbers(6)`);
    await expectSameCells('DATETIME', "DateTime64(3, 'UTC')", `SELECT number AS n, toDateTime64('1900-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(sipHash64(number) % 12600000000000) AS x FROM numbers(2000)`);
    await expectSameCells('DATETIME', "DateTime64(3, 'UTC')", `SELECT number AS n, toDateTime64('1900-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(sipHash64(number) % 12600000000000) AS x FROM numbers(2000)`, { timeZone: 'UTC', csvTimestamps: 'ISO_OFFSET' });
    await expectSameCells('DATETIME', "DateTime('UTC')", `SELECT number AS n, toDateTime(sipHash64(number) % 4294967296, 'UTC') AS x FROM numbers(2000)`);
    await expectSameCells('DATE', 'Date', `SELECT number AS n, toDate(sipHash64(number) % 65536) AS x FROM numbers(2000)`);
    await expectSameCells('STRING', 'UUID', `SELECT number AS n, reinterpretAsUUID(sipHash128(number)) AS x FROM numbers(50)`);
  });

  describe('datetimes in a zone', () => {
    // Zones with DST both ways, half-hour and 45-minute offsets, a 30-minute DST shift, and one far from UTC.
    const ZONES = ['Asia/Tokyo', 'America/New_York', 'Europe/London', 'Europe/Paris', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Kolkata',
      'America/Santiago', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Kiritimati', 'America/Los_Angeles'];
    // 1970 to 2299: before 1970 the two zone databases (the engine's, Node's ICU) disagree on local mean times (see csv-sql.ts).
    const RANDOM_DT64 = `SELECT number AS n, toDateTime64('1970-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(sipHash64(number) % 10410000000000) AS x FROM numbers(3000)`;
    /** Every 15 minutes (plus some milliseconds) through 2026, so every 2026 transition of every zone is crossed. */
    const YEAR_2026 = `SELECT number AS n, toDateTime64('2026-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(number * 900000 + number % 1000) AS x FROM numbers(35040)`;
    const HOURS_2026 = `SELECT number AS n, toDateTime(toDateTime('2026-01-01 00:00:00', 'UTC') + number * 900, 'UTC') AS x FROM numbers(35040)`;

    it('DateTime64(3, UTC) and hour buckets (DateTime(UTC)), LOCAL and ISO_OFFSET, in every zone', async () => {
      for (const timeZone of ZONES) {
        for (const csvTimestamps of ['LOCAL', 'ISO_OFFSET'] as const) {
          const zone = { timeZone, csvTimestamps };
          await expectSameCells('DATETIME', "DateTime64(3, 'UTC')", YEAR_2026, zone);
          await expectSameCells('DATETIME', "Nullable(DateTime64(3, 'UTC'))", `SELECT n, if(n % 7 = 0, NULL, x) AS x FROM (${RANDOM_DT64})`, zone);
          await expectSameCells('DATETIME', "DateTime('UTC')", HOURS_2026, zone);
          await expectSameCells('DATETIME', "DateTime64(0, 'UTC')", `SELECT n, toDateTime64(intDiv(toUnixTimestamp64Second(x), 900) * 900, 0, 'UTC') AS x FROM (${RANDOM_DT64})`, zone);
        }
      }
    });

    it('the default form is LOCAL on both paths, and the forms are what the writer promises', async () => {
      const source = `SELECT 1 AS n, toDateTime64('2026-11-29 16:30:00', 3, 'UTC') AS x UNION ALL SELECT 2, toDateTime64('2026-12-06 19:59:53.912', 3, 'UTC')`;
      const tokyo = await expectSameCells('DATETIME', "DateTime64(3, 'UTC')", source, { timeZone: 'Asia/Tokyo' });
      expect(tokyo.bytes.toString('utf8')).toBe('x\r\n2026-11-30T01:30:00.000\r\n2026-12-07T04:59:53.912\r\n');
      const offset = await expectSameCells('DATETIME', "DateTime64(3, 'UTC')", source, { timeZone: 'Asia/Tokyo', csvTimestamps: 'ISO_OFFSET' });
      expect(offset.bytes.toString('utf8')).toBe('x\r\n2026-11-30T01:30:00.000+09:00\r\n2026-12-07T04:59:53.912+09:00\r\n');
      const utc = await expectSameCells('DATETIME', "DateTime('UTC')", `SELECT 1 AS n, toDateTime('2026-12-06 19:00:00', 'UTC') AS x`, { timeZone: 'UTC', csvTimestamps: 'ISO_OFFSET' });
      expect(utc.bytes.toString('utf8')).toBe('x\r\n2026-12-06T19:00:00.000+00:00\r\n');
    });

    it('quotes the zone as a string literal', () => {
      const sql = csvFieldSql('x', 'DATETIME', "DateTime('UTC')", { timeZone: "Bad/Zo'ne\\", csvTimestamps: undefined })!;
      expect(sql).toContain("'Bad/Zo\\'ne\\\\'");
      expect(sql).not.toContain("Zo'ne");
    });
  });

  it('signed numbers and ISO dates are data, look-alike formulas are neutralised, the same on both paths', async () => {
    const literals = ['-5', '=1+1', '-12.5', '+3', '-.5', '1e-7', '-1.5E+10', '-2026-12-06', '-2026-12-06+1', '-1+2', '+cmd', '@SUM(A1)', '-5.', '-', '+',
      '-e5', '-5e', '-2026-12-06T10:00:00Z', '+2026-12-06T10:00:00.5+09:00', '-2026-12-06T10:00', '-2026-12-06 10:00', '-5\n', '-5,5', '"-5"', '-１', '－5'];
    const sqlList = literals.map((l) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`).join(', ');
    const fixed = await expectSameCells('STRING', 'String', `SELECT number AS n, [${sqlList}][number + 1] AS x FROM numbers(${literals.length})`);
    const fields = fixed.bytes.toString('utf8').split('\r\n');
    expect(fields.slice(1, 12)).toEqual(['-5', "'=1+1", '-12.5', '+3', '-.5', '1e-7', '-1.5E+10', '-2026-12-06', "'-2026-12-06+1", "'-1+2", "'+cmd"]);
    // Random strings over the characters the pattern reads: signs, digits, point, exponent, date and time marks.
    const chars = ['+', '-', '0', '1', '9', '.', 'e', 'E', 'T', ':', 'Z', ' ', '=', '-', '2', '6'];
    await expectSameCells('STRING', 'String', `SELECT number AS n,
      concat(['-', '+'][1 + number % 2], arrayStringConcat(arrayMap(i -> ['${chars.join("', '")}'][1 + sipHash64(number, i) % ${chars.length}], range(number % 12)))) AS x FROM numbers(20000)`);
    // Signed dates and date-times, well formed and not.
    await expectSameCells('STRING', 'String', `SELECT number AS n, concat(['-', '+', '-'][1 + number % 3], toString(toDate('2026-01-01') + number % 400),
      ['', 'T10:00', 'T10:00:00', 'T10:00:00.5', 'T10:00:00Z', 'T10:00:00+09:00', 'T10:00:00-0430', 'T10:00:00+05', '+1', ' 10:00', 'T1', 'Zx'][1 + intDiv(number, 3) % 12]) AS x
      FROM numbers(3000)`);
  });

  it('strings: random bytes, mostly not UTF-8, around every character that matters', async () => {
    const bytes = [0x41, 0x22, 0x2c, 0x0d, 0x0a, 0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x27, 0x00, 0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xe2, 0xed, 0xef, 0xbc, 0x9d, 0x8b, 0x8d, 0xa0, 0xf0, 0xf4, 0xff];
    await expectSameCells('STRING', 'String', `SELECT number AS n,
      arrayStringConcat(arrayMap(i -> char([${bytes.join(', ')}][1 + sipHash64(number, i) % ${bytes.length}]), range(number % 9))) AS x FROM numbers(30000)`);
    await expectSameCells('STRING', 'LowCardinality(Nullable(String))', `SELECT number AS n,
      if(number % 4 = 0, NULL, ['', '＝', '＋x', '－', '＠', '\\xEF\\xBC', '=', 'a"b', '\\r\\n'][number % 9 + 1])::LowCardinality(Nullable(String)) AS x FROM numbers(40)`);
  });

  it('UTF-8 repair gives what TextDecoder gives, whatever the cuts', () => {
    const text = Buffer.concat([utf8('ok,'), Buffer.from([0xe2, 0x82]), utf8(',é\r\n'), Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0xff, 0xed, 0xa0, 0x80]), utf8('\uFEFF\r\n')]);
    const want = Buffer.from(new TextDecoder('utf-8', { ignoreBOM: true }).decode(text));
    for (let cut = 0; cut <= text.length; cut++) {
      const repair = new Utf8Repair();
      const got = Buffer.concat([repair.repair(text.subarray(0, cut)), repair.repair(text.subarray(cut)), repair.end()]);
      expect(got.equals(want), `cut at ${cut}`).toBe(true);
    }
    // A chunk may start with a row whose first field starts with U+FEFF: data, not a BOM to drop.
    const bomFirst = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x0d, 0x0a]);
    expect(Buffer.from(new Utf8Repair().repair(bomFirst))).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xef, 0xbf, 0xbd, 0x0d, 0x0a]));
    const valid = utf8('déjà vu,"x"\r\n');
    expect(new Utf8Repair().repair(valid)).toBe(valid); // valid chunks pass through untouched
  });
});

describe('stopping', () => {
  it('stops the engine stream when the signal aborts, leaves the output unended, and frees the session', async () => {
    const q: CompiledQuery = { sql: 'SELECT 1', params: {}, columns: [{ key: 'x', label: 'X', kind: 'NUMBER', chType: 'Float64' }], orderBy: '' };
    const csv: CsvCompileResult = {
      ok: true,
      query: { ...q, sql: `SELECT ${csvFieldSql('x', 'NUMBER', 'Float64', { timeZone: 'UTC', csvTimestamps: undefined })} FROM (SELECT number / 7 AS x FROM numbers(50000000))`, format: CSV_QUERY_FORMAT, settings: CSV_QUERY_SETTINGS },
    };
    for (let attempt = 0; attempt < 6; attempt++) { // more than the store's stream sessions: each must be given back
      const abort = new AbortController();
      const sink = collector();
      const body = exportBody({ analytics: store, format: 'CSV', compiled: q, csv, signal: abort.signal, writer: { output: sink.output, columns: exportColumns(q), meta: META, options: {} } });
      let rows = 0;
      const run = body.run((n) => {
        rows += n;
        if (rows >= 50_000) abort.abort(new Error('cancelled'));
      });
      await expect(run).rejects.toBeTruthy();
      body.abort();
      expect(rows).toBeLessThan(200_000);
      expect(sink.output.writableEnded).toBe(false);
    }
    const after = await runBody({ ...q }, { ...csv, query: { ...csv.query, sql: `SELECT ${csvFieldSql('x', 'NUMBER', 'Float64', { timeZone: 'UTC', csvTimestamps: undefined })} FROM (SELECT number / 7 AS x FROM numbers(10))` } }, false);
    expect(after.rows).toBe(10);
  });
});

describe('fallback to the JS writer', () => {
  it('has no exact engine form for these types', () => {
    const unsupported: [ColumnKind, string][] = [
      ['NUMBER', 'Float32'], ['NUMBER', 'Decimal(18, 4)'], ['NUMBER', 'UInt128'], ['NUMBER', 'Nullable(Decimal(10, 2))'],
      ['DATETIME', "DateTime64(6, 'UTC')"], ['DATETIME', "DateTime('Europe/Paris')"], ['DATETIME', 'DateTime64(3)'], ['DATE', 'Date32'],
      ['STRING', 'FixedString(4)'], ['STRING', 'Array(String)'], ['STRING', 'Enum8(\'a\' = 1)'], ['BOOLEAN', 'UInt8'], ['NUMBER', 'String'],
    ];
    for (const [kind, type] of unsupported) expect(csvFieldSql('x', kind, type, { timeZone: 'Asia/Tokyo', csvTimestamps: 'ISO_OFFSET' }), `${kind} ${type}`).toBeNull();
  });

  it('is not needed by any column, measure or grain of the catalog today', () => {
    for (const table of CATALOG) {
      const defs: ReportDefinition[] = [
        { source: table.name, dimensions: table.columns.map((c) => ({ field: c.name })) },
        ...MEASURE_FNS.map((fn) => ({
          source: table.name,
          measures: table.columns.filter((c) => (fn === 'COUNT_TRUE' ? c.kind === 'BOOLEAN' : fn === 'COUNT' || fn === 'UNIQ' || c.measure || ((fn === 'MIN' || fn === 'MAX') && c.time))).map((c) => ({ fn, field: c.name })),
        })),
        ...table.columns.filter((c) => c.time).flatMap((c) => GRAINS.filter((g) => g !== 'HOUR' || c.kind === 'DATETIME').map((grain) => ({
          source: table.name, dimensions: [{ field: c.name, grain }], measures: [{ fn: 'COUNT' as const }],
        }))),
      ];
      for (const def of defs) {
        const r = compileCsvReport(normalize(def), CTX);
        expect(r.ok, `${JSON.stringify(def)}: ${r.ok ? '' : r.reason}`).toBe(true);
      }
    }
  });

  it('writes the JS writer\'s bytes through the writer when the engine cannot', async () => {
    const normalized = normalize({ source: 'device_metrics', dimensions: CATALOG[2]!.columns.map((c) => ({ field: c.name })), raw: true, rowLimit: 1000 });
    const q = compileReport(normalized, CTX);
    const reference = await runBody(q, null, true);
    const fallback = await runBody(q, { ok: false, reason: 'column x (Float32) has no exact engine CSV form' }, true);
    expect(fallback.via).toBe('writer');
    expect(fallback.bytes.equals(reference.bytes)).toBe(true);
    expect(fallback.rows).toBe(ROWS_PER_TABLE);
  });
});
