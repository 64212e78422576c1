/**
 * An export reaches the page by two roads, query and mutation results over HTTP and events
 * pushed over the socket, and they can arrive out of order: a list refetch the server answered
 * while the export was PROCESSING may land after the event saying it FAILED, and the normalized
 * cache would keep whichever came last. Every export carries a `revision` that grows with each
 * change to it; this link rewrites any export in an incoming result that is older than the copy
 * already cached back to the cached fields, so the cache keeps the newer copy.
 */
import { ApolloLink, type ApolloCache } from '@apollo/client';
import { map } from 'rxjs';
import { graphql } from '../generated';

type Json = Record<string, unknown>;

/** What the cache holds of an export: its revision, and its stored fields when asked. */
export interface CachedExports {
  revision(id: string): number | undefined;
  fields(id: string): Json | undefined;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The result with every export older than its cached copy replaced by that copy's fields (the
 * older copy keeps only what the cache lacks, such as a field only a list asks for). Returns the
 * same object when nothing was older.
 */
export function keepNewerExports<T>(data: T, cached: CachedExports): T {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const items = value.map(visit);
      return items.some((item, i) => item !== value[i]) ? items : value;
    }
    if (!isObject(value)) return value;
    let out: Json = value;
    for (const [key, child] of Object.entries(value)) {
      const next = visit(child);
      if (next !== child) out = { ...out, [key]: next };
    }
    if (value.__typename !== 'Export' || typeof value.id !== 'string' || typeof value.revision !== 'number') return out;
    const stored = cached.revision(value.id);
    if (stored === undefined || value.revision >= stored) return out;
    const fields = cached.fields(value.id) ?? {};
    const newer: Json = { ...out };
    for (const key of Object.keys(out)) {
      if (!(key in fields)) continue;
      const kept = fields[key];
      // A normalized child (a reference in the store) is not a value to put in a result.
      if (isObject(kept) && '__ref' in kept) continue;
      // A nested object (progress, error) is stored inline; a sub-field the older copy asked for
      // that the cache lacks stays from the older copy rather than going missing.
      newer[key] = isObject(kept) && isObject(out[key]) ? { ...(out[key] as Json), ...kept } : kept;
    }
    return newer;
  };
  return visit(data) as T;
}

const REVISION = graphql(`fragment CachedExportRevision on Export { revision }`);

/** The cache seen through CachedExports (one snapshot of the store per result that needs it). */
export function cachedExports(cache: ApolloCache): CachedExports {
  let snapshot: Json | undefined;
  return {
    revision: (id) => cache.readFragment({ id: cache.identify({ __typename: 'Export', id }), fragment: REVISION })?.revision,
    fields: (id) => {
      snapshot ??= cache.extract() as Json;
      const entity = snapshot[cache.identify({ __typename: 'Export', id }) ?? ''];
      return isObject(entity) ? entity : undefined;
    },
  };
}

export const keepNewerExportsLink = new ApolloLink((operation, forward) =>
  forward(operation).pipe(map((result) => (result.data ? { ...result, data: keepNewerExports(result.data, cachedExports(operation.client.cache)) } : result))));
