/**
 * The access rule for reports and dashboards, in one place (pure: no I/O). Every read path asks
 * "may this viewer read it?" through the services that use these functions (report.service.ts,
 * dashboard.service.ts, export.service.ts, the export runner for scheduled runs); every write asks
 * "may they change it?".
 *
 * - read: an admin of the tenant, the owner, everyone when the object is tenant-wide (a public
 *   report, a TENANT dashboard), or a VIEW or EDIT grant to the user or to a role at or below theirs.
 * - change (and share): the editor role or higher (a grant never raises a role), and: an admin, the
 *   owner, an EDIT grant, or (reports only, as before grants) a public report.
 * Anything else is NOT_FOUND for reads (existence is never revealed) and FORBIDDEN for a change
 * of something the viewer may read.
 */
import { hasRole, type Role, type Viewer } from '../auth/viewer.js';

export const ACCESS_LEVELS = ['VIEW', 'EDIT'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const SHARED_OBJECT_TYPES = ['REPORT', 'DASHBOARD'] as const;
export type SharedObjectType = (typeof SHARED_OBJECT_TYPES)[number];

/** Role principals as stored (`access_grants.principal` of a ROLE grant). */
export type RolePrincipal = 'VIEWER' | 'EDITOR' | 'ADMIN';
const RANKED: RolePrincipal[] = ['VIEWER', 'EDITOR', 'ADMIN'];

/** The role grants that reach a user of `role`: their own role's and every lower one's. */
export function rolePrincipalsFor(role: Role): RolePrincipal[] {
  return RANKED.slice(0, RANKED.indexOf(role.toUpperCase() as RolePrincipal) + 1);
}

/** The stronger of two levels (EDIT includes VIEW). */
export function stronger(a: AccessLevel | null | undefined, b: AccessLevel | null | undefined): AccessLevel | null {
  if (a === 'EDIT' || b === 'EDIT') return 'EDIT';
  return a ?? b ?? null;
}

export interface AccessFacts {
  /** The viewer created it. */
  owner: boolean;
  /** Everyone in the tenant may read it (public report, TENANT dashboard). */
  tenantWide: boolean;
  /** The strongest grant reaching the viewer, if any. */
  grant: AccessLevel | null;
}

export function mayRead(viewer: Viewer, facts: AccessFacts): boolean {
  return hasRole(viewer, 'admin') || facts.owner || facts.tenantWide || facts.grant !== null;
}

/** `tenantWideEditable`: reports keep their rule from before grants (any editor changes a public report). */
export function mayEdit(viewer: Viewer, facts: AccessFacts, tenantWideEditable: boolean): boolean {
  if (!hasRole(viewer, 'editor')) return false;
  return hasRole(viewer, 'admin') || facts.owner || facts.grant === 'EDIT' || (tenantWideEditable && facts.tenantWide);
}

/**
 * What is wrong with a grant's principal and level, as [field, message] pairs under `principal`
 * (empty: fine). A role grant to ADMIN changes nothing (admins see and change everything), and a
 * VIEWER role grant cannot be EDIT (a grant never raises a role).
 */
export function principalProblems(principal: { userId?: string | null; role?: RolePrincipal | null }, level: AccessLevel): { path: string; message: string }[] {
  const hasUser = principal.userId !== undefined && principal.userId !== null;
  const hasRoleName = principal.role !== undefined && principal.role !== null;
  if (hasUser === hasRoleName) return [{ path: 'principal', message: 'give exactly one of userId and role' }];
  if (hasUser) {
    const id = principal.userId!.trim();
    if (!id || id.length > 200) return [{ path: 'principal.userId', message: 'must be 1 to 200 characters' }];
    return [];
  }
  if (!RANKED.includes(principal.role!)) return [{ path: 'principal.role', message: 'one of VIEWER, EDITOR, ADMIN' }];
  if (principal.role === 'ADMIN') return [{ path: 'principal.role', message: 'admins already see and change everything in their tenant' }];
  if (principal.role === 'VIEWER' && level === 'EDIT') return [{ path: 'level', message: 'the VIEWER role cannot change reports or dashboards: grant VIEW' }];
  return [];
}
