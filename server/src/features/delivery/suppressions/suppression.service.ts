/**
 * The tenant's suppression list (migration 0015, table email_suppressions): addresses we must not
 * mail. An unsubscribe is scoped to its schedule; a bounce, a provider's drop or a spam report is
 * tenant-wide. Every send consults it (DeliveryService), an admin can read it and remove an entry.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../../graphql/ids.js';
import { NotFoundError } from '../../../errors.js';
import type { AuditService } from '../../audit/audit.service.js';
import { canonicalAddress } from '../email/address.js';

export type SuppressionReason = 'UNSUBSCRIBED' | 'BOUNCED' | 'DROPPED' | 'SPAM_REPORT';

export interface Suppression {
  id: string;
  email: string;
  scheduleId: string | null;
  reason: SuppressionReason;
  detail: string | null;
  deliveryId: string | null;
  createdAt: Date;
}

interface Row {
  id: string;
  email: string;
  schedule_id: string | null;
  reason: SuppressionReason;
  detail: string | null;
  delivery_id: string | null;
  created_at: Date;
}

const toSuppression = (r: Row): Suppression => ({
  id: r.id, email: r.email, scheduleId: r.schedule_id, reason: r.reason, detail: r.detail, deliveryId: r.delivery_id, createdAt: new Date(r.created_at),
});

// Addresses are stored and compared in canonicalAddress's form: a provider may report
// `Zoe@Acme.test` for `zoe@acme.test`, or an international domain in ASCII.
function sql<T>(em: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(query, params, 'all', em.getTransactionContext());
}

/**
 * Why `email` must not get `scheduleId`'s mail, or null: a tenant-wide entry (bounce, drop, spam
 * report) wins over the schedule's own unsubscribe.
 */
export async function suppressionOf(em: EntityManager, tenantId: string, scheduleId: string, email: string): Promise<SuppressionReason | null> {
  const [query, params] = suppressionQuery(tenantId, scheduleId, email);
  const rows = await sql<{ reason: SuppressionReason }>(em, query, params);
  return rows[0]?.reason ?? null;
}

/** suppressionOf's query and its parameters, for a statement that checks it on the way (a delivery's claim). */
export function suppressionQuery(tenantId: string, scheduleId: string, email: string): [string, unknown[]] {
  return [`SELECT reason FROM email_suppressions WHERE tenant_id = ? AND email = ? AND (schedule_id IS NULL OR schedule_id = ?)
     ORDER BY schedule_id NULLS FIRST LIMIT 1`, [tenantId, canonicalAddress(email), scheduleId]];
}

/** Every suppressed address of a schedule's recipients at once: email → reason. */
export async function suppressionsFor(em: EntityManager, tenantId: string, scheduleId: string, emails: string[]): Promise<Map<string, SuppressionReason>> {
  if (!emails.length) return new Map();
  const rows = await sql<{ email: string; reason: SuppressionReason }>(em,
    `SELECT DISTINCT ON (email) email, reason FROM email_suppressions
      WHERE tenant_id = ? AND email IN (SELECT jsonb_array_elements_text(?::jsonb)) AND (schedule_id IS NULL OR schedule_id = ?)
      ORDER BY email, schedule_id NULLS FIRST`, [tenantId, JSON.stringify(emails.map(canonicalAddress)), scheduleId]);
  return new Map(rows.map((r) => [r.email, r.reason]));
}

/** Records a suppression; false when the same one was already there (a repeated click or event). */
export async function addSuppression(
  em: EntityManager,
  entry: { tenantId: string; email: string; scheduleId: string | null; reason: SuppressionReason; detail?: string | null; deliveryId?: string | null },
): Promise<boolean> {
  const scoped = entry.reason === 'UNSUBSCRIBED';
  const rows = await sql<{ id: string }>(em,
    `INSERT INTO email_suppressions (tenant_id, email, schedule_id, reason, detail, delivery_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, email${scoped ? ', schedule_id) WHERE schedule_id IS NOT NULL' : ') WHERE schedule_id IS NULL'} DO NOTHING RETURNING id`,
    [entry.tenantId, canonicalAddress(entry.email), scoped ? entry.scheduleId : null, entry.reason, entry.detail?.slice(0, 1000) ?? null, entry.deliveryId ?? null]);
  return rows.length === 1;
}

/** Removes a schedule's unsubscribe of `email` (resubscribe from the page); false if there was none. */
export async function removeUnsubscribe(em: EntityManager, scheduleId: string, email: string): Promise<boolean> {
  const rows = await sql<{ id: string }>(em,
    `DELETE FROM email_suppressions WHERE schedule_id = ? AND email = ? AND reason = 'UNSUBSCRIBED' RETURNING id`, [scheduleId, canonicalAddress(email)]);
  return rows.length > 0;
}

/** The admin's view and edit of the list, audited. */
export class SuppressionService {
  constructor(private readonly em: EntityManager, private readonly audit: AuditService) {}

  async list(tenantId: string, filter: { email?: string | null; first?: number | null }): Promise<Suppression[]> {
    const first = Math.min(Math.max(filter.first ?? 100, 1), 500);
    const rows = await sql<Row>(this.em,
      `SELECT id, email, schedule_id, reason, detail, delivery_id, created_at FROM email_suppressions
        WHERE tenant_id = ? ${filter.email ? 'AND email = ?' : ''} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [tenantId, ...(filter.email ? [canonicalAddress(filter.email)] : []), first]);
    return rows.map(toSuppression);
  }

  /** Mail may go to the address again (for that schedule, or tenant-wide). Another tenant's id: NOT_FOUND. */
  async remove(actor: { tenantId: string; userId: string }, id: string): Promise<Suppression> {
    if (!isUuid(id)) throw new NotFoundError('Suppression', id);
    return this.audit.recorded(actor, async (tx) => {
      const rows = await sql<Row>(tx,
        `DELETE FROM email_suppressions WHERE id = ? AND tenant_id = ?
         RETURNING id, email, schedule_id, reason, detail, delivery_id, created_at`, [id, actor.tenantId]);
      if (!rows[0]) throw new NotFoundError('Suppression', id);
      return toSuppression(rows[0]);
    }, (s) => ({ action: 'suppression.remove', targetType: 'suppression', targetId: s.id, details: { email: s.email, reason: s.reason, scheduleId: s.scheduleId } }));
  }
}
