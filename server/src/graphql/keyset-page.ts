/**
 * One page of a newest-first list, by keyset: the cursor holds the (time, id) of the last row
 * seen, so pages stay stable while rows are added, and the query uses the (tenant, time, id)
 * index instead of an OFFSET scan. Every list in the API pages this way.
 */
import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { clampFirst, decodeCursor, encodeCursor, type ConnectionShape } from './connection.js';

type Cursor = { t: string; id: string };
const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' && v !== null && typeof (v as Cursor).t === 'string' && typeof (v as Cursor).id === 'string' && !Number.isNaN(Date.parse((v as Cursor).t));

export async function keysetPage<T extends { id: string }, K extends keyof T & string>(
  em: EntityManager,
  entity: EntityClass<T>,
  scope: FilterQuery<T>,
  timeField: K,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<ConnectionShape<T>> {
  const limit = clampFirst(first);
  const where: FilterQuery<T>[] = [scope];
  if (after) {
    const c = decodeCursor(after, isCursor);
    const t = new Date(c.t);
    where.push({ $or: [{ [timeField]: { $lt: t } }, { [timeField]: t, id: { $lt: c.id } }] } as FilterQuery<T>);
  }
  const [rows, totalCount] = await Promise.all([
    em.find(entity, { $and: where } as FilterQuery<T>, { orderBy: { [timeField]: 'DESC', id: 'DESC' } as never, limit: limit + 1, refresh: true }),
    em.count(entity, scope),
  ]);
  const edges = rows.slice(0, limit).map((node) => ({
    node,
    cursor: encodeCursor({ t: (node[timeField] as unknown as Date).toISOString(), id: node.id }),
  }));
  return { edges, totalCount, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
}
