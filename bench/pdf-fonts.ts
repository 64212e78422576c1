/**
 * PDF size and time with the embedded Unicode fonts (issue 16): a 1,000-row report in Latin and in
 * Japanese, written through the real PDF writer into memory.
 *
 *   pnpm --filter @reportcast/server exec tsx ../bench/pdf-fonts.ts
 *
 * "cold" is the first document of the process (it reads the font files and builds fontkit's
 * tables); "warm" is the median of the next five. Sizes include the subsetted fonts.
 */
import { Writable } from 'node:stream';
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

for (const script of SCRIPTS) {
  const cold = await render(script);
  const warm: number[] = [];
  let bytes = cold.bytes;
  for (let i = 0; i < 5; i++) {
    const r = await render(script);
    warm.push(r.ms);
    bytes = r.bytes;
  }
  warm.sort((a, b) => a - b);
  console.log(
    `${script.name.padEnd(9)} ${ROWS} rows: ${(bytes / 1024).toFixed(1)} KiB, cold ${cold.ms.toFixed(0)} ms, warm median ${warm[2]!.toFixed(0)} ms`,
  );
}
