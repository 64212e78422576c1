import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableTextProblem } from './storable-text.js';

describe('unstorableTextProblem', () => {
  it.each([
    ['a\u0000b', /NUL/], ['\ud800', /lone UTF-16 surrogate \(U\+D800\)/], ['x\udfff', /U\+DFFF/], ['\udc00\ud800', /U\+DC00/], ['😀\ud83d', /U\+D83D/],
  ])('refuses %j', (text, message) => {
    expect(unstorableTextProblem(text)).toMatch(message);
  });

  it.each(['', 'plain', '😀 pairs are fine', '\u0001\u001f\u007f\ufffe\uffff', '\u2028'])('accepts %j', (text) => {
    expect(unstorableTextProblem(text)).toBeNull();
  });
});

describe('findUnstorableText', () => {
  it('finds strings and object keys at any depth, with a printable path', () => {
    expect(findUnstorableText({ a: [1, 'ok', { 'k\u0000': 'v', b: '\ud800' }] }, 'input')).toEqual([
      { path: 'input.a.2.k\\u0000', message: 'key contains a NUL (U+0000) character' },
      { path: 'input.a.2.b', message: 'contains a lone UTF-16 surrogate (U+D800)' },
    ]);
  });

  it('has no depth cut-off and no recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep, 'v')).toHaveLength(1);
  });

  it('stops at the limit', () => {
    expect(findUnstorableText(Array(100).fill('\u0000'), 'v', 5)).toHaveLength(5);
  });
});
