/**
 * The XLSX writer's native chart as a file: the parts Python's zipfile lists, the relationships and
 * content types that tie them together, the chart's references into sheet Data with the cached
 * values of those cells (compared with what exceljs reads from the cells), and the workbook still
 * loading in exceljs. LibreOffice drawing it: xlsx-chart.libreoffice.test.ts.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChartDefinition, ChartField, Visualization } from '@reportcast/charts';
import { createXlsxWriter } from './xlsx-writer.js';
import { collector, META } from './writer-test-kit.js';
import type { ExportColumn, ExportMeta, WriterOptions } from './writer.js';
import { pythonZipEntries } from './zip.test-kit.js';
import { find, one, parseXml, type Element } from './xml.test-kit.js';

const day: ChartField = { key: 'day', label: 'Day', kind: 'DATE', grain: 'DAY' };
const at: ChartField = { key: 'at', label: 'Hour', kind: 'DATETIME', grain: 'HOUR' };
const platform: ChartField = { key: 'platform', label: 'Platform', kind: 'STRING' };
const events: ChartField = { key: 'events', label: 'Events', kind: 'NUMBER' };
const users: ChartField = { key: 'users', label: 'Unique users', kind: 'NUMBER' };

const columnsOf = (d: ChartDefinition): ExportColumn[] => [...d.dimensions, ...d.measures].map((f) => ({ key: f.key, label: f.label, kind: f.kind }));

function dayRows(n: number): unknown[][] {
  return Array.from({ length: n }, (_, i) => {
    const date = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    return [date, 100 + ((i * 37) % 50), i % 7 === 3 ? null : 10 + (i % 9)];
  });
}

interface Written {
  parts: Map<string, string>;
  workbook: ExcelJS.Workbook;
}

async function write(definition: ChartDefinition, visualization: Visualization | null, rows: unknown[][], options: WriterOptions = {}, meta: Partial<ExportMeta> = {}): Promise<Written> {
  const sink = collector();
  const writer = createXlsxWriter({
    output: sink.output,
    columns: columnsOf(definition),
    meta: { ...META, totalRows: rows.length, ...meta },
    options,
    chart: { definition, visualization },
  });
  for (let i = 0; i < rows.length; i += 700) await writer.write(rows.slice(i, i + 700));
  await writer.finish();
  const bytes = sink.bytes();
  const parts = new Map(pythonZipEntries(bytes).map((e) => [e.name, Buffer.from(e.content!, 'base64').toString('utf8')]));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { parts, workbook };
}

function part(w: Written, name: string): Element {
  const xml = w.parts.get(name);
  expect(xml, name).toBeDefined();
  return parseXml(xml!);
}

/** The zip part of a sheet, by its name, through workbook.xml and its relationships. */
function sheetPart(w: Written, name: string): string {
  const sheet = find(part(w, 'xl/workbook.xml'), 'sheet').find((s) => s.attrs.name === name)!;
  const rel = part(w, 'xl/_rels/workbook.xml.rels').children.find((r) => r.attrs.Id === sheet.attrs.id)!;
  return `xl/${rel.attrs.Target!.replace(/^\/?xl\//, '')}`;
}

function relsOf(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash)}/_rels/${partName.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part's folder. */
function resolve(from: string, target: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Every relationship in the package points at a part that exists and has a content type. */
function expectPackageConsistent(w: Written): void {
  const types = part(w, '[Content_Types].xml');
  const overrides = new Map(types.children.filter((c) => c.tag === 'Override').map((c) => [c.attrs.PartName!.replace(/^\//, ''), c.attrs.ContentType!]));
  const defaults = new Map(types.children.filter((c) => c.tag === 'Default').map((c) => [c.attrs.Extension!, c.attrs.ContentType!]));
  for (const [name, xml] of w.parts) {
    if (!name.endsWith('.rels')) continue;
    // `xl/_rels/workbook.xml.rels` describes `xl/workbook.xml`; `_rels/.rels` the package root.
    const source = name.replace(/(^|\/)_rels\/([^/]*)\.rels$/, '$1$2');
    for (const rel of parseXml(xml).children) {
      if (rel.attrs.TargetMode === 'External') continue;
      const target = rel.attrs.Target!.startsWith('/') ? rel.attrs.Target!.slice(1) : resolve(source, rel.attrs.Target!);
      expect(w.parts.has(target), `${name} → ${target}`).toBe(true);
      expect(overrides.get(target) ?? defaults.get(target.split('.').pop()!), `content type of ${target}`).toBeDefined();
    }
  }
}

function formulas(chart: Element): string[] {
  return find(chart, 'f').map((f) => f.text);
}

describe('XLSX native chart: parts and references', () => {
  it('LINE over days: Chart sheet → drawing → chart over sheet Data, cached values equal to the cells, content types listed', async () => {
    const definition: ChartDefinition = { dimensions: [day], measures: [events, users] };
    const w = await write(definition, { type: 'LINE', xAxisLabel: 'Tag', yAxisLabel: 'Ereignisse' }, dayRows(30));
    expect(w.workbook.worksheets.map((s) => s.name)).toEqual(['Data', 'Chart', 'About']);
    for (const name of ['xl/charts/chart1.xml', 'xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels']) expect(w.parts.has(name), name).toBe(true);

    // The Chart sheet's <drawing r:id> names its relationship to the drawing, which names the chart.
    const chartSheet = sheetPart(w, 'Chart');
    const drawingId = one(part(w, chartSheet), 'drawing').attrs.id;
    const sheetRel = part(w, relsOf(chartSheet)).children.find((r) => r.attrs.Id === drawingId)!;
    expect(sheetRel.attrs.Type).toBe('http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing');
    expect(resolve(chartSheet, sheetRel.attrs.Target!)).toBe('xl/drawings/drawing1.xml');
    const chartId = one(part(w, 'xl/drawings/drawing1.xml'), 'chart').attrs.id;
    const drawingRel = part(w, 'xl/drawings/_rels/drawing1.xml.rels').children.find((r) => r.attrs.Id === chartId)!;
    expect(resolve('xl/drawings/drawing1.xml', drawingRel.attrs.Target!)).toBe('xl/charts/chart1.xml');
    const types = part(w, '[Content_Types].xml').children.map((c) => `${c.attrs.PartName}=${c.attrs.ContentType}`);
    expect(types).toContain('/xl/charts/chart1.xml=application/vnd.openxmlformats-officedocument.drawingml.chart+xml');
    expect(types).toContain('/xl/drawings/drawing1.xml=application/vnd.openxmlformats-officedocument.drawing+xml');
    expectPackageConsistent(w);

    const chart = part(w, 'xl/charts/chart1.xml');
    expect(find(chart, 'lineChart')).toHaveLength(1);
    expect(formulas(chart)).toEqual([
      "'Data'!$B$1", "'Data'!$A$2:$A$31", "'Data'!$B$2:$B$31",
      "'Data'!$C$1", "'Data'!$A$2:$A$31", "'Data'!$C$2:$C$31",
    ]);
    expect(find(one(chart, 'catAx'), 't').map((t) => t.text)).toEqual(['Tag']);
    expect(find(one(chart, 'valAx'), 't').map((t) => t.text)).toEqual(['Ereignisse']);

    // The caches hold what the cells hold: days as serials, numbers, blanks left out.
    const data = w.workbook.getWorksheet('Data')!;
    const [eventsSer, usersSer] = find(chart, 'ser');
    const cached = (e: Element) => new Map(find(e, 'pt').map((p) => [Number(p.attrs.idx), Number(one(p, 'v').text)]));
    const daySerials = cached(one(eventsSer!, 'cat'));
    const eventValues = cached(one(eventsSer!, 'val'));
    const userValues = cached(one(usersSer!, 'val'));
    for (let r = 2; r <= 31; r++) {
      const row = data.getRow(r);
      expect(daySerials.get(r - 2)).toBe((row.getCell(1).value as Date).getTime() / 86_400_000 + 25569);
      expect(eventValues.get(r - 2)).toBe(row.getCell(2).value);
      expect(userValues.get(r - 2)).toBe(row.getCell(3).value ?? undefined);
    }
    expect(userValues.size).toBe(26); // 4 blank cells
    expect(find(one(eventsSer!, 'cat'), 'formatCode')[0]!.text).toBe(data.getRow(2).getCell(1).numFmt);
    expect(w.workbook.getWorksheet('Chart')!.getRow(2).getCell(1).value).toBe('Chart of rows 2 to 31 of sheet Data: edit a number there and the chart follows.');
  });

  it('covers the first maxPoints rows of a larger export and says so in the title and on the sheet (in the run\'s locale)', async () => {
    const definition: ChartDefinition = { dimensions: [day], measures: [events] };
    const w = await write(definition, { type: 'AREA', maxPoints: 1000 }, dayRows(5000), {}, { locale: 'de-DE' });
    const chart = part(w, 'xl/charts/chart1.xml');
    expect(formulas(chart)).toEqual(["'Data'!$B$1", "'Data'!$A$2:$A$1001", "'Data'!$B$2:$B$1001"]);
    expect(find(one(chart, 'val'), 'pt')).toHaveLength(1000);
    const title = one(chart, 'chart').children.find((c) => c.tag === 'title')!;
    expect(find(title, 't').map((t) => t.text)).toEqual(['Events by Day', 'First 1.000 of 5.000 rows']);
    expect(w.workbook.getWorksheet('Chart')!.getRow(2).getCell(1).value).toBe('Chart of rows 2 to 1.001 (the first 1.000 of 5.000) of sheet Data: edit a number there and the chart follows.');
    expect(w.workbook.getWorksheet('Data')!.rowCount).toBe(5001);
  });

  it('never reaches past the first data sheet', async () => {
    const definition: ChartDefinition = { dimensions: [day], measures: [events] };
    const w = await write(definition, { type: 'LINE' }, dayRows(25), { xlsxRowsPerSheet: 10 });
    expect(w.workbook.worksheets.map((s) => s.name)).toEqual(['Data', 'Data (2)', 'Data (3)', 'Chart', 'About']);
    expect(formulas(part(w, 'xl/charts/chart1.xml'))).toEqual(["'Data'!$B$1", "'Data'!$A$2:$A$11", "'Data'!$B$2:$B$11"]);
  });

  it('BAR stacked over a category with the chosen series only; PIE/donut draws the first chosen measure', async () => {
    const definition: ChartDefinition = { dimensions: [platform], measures: [events, users] };
    const rows = [['web', 30, 3], ['ios', 20, 2], ['android', 10, 1]];
    const bar = part(await write(definition, { type: 'BAR', stacked: true, series: ['users'] }, rows), 'xl/charts/chart1.xml');
    expect(one(bar, 'grouping').attrs.val).toBe('stacked');
    expect(one(bar, 'overlap').attrs.val).toBe('100');
    expect(formulas(bar)).toEqual(["'Data'!$C$1", "'Data'!$A$2:$A$4", "'Data'!$C$2:$C$4"]);
    expect(find(one(bar, 'cat'), 'v').map((v) => v.text)).toEqual(['web', 'ios', 'android']);

    const donut = part(await write(definition, { type: 'PIE', donut: true }, rows), 'xl/charts/chart1.xml');
    expect(one(donut, 'holeSize').attrs.val).toBe('50');
    expect(find(donut, 'ser')).toHaveLength(1);
    expect(formulas(donut)).toEqual(["'Data'!$B$1", "'Data'!$A$2:$A$4", "'Data'!$B$2:$B$4"]);
    const pie = part(await write(definition, { type: 'PIE' }, rows), 'xl/charts/chart1.xml');
    expect(find(pie, 'pieChart')).toHaveLength(1);
  });

  it('without a dimension, the measures of the first row are the categories (their header cells)', async () => {
    const definition: ChartDefinition = { dimensions: [], measures: [events, users] };
    const w = await write(definition, null, [[1234, 56]]); // the default for several values: BAR
    const chart = part(w, 'xl/charts/chart1.xml');
    expect(formulas(chart)).toEqual(["'Data'!$A$1", "'Data'!$A$1:$B$1", "'Data'!$A$2:$B$2"]);
    expect(find(one(chart, 'cat'), 'v').map((v) => v.text)).toEqual(['Events', 'Unique users']);
    expect(find(one(chart, 'val'), 'v').map((v) => v.text)).toEqual(['1234', '56']);
  });

  it('DATETIME categories cache the wall time of the run\'s zone, as the cells hold it', async () => {
    const definition: ChartDefinition = { dimensions: [at], measures: [events] };
    const rows = [['2026-12-06 15:00:00', 1], ['2026-12-06 16:00:00', 2]];
    const w = await write(definition, { type: 'LINE' }, rows, {}, { timeZone: 'Asia/Tokyo' });
    const serials = find(one(part(w, 'xl/charts/chart1.xml'), 'cat'), 'v').map((v) => Number(v.text));
    // 15:00 UTC is midnight of Dec 7 in Tokyo.
    expect(serials[0]).toBeCloseTo(Date.UTC(2026, 11, 7, 0, 0) / 86_400_000 + 25569, 9);
    const cell = w.workbook.getWorksheet('Data')!.getRow(3).getCell(1).value as Date;
    expect(serials[1]).toBeCloseTo(cell.getTime() / 86_400_000 + 25569, 9);
  });

  it('NUMBER, TABLE and a report without measures draw no chart: no Chart sheet, no chart parts', async () => {
    for (const [definition, visualization] of [
      [{ dimensions: [day], measures: [events] }, { type: 'NUMBER' }],
      [{ dimensions: [day], measures: [events] }, { type: 'TABLE' }],
      [{ dimensions: [day, platform], measures: [] }, null],
    ] as [ChartDefinition, Visualization | null][]) {
      const w = await write(definition, visualization, definition.measures.length ? dayRows(3) : [['2026-01-01', 'web']]);
      expect(w.workbook.worksheets.map((s) => s.name)).toEqual(['Data', 'About']);
      expect([...w.parts.keys()].filter((n) => /chart|drawing/.test(n))).toEqual([]);
      expect(w.parts.get('[Content_Types].xml')).not.toContain('chart');
      expectPackageConsistent(w);
    }
  });

  it('user strings in every script, and markup, reach the chart and the sheet as written', async () => {
    const name = 'Q3 <Rapport> & "été" 東京 Αθήνα مرحبا 🎉';
    const label: ChartField = { key: 'city', label: 'Город <city>', kind: 'STRING' };
    const measure: ChartField = { key: 'n', label: '件数 & "count"', kind: 'NUMBER' };
    const definition: ChartDefinition = { dimensions: [label], measures: [measure] };
    const w = await write(definition, { type: 'BAR', yAxisLabel: 'عدد <n>' }, [['東京 🎉', 3], ['القاهرة', 2], ['<b>&amp;</b>', 1]], {}, { reportName: name });
    const chart = part(w, 'xl/charts/chart1.xml');
    expect(find(one(chart, 'cat'), 'v').map((v) => v.text)).toEqual(['東京 🎉', 'القاهرة', '<b>&amp;</b>']);
    expect(find(one(chart, 'valAx'), 't').map((t) => t.text)).toEqual(['عدد <n>']);
    expect(find(one(chart, 'catAx'), 't').map((t) => t.text)).toEqual(['Город <city>']);
    expect(find(one(one(chart, 'ser'), 'tx'), 'v').map((v) => v.text)).toEqual(['件数 & "count"']);
    expect(w.workbook.getWorksheet('Chart')!.getRow(1).getCell(1).value).toBe(name);
  });

  it('an empty result still gets a valid chart, titled as having no rows', async () => {
    const w = await write({ dimensions: [platform], measures: [events] }, { type: 'BAR' }, []);
    const chart = part(w, 'xl/charts/chart1.xml');
    const title = one(chart, 'chart').children.find((c) => c.tag === 'title')!;
    expect(find(title, 't').map((t) => t.text)).toEqual(['Events by Platform', 'No rows to chart']);
    expect(formulas(chart)).toEqual(["'Data'!$B$1", "'Data'!$A$2", "'Data'!$B$2"]);
    expectPackageConsistent(w);
  });
});

describe('XLSX native chart: a second dimension split into series through a formula block', () => {
  const definition: ChartDefinition = { dimensions: [day, platform], measures: [events, users] };
  /** 3 days × platforms, in the report's order (day, then platform); no ios row on day 2. */
  const rows: unknown[][] = [
    ['2026-01-01', 'web', 10, 1], ['2026-01-01', 'ios', 20, 2], ['2026-01-01', 'Web', 5, 1],
    ['2026-01-02', 'web', 11, 1],
    ['2026-01-03', 'web', 12, 1], ['2026-01-03', 'ios', 22, 2],
  ];

  it('one column per split value, SUMPRODUCT formulas over sheet Data with their results, #N/A where no row is; the chart draws the block', async () => {
    const w = await write(definition, { type: 'LINE' }, rows);
    const sheet = w.workbook.getWorksheet('Chart')!;
    expect(sheet.getRow(31).getCell(1).value).toBe('What the chart draws: Events summed by Day and Platform from sheet Data (formulas: they follow its cells)');
    // 'Web' and 'web' are one value, as Excel's `=` compares text.
    expect([1, 2, 3].map((c) => sheet.getRow(32).getCell(c).value)).toEqual(['Day', 'web', 'ios']);
    expect([33, 34, 35].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'), new Date('2026-01-03T00:00:00Z')]);
    const web = sheet.getRow(33).getCell(2);
    expect(web.formula).toBe("IF(SUMPRODUCT(('Data'!$A$2:$A$7=$A33)*('Data'!$B$2:$B$7=B$32))=0,NA(),SUMPRODUCT(('Data'!$A$2:$A$7=$A33)*('Data'!$B$2:$B$7=B$32),'Data'!$C$2:$C$7))");
    expect([33, 34, 35].map((r) => sheet.getRow(r).getCell(2).result)).toEqual([15, 11, 12]);
    expect([33, 35].map((r) => sheet.getRow(r).getCell(3).result)).toEqual([20, 22]);
    expect(sheet.getRow(34).getCell(3).value).toEqual({ error: '#N/A' }); // no ios row that day: a value, no formula

    const chart = part(w, 'xl/charts/chart1.xml');
    expect(formulas(chart)).toEqual([
      "'Chart'!$B$32", "'Chart'!$A$33:$A$35", "'Chart'!$B$33:$B$35",
      "'Chart'!$C$32", "'Chart'!$A$33:$A$35", "'Chart'!$C$33:$C$35",
    ]);
    const [webSer, iosSer] = find(chart, 'ser');
    const cache = (e: Element) => find(one(e, 'val'), 'pt').map((p) => [p.attrs.idx, one(p, 'v').text]);
    expect(cache(webSer!)).toEqual([['0', '15'], ['1', '11'], ['2', '12']]);
    expect(cache(iosSer!)).toEqual([['0', '20'], ['2', '22']]); // a gap, as the builder draws it
    const title = one(chart, 'chart').children.find((c) => c.tag === 'title')!;
    expect(find(title, 't').map((t) => t.text)).toEqual(['Events by Day and Platform']);
    expectPackageConsistent(w);
  });

  it('past MAX_SPLIT_SERIES values: the 11 largest, then Other summing the rest by MATCH against the header', async () => {
    const many = Array.from({ length: 14 }, (_, i) => ['2026-01-01', `p${i}`, i + 1, 1]);
    const w = await write(definition, { type: 'BAR', stacked: true }, many);
    const header = w.workbook.getWorksheet('Chart')!.getRow(32);
    const names = Array.from({ length: 13 }, (_, i) => header.getCell(i + 1).value);
    expect(names).toEqual(['Day', ...Array.from({ length: 11 }, (_, i) => `p${i + 3}`), 'Other']);
    const other = w.workbook.getWorksheet('Chart')!.getRow(33).getCell(13);
    expect(other.formula).toContain("ISNA(MATCH('Data'!$B$2:$B$15,$B$32:$L$32,0))");
    expect(other.result).toBe(1 + 2 + 3);
    expect(find(part(w, 'xl/charts/chart1.xml'), 'ser')).toHaveLength(12);
  });

  it('a pie sums the second dimension away: one column, slices of the first dimension', async () => {
    const w = await write({ dimensions: [platform, day], measures: [events] }, { type: 'PIE' }, [
      ['web', '2026-01-01', 10], ['web', '2026-01-02', 5], ['ios', '2026-01-01', 7],
    ]);
    const sheet = w.workbook.getWorksheet('Chart')!;
    expect([1, 2].map((c) => sheet.getRow(32).getCell(c).value)).toEqual(['Platform', 'Events']);
    expect([33, 34].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(2).result])).toEqual([['web', 15], ['ios', 7]]);
    const chart = part(w, 'xl/charts/chart1.xml');
    expect(formulas(chart)).toEqual(["'Chart'!$B$32", "'Chart'!$A$33:$A$34", "'Chart'!$B$33:$B$34"]);
  });
});
