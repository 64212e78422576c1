/**
 * Walks a Relay connection item by item; the next page is fetched only when the loop needs it.
 * The iterator is resumable: `cursor` is the position of the last item it yielded, so a loop that
 * stopped (a `break`, a crash, another process) continues with `list({ after: cursor })` exactly
 * after that item. `totalCount` is what the server counted across all pages, once a page came.
 */
export interface ConnectionPage<N> {
  totalCount?: number;
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export class PageIterator<N> implements AsyncIterableIterator<N> {
  /** The cursor of the last item yielded (the `after` it started from until then). */
  cursor: string | null;
  /** Items across all pages, as the first page fetched said; undefined until then. */
  totalCount: number | undefined = undefined;
  private readonly walk: AsyncGenerator<N, void, undefined>;

  constructor(fetchPage: (after: string | null) => Promise<ConnectionPage<N>>, after: string | null = null) {
    this.cursor = after;
    this.walk = this.pages(fetchPage);
  }

  private async *pages(fetchPage: (after: string | null) => Promise<ConnectionPage<N>>): AsyncGenerator<N, void, undefined> {
    let after = this.cursor;
    for (;;) {
      const page: ConnectionPage<N> = await fetchPage(after);
      if (page.totalCount !== undefined) this.totalCount = page.totalCount;
      for (const edge of page.edges) {
        this.cursor = edge.cursor;
        yield edge.node;
      }
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<N, void>> {
    return this.walk.next();
  }

  return(): Promise<IteratorResult<N, void>> {
    return this.walk.return(undefined);
  }

  /** Every remaining item, in order (for small collections; the loop form holds one page at a time). */
  async toArray(): Promise<N[]> {
    const items: N[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}

export function paginate<N>(fetchPage: (after: string | null) => Promise<ConnectionPage<N>>, after: string | null = null): PageIterator<N> {
  return new PageIterator(fetchPage, after);
}

/** The server's page-size bounds (docs/api.md); the SDK sends what you ask and the server judges. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;
