/** Walks a Relay connection page by page, yielding nodes; the next page is fetched only when needed. */
export interface ConnectionPage<N> {
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export async function* paginate<N>(fetchPage: (after: string | null) => Promise<ConnectionPage<N>>): AsyncGenerator<N, void, undefined> {
  let after: string | null = null;
  for (;;) {
    const page: ConnectionPage<N> = await fetchPage(after);
    for (const edge of page.edges) yield edge.node;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
    after = page.pageInfo.endCursor;
  }
}

/** The server clamps page sizes to 1..500. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;
