import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { getOperationAST, parse } from 'graphql';
import { BadUserInputError, QueryTooComplexError } from '../errors.js';
import { checkOperation } from './operation-limits.js';

const LIMITS = { maxDepth: 5, maxCost: 10_000, maxAliases: 3 };

function check(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return () => checkOperation(getOperationAST(document)!, document, variables, LIMITS);
}

describe('checkOperation', () => {
  it('counts aliases, through fragments too', () => {
    expect(check('{ a: me { id } b: me { id } c: me { id } }')).not.toThrow();
    expect(check('{ a: me { id } b: me { id } ...F } fragment F on Query { c: me { id } d: me { id } }')).toThrow(QueryTooComplexError);
  });

  it('refuses first above 500, literal or variable, naming the argument', () => {
    expect(check('{ reports(first: 500) { id } }')).not.toThrow();
    try {
      check('query($n: Int) { reports(first: $n) { id } x: previewReport(input: { first: 501 }) { id } }', { n: 100_000 })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).fieldErrors.map((e) => e.path)).toEqual(['reports.first', 'previewReport.input.first']);
    }
  });

  it('refuses NUL characters in variables and literals', () => {
    expect(check('mutation($i: In) { create(input: $i) { id } }', { i: { name: 'a\u0000b' } })).toThrow(/NUL/);
    expect(check('{ report(id: "x\\u0000") { id } }')).toThrow(BadUserInputError);
    expect(check('{ report(id: "x") { id } }')).not.toThrow();
  });

  it('applies depth and cost as before', () => {
    expect(check('{ a { b { c { d { e { f } } } } } }')).toThrow(QueryTooComplexError);
  });
});
