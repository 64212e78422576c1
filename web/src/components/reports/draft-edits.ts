/**
 * Edits that keep a draft consistent with itself. Pure.
 *
 * A sort names an output column by its key (an alias, or a name derived from the column); renaming
 * that column (typing an alias, changing a measure's function) would silently leave the sort on a
 * name that no longer exists. When an edit keeps the same dimensions and measures in the same
 * places and only their keys change, the sort follows the rename.
 */
import { dimensionKey, measureKey, type Draft, type DraftOrder } from './model';

function keysByPosition(d: Draft): string[] {
  return [...d.dimensions.map((x) => (x.field ? dimensionKey(x) : '')), ...d.measures.map(measureKey)];
}

export function followRenamedKeys(before: Draft, after: Draft): Draft {
  if (after.orderBy.length === 0) return after;
  if (before.dimensions.length !== after.dimensions.length || before.measures.length !== after.measures.length) return after;
  const oldKeys = keysByPosition(before);
  const newKeys = keysByPosition(after);
  const renamed = new Map<string, string>();
  oldKeys.forEach((k, i) => { if (k && newKeys[i] && k !== newKeys[i]) renamed.set(k, newKeys[i]!); });
  if (renamed.size === 0) return after;
  // Only keys the old draft had and the new one lost: a key that still exists elsewhere stays put.
  const stillThere = new Set(newKeys);
  let changed = false;
  const orderBy: DraftOrder[] = after.orderBy.map((o) => {
    const to = renamed.get(o.key);
    if (!to || stillThere.has(o.key)) return o;
    changed = true;
    return { ...o, key: to };
  });
  return changed ? { ...after, orderBy } : after;
}

/** Whether switching tables would throw away anything the user built. */
export function hasTableSpecificWork(d: Draft): boolean {
  return d.dimensions.length > 0 || d.measures.length > 0 || d.filters.length > 0 || d.orderBy.length > 0;
}

/** The definition's order after a click on a preview column: first click sorts by it, the next flips it. */
export function sortByColumn(orderBy: DraftOrder[], key: string, numeric: boolean): DraftOrder[] {
  const first = orderBy[0];
  if (first?.key === key) return [{ key, direction: first.direction === 'ASC' ? 'DESC' : 'ASC' }, ...orderBy.slice(1)];
  // Numbers are most often wanted largest first; names and dates in reading order.
  return [{ key, direction: numeric ? 'DESC' : 'ASC' }, ...orderBy.filter((o) => o.key !== key)];
}
