// Rewrites test/durations.json (read by test/support/sequencer.ts) from a vitest JSON report of a
// full run: `pnpm vitest run --reporter=json --outputFile=/tmp/report.json`, then
// `node test/support/update-durations.mjs /tmp/report.json`. Seconds per file, rounded; only the
// order matters, so a loaded machine's figures do as long as they come from one run.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const rows = report.testResults
  .map((r) => [relative(root, r.name).split('\\').join('/'), Math.max(0, (r.endTime - r.startTime) / 1000)])
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const table = Object.fromEntries(rows.map(([path, s]) => [path, Math.round(s * 10) / 10]));
writeFileSync(new URL('../durations.json', import.meta.url), `${JSON.stringify(table, null, 2)}\n`);
console.log(`test/durations.json: ${rows.length} files, ${Math.round(rows.reduce((t, [, s]) => t + s, 0))} s in all`);
