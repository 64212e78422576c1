import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../errors.js';
import { auditWhere, checkAuditFilter, storedAuditFilter } from './audit-filter.js';

const refused = (input: Parameters<typeof checkAuditFilter>[0]) => {
  try {
    checkAuditFilter(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).fieldErrors.map((e) => e.path);
  }
  throw new Error('expected a refusal');
};

describe('checkAuditFilter', () => {
  it('keeps given terms trimmed, drops empty ones, turns dates into ISO text', () => {
    expect(checkAuditFilter({ actor: ' ann ', action: '', targetType: null, from: new Date('2026-12-01T00:00:00Z'), outcome: 'DENIED' }))
      .toEqual({ actor: 'ann', from: '2026-12-01T00:00:00.000Z', outcome: 'DENIED' });
    expect(checkAuditFilter(null)).toEqual({});
  });

  it('refuses, naming the field: to not after from, overlong terms, stray wildcards, unknown outcomes, invalid dates', () => {
    const at = new Date('2026-12-01T00:00:00Z');
    expect(refused({ from: at, to: at })).toEqual(['filter.to']);
    expect(refused({ actor: 'x'.repeat(201) })).toEqual(['filter.actor']);
    expect(refused({ action: 'export*' })).toEqual(['filter.action']);
    expect(refused({ action: '*.create' })).toEqual(['filter.action']);
    expect(refused({ action: '.*' })).toEqual(['filter.action']);
    expect(refused({ outcome: 'MAYBE' as never })).toEqual(['filter.outcome']);
    expect(refused({ from: new Date('nope') })).toEqual(['filter.from']);
    expect(checkAuditFilter({ action: 'export.*' })).toEqual({ action: 'export.*' });
  });
});

describe('auditWhere', () => {
  it('always starts with the tenant, then one condition per given field, in order', () => {
    expect(auditWhere('acme', {})).toEqual({ sql: 'a.tenant_id = ?', params: ['acme'] });
    const w = auditWhere('acme', { actor: 'ann', action: 'export.create', targetType: 'export', targetId: '7', from: 'F', to: 'T', outcome: 'SUCCESS', untilId: '42' }, 'x');
    expect(w.sql).toBe('x.tenant_id = ? AND x.actor = ? AND x.action = ? AND x.target_type = ? AND x.target_id = ? AND x.created_at >= ?::timestamptz AND x.created_at < ?::timestamptz AND x.outcome = ? AND x.id <= ?::bigint');
    expect(w.params).toEqual(['acme', 'ann', 'export.create', 'export', '7', 'F', 'T', 'SUCCESS', '42']);
  });

  it('a family is a LIKE on its prefix with LIKE wildcards escaped; values are never spliced into the SQL', () => {
    const w = auditWhere('acme', { action: "a_b%'c\\.*" });
    expect(w.sql).toBe("a.tenant_id = ? AND a.action LIKE ? ESCAPE '\\'");
    expect(w.params).toEqual(['acme', "a\\_b\\%'c\\\\.%"]);
  });
});

describe('storedAuditFilter', () => {
  it('reads back what checkAuditFilter wrote plus the snapshot id; anything else is null', () => {
    const stored = { ...checkAuditFilter({ actor: 'ann', to: new Date('2026-12-02T00:00:00Z') }), untilId: '99' };
    expect(storedAuditFilter(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(storedAuditFilter([])).toBeNull();
    expect(storedAuditFilter({ actor: 3 })).toBeNull();
    expect(storedAuditFilter({ from: 'yesterday' })).toBeNull();
    expect(storedAuditFilter({ outcome: 'OK' })).toBeNull();
    expect(storedAuditFilter({ untilId: '1; DROP TABLE' })).toBeNull();
  });
});
