/**
 * The `Node` interface (Relay's object identification): every object a client may want to fetch
 * again by id alone implements it, and `node(id)` returns it. Ids are UUIDs from one generator
 * (gen_random_uuid), so they are unique across types, not only within one; `node` finds an id's
 * type by looking it up (features/node/node.resolver.ts), so ids need not encode it.
 */
import { Field, ID, InterfaceType } from 'type-graphql';

/** Which GraphQL type a value returned as a `Node` is; set by node.resolver.ts. */
export const NODE_TYPE = Symbol('nodeType');
export type NodeTypeName = 'Report' | 'Export' | 'Schedule' | 'Execution' | 'Dashboard';

@InterfaceType({
  description: 'An object with a globally unique id that `node(id)` fetches again: Report, Export, Schedule, Execution, Dashboard.',
  resolveType: (value: { [NODE_TYPE]?: NodeTypeName }) => value[NODE_TYPE],
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique id (a UUID): no two objects of any types share one.' })
  id!: string;
}

/** Marks a value as the given Node type, for `node(id)`'s answer. */
export function asNode<T extends object>(type: NodeTypeName, value: T): T & { [NODE_TYPE]: NodeTypeName } {
  return Object.assign(value, { [NODE_TYPE]: type });
}
