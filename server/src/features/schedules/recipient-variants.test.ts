import { describe, expect, it } from 'vitest';
import { findTable } from '../catalog/catalog.js';
import type { DefinitionError } from '../reports/definition.js';
import type { Bound } from '../reports/parameters/bind.js';
import { normalizeParameterSpecs, resolveParameterValues } from '../reports/parameters/resolve.js';
import { canonicalJson, runVariants, variantKey, type VariantInput } from './recipient-variants.js';

const errors: DefinitionError[] = [];
const params = normalizeParameterSpecs([
  { name: 'country', type: 'ENUM', optionsColumn: 'country', default: 'DE' },
  { name: 'platform', type: 'ENUM', multiple: true, options: ['ios', 'android', 'web'] },
], findTable('usage_events')!, 366, errors);
// A stand-in for bindParameterValues over a definition with these parameters: the same resolver.
const bind = (supplied: Record<string, unknown> | null): Bound => {
  const r = resolveParameterValues(params, supplied, 'parameterValues', 366);
  return r.ok ? { ok: true, definition: { parameterValues: r.values } as never } : r;
};
const schedule = (over: Partial<VariantInput> = {}): VariantInput => ({
  parameterValues: null, recipients: ['a@x.com', 'berlin@x.com', 'tokyo@x.com'], recipientParameters: [], otherDestinations: false, ...over,
});
const valuesOf = (b: Bound) => (b.ok ? b.definition.parameterValues : null);

describe('canonical values', () => {
  it('gives the same text and key to the same set, whatever the order', () => {
    expect(errors).toEqual([]);
    expect(canonicalJson({ b: ['web', 'ios'], a: 1 })).toBe(canonicalJson({ a: 1, b: ['ios', 'web'] }));
    expect(variantKey({ b: ['web', 'ios'], a: 1 })).toBe(variantKey({ a: 1, b: ['ios', 'web'] }));
    expect(variantKey({ a: 1 })).not.toBe(variantKey({ a: 2 }));
    expect(variantKey({ a: 1 })).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('runs of a slot', () => {
  it('is one schedule-level run for everyone without per-recipient values (recipients null: as before)', () => {
    const runs = runVariants(schedule({ parameterValues: { country: 'FR' } }), null, bind);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ key: '', recipients: null, scheduleLevel: true });
    expect(valuesOf(runs[0]!.bound)).toEqual({ country: 'FR', platform: null });
  });

  it('makes one run per distinct resolved set, each to its recipients only', () => {
    const runs = runVariants(schedule({
      recipients: ['a@x.com', 'berlin@x.com', 'berlin2@x.com', 'tokyo@x.com', 'same@x.com'],
      parameterValues: { platform: ['ios'] },
      recipientParameters: [
        { recipient: 'berlin@x.com', parameterValues: { country: 'DE', platform: ['web', 'ios'] } },
        { recipient: 'berlin2@x.com', parameterValues: { platform: ['ios', 'web'] } }, // DE by default: the same set
        { recipient: 'tokyo@x.com', parameterValues: { country: 'JP' } },
        { recipient: 'same@x.com', parameterValues: { country: 'DE' } }, // resolves to the schedule's own set
      ],
    }), null, bind);
    expect(runs.map((r) => r.recipients)).toEqual([['a@x.com', 'same@x.com'], ['berlin@x.com', 'berlin2@x.com'], ['tokyo@x.com']]);
    expect(runs[0]!.key).toBe('');
    expect(valuesOf(runs[1]!.bound)).toEqual({ country: 'DE', platform: ['web', 'ios'] });
    expect(valuesOf(runs[2]!.bound)).toEqual({ country: 'JP', platform: ['ios'] });
    expect(runs[1]!.key).toBe(variantKey({ country: 'DE', platform: ['ios', 'web'] }));
    expect(new Set(runs.map((r) => r.key)).size).toBe(3);
    // Planned again (a re-tick, another ticker): the same keys.
    expect(runVariants(schedule({
      recipients: ['a@x.com', 'berlin@x.com', 'berlin2@x.com', 'tokyo@x.com', 'same@x.com'], parameterValues: { platform: ['ios'] },
      recipientParameters: [{ recipient: 'tokyo@x.com', parameterValues: { country: 'JP' } }],
    }), null, bind).at(-1)!.key).toBe(runs[2]!.key);
  });

  it('leaves out the schedule-level run when it serves nobody, unless S3, Slack or webhooks take it', () => {
    const all = { recipients: ['berlin@x.com'], recipientParameters: [{ recipient: 'berlin@x.com', parameterValues: { country: 'AT' } }] };
    expect(runVariants(schedule(all), null, bind).map((r) => r.key === '')).toEqual([false]);
    expect(runVariants(schedule({ ...all, otherDestinations: true }), null, bind).map((r) => [r.key === '', r.recipients])).toEqual([[true, []], [false, ['berlin@x.com']]]);
  });

  it("puts a run's own values over every recipient's", () => {
    const runs = runVariants(schedule({ recipientParameters: [{ recipient: 'tokyo@x.com', parameterValues: { country: 'JP' } }] }), { country: 'US' }, bind);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.recipients).toEqual(['a@x.com', 'berlin@x.com', 'tokyo@x.com']);
    expect(valuesOf(runs[0]!.bound)).toEqual({ country: 'US', platform: null });
  });

  it('keeps values that no longer fit as their own (failing) run', () => {
    const runs = runVariants(schedule({ recipientParameters: [{ recipient: 'tokyo@x.com', parameterValues: { platform: ['desktop'] } }] }), null, bind);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.bound.ok).toBe(false);
    expect(runs[1]!.key).toMatch(/^invalid:/);
    expect(runs[1]!.recipients).toEqual(['tokyo@x.com']);
  });
});
