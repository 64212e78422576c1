/**
 * CSV export files whose data rows ClickHouse formatted itself (compileCsvReport): this side adds
 * what the engine does not write and hands the engine's bytes on unchanged otherwise.
 *
 * - The header line (and BOM, on request) is produced by the JS CSV writer itself, run over no
 *   rows, so it is the reference's by construction.
 * - Invalid UTF-8: the JS path decodes the engine's output with U+FFFD replacement (TextDecoder:
 *   one U+FFFD per maximal ill-formed subsequence) before writing text, so an invalid byte
 *   sequence in a string comes out as U+FFFD there. The engine passes bytes through, so each chunk
 *   is checked (a native, vectorised scan) and, from the first invalid one on, decoded the same way
 *   and re-encoded. That gives the same bytes as the JS path: CSV structure is ASCII and an ASCII
 *   byte always ends an ill-formed sequence, so decoding whole chunks or single fields is the same,
 *   and the SQL formatting only looks at ASCII bytes and whole valid sequences (csv-sql.ts).
 * - Rows are counted by the caller from the engine's chunk row counts, or with CsvRecordCounter
 *   where the transport cuts the output anywhere.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { Writable } from 'node:stream';
import { createCsvWriter } from './csv-writer.js';
import { OutputGuard } from './output-flow.js';
import type { ExportColumn, ExportMeta, WriterOptions } from './writer.js';

const EMPTY = new Uint8Array(0);

/** The bytes the JS CSV writer writes before its first row: BOM (when asked) and the header line. */
export async function csvPreamble(columns: ExportColumn[], options: WriterOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  // Only the header is written: no row, so no time zone is read (UTC merely satisfies the writer's check).
  const writer = createCsvWriter({ output: sink, columns, meta: { timeZone: 'UTC' } as ExportMeta, options: { bom: options.bom === true } });
  await writer.finish();
  return Buffer.concat(chunks);
}

/** Passes valid UTF-8 through; from the first chunk that is not, decodes as TextDecoder does and re-encodes. */
export class Utf8Repair {
  private decoder: TextDecoder | null = null;

  /** Chunks may split a character (HTTP): the decoder, once used, carries the partial sequence on. */
  repair(chunk: Uint8Array): Uint8Array {
    if (this.decoder === null) {
      if (isUtf8(chunk)) return chunk;
      // ignoreBOM: a U+FEFF that starts a chunk is data (the first field of a row), not a BOM to drop.
      this.decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    }
    return Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8');
  }

  /** What a dangling partial sequence at the very end becomes (U+FFFD), if any. */
  end(): Uint8Array {
    if (this.decoder === null) return EMPTY;
    const rest = this.decoder.decode();
    return rest.length > 0 ? Buffer.from(rest, 'utf8') : EMPTY;
  }
}

/**
 * Counts the CSV records completed in a byte stream cut anywhere: an LF ends a record unless it is
 * inside a quoted field. Fields are quoted whole and inner quotes doubled, so quote parity tells
 * which side of a field boundary a byte is on.
 */
export class CsvRecordCounter {
  private quoted = false;

  count(chunk: Uint8Array): number {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let records = 0;
    let i = 0;
    let nextQuote = bytes.indexOf(0x22, 0);
    while (i < bytes.length) {
      if (this.quoted) {
        const close = nextQuote >= i ? nextQuote : bytes.indexOf(0x22, i);
        if (close < 0) break;
        this.quoted = false;
        i = close + 1;
        nextQuote = bytes.indexOf(0x22, i);
        continue;
      }
      const lf = bytes.indexOf(0x0a, i);
      if (nextQuote >= 0 && (lf < 0 || nextQuote < lf)) {
        this.quoted = true;
        i = nextQuote + 1;
        nextQuote = bytes.indexOf(0x22, i);
        continue;
      }
      if (lf < 0) break;
      records++;
      i = lf + 1;
    }
    return records;
  }
}

export interface CsvByteWriter {
  /** Hands a chunk of engine CSV rows on; resolves when the output can take more (back-pressure). */
  write(chunk: Uint8Array): Promise<void>;
  /** Ends the output (writing the header if no chunk came) and resolves once it has finished. */
  finish(): Promise<void>;
  /** Stops early: releases waits, leaves the output unended (as the JS writers do). */
  abort(): void;
}

export interface CsvByteWriterInput {
  output: Writable;
  columns: ExportColumn[];
  options: WriterOptions;
}

/** The CSV file around engine-formatted rows: the JS writer's preamble, then the rows as they came. */
export function createCsvByteWriter(input: CsvByteWriterInput): CsvByteWriter {
  const { output } = input;
  const guard = new OutputGuard();
  guard.watch(output);
  const preamble = csvPreamble(input.columns, input.options);
  preamble.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const utf8 = new Utf8Repair();
  let started = false;
  let finishing = false;

  const start = async (): Promise<void> => {
    if (started) return;
    const head = await preamble;
    guard.check();
    if (started) return;
    started = true;
    output.write(head);
  };

  return {
    async write(chunk) {
      guard.check();
      if (finishing) throw new Error('CSV byte writer: write() after finish()');
      await start();
      const bytes = utf8.repair(chunk);
      if (bytes.length > 0) output.write(bytes);
      await guard.drained(output);
    },

    async finish() {
      guard.check();
      if (finishing) throw new Error('CSV byte writer: finish() called twice');
      finishing = true;
      await start();
      const rest = utf8.end();
      if (rest.length > 0) output.write(rest);
      output.end();
      await guard.finished(output);
    },

    abort() {
      if (guard.aborted) return;
      guard.abort();
    },
  };
}
