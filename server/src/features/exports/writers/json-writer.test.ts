import { Writable } from 'node:stream';
import { describe, it, expect } from 'vitest';
import { createJsonWriter } from './json-writer.js';
import { WriterAbortedError } from './output-flow.js';
import { COLUMNS, META, ROWS, VOLUME_COLUMNS, collector, slowSink, volumeRows } from './writer-test-kit.js';
import type { WriterOptions } from './writer.js';

async function jsonOf(batches: unknown[][][], options: WriterOptions = {}) {
  const sink = collector();
  const writer = createJsonWriter({ output: sink.output, columns: COLUMNS, meta: META, options });
  for (const rows of batches) await writer.write(rows);
  await writer.finish();
  return sink;
}

// META's zone is Europe/Paris: datetimes carry its offset (+01:00 in winter); dates are unshifted days.
const EXPECTED_OBJECTS = [
  { name: 'plain', events: 42, at: '2026-11-28T11:00:00.000+01:00', day: '2026-11-28', ok: true },
  { name: 'comma, "quote" and\r\nnewline', events: -5, at: '2026-11-28T11:00:00.123+01:00', day: '2026-01-01', ok: false },
  { name: null, events: null, at: null, day: null, ok: null },
  { name: '=HYPERLINK("http://evil","x")', events: 1.5, at: '2026-11-29T00:59:59.500+01:00', day: '2026-12-31', ok: true },
  { name: '-5', events: 12345678901234567890, at: '1970-01-01T01:00:00.000+01:00', day: '1970-01-01', ok: false },
  { name: '+1', events: -1234567.891, at: '2026-02-28T13:34:56.789+01:00', day: '2024-02-29', ok: true },
  { name: '@SUM(A1)', events: 0, at: '2026-11-28T11:00:00.000+01:00', day: '2026-11-28', ok: false },
  { name: '\tTabbed', events: 9_007_199_254_740_992, at: '2026-11-28T11:00:00.000+01:00', day: '2026-11-28', ok: true },
  { name: 'Rapport d’activité – été 🎉 日本語', events: 1e21, at: '2026-11-28T11:00:00.000+01:00', day: '2026-11-28', ok: false },
  { name: '\rCR first', events: -42, at: '2026-11-28T11:00:00.000+01:00', day: '2026-11-28', ok: true },
];

describe('JSON writer', () => {
  it('writes an array of objects keyed by column key, one object per line', async () => {
    const sink = await jsonOf([ROWS.slice(0, 2)]);
    expect(sink.text()).toBe(
      '[\n' +
        '{"name":"plain","events":42,"at":"2026-11-28T11:00:00.000+01:00","day":"2026-11-28","ok":true},\n' +
        '{"name":"comma, \\"quote\\" and\\r\\nnewline","events":-5,"at":"2026-11-28T11:00:00.123+01:00","day":"2026-01-01","ok":false}\n' +
        ']\n',
    );
  });

  it('parses back to the converted values (no formula prefixes: JSON is not a spreadsheet)', async () => {
    const sink = await jsonOf([ROWS.slice(0, 4), ROWS.slice(4)]);
    expect(JSON.parse(sink.text())).toEqual(EXPECTED_OBJECTS);
  });

  it('writes datetimes with the offset of the zone (Tokyo, New York across fall-back, UTC as +00:00) and dates unshifted', async () => {
    const columns = [{ key: 'at', label: 'At', kind: 'DATETIME' as const }, { key: 'day', label: 'Day', kind: 'DATE' as const }];
    const objects = async (timeZone: string, rows: unknown[][]) => {
      const sink = collector();
      const writer = createJsonWriter({ output: sink.output, columns, meta: { ...META, timeZone }, options: {} });
      await writer.write(rows);
      await writer.finish();
      return JSON.parse(sink.text()) as Array<{ at: string; day: string }>;
    };
    expect(await objects('Asia/Tokyo', [['2026-11-29 16:30:00.000', '2026-11-29']])).toEqual([{ at: '2026-11-30T01:30:00.000+09:00', day: '2026-11-29' }]);
    expect((await objects('America/New_York', [['2026-11-01 05:30:00', null], ['2026-11-01 06:30:00', null]])).map((o) => o.at))
      .toEqual(['2026-11-01T01:30:00.000-04:00', '2026-11-01T01:30:00.000-05:00']);
    expect(await objects('UTC', [['2026-12-06 19:59:53.912', '2026-12-06']])).toEqual([{ at: '2026-12-06T19:59:53.912+00:00', day: '2026-12-06' }]);
    // The same instant whatever the zone.
    for (const zone of ['Asia/Tokyo', 'America/New_York', 'Asia/Kathmandu', 'UTC']) {
      expect(Date.parse((await objects(zone, [['2026-12-06 19:59:53.912', null]]))[0]!.at)).toBe(Date.UTC(2026, 11, 6, 19, 59, 53, 912));
    }
  });

  it('keeps every digit of 64-bit integers that arrive as strings', async () => {
    const sink = await jsonOf([ROWS]);
    expect(sink.text()).toContain('"events":12345678901234567890,');
    expect(sink.text()).toContain('"events":-42,');
  });

  it('writes null for non-finite numbers and text for non-numeric values', async () => {
    const sink = collector();
    const writer = createJsonWriter({ output: sink.output, columns: [{ key: 'n', label: 'N', kind: 'NUMBER' }], meta: META, options: {} });
    await writer.write([[Number.NaN], [Number.POSITIVE_INFINITY], ['-inf'], ['n/a'], [-0.5]]);
    await writer.finish();
    expect(JSON.parse(sink.text())).toEqual([{ n: null }, { n: null }, { n: null }, { n: 'n/a' }, { n: -0.5 }]);
  });

  it('writes [] for an empty result', async () => {
    expect((await jsonOf([])).text()).toBe('[]\n');
    expect((await jsonOf([[]])).text()).toBe('[]\n');
  });

  it('writes NDJSON on request: one object per line, empty file for no rows', async () => {
    const sink = await jsonOf([ROWS.slice(0, 3), ROWS.slice(3)], { ndjson: true });
    const lines = sink.text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(EXPECTED_OBJECTS);
    expect((await jsonOf([], { ndjson: true })).text()).toBe('');
  });

  it('keeps column order and odd keys intact', async () => {
    const sink = collector();
    const writer = createJsonWriter({
      output: sink.output,
      columns: [
        { key: 'z"q', label: 'Z', kind: 'STRING' },
        { key: '__proto__', label: 'P', kind: 'NUMBER' },
        { key: 'a', label: 'A', kind: 'BOOLEAN' },
      ],
      meta: META,
      options: { ndjson: true },
    });
    await writer.write([['x', 1, true]]);
    await writer.finish();
    expect(sink.text()).toBe('{"z\\"q":"x","__proto__":1,"a":true}\n');
    expect(Object.keys(JSON.parse(sink.text()) as object)).toEqual(['z"q', '__proto__', 'a']);
  });

  it('streams: one output write per batch, never the whole array at once', async () => {
    const sink = collector();
    const writer = createJsonWriter({ output: sink.output, columns: VOLUME_COLUMNS, meta: META, options: {} });
    for (let start = 0; start < 5000; start += 500) await writer.write(volumeRows(start, 500));
    await writer.finish();
    expect(sink.chunks).toHaveLength(11); // 10 batches + the closing bracket
    const largest = Math.max(...sink.chunks.map((c) => c.length));
    expect(largest).toBeLessThan(sink.bytes().length / 5);
    const parsed = JSON.parse(sink.text()) as Array<Record<string, unknown>>;
    expect(parsed).toHaveLength(5000);
    expect(parsed[4999]).toEqual({ user_id: 'user-4999', day: '2026-01-16', events: 999, duration_ms: 34993, value: 1.14 });
  });

  it('honours back-pressure: write() resolves only after the output drained', async () => {
    const slow = slowSink({ highWaterMark: 16, delayMs: 0 });
    const writer = createJsonWriter({ output: slow.output, columns: VOLUME_COLUMNS, meta: META, options: {} });
    for (let start = 0; start < 10_000; start += 100) {
      const drainsBefore = slow.drains();
      await writer.write(volumeRows(start, 100));
      expect(slow.drains()).toBeGreaterThan(drainsBefore);
      expect(slow.output.writableLength).toBe(0);
    }
    await writer.finish();
    expect(JSON.parse(slow.bytes().toString('utf8'))).toHaveLength(10_000);
  });

  it('abort() releases a pending write() and leaves the output unended', async () => {
    const output = new Writable({ highWaterMark: 16, write: () => undefined });
    const writer = createJsonWriter({ output, columns: COLUMNS, meta: META, options: {} });
    const pending = writer.write(ROWS);
    writer.abort();
    await expect(pending).rejects.toBeInstanceOf(WriterAbortedError);
    await expect(writer.finish()).rejects.toBeInstanceOf(WriterAbortedError);
    expect(output.writableEnded).toBe(false);
  });
});
