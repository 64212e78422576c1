/**
 * The XLSX of a whole dashboard (pure: tiles in, bytes out): one sheet per tile in reading order,
 * named after the tile (sheet-names.ts: unique, at most 31 characters, no character Excel refuses),
 * then "About". A report tile's sheet has a bold, frozen header of its column labels and the rows
 * exactly as the tile's preview shows them (numbers as numbers, instants as the preview's ISO text
 * with their offset in the report's zone), then a line saying how many rows of how many; a text
 * tile's sheet holds its text; a tile the reader may not open says so and shows nothing of it.
 * Small by nature (a tile holds at most a few thousand rows), so the workbook is built in memory.
 */
import ExcelJS from 'exceljs';
import { HEADER, LABEL, PLAIN, WARNING, text } from '../exports/writers/xlsx-cells.js';
import type { PdfTile } from './dashboard-pdf.js';
import { uniqueSheetNames } from './sheet-names.js';

export interface DashboardXlsxInput {
  name: string;
  tenantId: string;
  generatedAt: Date;
  rangeText: string;
  tiles: PdfTile[];
  /** Parameter values the tiles were read with, as words. */
  parameters: { label: string; value: string }[];
}

const numeric = (v: unknown): unknown => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && Math.abs(Number(v)) < 2 ** 53 ? Number(v) : v);

export async function dashboardXlsx(input: DashboardXlsxInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Reportcast';
  workbook.title = input.name;
  workbook.created = input.generatedAt;
  const names = uniqueSheetNames(input.tiles.map((t) => t.title), ['About']);
  input.tiles.forEach((tile, i) => {
    const sheet = workbook.addWorksheet(names[i]!);
    if (tile.kind === 'TEXT') {
      sheet.columns = [{ width: 100 }];
      sheet.addRow([text(tile.title)]).getCell(1).style = HEADER;
      sheet.addRow([text(tile.text ?? '')]).getCell(1).alignment = { wrapText: true, vertical: 'top' };
      return;
    }
    if (tile.kind === 'INACCESSIBLE') {
      sheet.addRow([text(tile.title)]).getCell(1).style = HEADER;
      sheet.addRow(['You cannot open this tile\'s report.']);
      return;
    }
    const columns = tile.columns ?? [];
    const rows = tile.rows ?? [];
    sheet.columns = columns.map((c) => ({ width: Math.min(60, Math.max(12, c.label.length + 2)) }));
    const header = sheet.addRow(columns.map((c) => text(c.label)));
    header.eachCell((cell) => { cell.style = HEADER; });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of rows) {
      sheet.addRow(columns.map((c, j) => {
        const v = row[j];
        if (v === null || v === undefined) return null;
        if (c.kind === 'NUMBER') return numeric(v);
        if (typeof v === 'boolean' || typeof v === 'number') return v;
        return text(v);
      }));
    }
    if (columns.length) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
    sheet.addRow([]);
    const total = tile.totalCount ?? rows.length;
    const note = sheet.addRow([`${rows.length} of ${total} rows${tile.period ? ` · ${tile.period}` : ''}`]);
    note.getCell(1).style = rows.length < total ? WARNING : PLAIN;
  });
  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 22 }, { width: 90 }];
  const add = (label: string, value: string) => {
    const row = about.addRow([label, text(value)]);
    row.getCell(1).style = LABEL;
  };
  add('Dashboard', input.name);
  add('Tenant', input.tenantId);
  add('Generated at', `${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} (UTC)`);
  add('Time range', input.rangeText);
  for (const p of input.parameters) add(p.label, p.value);
  input.tiles.forEach((tile, i) => add(`Sheet ${names[i]}`, tile.kind === 'REPORT'
    ? `${tile.title}: ${tile.rows?.length ?? 0} of ${tile.totalCount ?? tile.rows?.length ?? 0} rows${tile.period ? `, ${tile.period}` : ''}${tile.timeZone ? `; times in ${tile.timeZone}` : ''}`
    : tile.kind === 'TEXT' ? `${tile.title}: text` : `${tile.title}: not accessible`));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
