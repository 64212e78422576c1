import { describe, expect, it } from 'vitest';
import { findTable } from '../catalog/catalog.js';
import { bindParameterValues } from '../reports/parameters/bind.js';
import { compileReport } from '../reports/compile-query.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { BUILT_IN_TEMPLATES, builtInTemplate } from './built-in.js';

const LIMITS = { maxRowLimit: 100_000, maxRangeDays: 366 };

describe('built-in templates', () => {
  it('are 4 report types × 3 tables with unique ids', () => {
    expect(BUILT_IN_TEMPLATES).toHaveLength(12);
    expect(new Set(BUILT_IN_TEMPLATES.map((t) => t.id)).size).toBe(12);
    expect(new Set(BUILT_IN_TEMPLATES.map((t) => t.definition.source))).toEqual(new Set(['usage_events', 'user_sessions', 'device_metrics']));
    expect(builtInTemplate('builtin:daily-summary:usage_events')?.kind).toBe('DAILY_SUMMARY');
    expect(builtInTemplate('builtin:daily-summary:nope')).toBeUndefined();
  });

  it('each validates, binds its defaults (a custom range given one) and compiles with its values bound', () => {
    for (const t of BUILT_IN_TEMPLATES) {
      expect(findTable(t.definition.source), t.id).toBeDefined();
      const checked = validateDefinition(t.definition, LIMITS);
      if (!checked.valid) throw new Error(`${t.id}: ${JSON.stringify(checked.errors)}`);
      const values = t.kind === 'CUSTOM_RANGE' ? { period: { from: '2026-11-01', to: '2026-11-07' } } : {};
      const bound = bindParameterValues(checked.definition, values, 'v', 366);
      if (!bound.ok) throw new Error(`${t.id}: ${JSON.stringify(bound.errors)}`);
      const q = compileReport(bound.definition, { tenantId: 'acme', asOf: new Date('2026-12-07T10:00:00Z'), database: 'analytics', maxRangeDays: 366, timeZone: 'Asia/Tokyo' });
      expect(q.sql, t.id).toContain('{from:');
      // The optional breakdown parameter left unset: no filter on it.
      expect(q.sql, t.id).not.toContain('{p_');
      const withValue = bindParameterValues(checked.definition, { ...values, [t.definition.parameters!.find((p) => p.type === 'ENUM')!.name]: ['x'] }, 'v', 366);
      expect(withValue.ok && compileReport(withValue.definition, { tenantId: 'acme', asOf: new Date(), database: 'analytics', maxRangeDays: 366, timeZone: 'UTC' }).sql, t.id).toMatch(/IN \{p_\w+:Array\(String\)\}/);
    }
  });

  it('a custom range needs its range; the others run on their defaults', () => {
    const custom = validateDefinition(builtInTemplate('builtin:custom-range:device_metrics')!.definition, LIMITS);
    expect(custom.valid && bindParameterValues(custom.definition, {}, 'parameterValues', 366)).toMatchObject({ ok: false, errors: [{ path: 'parameterValues.period' }] });
  });
});
