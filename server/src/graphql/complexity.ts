/**
 * Query depth and cost, measured on the resolved operation before execution. A field costs 1 plus
 * its selections; a list field paged by `first` (directly or in its `input`) multiplies the cost
 * of its selections by that page size (clamped as the resolvers clamp it), so asking for 500 reports
 * with nested selections costs what it will cost to serve. The page size is read from the values
 * the resolver will receive (operation-arguments.ts), whatever form the request gave them in.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { clampFirst } from './connection.js';
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

function multiplier(field: FieldNode, args: OperationArguments): number {
  const values = args.of(field)?.values;
  const page = values ? pageSizeArgument(values) : null;
  return page ? clampFirst(page.first) : 1;
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
