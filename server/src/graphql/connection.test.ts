// connection.ts declares type-graphql object types, which need the metadata polyfill the app entry loads.
import 'reflect-metadata';
import { describe, it, expect } from 'vitest';
import { BadUserInputError, ErrorCode } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, clampFirst, decodeCursor, encodeCursor } from './connection.js';

interface IdCursor {
  id: string;
  at: number;
}
const isIdCursor = (v: unknown): v is IdCursor =>
  typeof v === 'object' && v !== null && typeof (v as IdCursor).id === 'string' && typeof (v as IdCursor).at === 'number';

function decodeError(cursor: string, argName?: string): BadUserInputError {
  try {
    decodeCursor(cursor, isIdCursor, argName);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return error as BadUserInputError;
  }
  throw new Error(`expected decodeCursor(${JSON.stringify(cursor)}) to throw`);
}

describe('page size constants', () => {
  it('default to 20 and cap at 500', () => {
    expect(DEFAULT_PAGE_SIZE).toBe(20);
    expect(MAX_PAGE_SIZE).toBe(500);
  });
});

describe('clampFirst', () => {
  it.each([null, undefined])('returns the default page size for %j', (value) => {
    expect(clampFirst(value)).toBe(20);
  });

  it('returns a given fallback for a missing value', () => {
    expect(clampFirst(undefined, 50)).toBe(50);
    expect(clampFirst(null, 7)).toBe(7);
  });

  it('raises 0 to 1', () => {
    expect(clampFirst(0)).toBe(1);
  });

  it('raises negatives to 1', () => {
    expect(clampFirst(-10)).toBe(1);
  });

  it('lowers 501 to 500', () => {
    expect(clampFirst(501)).toBe(500);
  });

  it('lowers huge values to 500', () => {
    expect(clampFirst(1e12)).toBe(500);
  });

  it('truncates fractions (3.7 → 3)', () => {
    expect(clampFirst(3.7)).toBe(3);
  });

  it('truncates a fraction below 1 up to the minimum', () => {
    expect(clampFirst(0.9)).toBe(1);
  });

  it.each([1, 20, 499, 500])('keeps the in-range value %i', (value) => {
    expect(clampFirst(value)).toBe(value);
  });
});

describe('encodeCursor / decodeCursor', () => {
  it('round trips a value', () => {
    const value = { id: 'r_123', at: 1_700_000_000_000 };
    expect(decodeCursor(encodeCursor(value), isIdCursor)).toEqual(value);
  });

  it('round trips non-ASCII text', () => {
    const value = { id: 'Résumé – 東京', at: 0 };
    expect(decodeCursor(encodeCursor(value), isIdCursor)).toEqual(value);
  });

  it('produces an opaque, URL-safe string', () => {
    const cursor = encodeCursor({ id: '??>>~~', at: 1 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('id');
  });

  it.each(['garbage!!', '', 'e30', '%%%', 'bm90IGpzb24'])('rejects the garbage cursor %j with BAD_USER_INPUT', (cursor) => {
    const error = decodeError(cursor);
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Invalid cursor');
  });

  it.each([
    ['a different shape', { offset: 5 }],
    ['a wrong field type', { id: 5, at: 1 }],
    ['a string', 'r_123'],
    ['null', null],
    ['an array', [{ id: 'x', at: 1 }]],
  ])('rejects a well-formed cursor of %s', (_label, value) => {
    expect(decodeError(encodeCursor(value)).code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('names "after" as the field path by default', () => {
    const error = decodeError('garbage');
    expect(error.fieldErrors).toHaveLength(1);
    expect(error.fieldErrors[0]?.path).toBe('after');
    expect(error.extensions()).toMatchObject({ field: 'after', errors: [{ path: 'after' }] });
  });

  it('names the given argument as the field path', () => {
    const error = decodeError(encodeCursor({ nope: true }), 'before');
    expect(error.fieldErrors[0]?.path).toBe('before');
    expect(error.extensions().field).toBe('before');
  });
});
