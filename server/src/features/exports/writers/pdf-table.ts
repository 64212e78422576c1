/**
 * The PDF's table: column widths from a sample of rows, page groups and shrink (pdf-layout.ts),
 * cells wrapped within their width (rows grow; nothing is clipped or drawn past the page), and
 * pages filled band by band.
 *
 * Why bands: rows stream in, and a table split into page groups must show the same rows on each
 * group's page. Rows are therefore collected until one page (a band) is full, then the band is
 * drawn once per group: columns 1–6 on one page, then the same rows' columns 7–12 (key column
 * repeated) on the next, "columns 7–12 of 20 (continued)" above them. A row is as tall as its
 * tallest cell in ANY group, so a band fits every group's page and rows line up across them.
 * Memory: one page of formatted rows.
 *
 * A row taller than a whole page (a very long text) is split by lines across pages; its slices
 * keep the row's zebra shade.
 */
import type { PdfText } from './pdf-fonts.js';
import { MIN_COL_WIDTH, groupCaption, maxColumnWidth, planTable, type TablePlan } from './pdf-layout.js';

type Doc = PDFKit.PDFDocument;

/** Sizes at scale 1 (points); a shrunk table multiplies them all by its scale. */
const BODY_SIZE = 8.5;
const LINE_HEIGHT = 10.5;
const CELL_PAD = 5;
const ROW_PAD = 2.25;
const HEADER_PAD = 4;
const CAPTION_SIZE = 8;
const CAPTION_GAP = 14;

const COLORS = {
  text: '#1f2937',
  muted: '#6b7280',
  headerFill: '#e8edf3',
  headerRule: '#9aa7b8',
  zebra: '#f5f7fa',
};

export interface TableColumn {
  label: string;
  numeric: boolean;
}

export interface TableFrame {
  left: number;
  /** Width the table may take. */
  width: number;
  /** Where the table starts on the page it begins on (below page 1's header block and chart). */
  firstTop: number;
  /** Top of the table on every later page. */
  pageTop: number;
  /** No text or rule of the table goes below this. */
  bottom: number;
}

/** One row, or a slice of lines of one row too tall for a page. */
interface BandRow {
  /** Each column's lines in this slice. */
  lines: string[][];
  height: number;
  zebra: boolean;
}

export class PdfTable {
  private plan: TablePlan | undefined;
  private headerLines: string[][] = [];
  private headerHeight = 0;
  private band: BandRow[] = [];
  private bandTop: number;
  private bandUsed = 0;
  private rowIndex = 0;
  private firstBand = true;

  constructor(
    private readonly doc: Doc,
    private readonly txt: PdfText,
    private readonly columns: TableColumn[],
    private readonly frame: TableFrame,
    /** Ends the current page and opens the next (the writer compacts the page's content first). */
    private readonly newPage: () => void,
  ) {
    this.bandTop = frame.firstTop;
  }

  get laidOut(): boolean {
    return this.plan !== undefined;
  }

  /** Rows added so far (drawn, or waiting in the current band). */
  get rows(): number {
    return this.rowIndex;
  }

  /** The layout chosen (for tests and the writer's notes). */
  get layout(): TablePlan {
    if (!this.plan) throw new Error('PdfTable.layout before layOut()');
    return this.plan;
  }

  /** Decides widths, groups and shrink from the header labels and a sample of formatted rows. */
  layOut(sample: string[][]): void {
    const { doc, txt, frame } = this;
    doc.fontSize(BODY_SIZE);
    const cap = maxColumnWidth(frame.width);
    const natural = this.columns.map((c, i) => {
      let w = Math.max(longestWordWidth(txt, c.label), Math.min(txt.width(c.label, true), 110));
      for (const row of sample) w = Math.max(w, txt.width(row[i]!));
      return Math.min(cap, Math.max(MIN_COL_WIDTH, w + 2 * CELL_PAD + 1));
    });
    const plan = planTable(natural, frame.width);
    this.plan = plan;
    const s = plan.scale;
    doc.fontSize(BODY_SIZE * s);
    this.headerLines = this.columns.map((c, i) => this.wrap(c.label, plan.widths[i]! - 2 * CELL_PAD * s, true));
    const lines = Math.max(1, ...this.headerLines.map((l) => l.length));
    this.headerHeight = lines * LINE_HEIGHT * s + 2 * HEADER_PAD * s;
  }

  /** Adds one formatted row; draws the band (on every group's page) when the page is full. */
  add(cells: string[]): void {
    const plan = this.layout;
    const s = plan.scale;
    this.doc.fontSize(BODY_SIZE * s);
    const lines = cells.map((text, i) => this.wrap(text, plan.widths[i]! - 2 * CELL_PAD * s, false));
    const zebra = this.rowIndex % 2 === 1;
    this.rowIndex++;
    let from = 0;
    const total = Math.max(1, ...lines.map((l) => l.length));
    while (from < total) {
      if (this.band.length === 0) this.startBand();
      const room = this.frame.bottom - this.bandTop - this.chrome() - this.bandUsed;
      const fresh = this.frame.bottom - this.frame.pageTop - this.chrome();
      const fits = Math.floor((room - 2 * ROW_PAD * s) / (LINE_HEIGHT * s));
      const freshFits = Math.max(1, Math.floor((fresh - 2 * ROW_PAD * s) / (LINE_HEIGHT * s)));
      const left = total - from;
      // Whole when it fits here; on a new page when it fits there; else split across pages.
      if (left > fits && (left <= freshFits || fits < 1) && this.band.length > 0) {
        this.flush();
        continue;
      }
      const take = Math.min(left, Math.max(1, fits));
      const height = take * LINE_HEIGHT * s + 2 * ROW_PAD * s;
      this.band.push({ lines: lines.map((l) => l.slice(from, from + take)), height, zebra });
      this.bandUsed += height;
      from += take;
      if (from < total) this.flush();
    }
  }

  /** Draws what is left; with no row at all, the header and `emptyMessage`. */
  finish(emptyMessage: string): void {
    if (this.band.length > 0) this.flush();
    else if (this.rowIndex === 0) {
      this.startBand();
      this.flush(emptyMessage);
    }
  }

  /** Space above the rows: the group caption (when the table has several groups) and the header. */
  private chrome(): number {
    return (this.layout.groups.length > 1 ? CAPTION_GAP : 0) + this.headerHeight;
  }

  /** The first band starts below page 1's header block, unless not even one row fits there. */
  private startBand(): void {
    const s = this.layout.scale;
    if (this.firstBand) {
      const oneRow = LINE_HEIGHT * s + 2 * ROW_PAD * s;
      if (this.frame.firstTop + this.chrome() + oneRow > this.frame.bottom) {
        this.newPage();
        this.bandTop = this.frame.pageTop;
        this.firstBand = false;
      }
    } else {
      this.newPage();
      this.bandTop = this.frame.pageTop;
    }
    this.bandUsed = 0;
  }

  /** Draws the band's rows once per page group (a new page for each group after the first). */
  private flush(emptyMessage?: string): void {
    const plan = this.layout;
    plan.groups.forEach((group, g) => {
      let y = g === 0 ? this.bandTop : this.frame.pageTop;
      if (g > 0) this.newPage();
      const caption = groupCaption(plan.groups, g, this.columns.length);
      if (caption) {
        this.doc.fontSize(CAPTION_SIZE).fillColor(COLORS.muted);
        this.txt.draw(caption, this.frame.left, y);
        y += CAPTION_GAP;
      }
      y = this.drawHeader(group, y);
      for (const row of this.band) y = this.drawRow(group, row, y);
      if (emptyMessage && g === 0) {
        this.doc.fontSize(9.5).fillColor(COLORS.muted);
        this.txt.draw(emptyMessage, this.frame.left + CELL_PAD, y + 4);
      }
    });
    this.band = [];
    this.bandUsed = 0;
    this.firstBand = false;
  }

  private groupWidth(group: number[]): number {
    return group.reduce((sum, c) => sum + this.layout.widths[c]!, 0);
  }

  private drawHeader(group: number[], top: number): number {
    const { doc, txt, frame } = this;
    const { widths, scale: s } = this.layout;
    const width = this.groupWidth(group);
    doc.rect(frame.left, top, width, this.headerHeight).fillColor(COLORS.headerFill).fill();
    doc.moveTo(frame.left, top + this.headerHeight).lineTo(frame.left + width, top + this.headerHeight);
    doc.lineWidth(0.75).strokeColor(COLORS.headerRule).stroke();
    doc.fontSize(BODY_SIZE * s).fillColor(COLORS.text);
    let x = frame.left;
    for (const c of group) {
      const lines = this.headerLines[c]!;
      // Bottom-aligned, so single-line labels share a baseline with wrapped ones.
      let ly = top + this.headerHeight - HEADER_PAD * s - lines.length * LINE_HEIGHT * s + 1.5 * s;
      for (const line of lines) {
        const tx = this.columns[c]!.numeric ? x + widths[c]! - CELL_PAD * s - txt.width(line, true) : x + CELL_PAD * s;
        txt.draw(line, tx, ly, true);
        ly += LINE_HEIGHT * s;
      }
      x += widths[c]!;
    }
    return top + this.headerHeight;
  }

  private drawRow(group: number[], row: BandRow, top: number): number {
    const { doc, txt, frame } = this;
    const { widths, scale: s } = this.layout;
    if (row.zebra) doc.rect(frame.left, top, this.groupWidth(group), row.height).fillColor(COLORS.zebra).fill();
    doc.fontSize(BODY_SIZE * s).fillColor(COLORS.text);
    let x = frame.left;
    for (const c of group) {
      let ly = top + ROW_PAD * s + 1.5 * s;
      for (const line of row.lines[c]!) {
        const tx = this.columns[c]!.numeric ? x + widths[c]! - CELL_PAD * s - txt.width(line) : x + CELL_PAD * s;
        txt.draw(line, tx, ly);
        ly += LINE_HEIGHT * s;
      }
      x += widths[c]!;
    }
    return top + row.height;
  }

  private wrap(text: string, width: number, bold: boolean): string[] {
    return cellLines(this.txt, text, width, bold);
  }
}

/**
 * A cell's text in lines of at most `width` points at the document's current font size, measured
 * with the embedded fonts run by run (PdfText.wrap: at spaces, else anywhere, as in Japanese or a
 * long identifier). Nothing is dropped: no ellipsis, no line limit. Empty text has no line.
 */
export function cellLines(txt: PdfText, text: string, width: number, bold = false): string[] {
  if (text === '') return [];
  if (txt.width(text, bold) <= width) return [text];
  return txt.wrap(text, width, bold);
}

function longestWordWidth(txt: PdfText, text: string): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => txt.width(w, true)));
}
