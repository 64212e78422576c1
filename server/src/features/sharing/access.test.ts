import { describe, expect, it } from 'vitest';
import type { Role, Viewer } from '../auth/viewer.js';
import { mayEdit, mayRead, principalProblems, rolePrincipalsFor, stronger } from './access.js';

const as = (role: Role): Viewer => ({ tenantId: 'acme', userId: `${role}@acme`, role });
const none = { owner: false, tenantWide: false, grant: null };

describe('the access rule', () => {
  it('role grants reach a role and every higher one', () => {
    expect(rolePrincipalsFor('viewer')).toEqual(['VIEWER']);
    expect(rolePrincipalsFor('editor')).toEqual(['VIEWER', 'EDITOR']);
    expect(rolePrincipalsFor('admin')).toEqual(['VIEWER', 'EDITOR', 'ADMIN']);
  });

  it('reads: admin, owner, tenant-wide or any grant; nothing else', () => {
    expect(mayRead(as('viewer'), none)).toBe(false);
    expect(mayRead(as('editor'), none)).toBe(false);
    expect(mayRead(as('admin'), none)).toBe(true);
    expect(mayRead(as('viewer'), { ...none, owner: true })).toBe(true);
    expect(mayRead(as('viewer'), { ...none, tenantWide: true })).toBe(true);
    expect(mayRead(as('viewer'), { ...none, grant: 'VIEW' })).toBe(true);
    expect(mayRead(as('viewer'), { ...none, grant: 'EDIT' })).toBe(true);
  });

  it('changes: an editor with EDIT, the owner or an admin; a grant never raises a viewer; public reports stay editable by editors', () => {
    expect(mayEdit(as('editor'), { ...none, grant: 'VIEW' }, true)).toBe(false);
    expect(mayEdit(as('editor'), { ...none, grant: 'EDIT' }, false)).toBe(true);
    expect(mayEdit(as('viewer'), { ...none, grant: 'EDIT' }, false)).toBe(false);
    expect(mayEdit(as('viewer'), { ...none, owner: true }, false)).toBe(false);
    expect(mayEdit(as('editor'), { ...none, owner: true }, false)).toBe(true);
    expect(mayEdit(as('admin'), none, false)).toBe(true);
    expect(mayEdit(as('editor'), { ...none, tenantWide: true }, true)).toBe(true);
    expect(mayEdit(as('editor'), { ...none, tenantWide: true }, false)).toBe(false);
  });

  it('the stronger level wins', () => {
    expect(stronger('VIEW', 'EDIT')).toBe('EDIT');
    expect(stronger(null, 'VIEW')).toBe('VIEW');
    expect(stronger(null, undefined)).toBeNull();
  });

  it('principal problems, at their paths', () => {
    expect(principalProblems({ userId: 'vic@acme' }, 'EDIT')).toEqual([]);
    expect(principalProblems({ role: 'EDITOR' }, 'EDIT')).toEqual([]);
    expect(principalProblems({}, 'VIEW')[0]!.path).toBe('principal');
    expect(principalProblems({ userId: 'a', role: 'VIEWER' }, 'VIEW')[0]!.path).toBe('principal');
    expect(principalProblems({ userId: '  ' }, 'VIEW')[0]!.path).toBe('principal.userId');
    expect(principalProblems({ userId: 'x'.repeat(201) }, 'VIEW')[0]!.path).toBe('principal.userId');
    expect(principalProblems({ role: 'ADMIN' }, 'VIEW')[0]!.path).toBe('principal.role');
    expect(principalProblems({ role: 'VIEWER' }, 'EDIT')[0]!.path).toBe('level');
    expect(principalProblems({ role: 'OWNER' as never }, 'VIEW')[0]!.path).toBe('principal.role');
  });
});
