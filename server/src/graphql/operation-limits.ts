/**
 * The checks every operation passes before any resolver runs, over HTTP (an Apollo plugin) and over
 * WebSocket (graphql-ws onSubscribe, which does not inherit Apollo's plugins): depth, cost, how
 * many aliases it uses, page sizes, and text PostgreSQL cannot store. One function, so the two
 * transports cannot drift apart; and every value-dependent check reads the argument values the
 * resolvers will receive (operation-arguments.ts), not the raw request.
 */
import {
  Kind,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import { BadUserInputError, QueryTooComplexError, type FieldError } from '../errors.js';
import { findUnstorableText } from '../storable-text.js';
import { measureComplexity, pageSizeArgument } from './complexity.js';
import { MAX_PAGE_SIZE } from './connection.js';
import { resolveArguments, type OperationArguments } from './operation-arguments.js';

export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  /** Aliased fields per operation: `a1: previewReport(…) … a1000: previewReport(…)` is one request doing a thousand queries. */
  maxAliases: number;
}

/** More problems than this in one request are not worth listing. */
const MAX_REPORTED = 20;

export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  return Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

/**
 * Counts aliases, finds `first` beyond the page size (path from the field: `reports.first`) and
 * text PostgreSQL cannot store (path from the argument, as every BAD_USER_INPUT path is:
 * `input.definition.filters.0.value`), following each fragment, named or inline, once.
 */
function scan(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, args: OperationArguments) {
  let aliases = 0;
  const oversizedPages: FieldError[] = [];
  const unstorable: FieldError[] = [];
  const seen = new Set<string>();
  function walk(set: SelectionSetNode | undefined, path: string): void {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        const here = path ? `${path}.${sel.name.value}` : sel.name.value;
        const values = args.of(sel)?.values ?? {};
        const page = pageSizeArgument(values);
        if (page && page.first > MAX_PAGE_SIZE) {
          // The path is the argument's, as for every BAD_USER_INPUT; the message names the field.
          oversizedPages.push({ path: page.argument, message: `${here}: at most ${MAX_PAGE_SIZE}, got ${page.first}` });
        }
        for (const [name, value] of Object.entries(values)) {
          if (unstorable.length < MAX_REPORTED) unstorable.push(...findUnstorableText(value, name, MAX_REPORTED - unstorable.length));
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
  return { aliases, oversizedPages, unstorable };
}

/** Throws QUERY_TOO_COMPLEX or BAD_USER_INPUT when the operation must not run. */
export function checkOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
): void {
  const resolved = resolveArguments(schema, document, operation, variables);
  // Variables that do not fit their definitions: execution refuses them with graphql-js's own
  // errors (BAD_USER_INPUT naming the variable) before any resolver runs, so nothing to check.
  if (!resolved.ok) return;
  const fragments = fragmentsOf(document);
  const { aliases, oversizedPages, unstorable } = scan(operation, fragments, resolved.arguments);
  if (aliases > limits.maxAliases) {
    throw new QueryTooComplexError(`The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}`, { aliases, maxAliases: limits.maxAliases });
  }
  const { depth, cost } = measureComplexity(operation, fragments, resolved.arguments);
  if (depth > limits.maxDepth) {
    throw new QueryTooComplexError(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`, { depth, maxDepth: limits.maxDepth });
  }
  if (cost > limits.maxCost) {
    throw new QueryTooComplexError(`Query cost ${cost} exceeds the limit of ${limits.maxCost}`, { cost, maxCost: limits.maxCost });
  }
  if (unstorable.length) {
    throw new BadUserInputError(`Text may not contain NUL characters or lone surrogates: ${unstorable[0]!.path} ${unstorable[0]!.message}`, unstorable);
  }
  if (oversizedPages.length) throw new BadUserInputError(`first may be at most ${MAX_PAGE_SIZE}`, oversizedPages);
}

/** Variables longer than this (as JSON) are checked every time rather than remembered. */
const REMEMBERED_VARIABLES_CHARS = 2_048;
/** Passed variable sets remembered per operation before they are forgotten and learnt again. */
const REMEMBERED_PER_OPERATION = 256;

/**
 * checkOperation for one schema and set of limits, remembering what passed: the same operation
 * (Apollo hands out one parsed document per query text) with the same variables passes again
 * without being walked, as a dashboard's tiles and a team's identical previews are. What failed is
 * checked again each time (and refused again).
 */
export function operationChecker(schema: GraphQLSchema, limits: OperationLimits) {
  const passed = new WeakMap<OperationDefinitionNode, Set<string>>();
  return (operation: OperationDefinitionNode, document: DocumentNode, variables: Record<string, unknown> | null | undefined): void => {
    const key = JSON.stringify(variables ?? {});
    const known = passed.get(operation);
    if (known?.has(key)) return;
    checkOperation(schema, operation, document, variables, limits);
    if (key.length > REMEMBERED_VARIABLES_CHARS) return;
    const set = known && known.size < REMEMBERED_PER_OPERATION ? known : new Set<string>();
    set.add(key);
    passed.set(operation, set);
  };
}
