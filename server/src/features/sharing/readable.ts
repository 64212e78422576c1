/**
 * The read rule of sharing/access.ts as SQL, for readers that hold no request's services: the
 * export runner (may a schedule's owner, or an export's requester, still read what the run reads?)
 * and lists that must leave out what the viewer may not read (exports of hidden reports).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ROLES, type Role } from '../auth/viewer.js';
import { rolePrincipalsFor, type SharedObjectType } from './access.js';
import { grantReaches } from './grant.store.js';

export interface Reader {
  tenantId: string;
  userId: string;
  role: Role;
}

const TABLE: Record<SharedObjectType, { table: string; tenantWide: string }> = {
  REPORT: { table: 'reports', tenantWide: 'o.is_public' },
  DASHBOARD: { table: 'dashboards', tenantWide: "o.visibility = 'TENANT'" },
};

/** Each role's grant principals (its own and the weaker roles'), as the jsonb the SQL rule reads. */
const ROLE_PRINCIPALS = JSON.stringify(Object.fromEntries(ROLES.map((role) => [role, rolePrincipalsFor(role)])));

/**
 * The read rule as an SQL condition: may the reader (SQL expressions for their user id and role)
 * read the object of `type` whose id and tenant are the given expressions? False when it is gone.
 * Expressions, so a statement can check the reader it reads itself (the export claim reads the
 * schedule's owner in the same statement: export-runner.ts).
 */
export function readableCondition(type: SharedObjectType, ids: { id: string; tenant: string }, reader: { user: string; role: string }): [string, unknown[]] {
  const { table, tenantWide } = TABLE[type];
  return [`EXISTS (SELECT 1 FROM ${table} o WHERE o.id = ${ids.id} AND o.tenant_id = ${ids.tenant}
       AND (${reader.role} = 'admin' OR ${tenantWide} OR o.created_by = ${reader.user}
         OR EXISTS (SELECT 1 FROM access_grants g WHERE g.tenant_id = o.tenant_id AND g.object_type = '${type}' AND g.object_id = o.id
              AND ((g.principal_type = 'USER' AND g.principal = ${reader.user})
                OR (g.principal_type = 'ROLE' AND g.principal IN (SELECT jsonb_array_elements_text(?::jsonb -> ${reader.role})))))))`,
  [ROLE_PRINCIPALS]];
}

/** Whether `who` may read the object now (false when it is gone or another tenant's). */
export async function readableBy(em: EntityManager, who: Reader, type: SharedObjectType, id: string): Promise<boolean> {
  const [readable, params] = readableCondition(type, { id: '?::uuid', tenant: '?::text' }, { user: '?::text', role: '?::text' });
  // The placeholders in the order they appear: the object, then the reader (the role twice), then the principals.
  const [row] = await em.getConnection().execute<{ ok: boolean }[]>(`SELECT ${readable} AS ok`,
    [id, who.tenantId, who.role, who.userId, who.userId, ...params, who.role], 'all', em.getTransactionContext());
  return Boolean(row?.ok);
}

/**
 * The ids of the tenant's objects of `type` that `who` may NOT read: the private ones of other
 * users not granted to them (usually few, so a list may leave them out by id). Empty for admins.
 */
export async function hiddenFrom(em: EntityManager, who: Reader, type: SharedObjectType): Promise<string[]> {
  if (who.role === 'admin') return [];
  const { table, tenantWide } = TABLE[type];
  const [grant, grantParams] = grantReaches('o.id', 'o.tenant_id', type, who.userId, who.role);
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `SELECT o.id FROM ${table} o WHERE o.tenant_id = ? AND NOT ${tenantWide} AND o.created_by <> ? AND NOT ${grant}`,
    [who.tenantId, who.userId, ...grantParams], 'all', em.getTransactionContext());
  return rows.map((r) => r.id);
}
