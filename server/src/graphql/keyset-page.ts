/**
 * One page of a newest-first list, by keyset: the cursor holds the (time, id) of the last row
 * seen, so pages stay stable while rows are added, and the query uses the (tenant, time, id)
 * index instead of an OFFSET scan. Every list in the API pages this way.
 */
import type { EntityClass, EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { clampFirst, decodeCursor, encodeCursor, pageInfoOf, type ConnectionShape } from './connection.js';
import { isUuid } from './ids.js';

type Cursor = { t: string; id: string };
/** Years PostgreSQL's timestamptz and JS dates both hold; a tampered cursor outside them is refused, not a 500. */
const MIN_TIME = Date.UTC(1, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);
const isCursor = (v: unknown): v is Cursor => {
  if (typeof v !== 'object' || v === null) return false;
  const { t, id } = v as Partial<Cursor>;
  if (typeof t !== 'string' || !isUuid(id)) return false;
  const time = Date.parse(t);
  return time >= MIN_TIME && time <= MAX_TIME;
};

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
  return { edges, totalCount, pageInfo: pageInfoOf(edges, rows.length > limit, after) };
}
