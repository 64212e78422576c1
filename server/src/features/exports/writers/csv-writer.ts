/**
 * CSV export writer over csv-stringify's streaming Stringifier.
 *
 * Decisions (the file is read by machines as often as by people):
 * - Header row: the column *keys* (`event_type`, `count_events`), not the labels. Keys are stable
 *   across label edits and translations, ASCII, and what scripts and warehouse loaders key on; the
 *   human labels live in the XLSX/PDF exports.
 * - RFC 4180: comma separator, CRLF record ends (what the RFC specifies and what Excel writes;
 *   every CSV reader also takes it), a field is quoted when it holds a comma, a quote, CR or LF,
 *   and quotes inside are doubled. UTF-8, with a BOM only on request (options.bom) because the BOM
 *   helps Excel and confuses most other tools.
 * - Values: DATETIME → the wall time of the effective zone (meta.timeZone) with milliseconds:
 *   LOCAL (default) `2026-12-06T19:59:53.912`, ISO 8601 local form, which LibreOffice Calc and
 *   Excel type as a date/time on open (they keep `…Z`, an offset or a space as text); ISO_OFFSET
 *   (options.csvTimestamps) `2026-12-07T04:59:53.912+09:00` for programs. The LOCAL form does not
 *   carry the zone: the export record states it, and a fall-back hour's times repeat in it. DATE
 *   stays `YYYY-MM-DD` (a calendar day, never shifted), BOOLEAN → `true`/`false`, null → empty
 *   field, numbers verbatim (quoted 64-bit integers keep every digit).
 * - Formula injection (CWE-1236): a text cell that starts with `=`, `+`, `-`, `@`, tab or CR
 *   (or their full-width forms) gets a leading `'`, unless it is a signed plain number or ISO date
 *   (`-5`, `-12.5`, `+3`, `1e-7`, `-2026-12-06`: data a spreadsheet reads as such), see
 *   neutraliseFormula. Numbers in a NUMBER column are never altered; `=1+1`, `-1+2` and the classic
 *   `-5+cmd|…` are neutralised whatever their column.
 * - The engine writes the same bytes in SQL (reports/csv-sql.ts) for most reports: a rule changed
 *   here must change there too (csv-engine.chdb.test.ts compares the two).
 * - Output: one write per batch (see handOn below); back-pressure is the output's own.
 * - abort() destroys the stringifier and leaves the output to its owner: it is not ended, so a
 *   partial file is never mistaken for a finished one.
 */
import { stringify, type Stringifier } from 'csv-stringify';
import type { ColumnKind } from '../../catalog/catalog.js';
import { localDateTimeText, offsetAt, offsetDateTimeText } from '../../calendar/zone-clock.js';
import { dateTimeMs, isoDate, neutraliseFormula, numberText, toBoolean } from './cell-values.js';
import { OutputGuard } from './output-flow.js';
import type { CsvTimestampFormat, FormatWriter, WriterFactoryInput } from './writer.js';

type CellFormatter = (value: unknown) => string;

function text(value: unknown): string {
  return neutraliseFormula(typeof value === 'string' ? value : String(value));
}

function formattersFor(timeZone: string, timestamps: CsvTimestampFormat): Record<ColumnKind, CellFormatter> {
  const zoned = timestamps === 'ISO_OFFSET' ? offsetDateTimeText : localDateTimeText;
  return {
    STRING: (v) => (v == null ? '' : text(v)),
    NUMBER: (v) => (v == null ? '' : (numberText(v) ?? text(v))),
    DATETIME: (v) => {
      if (v == null) return '';
      const ms = dateTimeMs(v);
      return ms === ms ? zoned(ms, timeZone) : text(v); // NaN: not a datetime
    },
    DATE: (v) => (v == null ? '' : (isoDate(v) ?? text(v))),
    BOOLEAN: (v) => {
      if (v == null) return '';
      const b = toBoolean(v);
      return b === null ? text(v) : b ? 'true' : 'false';
    },
  };
}

export function createCsvWriter(input: WriterFactoryInput): FormatWriter {
  const { output, columns, meta, options } = input;
  // An unknown zone throws RangeError here, before the first byte, not on the first datetime.
  offsetAt(meta.timeZone, 0);
  const byKind = formattersFor(meta.timeZone, options.csvTimestamps ?? 'LOCAL');
  const formatters = columns.map((c) => byKind[c.kind]);
  const width = formatters.length;

  const stringifier: Stringifier = stringify({
    header: true,
    // Array records are read by position; `columns` only names the header fields.
    columns: columns.map((c) => ({ key: c.key, header: neutraliseFormula(c.key) })),
    record_delimiter: 'windows',
    // Quote any field holding a lone CR or LF as well. csv-stringify 6.9 turns this off by default
    // as soon as record_delimiter is set, leaving `a\nb` unquoted: RFC 4180 (and readers that split
    // records on either) need it quoted.
    quote_record_delimiter: true,
    bom: options.bom === true,
    // We pass strings only; keep csv-stringify's own conversions and formula escaping out of the way.
    escape_formulas: false,
    // Readable side emits strings, so a batch's records join into one string.
    encoding: 'utf8',
  });
  const guard = new OutputGuard();
  guard.watch(stringifier, output);

  // The stringifier emits one chunk per record. Piped as is, that is a million writes through every
  // stream downstream (hash, upload, file) for a million rows: measured 100x slower on a sink with
  // per-write latency. So its output is collected and handed on as one write per batch.
  let collected: string[] = [];
  stringifier.on('data', (chunk: string) => collected.push(chunk));
  const handOn = (): void => {
    if (collected.length === 0) return;
    output.write(collected.join(''));
    collected = [];
  };
  let finishing = false;

  return {
    async write(rows) {
      guard.check();
      if (finishing) throw new Error('CSV writer: write() after finish()');
      for (const row of rows) {
        const record = new Array<string>(width);
        for (let i = 0; i < width; i++) record[i] = formatters[i]!(row[i]);
        stringifier.write(record);
      }
      // The stringifier transforms synchronously, so the batch is collected by now (anything it
      // delivered later would go out with the next batch or at finish, still in order).
      handOn();
      await guard.drained(output);
    },

    async finish() {
      guard.check();
      if (finishing) throw new Error('CSV writer: finish() called twice');
      finishing = true;
      // With no rows at all, ending still yields the header.
      stringifier.end();
      await guard.ended(stringifier);
      handOn();
      output.end();
      // 'finish': every byte has been handed to the output's underlying resource.
      await guard.finished(output);
    },

    abort() {
      if (guard.aborted) return;
      guard.abort();
      stringifier.destroy();
    },
  };
}
