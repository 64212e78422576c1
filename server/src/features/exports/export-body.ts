/**
 * The body of an export file: how the report's rows get from ClickHouse into the output stream.
 *
 * - CSV whose columns the engine can format exactly (compileCsvReport ok): ClickHouse writes the
 *   data rows as CSV text and the bytes go to the output as they come (`via: 'engine'`); JS adds
 *   the header and BOM and repairs invalid UTF-8 the way the JS path would (writers/csv-bytes.ts).
 *   No row becomes a JS value: this is what makes CSV exports run near the engine's own rate.
 * - XLSX whose columns the engine can format exactly (compileXlsxReport ok): the first rows come
 *   as values (a small query: the writer's column widths, number styles and chart need them), then
 *   ClickHouse writes every data row as its SpreadsheetML cells (reports/xlsx-sql.ts) and the
 *   writer only numbers the rows, splits the sheets and zips (`via: 'engine'`). Checked cell by
 *   cell against the writer path in xlsx-engine.chdb.test.ts.
 * - Everything else, CSV or XLSX the engine cannot match included: rows as JS values through the format's
 *   writer (`via: 'writer'`). The JS CSV writer stays the reference the engine path is tested
 *   against (csv-engine.chdb.test.ts), byte for byte.
 *
 * Both stop at once when `signal` aborts (a cancel, a failed upload): a pending write is raced
 * against the signal, and the store stops its query.
 */
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import type { CompiledQuery, CsvCompileResult, XlsxCompileResult } from '../reports/compile-query.js';
import { createCsvByteWriter, CsvRecordCounter, Utf8Repair } from './writers/csv-bytes.js';
import { createXlsxWriter } from './writers/xlsx-writer.js';
import { createWriter } from './writers/create-writer.js';
import type { ExportFormat, WriterFactoryInput } from './writers/writer.js';
import type { RowsFingerprint } from './rows-fingerprint.js';

/**
 * Rows per block for engine-formatted exports. Smaller blocks bound what the engine holds between
 * sorting and the output: measured by `pnpm bench` on 1M rows, peak RSS growth ~60–80 MB at 8192 against
 * ~90–110 MB at the default (65409), at the same speed within the noise (16384: ~60–70 MB).
 */
export const EXPORT_BLOCK_ROWS = 8192;
/**
 * Rows per block of the engine-XLSX query: its rows are ~5× the CSV's bytes, and the engine's
 * memory for a streamed query grows with the block (measured on 1M rows: RSS +171 MB at 8,192 rows,
 * +120 MB at 2,048, +391 MB at 32,768, the stream alone), so XLSX takes smaller blocks. 2,048 came
 * within a few MB of the 120 MB goal on some runs (`pnpm bench xlsx`, 2026-12-07: +88.7/119.5/112.7
 * MB, and +122.5 MB in a full bench); 1,024 measured +88.5/68.3/86.8 and +95.0/69.8/83.0 MB, at
 * ×3.41 and ×3.02 the CSV's time (×2.95 at 2,048, same machine, same hour).
 */
export const XLSX_ENGINE_BLOCK_ROWS = 1024;

export interface ExportBody {
  readonly via: 'engine' | 'writer';
  /**
   * Streams every row into the output and finishes the file (resolves once the output finished).
   * `onRows(n)` runs after each batch of n rows was handed to the output.
   */
  run(onRows: (rows: number) => void): Promise<void>;
  /** Stops early (cancel, failure): releases the writer without finishing the file. */
  abort(): void;
}

export interface ExportBodyInput {
  analytics: AnalyticsStore;
  format: ExportFormat;
  /** compileReport's query: the rows for the writer path. */
  compiled: CompiledQuery;
  /** For CSV: compileCsvReport's result (the engine path when ok). */
  csv: CsvCompileResult | null;
  /** For XLSX: compileXlsxReport's result (the engine path when ok). */
  xlsx?: XlsxCompileResult | null;
  writer: WriterFactoryInput;
  signal: AbortSignal;
  /** Hashes the rows as they pass (scheduled runs: onlyIfChanged compares it with the last delivered run's). */
  fingerprint?: RowsFingerprint | null;
}

export function exportBody(input: ExportBodyInput): ExportBody {
  const { analytics, signal } = input;
  const csv = input.format === 'CSV' && input.csv?.ok ? input.csv.query : null;

  if (csv) {
    const writer = createCsvByteWriter({ output: input.writer.output, columns: input.writer.columns, options: input.writer.options });
    return {
      via: 'engine',
      async run(onRows) {
        const counter = new CsvRecordCounter();
        const chunks = analytics.streamBytes(csv.sql, csv.params, {
          format: csv.format,
          settings: { ...csv.settings, max_block_size: EXPORT_BLOCK_ROWS },
          signal,
        });
        for await (const chunk of chunks) {
          if (signal.aborted) break;
          input.fingerprint?.bytes(chunk.bytes);
          await raceAbort(writer.write(chunk.bytes), signal);
          onRows(chunk.rows ?? counter.count(chunk.bytes));
        }
        if (signal.aborted) throw signal.reason ?? new Error('aborted');
        await raceAbort(writer.finish(), signal);
      },
      abort: () => writer.abort(),
    };
  }

  const xlsx = input.format === 'XLSX' && input.xlsx?.ok ? input.xlsx : null;
  if (xlsx) {
    const writer = createXlsxWriter(input.writer);
    return {
      via: 'engine',
      async run(onRows) {
        // The report's first rows as values, from the same query with a smaller LIMIT (the rows
        // are in a total order, so they are the rows the engine writes first).
        const limit = Math.min(Number(input.compiled.params.limit), writer.sampleRows);
        const sample: unknown[][] = [];
        for await (const batch of analytics.stream(input.compiled.sql, { ...input.compiled.params, limit }, { signal })) sample.push(...batch);
        if (signal.aborted) throw signal.reason ?? new Error('aborted');
        const query = xlsx.query(writer.startEngine(sample));
        const utf8 = new Utf8Repair();
        const chunks = analytics.streamBytes(query.sql, query.params, {
          format: query.format,
          settings: { ...query.settings, max_block_size: XLSX_ENGINE_BLOCK_ROWS },
          signal,
        });
        // The next block is asked for before this one is written: the engine formats it while the
        // writer numbers and zips this one (the two took about as long each, one after the other).
        const blocks = chunks[Symbol.asyncIterator]();
        try {
          let next = blocks.next();
          for (;;) {
            const block = await next;
            if (block.done || signal.aborted) break;
            next = blocks.next();
            input.fingerprint?.bytes(block.value.bytes);
            onRows(await raceAbort(writer.writeEngine(utf8.repair(block.value.bytes)), signal));
          }
        } finally {
          await blocks.return?.(undefined);
        }
        if (signal.aborted) throw signal.reason ?? new Error('aborted');
        const rest = utf8.end();
        if (rest.length > 0) onRows(await raceAbort(writer.writeEngine(rest), signal));
        await raceAbort(writer.finish(), signal);
      },
      abort: () => writer.abort(),
    };
  }

  const writer = createWriter(input.format, input.writer);
  return {
    via: 'writer',
    async run(onRows) {
      // XLSX streams its sheet XML as the rows come (xlsx-sheet-xml.ts): engine-sized blocks keep
      // the rows parsed at once, and so its peak memory, small (measured by `pnpm bench`).
      const options = input.format === 'XLSX' ? { signal, settings: { max_block_size: EXPORT_BLOCK_ROWS } } : { signal };
      for await (const batch of analytics.stream(input.compiled.sql, input.compiled.params, options)) {
        if (signal.aborted) break;
        input.fingerprint?.rows(batch);
        await raceAbort(writer.write(batch), signal);
        onRows(batch.length);
      }
      if (signal.aborted) throw signal.reason ?? new Error('aborted');
      await raceAbort(writer.finish(), signal);
    },
    abort: () => writer.abort(),
  };
}

/** Rejects as soon as the signal aborts, so a stalled write cannot outlive a cancel. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}
