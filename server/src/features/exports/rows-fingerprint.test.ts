import { describe, expect, it } from 'vitest';
import { canonical, RowsFingerprint } from './rows-fingerprint.js';

const of = (parameters: unknown, batches: unknown[][][]) => {
  const f = new RowsFingerprint(parameters);
  for (const b of batches) f.rows(b);
  return f.digest();
};

describe('RowsFingerprint', () => {
  const params = { window: { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }, format: 'CSV' };
  const rows = [['東京', 12, 3.5], ['Αθήνα', 7n, null], ['😀', 0, new Date('2026-11-26T14:00:00Z')]];

  it('the same rows and parameters give the same sha256, however the rows were batched', () => {
    const a = of(params, [rows]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(of(params, [rows.slice(0, 1), rows.slice(1)])).toBe(a);
    expect(of({ format: 'CSV', window: params.window }, [rows])).toBe(a); // key order does not matter
  });

  it('any change in a value, the order, the row count or the parameters changes it', () => {
    const a = of(params, [rows]);
    expect(of(params, [[rows[0]!, rows[1]!, ['😀', 0, new Date('2026-11-26T14:00:01Z')]]])).not.toBe(a);
    expect(of(params, [[rows[1]!, rows[0]!, rows[2]!]])).not.toBe(a);
    expect(of(params, [rows.slice(0, 2)])).not.toBe(a);
    expect(of(params, [[...rows, []]])).not.toBe(a);
    expect(of({ ...params, format: 'XLSX' }, [rows])).not.toBe(a);
    expect(of(params, [[['東京', '12', 3.5], rows[1]!, rows[2]!]])).not.toBe(a); // 12 and '12' differ
    expect(of(params, [[['東京', 12, 3.5], ['Αθήνα', 7, null], rows[2]!]])).not.toBe(a); // 7n and 7 differ
  });

  it('a row cannot be shifted into the next one (rows are delimited)', () => {
    expect(of(params, [[['a', 'b'], ['c']]])).not.toBe(of(params, [[['a'], ['b', 'c']]]));
  });

  it('engine bytes and JS rows never collide', () => {
    const f = new RowsFingerprint(params);
    f.bytes(Buffer.from('r["a"]\n'));
    expect(f.digest()).not.toBe(of(params, [[['a']]]));
  });

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonical({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 2 } })).toBe('{"a":{"c":2,"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
