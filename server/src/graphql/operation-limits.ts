/**
 * The checks every operation passes before any resolver runs, over HTTP (an Apollo plugin) and over
 * WebSocket (graphql-ws onSubscribe, which does not inherit Apollo's plugins): depth, cost, how
 * many aliases it uses, and page sizes. One function, so the two transports cannot drift apart.
 */
import {
  Kind, valueFromASTUntyped,
  type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { BadUserInputError, QueryTooComplexError } from '../errors.js';
import { measureComplexity } from './complexity.js';
import { MAX_PAGE_SIZE } from './connection.js';

export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  /** Aliased fields per operation: `a1: previewReport(…) … a1000: previewReport(…)` is one request doing a thousand queries. */
  maxAliases: number;
}

export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  return Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

/** Counts aliases and finds `first` arguments beyond the page size, following fragment spreads once each. */
function scan(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>) {
  let aliases = 0;
  const oversizedPages: { path: string; first: number }[] = [];
  const seen = new Set<string>();
  const firstOf = (value: unknown): unknown =>
    typeof value === 'object' && value !== null ? (value as { first?: unknown }).first : undefined;
  function walk(set: SelectionSetNode | undefined, path: string): void {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        const here = path ? `${path}.${sel.name.value}` : sel.name.value;
        for (const arg of sel.arguments ?? []) {
          const value = valueFromASTUntyped(arg.value, variables) as unknown;
          const first = arg.name.value === 'first' ? value : arg.name.value === 'input' ? firstOf(value) : undefined;
          if (typeof first === 'number' && first > MAX_PAGE_SIZE) {
            oversizedPages.push({ path: arg.name.value === 'first' ? `${here}.first` : `${here}.input.first`, first });
          }
        }
        walk(sel.selectionSet, here);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, path);
      } else if (!seen.has(sel.name.value)) {
        seen.add(sel.name.value);
        walk(fragments[sel.name.value]?.selectionSet, path);
      }
    }
  }
  walk(operation.selectionSet, '');
  return { aliases, oversizedPages };
}

/**
 * The path of the first string holding U+0000, in the variables or in literal arguments. PostgreSQL
 * stores it in neither text nor jsonb, so it is refused as input here rather than failing an INSERT.
 */
function nulBytePath(operation: OperationDefinitionNode, variables: Record<string, unknown>): string | null {
  const inValue = (value: unknown, path: string, depth = 0): string | null => {
    if (typeof value === 'string') return value.includes('\u0000') ? path : null;
    if (depth > 20 || value === null || typeof value !== 'object') return null;
    for (const [k, v] of Object.entries(value)) {
      const hit = inValue(v, `${path}.${k}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  };
  for (const [name, value] of Object.entries(variables)) {
    const hit = inValue(value, name);
    if (hit) return hit;
  }
  let found: string | null = null;
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (found || sel.kind !== Kind.FIELD) continue;
      for (const arg of sel.arguments ?? []) {
        found ??= inValue(valueFromASTUntyped(arg.value, variables), arg.name.value);
      }
      walk(sel.selectionSet);
    }
  };
  walk(operation.selectionSet);
  return found;
}

/** Throws QUERY_TOO_COMPLEX or BAD_USER_INPUT when the operation must not run. */
export function checkOperation(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Record<string, unknown>,
  limits: OperationLimits,
): void {
  const fragments = fragmentsOf(document);
  const { aliases, oversizedPages } = scan(operation, fragments, variables);
  if (aliases > limits.maxAliases) {
    throw new QueryTooComplexError(`The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}`, { aliases, maxAliases: limits.maxAliases });
  }
  const { depth, cost } = measureComplexity(operation, fragments, variables);
  if (depth > limits.maxDepth) {
    throw new QueryTooComplexError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
  }
  if (cost > limits.maxCost) {
    throw new QueryTooComplexError(`Query cost ${cost} exceeds the limit of ${limits.maxCost}`, { cost, maxCost: limits.maxCost });
  }
  const nul = nulBytePath(operation, variables);
  if (nul) throw new BadUserInputError('Text may not contain NUL characters', [{ path: nul, message: 'contains a NUL (U+0000) character' }]);
  if (oversizedPages.length) {
    throw new BadUserInputError(
      `first may be at most ${MAX_PAGE_SIZE}`,
      oversizedPages.map((p) => ({ path: p.path, message: `at most ${MAX_PAGE_SIZE}, got ${p.first}` })),
    );
  }
}
