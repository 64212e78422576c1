import { describe, expect, it } from 'vitest';
import { paginate, type ConnectionPage } from './paginate.js';

/** A connection of `total` numbered items served `size` at a time, recording each `after` asked for. */
function connection(total: number, size: number) {
  const asked: (string | null)[] = [];
  const fetchPage = async (after: string | null): Promise<ConnectionPage<number>> => {
    asked.push(after);
    const start = after === null ? 0 : Number(after.slice(1)) + 1;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - start)) }, (_, i) => start + i);
    const edges = items.map((n) => ({ cursor: `c${n}`, node: n }));
    return { totalCount: total, edges, pageInfo: { hasNextPage: start + size < total, endCursor: edges.at(-1)?.cursor ?? null } };
  };
  return { asked, fetchPage };
}

describe('PageIterator', () => {
  it('walks every page lazily, exposing totalCount once a page came and the cursor of the last item yielded', async () => {
    const { asked, fetchPage } = connection(7, 3);
    const items = paginate(fetchPage);
    expect(items.totalCount).toBeUndefined();
    expect(items.cursor).toBeNull();
    expect(asked).toEqual([]); // nothing fetched before the loop asks
    const first = await items.next();
    expect(first).toEqual({ value: 0, done: false });
    expect(items.totalCount).toBe(7);
    expect(items.cursor).toBe('c0');
    expect(await items.toArray()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(asked).toEqual([null, 'c2', 'c5']);
    expect(items.cursor).toBe('c6');
  });

  it('resumes exactly after the last item a stopped loop saw, mid-page', async () => {
    const { fetchPage } = connection(10, 4);
    const seen: number[] = [];
    const walk = paginate(fetchPage);
    for await (const n of walk) {
      seen.push(n);
      if (n === 5) break;
    }
    const resumed = await paginate(fetchPage, walk.cursor).toArray();
    expect([...seen, ...resumed]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('ends on an empty connection and on a page without a next cursor', async () => {
    expect(await paginate(connection(0, 5).fetchPage).toArray()).toEqual([]);
    const once = paginate(async () => ({ edges: [{ cursor: 'x', node: 'a' }], pageInfo: { hasNextPage: true, endCursor: null } }));
    expect(await once.toArray()).toEqual(['a']);
  });
});
