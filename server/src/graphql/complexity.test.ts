// connection.ts declares type-graphql object types, which need the metadata polyfill the app entry loads.
import 'reflect-metadata';
import { describe, it, expect } from 'vitest';
import { Kind, buildSchema, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { measureComplexity } from './complexity.js';
import { resolveArguments } from './operation-arguments.js';

/**
 * A schema just rich enough for these shapes: every object field of T leads to T again, so any
 * nesting is selectable; `reports` and `runs` page by `first` or `input.first`.
 */
const SCHEMA = buildSchema(`
  type Query { a: T b: T c: T d: T x: T me: T tags(first: Int): [String]
    reports(first: Int, input: ReportsInput, last: Int, limit: Int, search: String): T preview(input: PreviewInput): T }
  type Mutation { createReport(input: CreateInput): T }
  type T { a: T b: T c: T d: T e: T f: T w: T x: T y: T z: T id: ID name: String owner: T edges: T node: T types: T fields: T
    runs(first: Int): T }
  input ReportsInput { first: Int search: String }
  input PreviewInput { first: Int }
  input CreateInput { name: String }
`);

function measure(source: string, variables?: Record<string, unknown>) {
  const document = parse(source);
  let operation: OperationDefinitionNode | undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  if (!operation) throw new Error('no operation in document');
  const resolved = resolveArguments(SCHEMA, document, operation, variables);
  if (!resolved.ok) throw new Error(resolved.errors.map((e) => e.message).join('; '));
  return measureComplexity(operation, fragments, resolved.arguments);
}

describe('measureComplexity: depth', () => {
  it('counts a single top-level field as depth 1', () => {
    expect(measure('{ me }').depth).toBe(1);
  });

  it('counts each level of nesting', () => {
    expect(measure('{ a { b { c { d } } } }').depth).toBe(4);
  });

  it('takes the deepest branch', () => {
    expect(measure('{ a { b } x { y { z { w } } } }').depth).toBe(4);
  });

  it('gives an empty-ish operation depth 0', () => {
    expect(measure('{ __typename }')).toEqual({ depth: 0, cost: 0 });
  });
});

describe('measureComplexity: cost', () => {
  it('costs 1 per leaf field', () => {
    expect(measure('{ a b c }').cost).toBe(3);
  });

  it('costs 1 per field plus its selections', () => {
    // a(1 + b(1 + c(1)))
    expect(measure('{ a { b { c } } }').cost).toBe(3);
    // a(1 + b + c) + d
    expect(measure('{ a { b c } d }').cost).toBe(4);
  });

  it('works for mutations too', () => {
    expect(measure('mutation { createReport(input: { name: "x" }) { id name } }')).toEqual({ depth: 2, cost: 3 });
  });
});

describe('measureComplexity: introspection fields', () => {
  it('ignores __typename for cost', () => {
    expect(measure('{ a __typename }').cost).toBe(1);
    expect(measure('{ a { b __typename } }').cost).toBe(2);
  });

  it('ignores __typename for depth', () => {
    expect(measure('{ a { __typename } }')).toEqual({ depth: 1, cost: 1 });
  });

  it('ignores __schema / __type subtrees entirely', () => {
    expect(measure('{ __schema { types { name fields { name } } } __type(name: "X") { name } }')).toEqual({ depth: 0, cost: 0 });
  });
});

describe('measureComplexity: paging multiplier', () => {
  it('multiplies the selection cost by a literal first', () => {
    // 1 + 10 * (id + name)
    expect(measure('{ reports(first: 10) { id name } }').cost).toBe(21);
  });

  it('does not multiply the field itself (a leaf with first costs 1)', () => {
    expect(measure('{ tags(first: 100) }').cost).toBe(1);
  });

  it('multiplies by first taken from a variable', () => {
    expect(measure('query ($n: Int) { reports(first: $n) { id } }', { n: 7 }).cost).toBe(8);
  });

  it('multiplies by the default page (20) when the first variable is not provided or null', () => {
    expect(measure('query ($n: Int) { reports(first: $n) { id } }', {}).cost).toBe(21);
    expect(measure('query ($n: Int) { reports(first: $n) { id } }', { n: null }).cost).toBe(21);
  });

  it('multiplies by the default page when no variables are passed at all, or first is left out', () => {
    expect(measure('query ($n: Int) { reports(first: $n) { id } }').cost).toBe(21);
    expect(measure('{ reports { id } }').cost).toBe(21);
  });

  it('multiplies a field paged by input.first (previewReport) by the preview page (100) when none is given', () => {
    expect(measure('{ preview(input: {}) { id } }').cost).toBe(101);
    expect(measure('{ preview { id } }').cost).toBe(101);
  });

  it('multiplies by input.first given literally', () => {
    expect(measure('{ reports(input: { first: 50, search: "q" }) { id } }').cost).toBe(51);
  });

  it('multiplies by input.first taken from a variable inside the literal', () => {
    expect(measure('query ($n: Int) { reports(input: { first: $n }) { id } }', { n: 30 }).cost).toBe(31);
  });

  it('multiplies by first of an input passed whole as a variable', () => {
    expect(measure('query ($in: ReportsInput) { reports(input: $in) { id name } }', { in: { first: 40 } }).cost).toBe(81);
  });

  it('counts an input without first as the default page', () => {
    expect(measure('{ reports(input: { search: "q" }) { id } }').cost).toBe(21);
  });

  it('does not multiply fields that are not paged', () => {
    expect(measure('{ a { b { id } } }').cost).toBe(3);
  });

  it('multiplies by a variable\'s default value when the variable is not given', () => {
    expect(measure('query ($n: Int = 300) { reports(first: $n) { id name } }').cost).toBe(601);
    expect(measure('query ($n: Int = 300) { reports(first: $n) { id name } }', { n: 2 }).cost).toBe(5);
    expect(measure('query ($in: ReportsInput = { first: 400 }) { reports(input: $in) { id } }').cost).toBe(401);
  });

  it('multiplies by first inside an input given as a variable default or a nested variable default', () => {
    expect(measure('query ($n: Int = 250) { reports(input: { first: $n }) { id } }').cost).toBe(251);
  });

  it('multiplies by first in fields reached through named and inline fragments', () => {
    expect(measure('query ($n: Int = 100) { ...Q } fragment Q on Query { reports(first: $n) { id } }').cost).toBe(101);
    expect(measure('query ($n: Int = 100) { ... on Query { reports(first: $n) { id } } }').cost).toBe(101);
  });

  it('ignores paging-unrelated numeric arguments (the default page applies)', () => {
    expect(measure('{ reports(last: 100, limit: 100) { id } }').cost).toBe(21);
  });

  it('clamps first above 500 to 500', () => {
    expect(measure('{ reports(first: 100000) { id } }').cost).toBe(501);
  });

  it('clamps first from a variable above 500 to 500', () => {
    expect(measure('query ($n: Int) { reports(first: $n) { id } }', { n: 1e9 }).cost).toBe(501);
  });

  it('clamps input.first above 500 to 500', () => {
    expect(measure('{ reports(input: { first: 9999 }) { id } }').cost).toBe(501);
  });

  it('clamps first below 1 to 1', () => {
    expect(measure('{ reports(first: 0) { id name } }').cost).toBe(3);
    expect(measure('{ reports(first: -50) { id name } }').cost).toBe(3);
  });

  it('compounds nested multipliers', () => {
    // reports: 1 + 10 * (id + runs: 1 + 5 * (id))
    expect(measure('{ reports(first: 10) { id runs(first: 5) { id } } }').cost).toBe(1 + 10 * (1 + 1 + 5 * 1));
  });

  it('makes the biggest page with nested selections expensive', () => {
    const { cost } = measure('{ reports(first: 500) { edges { node { id name owner { id } } } } }');
    // edges(1 + node(1 + id + name + owner(1 + id))) = 1 + (1 + 1 + 1 + 2) = 6
    expect(cost).toBe(1 + 500 * 6);
  });
});

describe('measureComplexity: fragments', () => {
  it('counts the fields of a named fragment', () => {
    const result = measure(`
      query { a { ...F } }
      fragment F on T { b c { d } }
    `);
    // a(1 + b + c(1 + d))
    expect(result).toEqual({ depth: 3, cost: 4 });
  });

  it('counts inline fragments without adding depth', () => {
    expect(measure('{ a { ... on T { b { c } } } }')).toEqual({ depth: 3, cost: 3 });
  });

  it('applies a paging multiplier to fragment selections', () => {
    expect(measure('{ reports(first: 10) { ...R } } fragment R on Report { id name }').cost).toBe(21);
  });

  it('counts a fragment once per spread', () => {
    expect(measure('{ a { ...F } x { ...F } } fragment F on T { b c }').cost).toBe(6);
  });

  it('counts nested fragments', () => {
    const result = measure(`
      { a { ...F } }
      fragment F on T { b { ...G } }
      fragment G on U { c { d } }
    `);
    expect(result).toEqual({ depth: 4, cost: 4 });
  });

  it('ignores a spread of an unknown fragment', () => {
    expect(measure('{ a { b ...Missing } }').cost).toBe(2);
  });

  it('terminates on a self-referencing fragment', () => {
    const result = measure(`
      { a { ...F } }
      fragment F on T { b { ...F } }
    `);
    expect(result).toEqual({ depth: 2, cost: 2 });
  });

  it('terminates on a mutual fragment cycle', () => {
    const result = measure(`
      { a { ...F } }
      fragment F on T { b { ...G } }
      fragment G on T { c { ...F } }
    `);
    expect(result).toEqual({ depth: 3, cost: 3 });
  });
});
