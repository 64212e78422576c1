/**
 * Query depth and cost, measured on the resolved operation before execution. A field costs 1 plus
 * its selections; a list field paged by `first` (directly or in its `input`) multiplies the cost
 * of its selections by that page size (clamped as the resolvers clamp it), or by the default page
 * its resolver serves when none is given, so asking for 500 reports with nested selections costs
 * what it will cost to serve. The page size is read from the values the resolver will receive
 * (operation-arguments.ts), whatever form the request gave them in.
 */
import {
  Kind, getNamedType, isInputObjectType,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, DEFAULT_PREVIEW_PAGE, clampFirst } from './connection.js';
import type { OperationArguments } from './operation-arguments.js';

export interface Complexity {
  depth: number;
  cost: number;
}

export interface PageSize {
  first: number;
  /** Where it was given, relative to the field: `first` or `input.first`. */
  argument: 'first' | 'input.first';
}

/** The `first` a field's resolver receives, directly or in its `input` object; null if none. */
export function pageSizeArgument(values: Readonly<Record<string, unknown>>): PageSize | null {
  if (typeof values.first === 'number') return { first: values.first, argument: 'first' };
  const input = values.input;
  if (typeof input === 'object' && input !== null) {
    const first = (input as { first?: unknown }).first;
    if (typeof first === 'number') return { first, argument: 'input.first' };
  }
  return null;
}

/**
 * The page a paged field serves when asked for none: lists (a `first` argument) their default,
 * `previewReport` (the one field paged by `input.first`) the preview's. Null: not a paged field.
 */
function defaultPageSize(definition: GraphQLField<unknown, unknown> | null): number | null {
  if (!definition) return null;
  if (definition.args.some((a) => a.name === 'first')) return DEFAULT_PAGE_SIZE;
  const input = definition.args.find((a) => a.name === 'input');
  const type = input ? getNamedType(input.type) : null;
  return isInputObjectType(type) && type.getFields().first ? DEFAULT_PREVIEW_PAGE : null;
}

function multiplier(field: FieldNode, args: OperationArguments): number {
  const resolved = args.of(field);
  if (!resolved) return 1; // execution refuses its arguments: it never runs
  const page = pageSizeArgument(resolved.values);
  return page ? clampFirst(page.first) : defaultPageSize(resolved.definition) ?? 1;
}

export function measureComplexity(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  args: OperationArguments,
): Complexity {
  const visiting = new Set<string>();

  function walk(set: SelectionSetNode | undefined, depth: number): Complexity {
    if (!set) return { depth, cost: 0 };
    let maxDepth = depth;
    let cost = 0;
    for (const sel of set.selections) {
      let inner: Complexity;
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        const child = walk(sel.selectionSet, depth + 1);
        inner = { depth: child.depth, cost: 1 + multiplier(sel, args) * child.cost };
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        inner = walk(sel.selectionSet, depth);
      } else {
        const name = sel.name.value;
        const fragment = fragments[name];
        if (!fragment || visiting.has(name)) continue;
        visiting.add(name);
        inner = walk(fragment.selectionSet, depth);
        visiting.delete(name);
      }
      maxDepth = Math.max(maxDepth, inner.depth);
      cost += inner.cost;
    }
    return { depth: maxDepth, cost };
  }

  return walk(operation.selectionSet, 0);
}
