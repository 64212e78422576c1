/**
 * Charts in the PDF: every chart type drawn from the report's visualization as vectors, its labels
 * real text in the embedded fonts (pdfjs finds axis labels and category names, Japanese included).
 * KEEP_PDFS=1 keeps the files (and PNGs rendered by pdftoppm where poppler exists) for a look.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visualization } from '@reportcast/charts';
import { pdfContent, poppler } from '../../../../../test/support/pdf-text.js';
import { chartFromColumns, withScriptRuns } from './pdf-chart.js';
import { createPdfWriter } from './pdf-writer.js';
import type { ExportColumn, ExportMeta } from './writer.js';

const META: ExportMeta = {
  reportName: 'Chart check',
  tenantId: 'acme',
  generatedAt: new Date('2026-12-06T09:00:00Z'),
  timeZone: 'Asia/Tokyo',
  parameters: [],
  rowLimit: 1000,
  totalRows: 0,
  truncated: false,
};

const BY_CITY: ExportColumn[] = [
  { key: 'city', label: 'City', kind: 'STRING' },
  { key: 'events', label: 'Events', kind: 'NUMBER' },
  { key: 'users', label: 'Users', kind: 'NUMBER' },
];
const CITY_ROWS = [['東京', 420, 30], ['Paris', 310, 25], ['Αθήνα', 150, 12], ['New York', 280, 20]];

async function render(columns: ExportColumn[], rows: unknown[][], visualization: Visualization | null, name: string): Promise<{ text: string; pdf: Buffer }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const chart = { ...chartFromColumns(columns), visualization };
  const writer = createPdfWriter({ output, columns, meta: { ...META, reportName: name, totalRows: rows.length }, options: {}, chart });
  await writer.write(rows);
  await writer.finish();
  const pdf = Buffer.concat(chunks);
  if (process.env.KEEP_PDFS) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.pdf`);
    await writeFile(file, pdf);
    if (poppler) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', file, file.replace(/\.pdf$/, '')]);
  }
  return { text: (await pdfContent(pdf)).text, pdf };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-chart-test-'));
});
afterAll(async () => {
  if (process.env.KEEP_PDFS) console.log(`PDFs kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
});

/** The page-1 text above the table's header line (the chart's text), so table cells cannot satisfy a check. */
function chartText(text: string): string {
  const header = text.search(/^[ \t]*(?:City[ \t]+Events[ \t]+Users|Day[ \t]+Events|Hour[ \t]+Events)[ \t]*$/m);
  expect(header).toBeGreaterThan(0);
  return text.slice(0, header);
}

describe('PDF charts', () => {
  it('a bar chart: caption, axis names, category labels (Japanese and Greek) and value ticks are text', async () => {
    const { text } = await render(BY_CITY, CITY_ROWS, { type: 'BAR', yAxisLabel: 'Events per city' }, 'Bar chart');
    const chart = chartText(text);
    expect(chart).toContain('Events, Users by City');
    for (const label of ['東京', 'Paris', 'Αθήνα', 'New York', 'Events per city']) expect(chart).toContain(label);
    expect(chart).toMatch(/\b400\b/); // a y-axis tick
    expect(chart).toMatch(/Events\s+Users/); // the legend
  });

  it('a donut: slice labels with their shares, the Japanese one included', async () => {
    const { text } = await render(BY_CITY, CITY_ROWS, { type: 'PIE', donut: true }, 'Pie chart');
    const chart = chartText(text);
    expect(chart).toMatch(/^Events by City$/m);
    // 420 / 1160 = 36.21%
    expect(chart).toMatch(/東京:\s*36\.21%/);
    expect(chart).toMatch(/Αθήνα:\s*12\.93%/);
  });

  it('a line over hour buckets labels the axis in the run\'s zone and states when it covers only the first rows', async () => {
    const columns: ExportColumn[] = [{ key: 'hour', label: 'Hour', kind: 'DATETIME' }, { key: 'events', label: 'Events', kind: 'NUMBER' }];
    // 15:00 UTC is midnight in Tokyo; 30 hours, of which the chart covers 12.
    const rows = Array.from({ length: 30 }, (_, i) => [new Date(Date.UTC(2026, 11, 5, 15 + i)).toISOString().slice(0, 19).replace('T', ' '), 10 + i]);
    const { text } = await render(columns, rows, { type: 'LINE', maxPoints: 12 }, 'Line chart');
    const chart = chartText(text);
    expect(chart).toContain('First 12 of 30 rows');
    expect(chart).toMatch(/00:00/);
    expect(chart).not.toMatch(/15:00/);
  });

  it('AREA, NUMBER and TABLE: drawn, drawn large, not drawn', async () => {
    const columns: ExportColumn[] = [{ key: 'day', label: 'Day', kind: 'DATE' }, { key: 'events', label: 'Events', kind: 'NUMBER' }];
    const rows = [['2026-12-01', 5], ['2026-12-02', 9], ['2026-12-03', 7]];
    const area = await render(columns, rows, { type: 'AREA', xAxisLabel: '日付' }, 'Area chart');
    expect(chartText(area.text)).toMatch(/Dec 1\s+Dec 2\s+Dec 3/);
    expect(chartText(area.text)).toContain('日付');
    const kpi = await render([{ key: 'events', label: 'Events', kind: 'NUMBER' }], [[1234567]], null, 'Number chart');
    expect(kpi.text.slice(0, kpi.text.indexOf('Page 1'))).toMatch(/1,234,567/);
    const table = await render(columns, rows, { type: 'TABLE' }, 'Table only');
    expect(table.text).not.toContain('Events by Day');
  });
});

describe('withScriptRuns', () => {
  it('splits each label into runs, each in the family of its face, XML escaped', () => {
    const svg = '<svg><text x="1" style="font-family:Noto Sans;">東京 &amp; Tokyo</text><text>plain</text><text></text></svg>';
    expect(withScriptRuns(svg)).toBe(
      '<svg><text x="1" style="font-family:Noto Sans;"><tspan style="font-family:rc-jp">東京 </tspan><tspan style="font-family:rc-sans">&amp; Tokyo</tspan></text>' +
        '<text><tspan style="font-family:rc-sans">plain</tspan></text><text></text></svg>',
    );
    // A stroked halo under a label (pie labels) would be painted over it by svg-to-pdfkit: dropped.
    expect(withScriptRuns('<text fill="#333" stroke="rgb(255,255,255)" stroke-width="2" paint-order="stroke" stroke-miterlimit="2">a</text>'))
      .toBe('<text fill="#333"><tspan style="font-family:rc-sans">a</tspan></text>');
  });
});
