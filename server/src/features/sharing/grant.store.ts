/**
 * The grants table (migration 0024) as the read paths and the sharing service use it. One
 * instance per request (it hangs off ReportService), so "which objects are granted to this
 * viewer" is asked once per object type and request, and forgotten when the request changes a grant.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role, Viewer } from '../auth/viewer.js';
import { rolePrincipalsFor, type AccessLevel, type RolePrincipal, type SharedObjectType } from './access.js';

export interface GrantRow {
  id: string;
  objectType: SharedObjectType;
  objectId: string;
  userId: string | null;
  role: RolePrincipal | null;
  level: AccessLevel;
  grantedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Principal {
  userId?: string | null;
  role?: RolePrincipal | null;
}

interface Row {
  id: string; object_type: SharedObjectType; object_id: string; principal_type: 'USER' | 'ROLE'; principal: string;
  level: AccessLevel; granted_by: string; created_at: Date; updated_at: Date;
}

const fromRow = (r: Row): GrantRow => ({
  id: r.id, objectType: r.object_type, objectId: r.object_id,
  userId: r.principal_type === 'USER' ? r.principal : null, role: r.principal_type === 'ROLE' ? (r.principal as RolePrincipal) : null,
  level: r.level, grantedBy: r.granted_by, createdAt: new Date(r.created_at), updatedAt: new Date(r.updated_at),
});

/** The principal as stored: (principal_type, principal). */
export function storedPrincipal(p: Principal): ['USER' | 'ROLE', string] {
  return p.userId != null ? ['USER', p.userId.trim()] : ['ROLE', p.role!];
}

/**
 * The SQL condition "a grant on <alias>.id reaches this user" for object type `type`, with its
 * parameters: for readers that decide visibility in one statement (the export runner, the list of
 * exports). `idColumn` is the object's id column as the statement names it.
 */
export function grantReaches(idColumn: string, tenantColumn: string, type: SharedObjectType, userId: string, role: Role): [string, unknown[]] {
  return [`EXISTS (SELECT 1 FROM access_grants g WHERE g.tenant_id = ${tenantColumn} AND g.object_type = '${type}' AND g.object_id = ${idColumn}
      AND ((g.principal_type = 'USER' AND g.principal = ?) OR (g.principal_type = 'ROLE' AND g.principal = ANY(?::text[]))))`,
  [userId, `{${rolePrincipalsFor(role).join(',')}}`]];
}

export class GrantStore {
  private readonly levels = new Map<SharedObjectType, Promise<Map<string, AccessLevel>>>();

  constructor(private readonly em: EntityManager) {}

  private sql<T>(query: string, params: unknown[], em: EntityManager = this.em): Promise<T[]> {
    return em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
  }

  /** Every object of `type` granted to the viewer (directly or by role), with the strongest level. */
  levelsFor(viewer: Viewer, type: SharedObjectType): Promise<Map<string, AccessLevel>> {
    let known = this.levels.get(type);
    if (!known) {
      known = this.sql<{ id: string; edit: boolean }>(
        `SELECT object_id::text AS id, bool_or(level = 'EDIT') AS edit FROM access_grants
         WHERE tenant_id = ? AND object_type = ? AND ((principal_type = 'USER' AND principal = ?) OR (principal_type = 'ROLE' AND principal = ANY(?::text[])))
         GROUP BY object_id`,
        [viewer.tenantId, type, viewer.userId, `{${rolePrincipalsFor(viewer.role).join(',')}}`],
      ).then((rows) => new Map(rows.map((r) => [r.id, r.edit ? 'EDIT' as const : 'VIEW' as const])));
      this.levels.set(type, known);
    }
    return known;
  }

  /** After a grant changed in this request: the next question reads the table again. */
  forget(): void {
    this.levels.clear();
  }

  async list(tenantId: string, type: SharedObjectType, objectId: string): Promise<GrantRow[]> {
    const rows = await this.sql<Row>(
      `SELECT * FROM access_grants WHERE tenant_id = ? AND object_type = ? AND object_id = ?
       ORDER BY principal_type DESC, lower(principal), id`, [tenantId, type, objectId]);
    return rows.map(fromRow);
  }

  /** Inserts the grant or changes its level; returns it and the level it had before (null: new). */
  async upsert(tx: EntityManager, viewer: Viewer, type: SharedObjectType, objectId: string, principal: Principal, level: AccessLevel): Promise<{ grant: GrantRow; before: AccessLevel | null }> {
    const [kind, name] = storedPrincipal(principal);
    const [old] = await this.sql<{ level: AccessLevel }>(
      'SELECT level FROM access_grants WHERE tenant_id = ? AND object_type = ? AND object_id = ? AND principal_type = ? AND principal = ? FOR UPDATE',
      [viewer.tenantId, type, objectId, kind, name], tx);
    const [row] = await this.sql<Row>(
      `INSERT INTO access_grants (id, tenant_id, object_type, object_id, principal_type, principal, level, granted_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, object_type, object_id, principal_type, principal)
       DO UPDATE SET level = EXCLUDED.level, granted_by = EXCLUDED.granted_by, updated_at = now()
       RETURNING *`,
      [randomUUID(), viewer.tenantId, type, objectId, kind, name, level, viewer.userId], tx);
    this.forget();
    return { grant: fromRow(row!), before: old?.level ?? null };
  }

  /** A VIEW grant on a report for the principal unless they hold one already; true when added. */
  async addViewIfNone(tx: EntityManager, viewer: Viewer, reportId: string, principal: Principal): Promise<boolean> {
    const [kind, name] = storedPrincipal(principal);
    const rows = await this.sql<{ id: string }>(
      `INSERT INTO access_grants (id, tenant_id, object_type, object_id, principal_type, principal, level, granted_by)
       VALUES (?, ?, 'REPORT', ?, ?, ?, 'VIEW', ?)
       ON CONFLICT (tenant_id, object_type, object_id, principal_type, principal) DO NOTHING RETURNING id`,
      [randomUUID(), viewer.tenantId, reportId, kind, name, viewer.userId], tx);
    this.forget();
    return rows.length > 0;
  }

  /** Removes the grant; returns it as it was, or null when there was none. */
  async remove(tx: EntityManager, tenantId: string, type: SharedObjectType, objectId: string, principal: Principal): Promise<GrantRow | null> {
    const [kind, name] = storedPrincipal(principal);
    const [row] = await this.sql<Row>(
      'DELETE FROM access_grants WHERE tenant_id = ? AND object_type = ? AND object_id = ? AND principal_type = ? AND principal = ? RETURNING *',
      [tenantId, type, objectId, kind, name], tx);
    this.forget();
    return row ? fromRow(row) : null;
  }

  /**
   * Whether `userId` is a user of this tenant as far as Reportcast knows: one who has used a token
   * for it (`auth.token_use`) or done anything audited in it, or who owns something in it. A user
   * known only to another tenant is not (the same id there is another person).
   */
  async knownUser(tenantId: string, userId: string): Promise<boolean> {
    const [row] = await this.sql<{ known: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM audit_log WHERE tenant_id = ? AND actor = ?)
           OR EXISTS (SELECT 1 FROM reports WHERE tenant_id = ? AND created_by = ?)
           OR EXISTS (SELECT 1 FROM dashboards WHERE tenant_id = ? AND created_by = ?) AS known`,
      [tenantId, userId, tenantId, userId, tenantId, userId]);
    return Boolean(row?.known);
  }

  /**
   * The tenant's users a share dialog offers: those who signed in (first use of a token), with the
   * role of their latest sign-in, most recent first; `search` matches part of the id.
   */
  async users(tenantId: string, search: string | null, first: number): Promise<{ userId: string; role: Role | null; lastSeenAt: Date }[]> {
    const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await this.sql<{ actor: string; role: Role | null; last_seen: Date }>(
      `SELECT DISTINCT ON (actor) actor, details->>'role' AS role, created_at AS last_seen FROM audit_log
       WHERE tenant_id = ? AND action = 'auth.token_use' AND (?::text IS NULL OR actor ILIKE ?)
       ORDER BY actor, created_at DESC`, [tenantId, pattern, pattern]);
    return rows.map((r) => ({ userId: r.actor, role: r.role, lastSeenAt: new Date(r.last_seen) }))
      .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || a.userId.localeCompare(b.userId))
      .slice(0, first);
  }
}
