import { describe, expect, it } from 'vitest';
import { QueryTooComplexError } from '../errors.js';
import { checkDocument, parseWithinLimits } from './edge-limits.js';

const limits = { maxDocumentBytes: 1_000, maxTokens: 50 };

function refusal(source: string): Record<string, number> | null {
  try {
    checkDocument(source, limits);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(QueryTooComplexError);
    return (error as QueryTooComplexError).details;
  }
}

describe('checkDocument', () => {
  it('accepts a document within both limits', () => {
    expect(refusal('{ reports(first: 10) { edges { node { id name } } } }')).toBeNull();
  });

  it('refuses more tokens than allowed, whatever they are (names, punctuation, nested lists)', () => {
    expect(refusal(`{ ${'a '.repeat(51)}}`)).toEqual({ maxTokens: 50 });
    expect(refusal(`{ f(x: ${'['.repeat(30)}${']'.repeat(30)}) }`)).toEqual({ maxTokens: 50 });
  });

  it('refuses a document over the byte limit, counting UTF-8 bytes (one long comment or string)', () => {
    expect(refusal(`{ me { userId } } # ${'x'.repeat(1_000)}`)).toMatchObject({ maxDocumentBytes: 1_000 });
    // 400 three-byte characters: 400 UTF-16 units, 1,200 bytes.
    expect(refusal(`{ f(x: "${'€'.repeat(400)}") }`)).toMatchObject({ documentBytes: 1_212, maxDocumentBytes: 1_000 });
  });

  it('leaves syntax errors to the parser, which reports them with their position', () => {
    expect(refusal('{ me { "unterminated')).toBeNull();
    expect(() => parseWithinLimits('{ me {', limits)).toThrow(/Syntax Error/);
  });
});
