/**
 * Moving and resizing tiles on the dashboard's 12-column grid while editing (pure). A move or a
 * resize that would leave the grid or cover another tile is refused (the tiles come back
 * unchanged), so the layout is always one the server accepts.
 */
export const GRID_COLUMNS = 12;
export const MAX_TILE_HEIGHT = 24;

export interface Placed { id: string; x: number; y: number; w: number; h: number }

const overlap = (a: Placed, b: Placed) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function place<T extends Placed>(tiles: readonly T[], id: string, next: (t: T) => Placed): T[] {
  const tile = tiles.find((t) => t.id === id);
  if (!tile) return [...tiles];
  const moved = { ...tile, ...next(tile) };
  const fits = moved.x >= 0 && moved.y >= 0 && moved.w >= 1 && moved.h >= 1 && moved.h <= MAX_TILE_HEIGHT && moved.x + moved.w <= GRID_COLUMNS;
  if (!fits || tiles.some((t) => t.id !== id && overlap(t, moved))) return [...tiles];
  return tiles.map((t) => (t.id === id ? moved : t));
}

/** The tile `dx` columns right and `dy` rows down, when that spot is free. */
export function moveTile<T extends Placed>(tiles: readonly T[], id: string, dx: number, dy: number): T[] {
  return place(tiles, id, (t) => ({ ...t, x: t.x + dx, y: t.y + dy }));
}

/** The tile `dw` columns wider and `dh` rows taller (negative: smaller), when it still fits. */
export function resizeTile<T extends Placed>(tiles: readonly T[], id: string, dw: number, dh: number): T[] {
  return place(tiles, id, (t) => ({ ...t, w: t.w + dw, h: t.h + dh }));
}

/**
 * A pointer drag of `dx`/`dy` cells: as far along the way as the grid allows, trying the whole step
 * first, then shorter ones (so a drag past the edge stops at the edge).
 */
export function dragTile<T extends Placed>(tiles: readonly T[], id: string, dx: number, dy: number, resize: boolean): T[] {
  const step = resize ? resizeTile : moveTile;
  for (let k = Math.max(Math.abs(dx), Math.abs(dy)); k >= 1; k--) {
    const sx = Math.abs(dx) >= k ? Math.sign(dx) * k : dx;
    const sy = Math.abs(dy) >= k ? Math.sign(dy) * k : dy;
    const out = step(tiles, id, sx, sy);
    if (out.some((t, i) => t !== tiles[i])) return out;
  }
  return [...tiles];
}

/** The first free row under every tile, for a new tile. */
export function nextRow(tiles: readonly Placed[]): number {
  return tiles.reduce((m, t) => Math.max(m, t.y + t.h), 0);
}

/** What a keyboard move does, for the live region. */
export function describePlace(t: Placed): string {
  return `Columns ${t.x + 1} to ${t.x + t.w} of ${GRID_COLUMNS}, rows ${t.y + 1} to ${t.y + t.h}`;
}
