import { describe, expect, it } from 'vitest';
import { sheetName, uniqueSheetNames } from './sheet-names.js';

describe('dashboard sheet names', () => {
  it('drops the characters Excel refuses and cuts to 31', () => {
    expect(sheetName('Sales [EU]: a/b\\c*d?e', 'x')).toBe('Sales EU a b c d e');
    const long = sheetName('Weekly performance · usage events by platform and day', 'x');
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).toBe('Weekly performance · usage even');
    expect(sheetName("'quoted'", 'x')).toBe('quoted');
    expect(sheetName('   ', 'Tile 3')).toBe('Tile 3');
    expect(sheetName('history', 'Tile 1')).toBe('Tile 1');
  });

  it('never splits an emoji at the cut', () => {
    const name = sheetName(`${'a'.repeat(30)}😀`, 'x');
    expect(name).toBe('a'.repeat(30));
  });

  it('makes repeats unique in any case, also against reserved names, within 31 characters', () => {
    const names = uniqueSheetNames(['Events', 'events', 'EVENTS', 'About', 'x'.repeat(40), 'x'.repeat(40)], ['About']);
    expect(names).toEqual(['Events', 'events (2)', 'EVENTS (3)', 'About (2)', 'x'.repeat(31), `${'x'.repeat(27)} (2)`]);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });
});
