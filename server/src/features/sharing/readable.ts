/**
 * The read rule of sharing/access.ts as SQL, for readers that hold no request's services: the
 * export runner (may a schedule's owner, or an export's requester, still read what the run reads?)
 * and lists that must leave out what the viewer may not read (exports of hidden reports).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '../auth/viewer.js';
import type { SharedObjectType } from './access.js';
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

/** Whether `who` may read the object now (false when it is gone or another tenant's). */
export async function readableBy(em: EntityManager, who: Reader, type: SharedObjectType, id: string): Promise<boolean> {
  const { table, tenantWide } = TABLE[type];
  const [grant, grantParams] = grantReaches('o.id', 'o.tenant_id', type, who.userId, who.role);
  const [row] = await em.getConnection().execute<{ ok: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM ${table} o WHERE o.id = ? AND o.tenant_id = ?
       AND (?::boolean OR ${tenantWide} OR o.created_by = ? OR ${grant})) AS ok`,
    [id, who.tenantId, who.role === 'admin', who.userId, ...grantParams], 'all', em.getTransactionContext());
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
