/**
 * Query depth and cost, measured on the resolved operation before execution. A field costs 1 plus
 * its selections; a list field paged by `first` (directly or in its `input`) multiplies the cost
 * of its selections by that page size (clamped as the resolvers clamp it), so asking for 500 reports
 * with nested selections costs what it will cost to serve.
 */
import {
  Kind, valueFromASTUntyped,
  type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { clampFirst } from './connection.js';

export interface Complexity {
  depth: number;
  cost: number;
}

function firstArgument(args: readonly { name: { value: string }; value: ValueNode }[] | undefined, variables: Record<string, unknown>): number | null {
  for (const arg of args ?? []) {
    const value = valueFromASTUntyped(arg.value, variables) as unknown;
    if (arg.name.value === 'first' && typeof value === 'number') return clampFirst(value);
    if (arg.name.value === 'input' && typeof value === 'object' && value !== null) {
      const first = (value as { first?: unknown }).first;
      if (typeof first === 'number') return clampFirst(first);
    }
  }
  return null;
}

export function measureComplexity(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
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
        const multiplier = firstArgument(sel.arguments, variables) ?? 1;
        inner = { depth: child.depth, cost: 1 + multiplier * child.cost };
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
