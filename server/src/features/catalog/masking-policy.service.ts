/**
 * A tenant's masking policy in PostgreSQL (masking_policies, migration 0016) and the masking a
 * viewer's queries get from it. The key is derived here from the server secret (masking.ts), so it
 * is never stored, and is the same in every process that shares SECRETS_KEY.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError, ForbiddenError, type FieldError } from '../../errors.js';
import { findColumn, findTable, TENANT_COLUMN } from './catalog.js';
import type { AuditService } from '../audit/audit.service.js';
import type { SingleFlight } from '../../platform/single-flight.js';
import { deepFrozen } from '../../platform/deep-frozen.js';
import { hasRole, type Role, type Viewer } from '../auth/viewer.js';
import {
  CLASSIFICATIONS, columnMasking, completePolicy, DEFAULT_MASKING_POLICY, tenantMaskKey,
  type Classification, type ColumnClasses, type ColumnMasking, type MaskingPolicy, type MaskMode,
} from './masking.js';

export interface StoredMaskingPolicy {
  policy: MaskingPolicy;
  /** Null while the tenant uses the default. */
  updatedAt: Date | null;
  updatedBy: string | null;
  /** The tenant's own classes of columns, by `table.column` (column_classifications, migration 0027). */
  classes: ColumnClasses;
}

export interface ColumnClassChange {
  table: string;
  column: string;
  /** The column's class for this tenant; null: back to the catalog's. */
  classification: Classification | null;
}

export interface MaskingRuleChange {
  role: Role;
  classification: Classification;
  mode: MaskMode;
}

/** The columns storedMaskingColumns selects. */
export interface StoredMaskingRow {
  masking_policy: { policy: unknown; updated_at: string; updated_by: string | null } | null;
  masking_classes: [string, string, Classification][] | null;
}

/**
 * A tenant's policy row (if any) and its classifications as two columns of one select list, for
 * the tenant SQL expression `tenant` (it appears twice): one round trip, or none of its own where a
 * statement the caller runs anyway selects them too (the export claim, a delivery's read).
 */
export function storedMaskingColumns(tenant: string): string {
  return `(SELECT json_build_object('policy', p.policy, 'updated_at', p.updated_at, 'updated_by', p.updated_by) FROM masking_policies p WHERE p.tenant_id = ${tenant}) AS masking_policy,
    (SELECT coalesce(json_agg(json_build_array(c.table_name, c.column_name, c.classification)), '[]'::json)
       FROM column_classifications c WHERE c.tenant_id = ${tenant}) AS masking_classes`;
}

/** The stored policy from storedMaskingColumns' row. */
export function storedMaskingPolicy(tenantId: string, row: StoredMaskingRow | undefined): StoredMaskingPolicy {
  const classes: ColumnClasses = Object.fromEntries((row?.masking_classes ?? []).map(([table, column, classification]) => [`${table}.${column}`, classification]));
  const stored = row?.masking_policy;
  if (!stored || stored.policy === null) return { policy: DEFAULT_MASKING_POLICY, updatedAt: null, updatedBy: null, classes };
  const policy = completePolicy(stored.policy);
  // Only updateMaskingPolicy writes the table, with a checked policy: a row that does not read
  // back is damage, and showing clear values because of it would be the wrong way to fail.
  if (!policy) throw new Error(`The masking policy of tenant ${tenantId} cannot be read`);
  return { policy, updatedAt: new Date(stored.updated_at), updatedBy: stored.updated_by, classes };
}

/** The masking an export's rows get: its role under the tenant's stored policy. */
export function exportMasking(stored: StoredMaskingPolicy, role: Role | null, maskingSecret: string, tenantId: string): ColumnMasking {
  // Older rows recorded no role: viewer, the strictest.
  return columnMasking(stored.policy, role ?? 'viewer', tenantMaskKey(maskingSecret, tenantId), stored.classes);
}

export class MaskingPolicyService {
  constructor(
    private readonly em: EntityManager,
    /** SECRETS_KEY, or its development stand-in (app.ts): the root of every tenant's masking key. */
    private readonly secret: string,
    /** Shared by the requests of a process: concurrent maskingFor calls of one tenant and role read once (single-flight.ts). */
    private readonly flights?: SingleFlight<ColumnMasking>,
  ) {}

  async stored(tenantId: string, em: EntityManager = this.em): Promise<StoredMaskingPolicy> {
    const [row] = await em.getConnection().execute<StoredMaskingRow[]>(`SELECT ${storedMaskingColumns('?::text')}`, [tenantId, tenantId], 'all', em.getTransactionContext());
    return storedMaskingPolicy(tenantId, row);
  }

  /** The tenant's classification of columns, over the catalog's defaults. */
  async classes(tenantId: string, em: EntityManager = this.em): Promise<ColumnClasses> {
    const rows = await em.getConnection().execute<{ table_name: string; column_name: string; classification: Classification }[]>(
      'SELECT table_name, column_name, classification FROM column_classifications WHERE tenant_id = ?', [tenantId], 'all', em.getTransactionContext());
    return Object.fromEntries(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.classification]));
  }

  /**
   * Classifies some catalog columns for the tenant (admins only), audited in the same transaction
   * as `catalog.classify` with each column's old and new class. A class equal to the catalog's (or
   * null) removes the tenant's own, so the column follows the catalog again.
   */
  async classify(viewer: Viewer, audit: AuditService, changes: ColumnClassChange[]): Promise<ColumnClasses> {
    if (!hasRole(viewer, 'admin')) throw new ForbiddenError('Classifying columns needs the admin role');
    if (changes.length === 0) throw new BadUserInputError('No columns to classify', [{ path: 'columns', message: 'give at least one column' }]);
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    const resolved = changes.map((c, i) => {
      const table = findTable(c.table);
      const column = table ? findColumn(table, c.column) : undefined;
      if (!table) problems.push({ path: `columns.${i}.table`, message: `unknown table '${c.table}'` });
      else if (!column || column.name === TENANT_COLUMN) problems.push({ path: `columns.${i}.column`, message: `unknown column '${c.column}' of ${table.name}` });
      if (c.classification !== null && !(CLASSIFICATIONS as readonly string[]).includes(c.classification)) problems.push({ path: `columns.${i}.classification`, message: `one of ${CLASSIFICATIONS.join(', ')}` });
      const key = `${c.table}.${c.column}`;
      if (seen.has(key)) problems.push({ path: `columns.${i}`, message: 'column given twice' });
      seen.add(key);
      return { key, table: table?.name ?? c.table, column: column?.name ?? c.column, catalog: column?.classification ?? 'PUBLIC', classification: c.classification };
    });
    if (problems.length) throw new BadUserInputError(`Invalid classification: ${problems[0]!.path} ${problems[0]!.message}`, problems);
    return audit.recorded(viewer, async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      await conn.execute(`SELECT pg_advisory_xact_lock(hashtext('masking:' || ?))`, [viewer.tenantId], 'all', ctx);
      const before = await this.classes(viewer.tenantId, tx);
      for (const c of resolved) {
        if (c.classification === null || c.classification === c.catalog) {
          await conn.execute('DELETE FROM column_classifications WHERE tenant_id = ? AND table_name = ? AND column_name = ?', [viewer.tenantId, c.table, c.column], 'run', ctx);
        } else {
          await conn.execute(
            `INSERT INTO column_classifications (tenant_id, table_name, column_name, classification, updated_by) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (tenant_id, table_name, column_name) DO UPDATE SET classification = EXCLUDED.classification, updated_by = EXCLUDED.updated_by, updated_at = now()`,
            [viewer.tenantId, c.table, c.column, c.classification, viewer.userId], 'run', ctx);
        }
      }
      return { before, after: await this.classes(viewer.tenantId, tx) };
    }, ({ before }) => ({
      action: 'catalog.classify', targetType: 'masking_policy', targetId: viewer.tenantId,
      details: { changes: resolved.map((c) => ({ table: c.table, column: c.column, classification: c.classification ?? c.catalog, was: before[c.key] ?? c.catalog })) },
    })).then((r) => r.after);
  }

  /** What `role` sees in `tenantId`'s queries: the compiler's input (CompileContext.masking). */
  async maskingFor(tenantId: string, role: Role): Promise<ColumnMasking> {
    const read = async () => {
      const { policy, classes } = await this.stored(tenantId);
      return columnMasking(policy, role, tenantMaskKey(this.secret, tenantId), classes);
    };
    // Inside a transaction the read must see that transaction (and nobody else must): not shared.
    if (!this.flights || this.em.getTransactionContext()) return read();
    // The answer depends on the tenant (policy, classes, key) and the role only. One frozen object
    // for every request that joined: nobody can change it for the others, and what previews work
    // out from it (preview.service.ts: compiled queries, cursor fingerprints) is worked out once.
    return this.flights.run(`${tenantId}\n${role}`, async () => deepFrozen(await read()));
  }

  /** Changes some entries of the tenant's policy (admins only), audited in the same transaction. */
  async update(viewer: Viewer, audit: AuditService, changes: MaskingRuleChange[]): Promise<StoredMaskingPolicy> {
    if (!hasRole(viewer, 'admin')) throw new ForbiddenError('Changing the masking policy needs the admin role');
    if (changes.length === 0) throw new BadUserInputError('No rules to change', [{ path: 'rules', message: 'give at least one rule' }]);
    const seen = new Set<string>();
    changes.forEach((c, i) => {
      const key = `${c.role}/${c.classification}`;
      if (seen.has(key)) throw new BadUserInputError(`The rule for ${c.role} and ${c.classification} is given twice`, [{ path: `rules.${i}`, message: 'duplicate role and classification' }]);
      seen.add(key);
    });
    return audit.recorded(viewer, async (tx) => {
      const conn = tx.getConnection();
      const ctx = tx.getTransactionContext();
      // One admin's change at a time per tenant: read-modify-write without lost updates.
      await conn.execute(`SELECT pg_advisory_xact_lock(hashtext('masking:' || ?))`, [viewer.tenantId], 'all', ctx);
      const before = (await this.stored(viewer.tenantId, tx)).policy;
      const policy: MaskingPolicy = { viewer: { ...before.viewer }, editor: { ...before.editor }, admin: { ...before.admin } };
      for (const c of changes) policy[c.role][c.classification] = c.mode;
      const rows = await conn.execute<{ updated_at: Date }[]>(
        `INSERT INTO masking_policies (tenant_id, policy, updated_by, updated_at) VALUES (?, ?::jsonb, ?, now())
         ON CONFLICT (tenant_id) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING updated_at`,
        [viewer.tenantId, JSON.stringify(policy), viewer.userId], 'all', ctx);
      return { before, stored: { policy, updatedAt: new Date(rows[0]!.updated_at), updatedBy: viewer.userId, classes: await this.classes(viewer.tenantId, tx) } };
    }, ({ before, stored }) => ({
      action: 'masking_policy.update', targetType: 'masking_policy', targetId: viewer.tenantId,
      details: { changes: changes.map((c) => ({ ...c, was: before[c.role][c.classification] })) },
    })).then((r) => r.stored);
  }
}
