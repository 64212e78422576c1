/**
 * Masking in the compiler (pure): every class under every mode, for dimensions, measures and
 * filters; what is refused and at which path; that keys travel as bound parameters only; and
 * that the HMAC pads are RFC 2104's. Results in chDB: test/masking.test.ts.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CATALOG, findTable } from '../catalog/catalog.js';
import {
  CLASSIFICATIONS, columnMasking, completePolicy, DEFAULT_MASKING_POLICY, hmacPads, MASK_MODES, maskedValue, tenantMaskKey,
  type Classification, type ColumnMasking, type MaskMode,
} from '../catalog/masking.js';
import { compileCsvReport, compileReport, DefinitionRejected, maskingViolations, type CompileContext } from './compile-query.js';
import { validateDefinition, type NormalizedDefinition } from './validate-definition.js';

const LIMITS = { maxRowLimit: 1_000_000, maxRangeDays: 366 };
const CTX: CompileContext = { tenantId: 'acme', asOf: new Date('2024-03-08T10:30:00.250Z'), database: 'analytics', maxRangeDays: 366, timeZone: 'UTC' };
const KEY = tenantMaskKey('a-server-secret-of-at-least-32-characters', 'acme');
const HASH = maskedValue(KEY, 'u1');

function normalize(def: unknown): NormalizedDefinition {
  const r = validateDefinition(def, LIMITS);
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.definition;
}
function maskingWith(modes: Partial<Record<Classification, MaskMode>>): ColumnMasking {
  return columnMasking({ ...DEFAULT_MASKING_POLICY, viewer: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'CLEAR', ...modes } }, 'viewer', KEY);
}
const compile = (def: unknown, masking: ColumnMasking | null) => compileReport(normalize(def), { ...CTX, masking });
function rejection(def: unknown, masking: ColumnMasking): { path: string; message: string }[] {
  try {
    compile(def, masking);
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionRejected);
    return (error as DefinitionRejected).errors;
  }
  throw new Error('expected the compiler to refuse');
}

describe('the policy', () => {
  it('defaults to PII hashed for viewers and editors and clear for admins; PUBLIC and INTERNAL clear', () => {
    expect(DEFAULT_MASKING_POLICY.viewer).toEqual({ PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HASHED' });
    expect(DEFAULT_MASKING_POLICY.editor).toEqual({ PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HASHED' });
    expect(DEFAULT_MASKING_POLICY.admin).toEqual({ PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'CLEAR' });
  });
  it('completes a partial policy with the defaults and refuses a value that is no mode', () => {
    expect(completePolicy({ viewer: { PII: 'HIDDEN' } })).toEqual({ ...DEFAULT_MASKING_POLICY, viewer: { PUBLIC: 'CLEAR', INTERNAL: 'CLEAR', PII: 'HIDDEN' } });
    expect(completePolicy(null)).toEqual(DEFAULT_MASKING_POLICY);
    expect(completePolicy({ admin: { PII: 'hashed' } })).toBeNull();
    expect(completePolicy({ admin: { PII: 'NONE' } })).toBeNull();
  });
  it('classifies the ids of people and devices as PII, other ids as INTERNAL', () => {
    const of = (table: string, col: string) => findTable(table)!.columns.find((c) => c.name === col)!.classification;
    for (const t of ['usage_events', 'user_sessions']) expect(of(t, 'user_id')).toBe('PII');
    for (const t of ['usage_events', 'user_sessions', 'device_metrics']) expect(of(t, 'device_id')).toBe('PII');
    expect(of('usage_events', 'event_id')).toBe('INTERNAL');
    expect(of('usage_events', 'platform')).toBe('PUBLIC');
    for (const t of CATALOG) for (const c of t.columns) expect(CLASSIFICATIONS).toContain(c.classification);
  });
  it('derives a key per tenant from the secret: stable, different across tenants and secrets', () => {
    expect(tenantMaskKey('s'.repeat(32), 'acme')).toEqual(tenantMaskKey('s'.repeat(32), 'acme'));
    expect(tenantMaskKey('s'.repeat(32), 'acme')).not.toEqual(tenantMaskKey('s'.repeat(32), 'globex'));
    expect(tenantMaskKey('s'.repeat(32), 'acme')).not.toEqual(tenantMaskKey('t'.repeat(32), 'acme'));
  });
  it('splits the key into the pads of RFC 2104: SHA256(okey ‖ SHA256(ikey ‖ m)) is the HMAC', async () => {
    const { createHash } = await import('node:crypto');
    const { innerKeyHex, outerKeyHex } = hmacPads(KEY);
    for (const m of ['u1', '', 'ü€😀', "'; DROP TABLE x; --"]) {
      const inner = createHash('sha256').update(Buffer.from(innerKeyHex, 'hex')).update(m, 'utf8').digest();
      const outer = createHash('sha256').update(Buffer.from(outerKeyHex, 'hex')).update(inner).digest('hex').toUpperCase();
      expect(outer).toBe(createHmac('sha256', KEY).update(m, 'utf8').digest('hex').toUpperCase());
      expect(outer).toBe(maskedValue(KEY, m));
    }
  });
});

describe('compiled SQL under masking', () => {
  const byUser = { source: 'usage_events', dimensions: [{ field: 'user_id' }, { field: 'platform' }], measures: [{ fn: 'COUNT' }] };

  it('leaves every column as it is when no masking or an all-CLEAR one is passed', () => {
    const plain = compile(byUser, null);
    expect(compile(byUser, maskingWith({}))).toEqual(plain);
    expect(plain.sql).not.toContain('mask_');
  });

  it('outputs a HASHED column as the HMAC of its text under the bound key, same key, label marked', () => {
    const q = compile(byUser, maskingWith({ PII: 'HASHED' }));
    expect(q.sql).toContain('hex(SHA256(concat(unhex({mask_okey:String}), SHA256(concat(unhex({mask_ikey:String}), toString(`usage_events`.`user_id`)))))) AS `user_id`');
    expect(q.sql).toContain('`platform`');
    expect(q.params.mask_ikey).toBe(hmacPads(KEY).innerKeyHex);
    expect(q.params.mask_okey).toBe(hmacPads(KEY).outerKeyHex);
    // The key never appears in SQL text.
    expect(q.sql).not.toContain(hmacPads(KEY).innerKeyHex);
    expect(q.sql).not.toContain(KEY.toString('hex'));
    expect(q.columns[0]).toEqual({ key: 'user_id', label: 'User (hashed)', kind: 'STRING', chType: 'String' });
    expect(q.columns[1]!.label).toBe('Platform');
    // GROUP BY and ORDER BY name the key, which is the hash.
    expect(q.sql).toMatch(/GROUP BY `user_id`, `platform`/);
  });

  it('keeps a nullable column nullable when hashed, and hashes a UUID through its text', () => {
    const q = compile({ source: 'usage_events', dimensions: [{ field: 'referrer' }, { field: 'event_id' }], raw: true }, maskingWith({ INTERNAL: 'HASHED' }));
    expect(q.columns.map((c) => c.chType)).toEqual(['Nullable(String)', 'String']);
    expect(q.sql).toContain('toString(`usage_events`.`event_id`)');
  });

  it('hashes in the engine-CSV query too', () => {
    const r = compileCsvReport(normalize(byUser), { ...CTX, masking: maskingWith({ PII: 'HASHED' }) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query.sql).toContain('toString(`usage_events`.`user_id`)');
    expect(r.query.params.mask_okey).toBe(hmacPads(KEY).outerKeyHex);
    expect(r.query.sql).not.toMatch(/[^.]`user_id`/);
  });

  it('counts distinct values of a masked column over the clear column, table-qualified', () => {
    for (const mode of ['HASHED', 'HIDDEN'] as const) {
      const q = compile({ source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'UNIQ', field: 'user_id' }, { fn: 'COUNT' }] }, maskingWith({ PII: mode }));
      expect(q.sql).toContain('uniqExact(`usage_events`.`user_id`)');
      expect(q.sql).not.toContain('mask_');
    }
  });

  it('refuses a HIDDEN column as a dimension, naming the field', () => {
    const errors = rejection({ source: 'usage_events', dimensions: [{ field: 'platform' }, { field: 'device_id' }] }, maskingWith({ PII: 'HIDDEN' }));
    expect(errors).toEqual([{ path: 'dimensions.1.field', message: expect.stringMatching(/Device \(device_id\) is PII, HIDDEN for the viewer role.*cannot be shown/) }]);
  });

  it('refuses SUM/AVG/MIN/MAX of a masked column, allows COUNT and UNIQ', () => {
    const masking = maskingWith({ PUBLIC: 'HASHED' });
    for (const fn of ['SUM', 'AVG', 'MIN', 'MAX']) {
      expect(rejection({ source: 'usage_events', measures: [{ fn, field: 'duration_ms' }] }, masking)).toEqual([{ path: 'measures.0.field', message: expect.stringContaining(`${fn} would reveal`) }]);
    }
  });

  it('refuses a time range on a masked column', () => {
    const errors = rejection({ source: 'usage_events', measures: [{ fn: 'COUNT' }], timeRange: { last: { n: 7, unit: 'DAY' } } }, maskingWith({ PUBLIC: 'HIDDEN' }));
    expect(errors).toEqual([{ path: 'timeRange.field', message: expect.stringContaining('time range') }]);
  });

  describe('filters', () => {
    const withFilter = (filter: Record<string, unknown>) => ({ source: 'usage_events', measures: [{ fn: 'COUNT' }], filters: [{ field: 'platform', op: 'EQ', value: 'web' }, filter] });
    const clearOps: Record<string, unknown>[] = [
      { op: 'EQ', value: 'u1' }, { op: 'NEQ', value: 'u1' }, { op: 'IN', values: ['u1', 'u2'] }, { op: 'NOT_IN', values: ['u1'] },
      { op: 'CONTAINS', value: 'u' }, { op: 'GT', value: 'u' }, { op: 'LTE', value: 'u' }, { op: 'BETWEEN', values: ['a', 'z'] },
      // One clear value among hashes is still a clear value.
      { op: 'IN', values: [HASH, 'u2'] },
    ];

    it.each(clearOps)('refuses %o against a HASHED column, at the filter\'s field', (f) => {
      const errors = rejection(withFilter({ field: 'user_id', ...f }), maskingWith({ PII: 'HASHED' }));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.path).toBe('filters.1.field');
      expect(errors[0]!.message).toMatch(/User \(user_id\) is PII, HASHED/);
    });

    it.each(clearOps.concat([{ op: 'EQ', value: HASH }, { op: 'IN', values: [HASH] }]))('refuses %o against a HIDDEN column', (f) => {
      expect(rejection(withFilter({ field: 'user_id', ...f }), maskingWith({ PII: 'HIDDEN' }))).toEqual([
        { path: 'filters.1.field', message: expect.stringContaining('cannot be compared with a value') },
      ]);
    });

    it('compares a HASHED column with hashes (either case) through the hash expression', () => {
      const masking = maskingWith({ PII: 'HASHED' });
      const eq = compile(withFilter({ field: 'user_id', op: 'EQ', value: HASH.toLowerCase() }), masking);
      expect(eq.sql).toMatch(/toString\(`usage_events`.`user_id`\)\)\)\)\)\) = \{p1:String\}/);
      expect(eq.params.p1).toBe(HASH);
      const notIn = compile(withFilter({ field: 'user_id', op: 'NOT_IN', values: [HASH, HASH.toLowerCase()] }), masking);
      expect(notIn.sql).toContain('NOT IN {p1:Array(String)}');
      expect(notIn.params.p1).toEqual([HASH, HASH]);
      // The WHERE never names the bare column, which a hashed alias would stand for.
      expect(/\nWHERE (.*)\n/.exec(eq.sql)![1]).not.toMatch(/(^|[^.])`user_id`/);
    });

    it('allows IS_NULL and IS_NOT_NULL on masked columns, without the key for HIDDEN', () => {
      for (const mode of ['HASHED', 'HIDDEN'] as const) {
        for (const op of ['IS_NULL', 'IS_NOT_NULL']) {
          const q = compile(withFilter({ field: 'referrer', op }), maskingWith({ INTERNAL: mode }));
          expect(q.sql).toContain(op === 'IS_NULL' ? 'isNull(' : 'isNotNull(');
          if (mode === 'HIDDEN') expect(q.sql).toContain('`usage_events`.`referrer`');
        }
      }
    });
  });

  it('every class under every mode: clear unchanged, hashed hashed, hidden refused (all tables)', () => {
    for (const table of CATALOG) {
      for (const col of table.columns.filter((c) => c.dimension)) {
        for (const mode of MASK_MODES) {
          const masking = maskingWith({ [col.classification]: mode });
          const def = normalize({ source: table.name, dimensions: [{ field: col.name }], raw: true });
          const problems = maskingViolations(def, masking);
          if (mode === 'HIDDEN') {
            expect(problems.map((p) => p.path)).toContain('dimensions.0.field');
            continue;
          }
          const q = compileReport(def, { ...CTX, masking });
          expect(q.sql.includes('SHA256')).toBe(mode === 'HASHED');
          expect(q.columns[0]!.key).toBe(col.name);
        }
      }
    }
  });
});
