import { describe, expect, it } from 'vitest';
import { assertSafeKey, assertSafePrefix, isSafeKey, UnsafeStorageKeyError } from './export-storage.js';
import { UNSAFE_KEYS } from './storage-contract.js';

describe('assertSafeKey', () => {
  it('accepts the keys exports are stored under', () => {
    for (const key of [
      'exports/tenant-1/0b7e4c1a-5f7d-4e65-9d7e-3f0b1d2c9a11.csv',
      'exports/acme_corp/report.v2.xlsx',
      'a',
      '..a/b..',
      `exports/${'a'.repeat(400)}.pdf`,
    ]) {
      expect(() => assertSafeKey(key), key).not.toThrow();
    }
  });

  it('rejects traversal, absolute paths, odd characters and over-long keys', () => {
    for (const key of UNSAFE_KEYS) {
      expect(() => assertSafeKey(key), JSON.stringify(key)).toThrow(UnsafeStorageKeyError);
      expect(isSafeKey(key)).toBe(false);
    }
    expect(() => assertSafeKey('a'.repeat(513))).toThrow(/longer than 512/);
    expect(() => assertSafeKey('a'.repeat(512))).not.toThrow();
    expect(() => assertSafeKey(undefined as unknown as string)).toThrow(UnsafeStorageKeyError);
  });

  it('keeps control characters out of the error message', () => {
    expect(() => assertSafeKey('a\nforged log line')).toThrow(/"a\\nforged log line"/);
  });
});

describe('assertSafePrefix', () => {
  it('allows empty, key-like and trailing-slash prefixes only', () => {
    for (const prefix of ['', 'exports/', 'exports/t1/', 'exports/t1/ab']) expect(() => assertSafePrefix(prefix)).not.toThrow();
    for (const prefix of ['/', '../', 'a/../', '/exports/', 'exports//']) {
      expect(() => assertSafePrefix(prefix), prefix).toThrow(UnsafeStorageKeyError);
    }
  });
});
