/**
 * A dashboard's tiles on the 12-column grid (pure, no I/O): what a tile is, and the checks an
 * update's tiles pass before anything is written. Tiles are replaced as a whole, so the whole set
 * is checked at once: each inside the 12 columns, none overlapping another, ids unique.
 *
 * Glossary
 * - x, y: the tile's top-left cell (column 0..11, row 0..); w, h: its width in columns (1..12) and
 *   height in rows (1..MAX_TILE_HEIGHT). A tile covers columns [x, x + w) and rows [y, y + h).
 * - report tile: draws one saved report, with the report's chart unless `visualization` overrides it.
 * - text tile: plain text (no markup is interpreted), e.g. a heading or a note.
 */
import { randomUUID } from 'node:crypto';
import { validateVisualization, type Visualization } from '@reportcast/charts';

export const GRID_COLUMNS = 12;
export const MAX_TILE_HEIGHT = 24;
export const MAX_TILES = 60;
export const MAX_GRID_ROWS = 1000;
export const MAX_TEXT_LENGTH = 5000;
export const MAX_TITLE_LENGTH = 200;

export type TileKind = 'REPORT' | 'TEXT';

export interface Tile {
  id: string;
  kind: TileKind;
  /** REPORT: the report drawn. */
  reportId: string | null;
  /** Shown above the tile; a report tile without one shows the report's name. */
  title: string | null;
  /** TEXT: the text, shown as is. */
  text: string | null;
  /** REPORT: the chart instead of the report's own; null: the report's. */
  visualization: Visualization | null;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A tile as a caller sends it: anything may be missing (checked by checkTiles). */
export type TileInput = { [K in keyof Tile]?: Tile[K] | null };

export interface TileProblem {
  path: string;
  message: string;
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/**
 * Checks tiles as given (`path` is where they sit in the input, e.g. `input.tiles`) and returns
 * them normalized (trimmed text, a fresh id where none was given), or every problem found.
 */
export function checkTiles(input: readonly TileInput[], path: string): { ok: true; tiles: Tile[] } | { ok: false; problems: TileProblem[] } {
  const problems: TileProblem[] = [];
  if (input.length > MAX_TILES) problems.push({ path, message: `at most ${MAX_TILES} tiles` });
  const tiles: Tile[] = [];
  const ids = new Set<string>();
  input.forEach((raw, i) => {
    const at = `${path}.${i}`;
    const kind = raw.kind;
    if (kind !== 'REPORT' && kind !== 'TEXT') { problems.push({ path: `${at}.kind`, message: 'must be REPORT or TEXT' }); return; }
    const id = raw.id ?? randomUUID();
    if (!isUuid(id)) problems.push({ path: `${at}.id`, message: 'must be a UUID (or left out for a new tile)' });
    else if (ids.has(id.toLowerCase())) problems.push({ path: `${at}.id`, message: 'is used by another tile' });
    ids.add(id.toLowerCase());
    const { x, y, w, h } = raw;
    if (!isInt(w) || w < 1 || w > GRID_COLUMNS) problems.push({ path: `${at}.w`, message: `must be a whole number of columns from 1 to ${GRID_COLUMNS}` });
    if (!isInt(h) || h < 1 || h > MAX_TILE_HEIGHT) problems.push({ path: `${at}.h`, message: `must be a whole number of rows from 1 to ${MAX_TILE_HEIGHT}` });
    if (!isInt(x) || x < 0 || x > GRID_COLUMNS - 1) problems.push({ path: `${at}.x`, message: `must be a column from 0 to ${GRID_COLUMNS - 1}` });
    else if (isInt(w) && w >= 1 && w <= GRID_COLUMNS && x + w > GRID_COLUMNS) problems.push({ path: `${at}.x`, message: `x + w must be at most ${GRID_COLUMNS} (the tile ends at column ${x + w})` });
    if (!isInt(y) || y < 0 || y > MAX_GRID_ROWS) problems.push({ path: `${at}.y`, message: `must be a row from 0 to ${MAX_GRID_ROWS}` });
    const title = raw.title?.trim() || null;
    if (title && title.length > MAX_TITLE_LENGTH) problems.push({ path: `${at}.title`, message: `must be at most ${MAX_TITLE_LENGTH} characters` });
    let text: string | null = null;
    let reportId: string | null = null;
    let visualization: Visualization | null = null;
    if (kind === 'TEXT') {
      text = raw.text?.trim() ?? '';
      if (!text) problems.push({ path: `${at}.text`, message: 'a text tile needs its text' });
      else if (text.length > MAX_TEXT_LENGTH) problems.push({ path: `${at}.text`, message: `must be at most ${MAX_TEXT_LENGTH} characters` });
      if (raw.reportId) problems.push({ path: `${at}.reportId`, message: 'a text tile has no report' });
    } else {
      if (!raw.reportId) problems.push({ path: `${at}.reportId`, message: 'a report tile needs its report' });
      else reportId = raw.reportId;
      if (raw.visualization) {
        visualization = raw.visualization;
        // Series are checked against the report's measures by the service, which knows them.
        problems.push(...validateVisualization(visualization).map((p) => ({ path: `${at}.visualization.${p.path}`, message: p.message })));
      }
    }
    tiles.push({ id: typeof id === 'string' ? id.toLowerCase() : id, kind, reportId, title, text, visualization, x: x!, y: y!, w: w!, h: h! });
  });
  if (problems.length === 0) problems.push(...overlaps(tiles, path));
  return problems.length ? { ok: false, problems } : { ok: true, tiles };
}

/** Each pair of tiles sharing a cell, named at the later one. */
export function overlaps(tiles: readonly Pick<Tile, 'x' | 'y' | 'w' | 'h'>[], path: string): TileProblem[] {
  const problems: TileProblem[] = [];
  for (let j = 1; j < tiles.length; j++) {
    const b = tiles[j]!;
    for (let i = 0; i < j; i++) {
      const a = tiles[i]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) {
        problems.push({ path: `${path}.${j}`, message: `overlaps tile ${i} (columns ${a.x}-${a.x + a.w - 1}, rows ${a.y}-${a.y + a.h - 1})` });
        break;
      }
    }
  }
  return problems;
}

/** Tiles in reading order: by row, then by column (how they stack on a narrow screen and in the PDF). */
export function readingOrder<T extends Pick<Tile, 'x' | 'y'>>(tiles: readonly T[]): T[] {
  return [...tiles].sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Places `count` tiles of width `w`, left to right then downwards (for dashboards made from templates). */
export function flowLayout(count: number, w: number, h: number): Pick<Tile, 'x' | 'y' | 'w' | 'h'>[] {
  const perRow = Math.max(1, Math.floor(GRID_COLUMNS / w));
  return Array.from({ length: count }, (_, i) => ({ x: (i % perRow) * w, y: Math.floor(i / perRow) * h, w, h }));
}
