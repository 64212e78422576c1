/**
 * A tenant's own column classes (classifyColumns) in the pure core: the class a column takes, the
 * masking the compiler applies by it, the refusals that name it, and the compliance summary's
 * "PII in clear" columns; another tenant's classes (none) leave the catalog's in force.
 */
import { describe, expect, it } from 'vitest';
import { classOf, columnMasking, DEFAULT_MASKING_POLICY, tenantMaskKey } from './masking.js';
import { findColumn, findTable } from './catalog.js';
import { compileReport, maskingViolations } from '../reports/compile-query.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { clearPiiColumns } from '../audit/pii-exposure.js';

const KEY = tenantMaskKey('a-server-secret-of-at-least-32-characters', 'acme');
const CTX = { tenantId: 'acme', asOf: new Date('2026-12-07T00:00:00Z'), database: 'analytics', maxRangeDays: 366, timeZone: 'UTC' };
const definition = (() => {
  const r = validateDefinition({ source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT' }], filters: [{ field: 'platform', op: 'EQ', value: 'web' }] }, { maxRowLimit: 1000, maxRangeDays: 366 });
  if (!r.valid) throw new Error(JSON.stringify(r.errors));
  return r.definition;
})();
const unfiltered = { ...definition, filters: [] };
const platform = findColumn(findTable('usage_events')!, 'platform')!;

describe("a tenant's column classes", () => {
  it('override the catalog class of that column only, in that table only', () => {
    const classes = { 'usage_events.platform': 'PII' } as const;
    expect(platform.classification).toBe('PUBLIC');
    expect(classOf('usage_events', platform, classes)).toBe('PII');
    expect(classOf('user_sessions', platform, classes)).toBe('PUBLIC');
    expect(classOf('usage_events', platform, undefined)).toBe('PUBLIC');
  });

  it('decide the masking the compiler applies: a PUBLIC column made PII is hashed for an editor, clear for an admin', () => {
    const editorMasked = columnMasking(DEFAULT_MASKING_POLICY, 'editor', KEY, { 'usage_events.platform': 'PII' });
    const q = compileReport(unfiltered, { ...CTX, masking: editorMasked });
    expect(q.sql).toMatch(/SHA256/);
    expect(q.params).toHaveProperty('mask_ikey');
    // The same definition without the tenant's class, or for an admin: the plain column.
    expect(compileReport(unfiltered, { ...CTX, masking: columnMasking(DEFAULT_MASKING_POLICY, 'editor', KEY) }).sql).not.toMatch(/SHA256/);
    expect(compileReport(unfiltered, { ...CTX, masking: columnMasking(DEFAULT_MASKING_POLICY, 'admin', KEY, { 'usage_events.platform': 'PII' }) }).sql).not.toMatch(/SHA256/);
  });

  it('name the tenant class in a refusal: a clear value compared with a column now hashed', () => {
    const errors = maskingViolations(definition, columnMasking(DEFAULT_MASKING_POLICY, 'viewer', KEY, { 'usage_events.platform': 'PII' }));
    expect(errors).toEqual([expect.objectContaining({ path: 'filters.0.field', message: expect.stringContaining('Platform (platform) is PII, HASHED for the viewer role') })]);
  });

  it('count in "PII exported in clear" by the tenant class; a column made PUBLIC no longer does', () => {
    const admin = (classes = {}) => columnMasking(DEFAULT_MASKING_POLICY, 'admin', KEY, classes);
    expect(clearPiiColumns(definition, admin())).toEqual([]);
    expect(clearPiiColumns(definition, admin({ 'usage_events.platform': 'PII' }))).toEqual(['platform']);
    const byUser = validateDefinition({ source: 'usage_events', dimensions: [{ field: 'user_id' }], measures: [{ fn: 'COUNT' }] }, { maxRowLimit: 1000, maxRangeDays: 366 });
    if (!byUser.valid) throw new Error('invalid');
    expect(clearPiiColumns(byUser.definition, admin())).toEqual(['user_id']);
    expect(clearPiiColumns(byUser.definition, admin({ 'usage_events.user_id': 'INTERNAL' }))).toEqual([]);
  });
});
