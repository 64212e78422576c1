import { describe, expect, it } from 'vitest';
import { checkTiles, flowLayout, GRID_COLUMNS, overlaps, readingOrder, type Tile } from './layout.js';

const REPORT = '0b6f5a52-2d7b-4c1e-9a43-0f1a9b6f4c11';
const report = (x: number, y: number, w: number, h: number): Partial<Tile> => ({ kind: 'REPORT', reportId: REPORT, x, y, w, h });

describe('checkTiles', () => {
  it('accepts tiles that fill the 12 columns without overlapping, and gives new tiles ids', () => {
    const result = checkTiles([report(0, 0, 6, 4), report(6, 0, 6, 4), { kind: 'TEXT', text: '  Notes 東京 ✓ ', x: 0, y: 4, w: 12, h: 1 }], 'input.tiles');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.tiles.map((t) => t.id)).toHaveLength(3);
    expect(new Set(result.tiles.map((t) => t.id)).size).toBe(3);
    expect(result.tiles[2]!.text).toBe('Notes 東京 ✓');
  });

  it('refuses a tile past the 12th column, with its path', () => {
    const result = checkTiles([report(0, 0, 6, 4), report(8, 0, 6, 4)], 'input.tiles');
    expect(result).toEqual({ ok: false, problems: [{ path: 'input.tiles.1.x', message: 'x + w must be at most 12 (the tile ends at column 14)' }] });
  });

  it('refuses sizes and positions outside the grid, every one named', () => {
    const result = checkTiles([report(-1, 0, 0, 4), report(0, -2, 13, 0), report(1.5, 0, 2, 25)], 'input.tiles');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(['input.tiles.0.w', 'input.tiles.0.x', 'input.tiles.1.h', 'input.tiles.1.w', 'input.tiles.1.y', 'input.tiles.2.h', 'input.tiles.2.x']);
  });

  it('refuses overlapping tiles and accepts tiles that only touch', () => {
    const touching = checkTiles([report(0, 0, 4, 2), report(4, 0, 4, 2), report(0, 2, 4, 2)], 't');
    expect(touching.ok).toBe(true);
    const overlapping = checkTiles([report(0, 0, 4, 2), report(3, 1, 4, 2)], 't');
    expect(overlapping).toEqual({ ok: false, problems: [{ path: 't.1', message: 'overlaps tile 0 (columns 0-3, rows 0-1)' }] });
  });

  it('needs a report on a report tile and text on a text tile, and refuses a duplicate id or a bad kind', () => {
    const id = '3d2f1f8e-33a4-4d77-8f6e-7b1f0c2a9d10';
    const result = checkTiles([
      { kind: 'REPORT', x: 0, y: 0, w: 2, h: 2 },
      { kind: 'TEXT', text: '   ', x: 2, y: 0, w: 2, h: 2 },
      { id, kind: 'TEXT', text: 'a', x: 4, y: 0, w: 2, h: 2 },
      { id, kind: 'TEXT', text: 'b', x: 6, y: 0, w: 2, h: 2 },
      { kind: 'IMAGE' as never, x: 8, y: 0, w: 2, h: 2 },
      { id: 'not-a-uuid', kind: 'TEXT', text: 'c', x: 10, y: 0, w: 2, h: 2 },
    ], 'input.tiles');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['input.tiles.0.reportId', 'input.tiles.1.text', 'input.tiles.3.id', 'input.tiles.4.kind', 'input.tiles.5.id']);
  });

  it('checks a visualization override', () => {
    const result = checkTiles([{ ...report(0, 0, 6, 4), visualization: { type: 'RADAR' as never } }], 'input.tiles');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('input.tiles.0.visualization.type');
  });
});

describe('overlaps', () => {
  it('finds every overlapping pair on a dense grid, exhaustively for two 2x2 tiles', () => {
    for (let ax = 0; ax <= GRID_COLUMNS - 2; ax++) {
      for (let bx = 0; bx <= GRID_COLUMNS - 2; bx++) {
        for (let by = 0; by <= 3; by++) {
          const share = Math.abs(ax - bx) < 2 && by < 2;
          expect(overlaps([{ x: ax, y: 0, w: 2, h: 2 }, { x: bx, y: by, w: 2, h: 2 }], 'p').length).toBe(share ? 1 : 0);
        }
      }
    }
  });
});

describe('readingOrder and flowLayout', () => {
  it('orders by row then column', () => {
    expect(readingOrder([{ x: 6, y: 0 }, { x: 0, y: 4 }, { x: 0, y: 0 }])).toEqual([{ x: 0, y: 0 }, { x: 6, y: 0 }, { x: 0, y: 4 }]);
  });
  it('flows tiles two per row for half-width tiles, never overlapping', () => {
    const placed = flowLayout(3, 6, 5);
    expect(placed).toEqual([{ x: 0, y: 0, w: 6, h: 5 }, { x: 6, y: 0, w: 6, h: 5 }, { x: 0, y: 5, w: 6, h: 5 }]);
    expect(overlaps(placed, 'p')).toEqual([]);
  });
});
