/**
 * Shared fixtures for the writer tests (not used by production code): columns of every kind, rows
 * full of awkward values, sinks that collect or count bytes, and a tiny RFC 4180 parser (csv-parse
 * is not a dependency, and a parser this small is easy to trust).
 */
import { Writable } from 'node:stream';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { ExportColumn, ExportMeta } from './writer.js';

export const COLUMNS: ExportColumn[] = [
  { key: 'name', label: 'Name', kind: 'STRING' },
  { key: 'events', label: 'Events', kind: 'NUMBER' },
  { key: 'at', label: 'Happened at', kind: 'DATETIME' },
  { key: 'day', label: 'Day', kind: 'DATE' },
  { key: 'ok', label: 'OK?', kind: 'BOOLEAN' },
];

/** One row per awkward case; comments say what each exercises. */
export const ROWS: unknown[][] = [
  ['plain', 42, '2026-11-28 10:00:00', '2026-11-28', true],
  ['comma, "quote" and\r\nnewline', -5, '2026-11-28 10:00:00.123', '2026-01-01', false],
  [null, null, null, null, null], // every kind null
  ['=HYPERLINK("http://evil","x")', 1.5, '2026-11-28 23:59:59.5', '2026-12-31', true], // formula
  ['-5', '12345678901234567890', '1970-01-01 00:00:00', '1970-01-01', false], // text "-5"; UInt64 as string
  ['+1', -1234567.891, '2026-02-28 12:34:56.789123', '2024-02-29', true], // sub-ms digits truncated
  ['@SUM(A1)', 0, '2026-11-28 10:00:00', '2026-11-28', false],
  ['\tTabbed', 9_007_199_254_740_992, '2026-11-28 10:00:00', '2026-11-28', true],
  ['Rapport d’activité – été 🎉 日本語', 1e21, '2026-11-28 10:00:00', '2026-11-28', false],
  ['\rCR first', '-42', '2026-11-28 10:00:00', '2026-11-28', true], // numeric string in NUMBER column
];

export const META: ExportMeta = {
  reportName: 'Usage Summary',
  tenantId: 'tenant-a',
  generatedAt: new Date('2026-11-29T08:00:00Z'),
  timeZone: 'Europe/Paris',
  parameters: [
    { label: 'Time range', value: '2026-11-21 00:00 → 2026-11-28 00:00 (Europe/Paris)' },
    { label: 'Filter', value: 'platform = web' },
  ],
  rowLimit: 10_000,
  totalRows: ROWS.length,
  truncated: false,
};

/** A Writable that keeps every byte; `done` resolves with them all once the writer finished. */
export function collector(): { output: Writable; chunks: Buffer[]; text: () => string; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { output, chunks, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

/** A Writable that only counts. */
export function countingSink(): { output: Writable; count: () => number } {
  let bytes = 0;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  return { output, count: () => bytes };
}

/** A deliberately slow Writable with a tiny buffer, recording every 'drain' it emits. */
export function slowSink(options: { highWaterMark?: number; delayMs?: number } = {}): {
  output: Writable;
  drains: () => number;
  bytes: () => Buffer;
} {
  const chunks: Buffer[] = [];
  let drains = 0;
  const output = new Writable({
    highWaterMark: options.highWaterMark ?? 16,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      setTimeout(callback, options.delayMs ?? 1);
    },
  });
  output.on('drain', () => drains++);
  return { output, drains: () => drains, bytes: () => Buffer.concat(chunks) };
}

/** RFC 4180 parser: CRLF or LF record ends, quoted fields with doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      if (c === '"') throw new Error(`stray quote at ${i}`);
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (fieldStarted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Full garbage collection, so heap measurements see live memory only (no --expose-gc needed). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
}

/** Rows for volume tests: a string, a date, three numbers. */
export function volumeRows(start: number, count: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = start; i < start + count; i++) {
    rows.push([`user-${i % 5000}`, `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, i % 1000, (i * 7) % 100_000, (i % 977) / 100]);
  }
  return rows;
}

export const VOLUME_COLUMNS: ExportColumn[] = [
  { key: 'user_id', label: 'User', kind: 'STRING' },
  { key: 'day', label: 'Day', kind: 'DATE' },
  { key: 'events', label: 'Events', kind: 'NUMBER' },
  { key: 'duration_ms', label: 'Duration (ms)', kind: 'NUMBER' },
  { key: 'value', label: 'Value', kind: 'NUMBER' },
];
