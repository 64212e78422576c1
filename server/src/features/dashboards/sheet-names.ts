/**
 * Worksheet names for a dashboard's XLSX, one per tile (pure). Excel refuses a workbook whose
 * sheet names are longer than 31 characters, contain any of `[ ] : * ? / \`, begin or end with an
 * apostrophe, are empty, equal "History" (reserved), or repeat another sheet's name in any case.
 * A tile's title is cleaned to fit; repeats get " (2)", " (3)"… within the 31 characters.
 */
const MAX = 31;
const FORBIDDEN = /[[\]:*?/\\\u0000-\u001f]/g;

/** Cut to `max` UTF-16 units without splitting a surrogate pair. */
function cut(name: string, max: number): string {
  if (name.length <= max) return name;
  const high = name.charCodeAt(max - 1);
  return name.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

export function sheetName(title: string, fallback: string): string {
  let name = title.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (!name || name.toLowerCase() === 'history') name = fallback;
  return cut(name, MAX).trim();
}

/** One name per title, in order, unique (case-insensitively) among themselves and `reserved`. */
export function uniqueSheetNames(titles: string[], reserved: string[] = []): string[] {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  return titles.map((title, i) => {
    const base = sheetName(title, `Tile ${i + 1}`);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${cut(base, MAX - suffix.length).trimEnd()}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}
