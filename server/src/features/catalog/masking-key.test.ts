import { hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tenantMaskKey } from './masking.js';

describe('tenantMaskKey', () => {
  it('is HKDF-SHA256 of the secret with the tenant as info, per tenant and per secret, and the same on every call', () => {
    const expected = Buffer.from(hkdfSync('sha256', 's'.repeat(32), 'reportcast-masking', 'tenant:acme', 32));
    expect(tenantMaskKey('s'.repeat(32), 'acme').equals(expected)).toBe(true);
    expect(tenantMaskKey('s'.repeat(32), 'acme').equals(expected)).toBe(true); // kept, same bytes
    expect(tenantMaskKey('s'.repeat(32), 'globex').equals(expected)).toBe(false);
    expect(tenantMaskKey('t'.repeat(32), 'acme').equals(expected)).toBe(false);
    // The secret and tenant cannot run into each other in the process's table.
    expect(tenantMaskKey('ab', 'c').equals(tenantMaskKey('a', 'bc'))).toBe(false);
  });

  it('hands out copies: a caller that writes into its key changes no one else\'s', () => {
    const first = tenantMaskKey('k'.repeat(32), 'initech');
    const bytes = Buffer.from(first);
    first.fill(0);
    expect(tenantMaskKey('k'.repeat(32), 'initech').equals(bytes)).toBe(true);
  });
});
