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
import type { WriterOptions } from './writer.js';

async function csvOf(rows: unknown[][], options: WriterOptions = {}): Promise<Buffer> {
  const sink = collector();
  const writer = createCsvWriter({ output: sink.output, columns: COLUMNS, meta: META, options });
  await writer.write(rows);
  await writer.finish();
  return sink.bytes();
}

describe('CSV writer', () => {
  it('writes keys as header, RFC 4180 quoting, CRLF, ISO datetimes and neutralised formulas', async () => {
    const text = (await csvOf(ROWS)).toString('utf8');
    expect(text).toBe(
      [
        'name,events,at,day,ok',
        'plain,42,2026-11-28T10:00:00.000Z,2026-11-28,true',
        '"comma, ""quote"" and\r\nnewline",-5,2026-11-28T10:00:00.123Z,2026-01-01,false',
        ',,,,',
        `"'=HYPERLINK(""http://evil"",""x"")",1.5,2026-11-28T23:59:59.500Z,2026-12-31,true`,
        "'-5,12345678901234567890,1970-01-01T00:00:00.000Z,1970-01-01,false",
        "'+1,-1234567.891,2026-02-28T12:34:56.789Z,2024-02-29,true",
        "'@SUM(A1),0,2026-11-28T10:00:00.000Z,2026-11-28,false",
        "'\tTabbed,9007199254740992,2026-11-28T10:00:00.000Z,2026-11-28,true",
        'Rapport d’activité – été 🎉 日本語,1e+21,2026-11-28T10:00:00.000Z,2026-11-28,false',
        `"'\rCR first",-42,2026-11-28T10:00:00.000Z,2026-11-28,true`,
        '',
      ].join('\r\n'),
    );
  });

  it('round-trips through an RFC 4180 parser', async () => {
    const parsed = parseCsv((await csvOf(ROWS)).toString('utf8'));
    expect(parsed).toHaveLength(ROWS.length + 1);
    expect(parsed[0]).toEqual(['name', 'events', 'at', 'day', 'ok']);
    expect(parsed[2]).toEqual(['comma, "quote" and\r\nnewline', '-5', '2026-11-28T10:00:00.123Z', '2026-01-01', 'false']);
    expect(parsed[3]).toEqual(['', '', '', '', '']);
    expect(parsed[9]![0]).toBe('Rapport d’activité – été 🎉 日本語');
    for (const record of parsed) expect(record).toHaveLength(COLUMNS.length);
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
    const text = (await csvOf([['x', 'n/a', '-bad date', 'tomorrow', 'maybe']])).toString('utf8');
    expect(parseCsv(text)[1]).toEqual(['x', 'n/a', "'-bad date", 'tomorrow', 'maybe']);
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
