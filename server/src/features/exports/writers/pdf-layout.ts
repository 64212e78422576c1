/**
 * PDF page geometry and table planning: pure (no pdfkit, no I/O), so every rule here is tested
 * exhaustively on numbers (pdf-layout.test.ts).
 *
 * Glossary
 * - paper size: A4, LETTER or A3, in PDF points (1/72 inch), as pdfkit and ISO 216 / ANSI give them.
 * - orientation: PORTRAIT or LANDSCAPE. Not chosen: LANDSCAPE when the table is wide (more than
 *   WIDE_TABLE_COLUMNS columns), else PORTRAIT. "Wide" is decided on the column count, not on the
 *   measured widths, because page 1 (title, parameters) is drawn before the first row arrives.
 * - natural width: what a column needs to show its header's longest word and its sampled cells on
 *   one line, capped (maxColumnWidth) so one long text column cannot take the page: its text wraps.
 * - page group: the columns one page shows side by side. A table too wide for the page even shrunk
 *   to MIN_SCALE is split into groups; every group after the first repeats the key column (the
 *   first one, the report's first dimension) so each continuation page can be read on its own.
 * - scale: how much the table's font, padding and widths shrink so the whole table fits in one
 *   group (1 = no shrink; never below MIN_SCALE, past which columns wrap onto continuation pages).
 */

export const PAPER_SIZES = ['A4', 'LETTER', 'A3'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export const ORIENTATIONS = ['PORTRAIT', 'LANDSCAPE'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

/** Portrait width × height in points: ISO 216 A4/A3 (210×297 mm, 297×420 mm), ANSI Letter (8.5×11 in). */
const PAPER_POINTS: Record<PaperSize, readonly [number, number]> = {
  A4: [595.28, 841.89],
  LETTER: [612, 792],
  A3: [841.89, 1190.55],
};

/** A table with more columns than this is "wide": LANDSCAPE unless an orientation is given. */
export const WIDE_TABLE_COLUMNS = 6;
/** The smallest shrink applied to fit a table on one page width; a wider table wraps its columns. */
export const MIN_SCALE = 0.75;
/** No column is narrower than this (points), unless the page cannot hold even that. */
export const MIN_COL_WIDTH = 36;
/** A narrow table grows at most by this factor rather than spreading a few columns across the page. */
export const MAX_STRETCH = 1.8;

export interface PageSize {
  width: number;
  height: number;
}

/** The orientation a PDF is drawn in: the requested one, else LANDSCAPE for a wide table. */
export function pageOrientation(requested: Orientation | null | undefined, columnCount: number): Orientation {
  if (requested) return requested;
  return columnCount > WIDE_TABLE_COLUMNS ? 'LANDSCAPE' : 'PORTRAIT';
}

/** Page width and height in points (default A4). */
export function pageSize(paper: PaperSize | null | undefined, orientation: Orientation): PageSize {
  const [short, long] = PAPER_POINTS[paper ?? 'A4'];
  return orientation === 'LANDSCAPE' ? { width: long, height: short } : { width: short, height: long };
}

/**
 * The widest a column's natural width may be: 45 % of the table's width (at most 240 pt), so the
 * key column and any other column always fit side by side on a continuation page.
 */
export function maxColumnWidth(available: number): number {
  return Math.min(240, available * 0.45);
}

export interface TablePlan {
  /** Font, padding and width factor: 1, or down to MIN_SCALE when that fits the table on one page width. */
  scale: number;
  /** Column indices per page group; a group after the first starts with the key column 0. */
  groups: number[][];
  /** Each column's drawn width (points), the same in every group it appears in. */
  widths: number[];
}

/**
 * Decides how a table of columns with these natural widths fits `available` points:
 * 1. it fits: one group, widths stretched to fill (at most MAX_STRETCH, fitWidths);
 * 2. it fits shrunk to no less than MIN_SCALE: one group, everything scaled by available / total;
 * 3. else: columns wrap onto page groups at full size, each group as many columns as fit next to
 *    the repeated key column (greedy, in order; a column wider than what is left still gets a group
 *    of its own, narrowed to fit, since its text wraps).
 */
export function planTable(natural: number[], available: number): TablePlan {
  const n = natural.length;
  const all = natural.map((_, i) => i);
  const total = natural.reduce((a, b) => a + b, 0);
  if (n === 0 || total <= available) return { scale: 1, groups: [all], widths: fitWidths(natural, available) };
  if (total * MIN_SCALE <= available) {
    const scale = available / total;
    return { scale, groups: [all], widths: natural.map((w) => w * scale) };
  }
  const widths = [...natural];
  const key = natural[0]!;
  const groups: number[][] = [[0]];
  let used = key;
  for (let i = 1; i < n; i++) {
    const group = groups[groups.length - 1]!;
    const hasOwnColumn = group.length > 1;
    if (!hasOwnColumn || used + natural[i]! <= available) {
      group.push(i);
      used += natural[i]!;
    } else {
      groups.push([0, i]);
      used = key + natural[i]!;
    }
    // Only possible when the caller did not cap the widths (maxColumnWidth): narrow it to fit.
    if (used > available) {
      widths[i] = Math.max(1, available - key);
      used = available;
    }
  }
  return { scale: 1, groups, widths };
}

/** Distributes `available` width: natural widths when they fit (stretched to fill), else the widest
 * columns are capped at a common width ("water-filling") so narrow columns keep their full width. */
export function fitWidths(natural: number[], available: number): number[] {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) return natural.map((w) => w * Math.min(MAX_STRETCH, available / total));
  const floor = Math.min(MIN_COL_WIDTH, available / natural.length);
  const sorted = [...natural].sort((a, b) => a - b);
  let remaining = available;
  let capWidth = floor;
  for (let i = 0; i < sorted.length; i++) {
    const left = sorted.length - i;
    const share = remaining / left;
    if (sorted[i]! <= share) {
      remaining -= sorted[i]!;
    } else {
      capWidth = Math.max(floor, share);
      break;
    }
  }
  return natural.map((w) => Math.min(w, capWidth));
}

/**
 * What a continuation page says above its table: `columns 7–12 of 20 (continued)`; the first
 * group `columns 1–6 of 20`. Counts the report's columns, 1-based; the repeated key column is
 * not counted again. Null when the table has one group (nothing to say).
 */
export function groupCaption(groups: number[][], index: number, columnCount: number): string | null {
  if (groups.length < 2) return null;
  const own = groups[index]!.filter((c) => index === 0 || c !== 0);
  const first = Math.min(...own) + 1;
  const last = Math.max(...own) + 1;
  const range = first === last ? `column ${first}` : `columns ${first}–${last}`;
  return `${range} of ${columnCount}${index > 0 ? ' (continued)' : ''}`;
}
