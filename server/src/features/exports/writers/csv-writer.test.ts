import { Writable } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { createCsvWriter } from './csv-writer.js';
import { WriterAbortedError } from './output-flow.js';
import {
  COLUMNS,
  META,
  ROWS,
  VOLUME_COLUMNS,
  collectGarbage,
  collector,
  countingSink,
  parseCsv,
  slowSink,
  volumeRows,
} from './writer-test-kit.js';
import type { ExportColumn, WriterOptions } from './writer.js';

async function csvOf(rows: unknown[][], options: WriterOptions = {}, timeZone = META.timeZone, columns = COLUMNS): Promise<Buffer> {
  const sink = collector();
  const writer = createCsvWriter({ output: sink.output, columns, meta: { ...META, timeZone }, options });
  await writer.write(rows);
  await writer.finish();
  return sink.bytes();
}

describe('CSV writer', () => {
  it('writes keys as header, RFC 4180 quoting, CRLF, local times of the zone and neutralised formulas', async () => {
    // META's zone is Europe/Paris (UTC+1 in winter): 23:59:59.5 UTC is already the next day there.
    // DATE values are calendar days and stay as they are.
    const text = (await csvOf(ROWS)).toString('utf8');
    expect(text).toBe(
      [
        'name,events,at,day,ok',
        'plain,42,2026-11-28T11:00:00.000,2026-11-28,true',
        '"comma, ""quote"" and\r\nnewline",-5,2026-11-28T11:00:00.123,2026-01-01,false',
        ',,,,',
        `"'=HYPERLINK(""http://evil"",""x"")",1.5,2026-11-29T00:59:59.500,2026-12-31,true`,
        '-5,12345678901234567890,1970-01-01T01:00:00.000,1970-01-01,false',
        '+1,-1234567.891,2026-02-28T13:34:56.789,2024-02-29,true',
        "'@SUM(A1),0,2026-11-28T11:00:00.000,2026-11-28,false",
        "'\tTabbed,9007199254740992,2026-11-28T11:00:00.000,2026-11-28,true",
        'Rapport d’activité – été 🎉 日本語,1e+21,2026-11-28T11:00:00.000,2026-11-28,false',
        `"'\rCR first",-42,2026-11-28T11:00:00.000,2026-11-28,true`,
        '',
      ].join('\r\n'),
    );
  });

  describe('DATETIME in the effective zone', () => {
    const TIMES: ExportColumn[] = [{ key: 'at', label: 'At', kind: 'DATETIME' }, { key: 'day', label: 'Day', kind: 'DATE' }];
    const column = async (rows: unknown[][], timeZone: string, options: WriterOptions = {}) =>
      parseCsv((await csvOf(rows, options, timeZone, TIMES)).toString('utf8')).slice(1);

    it('Tokyo: the local wall time without a suffix by default, with the offset for ISO_OFFSET; dates unshifted', async () => {
      const rows = [['2026-11-29 16:30:00.000', '2026-11-29'], ['2026-12-06 19:59:53.912', '2026-12-06'], ['2026-12-31 15:00:00', '2026-12-31']];
      expect(await column(rows, 'Asia/Tokyo')).toEqual([
        ['2026-11-30T01:30:00.000', '2026-11-29'],
        ['2026-12-07T04:59:53.912', '2026-12-06'],
        ['2027-01-01T00:00:00.000', '2026-12-31'],
      ]);
      expect(await column(rows, 'Asia/Tokyo', { csvTimestamps: 'LOCAL' })).toEqual(await column(rows, 'Asia/Tokyo'));
      expect(await column(rows, 'Asia/Tokyo', { csvTimestamps: 'ISO_OFFSET' })).toEqual([
        ['2026-11-30T01:30:00.000+09:00', '2026-11-29'],
        ['2026-12-07T04:59:53.912+09:00', '2026-12-06'],
        ['2027-01-01T00:00:00.000+09:00', '2026-12-31'],
      ]);
    });

    it('New York across the 2026-11-01 fall-back: the repeated hour shows twice locally, its offset tells them apart', async () => {
      // Hour buckets of the fall-back night, as the compiler gives them (the UTC instant each local hour began).
      const rows = ['04:00:00', '05:00:00', '06:00:00', '07:00:00'].map((t) => [`2026-11-01 ${t}`, '2026-11-01']);
      expect((await column(rows, 'America/New_York')).map((r) => r[0])).toEqual([
        '2026-11-01T00:00:00.000', '2026-11-01T01:00:00.000', '2026-11-01T01:00:00.000', '2026-11-01T02:00:00.000',
      ]);
      expect((await column(rows, 'America/New_York', { csvTimestamps: 'ISO_OFFSET' })).map((r) => r[0])).toEqual([
        '2026-11-01T00:00:00.000-04:00', '2026-11-01T01:00:00.000-04:00', '2026-11-01T01:00:00.000-05:00', '2026-11-01T02:00:00.000-05:00',
      ]);
    });

    it('UTC: +00:00, never Z; Kathmandu: +05:45', async () => {
      expect(await column([['2026-12-06 19:59:53.912', null]], 'UTC', { csvTimestamps: 'ISO_OFFSET' })).toEqual([['2026-12-06T19:59:53.912+00:00', '']]);
      expect(await column([['2026-12-06 19:59:53.912', null]], 'UTC')).toEqual([['2026-12-06T19:59:53.912', '']]);
      expect(await column([['2026-12-06 19:59:53.912', null]], 'Asia/Kathmandu', { csvTimestamps: 'ISO_OFFSET' })).toEqual([['2026-12-07T01:44:53.912+05:45', '']]);
    });

    it('refuses an unknown zone before writing anything', () => {
      expect(() => createCsvWriter({ output: collector().output, columns: TIMES, meta: { ...META, timeZone: 'Mars/Olympus_Mons' }, options: {} })).toThrow(RangeError);
    });
  });

  it('round-trips through an RFC 4180 parser', async () => {
    const parsed = parseCsv((await csvOf(ROWS)).toString('utf8'));
    expect(parsed).toHaveLength(ROWS.length + 1);
    expect(parsed[0]).toEqual(['name', 'events', 'at', 'day', 'ok']);
    expect(parsed[2]).toEqual(['comma, "quote" and\r\nnewline', '-5', '2026-11-28T11:00:00.123', '2026-01-01', 'false']);
    expect(parsed[3]).toEqual(['', '', '', '', '']);
    expect(parsed[9]![0]).toBe('Rapport d’activité – été 🎉 日本語');
    for (const record of parsed) expect(record).toHaveLength(COLUMNS.length);
  });

  it('leaves signed numbers and dates in text alone and neutralises formulas, in any column', async () => {
    const sink = collector();
    const writer = createCsvWriter({ output: sink.output, columns: [{ key: 's', label: 'S', kind: 'STRING' }], meta: META, options: {} });
    await writer.write([['-5'], ['=1+1'], ['-12.5'], ['+3'], ['-1+2'], ['+cmd'], ['@SUM(A1)'], ['-2026-12-06'], ['-2026-12-06+1'], ['1e-7'], ['-5+cmd|x']]);
    await writer.finish();
    expect(parseCsv(sink.text()).map((r) => r[0])).toEqual(
      ['s', '-5', "'=1+1", '-12.5', '+3', "'-1+2", "'+cmd", "'@SUM(A1)", '-2026-12-06', "'-2026-12-06+1", '1e-7', "'-5+cmd|x"],
    );
  });

  it('never alters numbers in a NUMBER column, but neutralises text in it', async () => {
    const sink = collector();
    const writer = createCsvWriter({
      output: sink.output,
      columns: [{ key: 'n', label: 'N', kind: 'NUMBER' }],
      meta: META,
      options: {},
    });
    await writer.write([[-5], ['-5'], ['-1.5e-7'], [Number.NEGATIVE_INFINITY], ['-inf'], ['=1+1'], ['-5+cmd|x']]);
    await writer.finish();
    expect(parseCsv(sink.text()).map((r) => r[0])).toEqual(['n', '-5', '-5', '-1.5e-7', '-Infinity', '-inf', "'=1+1", "'-5+cmd|x"]);
  });

  it('quotes fields holding a lone LF or CR (csv-stringify would not by default with CRLF records)', async () => {
    const text = (await csvOf([['a\nb', 1, null, null, null], ['c\rd', 2, null, null, null]])).toString('utf8');
    expect(text).toBe('name,events,at,day,ok\r\n"a\nb",1,,,\r\n"c\rd",2,,,\r\n');
  });

  it('neutralises full-width formula triggers too', async () => {
    const text = (await csvOf([['＝1+1', 1, null, null, null]])).toString('utf8');
    expect(text.split('\r\n')[1]).toBe("'＝1+1,1,,,");
  });

  it('writes a BOM only when asked', async () => {
    const plain = await csvOf([]);
    const withBom = await csvOf([], { bom: true });
    expect([...plain.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.subarray(3).toString('utf8')).toBe('name,events,at,day,ok\r\n');
  });

  it('writes the header alone for an empty result', async () => {
    expect((await csvOf([])).toString('utf8')).toBe('name,events,at,day,ok\r\n');
  });

  it('keeps values of unexpected shapes as (neutralised) text instead of failing', async () => {
    const text = (await csvOf([['x', 'n/a', '-bad date', 'tomorrow', 'maybe'], ['y', 1, '2026-02-30 10:00:00', '-2026-12-06', null]])).toString('utf8');
    expect(parseCsv(text)[1]).toEqual(['x', 'n/a', "'-bad date", 'tomorrow', 'maybe']);
    expect(parseCsv(text)[2]).toEqual(['y', '1', '2026-02-30 10:00:00', '-2026-12-06', '']);
  });

  it('accepts batches over several write() calls in order', async () => {
    const sink = collector();
    const writer = createCsvWriter({ output: sink.output, columns: VOLUME_COLUMNS, meta: META, options: {} });
    for (let start = 0; start < 1000; start += 100) await writer.write(volumeRows(start, 100));
    await writer.finish();
    const parsed = parseCsv(sink.text());
    expect(parsed).toHaveLength(1001);
    expect(parsed[1]).toEqual(['user-0', '2026-01-01', '0', '0', '0']);
    expect(parsed[1000]).toEqual(['user-999', '2026-01-20', '999', '6993', '0.22']);
    // One output write per batch (plus the header), not one per record.
    expect(sink.chunks.length).toBeLessThanOrEqual(11);
  });

  it('resolves finish() only once the output has finished', async () => {
    const slow = slowSink({ delayMs: 5 });
    const writer = createCsvWriter({ output: slow.output, columns: COLUMNS, meta: META, options: {} });
    await writer.write(ROWS);
    await writer.finish();
    expect(slow.output.writableFinished).toBe(true);
    expect(parseCsv(slow.bytes().toString('utf8'))).toHaveLength(ROWS.length + 1);
  });

  it('honours back-pressure: write() waits for drain and the output buffer stays bounded', async () => {
    const slow = slowSink({ highWaterMark: 16, delayMs: 0 });
    const writer = createCsvWriter({ output: slow.output, columns: VOLUME_COLUMNS, meta: META, options: {} });
    let maxBuffered = 0;
    let resolvedBeforeDrain = 0;
    for (let start = 0; start < 10_000; start += 100) {
      const drainsBefore = slow.drains();
      await writer.write(volumeRows(start, 100));
      // A batch (~4 KB) always overfills a 16-byte buffer, so each write() must have seen a drain.
      if (slow.drains() === drainsBefore) resolvedBeforeDrain++;
      maxBuffered = Math.max(maxBuffered, slow.output.writableLength);
    }
    await writer.finish();
    expect(resolvedBeforeDrain).toBe(0);
    expect(maxBuffered).toBe(0); // after write() resolves, the output has drained
    expect(parseCsv(slow.bytes().toString('utf8'))).toHaveLength(10_001);
  });

  it('holds a pending write() until the output drains', async () => {
    let release: (() => void) | undefined;
    const output = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        release = callback;
      },
    });
    const writer = createCsvWriter({ output, columns: COLUMNS, meta: META, options: {} });
    let resolved = false;
    const pending = writer.write(ROWS).then(() => {
      resolved = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    expect(output.writableNeedDrain).toBe(true);
    release!();
    await pending;
    expect(resolved).toBe(true);
  });

  it('abort() releases a pending write(), rejects later calls and leaves the output unended', async () => {
    const output = new Writable({ highWaterMark: 16, write: () => undefined }); // never completes
    const writer = createCsvWriter({ output, columns: COLUMNS, meta: META, options: {} });
    const pending = writer.write(ROWS);
    writer.abort();
    await expect(pending).rejects.toBeInstanceOf(WriterAbortedError);
    await expect(writer.write(ROWS)).rejects.toBeInstanceOf(WriterAbortedError);
    await expect(writer.finish()).rejects.toBeInstanceOf(WriterAbortedError);
    expect(output.writableEnded).toBe(false);
  });

  it('rejects when the output fails', async () => {
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk full'));
      },
    });
    const writer = createCsvWriter({ output, columns: COLUMNS, meta: META, options: {} });
    await writer.write(ROWS).catch(() => undefined); // may or may not see it yet
    await expect(writer.finish()).rejects.toThrow('disk full');
  });

  it('streams 300,000 rows in constant memory', async () => {
    const sink = countingSink();
    const writer = createCsvWriter({ output: sink.output, columns: VOLUME_COLUMNS, meta: META, options: {} });
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    for (let start = 0; start < 300_000; start += 1000) {
      await writer.write(volumeRows(start, 1000));
      if (start % 50_000 === 0) {
        collectGarbage();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    await writer.finish();
    expect(sink.count()).toBeGreaterThan(300_000 * 30);
    expect(peak).toBeLessThan(50 * 1024 * 1024);
  });
});
