/**
 * Exports a report to a file with a progress bar on the terminal.
 *
 *   REPORTCAST_URL=http://localhost:4000 REPORTCAST_TOKEN=… \
 *     pnpm --filter @reportcast/examples export-report --report "Usage Summary" --format CSV --out usage.csv
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { ReportcastError, type Export, type ExportFormat } from '@reportcast/sdk';
import { toNodeReadable } from '@reportcast/sdk/node';
import { clientFromEnv, findReportId } from './config.js';

const FORMATS: ExportFormat[] = ['CSV', 'XLSX', 'PDF', 'JSON'];
const { values: args } = parseArgs({
  options: {
    report: { type: 'string', default: 'Usage Summary' },
    format: { type: 'string', default: 'CSV' },
    out: { type: 'string' },
  },
});
const format = args.format!.toUpperCase() as ExportFormat;
if (!FORMATS.includes(format)) {
  console.error(`--format must be one of ${FORMATS.join(', ')}`);
  process.exit(2);
}

/** `[########------------]  42.0%  1,234 / 2,938 rows  PROCESSING` */
function progressLine(e: Export, width = 30): string {
  const percent = e.progress.percent ?? 0;
  const filled = Math.round((percent / 100) * width);
  const rows = e.progress.rowsTotal === null ? `${e.progress.rowsWritten.toLocaleString('en')} rows` : `${e.progress.rowsWritten.toLocaleString('en')} / ${e.progress.rowsTotal.toLocaleString('en')} rows`;
  const eta = e.progress.etaSeconds ? `  ~${e.progress.etaSeconds}s left` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent.toFixed(1).padStart(5)}%  ${rows}  ${e.status}${eta}`;
}

// On a terminal the bar redraws in place; piped, each distinct state is one line.
let lastLine = '';
function draw(e: Export): void {
  const line = progressLine(e);
  if (line === lastLine) return;
  lastLine = line;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
  else process.stderr.write(`${line}\n`);
}

const client = clientFromEnv();
try {
  const reportId = await findReportId(client, args.report!);
  const { export: done, stream } = await client.exports.exportAndDownload(reportId, format, { onProgress: draw });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const out = args.out ?? done.fileName ?? `export.${format.toLowerCase()}`;
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(toNodeReadable(stream), count, createWriteStream(out));
  const checksum = hash.digest('hex');
  if (done.checksum && checksum !== done.checksum) throw new Error(`Checksum mismatch: got ${checksum}, expected ${done.checksum}`);
  console.log(`Saved ${out}: ${bytes} bytes, ${done.rowCount} rows${done.truncated ? ' (truncated by the row limit)' : ''}, sha256 ${checksum}`);
} catch (error) {
  if (process.stderr.isTTY && lastLine) process.stderr.write('\n');
  if (error instanceof ReportcastError) console.error(`Export failed: ${error.code}${error.path ? ` at ${error.path}` : ''}: ${error.message}`);
  else console.error(`Export failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
