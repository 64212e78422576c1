import { describe, it, expect } from 'vitest';
import { ROLES, hasRole, isRole, type Role, type Viewer } from './viewer.js';

const viewerWith = (role: Role): Viewer => ({ userId: 'u1', tenantId: 'acme', role });

describe('ROLES', () => {
  it('lists viewer, editor and admin in increasing order of power', () => {
    expect(ROLES).toEqual(['viewer', 'editor', 'admin']);
  });
});

describe('hasRole', () => {
  const matrix: [held: Role, required: Role, allowed: boolean][] = [
    ['viewer', 'viewer', true],
    ['viewer', 'editor', false],
    ['viewer', 'admin', false],
    ['editor', 'viewer', true],
    ['editor', 'editor', true],
    ['editor', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'editor', true],
    ['admin', 'admin', true],
  ];

  it.each(matrix)('a %s requiring %s → %s', (held, required, allowed) => {
    expect(hasRole(viewerWith(held), required)).toBe(allowed);
  });

  it('covers every pair of roles', () => {
    expect(matrix).toHaveLength(ROLES.length * ROLES.length);
  });
});

describe('isRole', () => {
  it.each(['viewer', 'editor', 'admin'])('accepts %j', (value) => {
    expect(isRole(value)).toBe(true);
  });

  it.each(['superuser', 'Admin', 'VIEWER', ' admin', 'admin ', '', 'owner', 1, true, null, undefined, {}, ['admin']])(
    'rejects %j',
    (value) => {
      expect(isRole(value)).toBe(false);
    },
  );
});
