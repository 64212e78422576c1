/**
 * Relay-style connections shared by every list: `edges { cursor node }`, `pageInfo`, `totalCount`.
 * Cursors are opaque to clients (base64url JSON) and validated on the way back in.
 */
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors.js';

export const MAX_PAGE_SIZE = 500;
/** Lists (`reports`, `exports`, …) without `first`. */
export const DEFAULT_PAGE_SIZE = 20;
/** `previewReport` without `input.first`. */
export const DEFAULT_PREVIEW_PAGE = 100;

@ObjectType({ description: 'Where a page ends and whether more follow.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when another page follows.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;

  @Field(() => Boolean, {
    description: 'True when items come before this page (it was asked for `after` a cursor). Lists page forward only (`first`/`after`).',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The first item's cursor; null on an empty page, and on a preview (its rows have no cursors).",
  })
  startCursor!: string | null;
}

/** The PageInfo of a page of edges fetched after `after` (Relay's four fields, forward paging). */
export function pageInfoOf(edges: readonly Edge<unknown>[], hasNextPage: boolean, after: string | null | undefined): PageInfo {
  return { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null, hasPreviousPage: Boolean(after), startCursor: edges[0]?.cursor ?? null };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Opaque position of this item; pass as `after` to continue after it.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, newest first.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page, in order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Cursor for the next page.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All items the filter matches, across pages.' })
    totalCount!: number;
  }
  return ConnectionType;
}

/**
 * `first` below 1 is raised to 1. Above MAX_PAGE_SIZE the operation is refused before it runs
 * (operation-limits.ts); the clamp here stays as the resolvers' own bound.
 */
export function clampFirst(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  if (first === null || first === undefined) return fallback;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(first)));
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, guard: (v: unknown) => v is T, argName = 'after'): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!guard(value)) throw new BadUserInputError('Invalid cursor', [{ path: argName, message: 'not a cursor this list issued' }]);
  return value;
}
