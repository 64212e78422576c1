import { describe, expect, it } from 'vitest';
import { describePlace, dragTile, moveTile, nextRow, resizeTile } from './grid-moves';

const tiles = [{ id: 'a', x: 0, y: 0, w: 6, h: 4 }, { id: 'b', x: 6, y: 0, w: 6, h: 4 }, { id: 'c', x: 0, y: 4, w: 4, h: 2 }];

describe('grid moves', () => {
  it('moves a tile into free space and refuses to cover another or leave the grid', () => {
    expect(moveTile(tiles, 'c', 1, 0).find((t) => t.id === 'c')).toEqual({ id: 'c', x: 1, y: 4, w: 4, h: 2 });
    expect(moveTile(tiles, 'c', 0, -1)).toEqual(tiles); // into a
    expect(moveTile(tiles, 'b', 1, 0)).toEqual(tiles); // past column 12
    expect(moveTile(tiles, 'a', -1, 0)).toEqual(tiles); // before column 1
    expect(moveTile(tiles, 'a', 0, -1)).toEqual(tiles); // above row 1
    expect(moveTile(tiles, 'c', 8, 0).find((t) => t.id === 'c')!.x).toBe(8);
  });

  it('resizes within the grid and never to nothing', () => {
    expect(resizeTile(tiles, 'c', 2, 1).find((t) => t.id === 'c')).toEqual({ id: 'c', x: 0, y: 4, w: 6, h: 3 });
    expect(resizeTile(tiles, 'a', 1, 0)).toEqual(tiles); // into b
    expect(resizeTile(tiles, 'c', -4, 0)).toEqual(tiles);
    expect(resizeTile(tiles, 'c', 0, -2)).toEqual(tiles);
    expect(resizeTile(tiles, 'c', 9, 0)).toEqual(tiles); // 13 columns
  });

  it('drags as far as the grid allows', () => {
    expect(dragTile(tiles, 'c', 20, 0, false).find((t) => t.id === 'c')!.x).toBe(8);
    expect(dragTile(tiles, 'c', 0, 3, true).find((t) => t.id === 'c')!.h).toBe(5);
    expect(dragTile(tiles, 'c', 0, 0, false)).toEqual(tiles);
  });

  it('knows the next free row and says where a tile is', () => {
    expect(nextRow(tiles)).toBe(6);
    expect(nextRow([])).toBe(0);
    expect(describePlace(tiles[1]!)).toBe('Columns 7 to 12 of 12, rows 1 to 4');
  });
});
