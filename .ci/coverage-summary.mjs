// Prints the server's line coverage from coverage/coverage-summary.json (vitest --coverage,
// json-summary reporter) and the modules under 80 % of lines, worst first. Informational: exits 0.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const summary = JSON.parse(readFileSync(resolve(root, 'coverage/coverage-summary.json'), 'utf8'));
const { total, ...files } = summary;
const pct = (l) => `${l.pct.toFixed(1)} % (${l.covered}/${l.total} lines)`;
console.log(`Server line coverage: ${pct(total.lines)}; goal > 85 %`);
const low = Object.entries(files)
  .filter(([, f]) => f.lines.total > 0 && f.lines.pct < 80)
  .sort(([, a], [, b]) => a.lines.pct - b.lines.pct);
if (low.length) {
  console.log(`Modules under 80 % of lines (${low.length}):`);
  for (const [file, f] of low) console.log(`  ${f.lines.pct.toFixed(1).padStart(5)} %  ${relative(root, file)}`);
}
