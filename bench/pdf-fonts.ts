/**
 * PDF size and time with the embedded Unicode fonts (issue 16): a 1,000-row report in Latin and in
 * Japanese, written through the real PDF writer into memory. A phase of `pnpm bench` (run.ts prints
 * and records the lines), or alone:
 *
 *   pnpm --filter @reportcast/server exec tsx ../bench/pdf-fonts.ts
 *
 * Each script is measured in a fresh child process, so "cold" (the first document: it reads the
 * font files and builds fontkit's tables, plus module warm-up) is comparable between the two;
 * "warm" is the median of the next five documents. Sizes include the subsetted fonts.
 */
import { fork } from 'node:child_process';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createPdfWriter } from '../server/src/features/exports/writers/pdf-writer.js';
import type { ExportColumn, ExportMeta } from '../server/src/features/exports/writers/writer.js';

const ROWS = 1_000;

interface Script {
  name: string;
  title: string;
  labels: [string, string, string, string, string];
  cell: (i: number) => [string, string];
}

const SCRIPTS: Script[] = [
  {
    name: 'Latin',
    title: 'Regional sales report',
    labels: ['Day', 'Customer', 'City', 'Orders', 'Revenue'],
    cell: (i) => [`Customer ${i} GmbH`, ['Zürich', 'Lyon', 'Sevilla', 'Kraków'][i % 4]!],
  },
  {
    name: 'Japanese',
    title: '地域別売上レポート',
    labels: ['日付', '顧客', '都市', '注文数', '売上'],
    cell: (i) => [`株式会社サンプル商事 ${i}`, ['東京', '大阪', '名古屋', '札幌'][i % 4]!],
  },
];

async function render(script: Script): Promise<{ bytes: number; ms: number }> {
  const columns: ExportColumn[] = [
    { key: 'day', label: script.labels[0], kind: 'DATE' },
    { key: 'customer', label: script.labels[1], kind: 'STRING' },
    { key: 'city', label: script.labels[2], kind: 'STRING' },
    { key: 'orders', label: script.labels[3], kind: 'NUMBER' },
    { key: 'revenue', label: script.labels[4], kind: 'NUMBER' },
  ];
  const meta: ExportMeta = {
    reportName: script.title,
    tenantId: 'acme',
    generatedAt: new Date('2026-12-06T08:00:00Z'),
    timeZone: 'Asia/Tokyo',
    parameters: [{ label: script.labels[2], value: script.cell(0)[1] }],
    rowLimit: 10_000,
    totalRows: ROWS,
    truncated: false,
  };
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const [customer, city] = script.cell(i);
    return [`2026-11-${String((i % 30) + 1).padStart(2, '0')}`, customer, city, 1 + (i % 17), 1234.5 + i * 3.25];
  });
  let bytes = 0;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  const started = performance.now();
  const writer = createPdfWriter({ output, columns, meta, options: {} });
  for (let i = 0; i < rows.length; i += 250) await writer.write(rows.slice(i, i + 250));
  await writer.finish();
  return { bytes, ms: performance.now() - started };
}

export interface PdfFontFigures {
  script: string;
  rows: number;
  bytes: number;
  coldMs: number;
  warmMs: number;
}

const WARM_RUNS = 5;

async function measureScript(script: Script): Promise<PdfFontFigures> {
  const cold = await render(script);
  const warm: number[] = [];
  let bytes = cold.bytes;
  for (let i = 0; i < WARM_RUNS; i++) {
    const r = await render(script);
    warm.push(r.ms);
    bytes = r.bytes;
  }
  warm.sort((a, b) => a - b);
  return { script: script.name, rows: ROWS, bytes, coldMs: cold.ms, warmMs: warm[Math.floor(WARM_RUNS / 2)]! };
}

const SCRIPT_FILE = fileURLToPath(import.meta.url);

/** Latin and Japanese, each in its own child process (this file forked with `--script NAME`). */
export async function measurePdfFonts(): Promise<PdfFontFigures[]> {
  const figures: PdfFontFigures[] = [];
  for (const script of SCRIPTS) {
    figures.push(await new Promise<PdfFontFigures>((resolve, reject) => {
      const proc = fork(SCRIPT_FILE, ['--script', script.name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let result: PdfFontFigures | undefined;
      proc.on('message', (m: PdfFontFigures) => { result = m; });
      proc.on('error', reject);
      proc.on('exit', (code) => (result ? resolve(result) : reject(new Error(`pdf-fonts ${script.name} exited (${code}) without a result`))));
    }));
  }
  return figures;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The bench table's lines (run.ts's Line shape): each script, then Japanese against Latin. */
export function pdfFontsLines(figures: PdfFontFigures[]): { measure: string; result: string; goal: string; status: 'info' }[] {
  const lines = figures.map((f) => ({
    measure: `PDF ${f.rows.toLocaleString('en-US')} rows, ${f.script} (embedded font subsets)`,
    result: `${kib(f.bytes)}; cold ${f.coldMs.toFixed(0)} ms, warm ${f.warmMs.toFixed(0)} ms (median of ${WARM_RUNS})`,
    goal: '(reference)',
    status: 'info' as const,
  }));
  const latin = figures.find((f) => f.script === 'Latin');
  const japanese = figures.find((f) => f.script === 'Japanese');
  if (latin && japanese) {
    lines.push({
      measure: 'PDF Japanese / Latin, same run',
      result: `size ×${(japanese.bytes / latin.bytes).toFixed(2)}, warm time ×${(japanese.warmMs / latin.warmMs).toFixed(2)}, cold time ×${(japanese.coldMs / latin.coldMs).toFixed(2)}`,
      goal: '(reference)',
      status: 'info',
    });
  }
  return lines;
}

if (process.argv[1] === SCRIPT_FILE) {
  const i = process.argv.indexOf('--script');
  if (i >= 0) {
    const script = SCRIPTS.find((s) => s.name === process.argv[i + 1]);
    if (!script || !process.send) throw new Error('--script needs a known script name and an IPC channel');
    const figures = await measureScript(script);
    process.send(figures, () => process.exit(0));
  } else {
    for (const line of pdfFontsLines(await measurePdfFonts())) console.log(`${line.measure}: ${line.result}`);
  }
}
