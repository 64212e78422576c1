import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { BadUserInputError, QueryTooComplexError } from '../errors.js';
import { checkOperation, operationChecker } from './operation-limits.js';

// The committed public contract (CI keeps it equal to the code's schema).
const SCHEMA = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
const LIMITS = { maxDepth: 8, maxCost: 1_000, maxAliases: 3 };

function check(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return () => checkOperation(SCHEMA, getOperationAST(document)!, document, variables, LIMITS);
}

function refusal(query: string, variables: Record<string, unknown> = {}): { error: unknown; paths: string[] } {
  try {
    check(query, variables)();
  } catch (error) {
    return { error, paths: error instanceof BadUserInputError ? error.fieldErrors.map((e) => e.path) : [] };
  }
  return { error: null, paths: [] };
}

const DEFINITION = '{ source: "usage_events", measures: [{ fn: COUNT }] }';
/** reports(first: N) { edges { node { id name } } } costs 1 + N × 4: over 1,000 from N = 250. */
const PAGE = 'edges { node { id name } }';

describe('checkOperation: page size and cost see the value the resolver gets, in every form', () => {
  // [form, query, variables]: each asks for reports(first: 400), which costs 1,601 and is allowed
  // as a page size; and for previewReport first 501, which is not.
  const costly: [string, string, Record<string, unknown>][] = [
    ['literal', `{ reports(first: 400) { ${PAGE} } }`, {}],
    ['variable', `query($n: Int) { reports(first: $n) { ${PAGE} } }`, { n: 400 }],
    ['variable default', `query($n: Int = 400) { reports(first: $n) { ${PAGE} } }`, {}],
    ['named fragment', `query($n: Int = 400) { ...Q } fragment Q on Query { reports(first: $n) { ${PAGE} } }`, {}],
    ['inline fragment', `query($n: Int = 400) { ... on Query { reports(first: $n) { ${PAGE} } } }`, {}],
    ['nested field', `query($n: Int = 400) { schedule(id: "x") { executions(first: $n) { ${PAGE} } } }`, {}],
  ];
  it.each(costly)('cost: %s', (_form, query, variables) => {
    expect(check(query, variables)).toThrow(QueryTooComplexError);
  });

  const oversized: [string, string, Record<string, unknown>, string][] = [
    ['literal', '{ reports(first: 501) { totalCount } }', {}, 'first'],
    ['variable', 'query($n: Int) { reports(first: $n) { totalCount } }', { n: 501 }, 'first'],
    ['variable default', 'query($n: Int = 501) { reports(first: $n) { totalCount } }', {}, 'first'],
    ['nested input literal', `{ previewReport(input: { definition: ${DEFINITION}, first: 100000 }) { totalCount } }`, {}, 'input.first'],
    ['nested input variable default', `query($i: PreviewReportInput = { definition: ${DEFINITION}, first: 501 }) { previewReport(input: $i) { totalCount } }`, {}, 'input.first'],
    ['variable inside a nested input', `query($n: Int = 501) { previewReport(input: { definition: ${DEFINITION}, first: $n }) { totalCount } }`, {}, 'input.first'],
    ['named fragment', 'query($n: Int = 501) { ...Q } fragment Q on Query { reports(first: $n) { totalCount } }', {}, 'first'],
    ['inline fragment', 'query($n: Int = 501) { ... on Query { exports(first: $n) { totalCount } } }', {}, 'first'],
  ];
  it.each(oversized)('first above 500: %s', (_form, query, variables, path) => {
    const { error, paths } = refusal(query, variables);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(paths).toEqual([path]);
  });

  it('a given variable overrides its default, as in execution', () => {
    expect(check('query($n: Int = 501) { reports(first: $n) { totalCount } }', { n: 10 })).not.toThrow();
    expect(check(`query($n: Int = 400) { reports(first: $n) { ${PAGE} } }`, { n: 10 })).not.toThrow();
  });

  it('variables that do not fit their types are left to execution, which refuses them before any resolver', () => {
    expect(check('query($n: Int) { reports(first: $n) { totalCount } }', { n: 'many' })).not.toThrow();
  });

  it('counts aliases, through fragments too', () => {
    expect(check('{ a: me { userId } b: me { userId } c: me { userId } }')).not.toThrow();
    expect(check('{ a: me { userId } b: me { userId } ...F } fragment F on Query { c: me { userId } d: me { userId } }')).toThrow(QueryTooComplexError);
  });

  it('applies depth as before', () => {
    expect(check('{ reports { edges { node { definition { filters { values } } } } } }')).not.toThrow();
    expect(check('{ schedule(id: "x") { executions { edges { node { export { report { definition { filters { field } } } } } } } } }')).toThrow(QueryTooComplexError);
  });
});

describe('checkOperation: text PostgreSQL cannot store, wherever it is', () => {
  const NUL = 'a\u0000b';
  const LONE = 'a\ud800b';
  const CREATE = 'mutation($i: CreateReportInput!) { createReport(input: $i) { id } }';
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['NUL in a literal', '{ report(id: "x\\u0000") { id } }', {}, 'id'],
    ['NUL in a variable', CREATE, { i: { name: NUL, definition: { source: 'usage_events' } } }, 'input.name'],
    ['lone surrogate in a variable', CREATE, { i: { name: LONE, definition: { source: 'usage_events' } } }, 'input.name'],
    ['a variable default', `mutation($n: String! = "x\\u0000") { createReport(input: { name: $n, definition: ${DEFINITION} }) { id } }`, {}, 'input.name'],
    ['a nested definition string', CREATE, { i: { name: 'ok', definition: { source: 'usage_events', filters: [{ field: 'user_id', op: 'EQ', value: LONE }] } } }, 'input.definition.filters.0.value'],
    ['a list', CREATE, { i: { name: 'ok', tags: ['fine', NUL], definition: { source: 'usage_events' } } }, 'input.tags.1'],
    ['a nested input object string', CREATE, { i: { name: 'ok', definition: { source: 'usage_events' }, visualization: { type: 'BAR', xAxisLabel: LONE } } }, 'input.visualization.xAxisLabel'],
    ['a list in a nested input object', CREATE, { i: { name: 'ok', definition: { source: 'usage_events' }, visualization: { type: 'BAR', series: ['ok', NUL] } } }, 'input.visualization.series.1'],
    ['a named fragment', `query($d: String = "\\u0000") { ...Q } fragment Q on Query { report(id: $d) { id } }`, {}, 'id'],
    ['an inline fragment', `query($d: String = "\\u0000") { ... on Query { report(id: $d) { id } } }`, {}, 'id'],
    ['a variable used in an inline fragment', 'query($d: String) { ... on Query { report(id: $d) { id } } }', { d: LONE }, 'id'],
  ];
  it.each(cases)('%s', (_form, query, variables, path) => {
    const { error, paths } = refusal(query, variables);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect(paths).toEqual([path]);
    expect((error as Error).message).toMatch(/NUL|surrogate/);
  });

  it('a lone surrogate cannot be written in a literal at all: the GraphQL parser refuses it', () => {
    expect(() => parse('{ report(id: "x\\ud800") { id } }')).toThrow(/Invalid Unicode escape/);
    expect(() => parse('{ report(id: "x\ud800") { id } }')).toThrow(/Invalid character/);
  });

  it('lets well-formed text through: surrogate pairs (emoji) and every other character', () => {
    expect(check(CREATE, { i: { name: 'Sales 📈 \u0001 \uffff', definition: { source: 'usage_events' }, visualization: { type: 'BAR', yAxisLabel: '📈 ✓' } } })).not.toThrow();
  });
});

describe('operationChecker: what passed passes again without a walk; what failed is refused every time', () => {
  it('remembers per operation and variables, never a refusal', () => {
    const document = parse('query($n: Int) { reports(first: $n) { edges { node { id name } } } }');
    const operation = getOperationAST(document)!;
    const checker = operationChecker(SCHEMA, LIMITS);
    checker(operation, document, { n: 10 });
    // Remembered by the variables' JSON: values that serialize as the passed ones are not walked
    // again (here a value that would be refused, disguised; clients send plain JSON).
    const disguised = { n: 100_000, toJSON: () => ({ n: 10 }) };
    expect(() => checker(operation, document, disguised)).not.toThrow();
    expect(() => checkOperation(SCHEMA, operation, document, disguised, LIMITS)).toThrow(QueryTooComplexError);
    // Other variables are checked: too costly a page is refused, and refused again.
    expect(() => checker(operation, document, { n: 100_000 })).toThrow(QueryTooComplexError);
    expect(() => checker(operation, document, { n: 100_000 })).toThrow(QueryTooComplexError);
    // The same text parsed again is another operation: checked afresh.
    const again = parse('query($n: Int) { reports(first: $n) { edges { node { id name } } } }');
    expect(() => checker(getOperationAST(again)!, again, { n: 100_000 })).toThrow(QueryTooComplexError);
  });
});
