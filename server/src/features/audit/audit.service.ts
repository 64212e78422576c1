/**
 * The audit log: who did what to which object, when, from where (ip and user agent when the
 * action came over HTTP). Admins read it; nobody edits it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { clampFirst, decodeCursor, encodeCursor, pageInfoOf, type ConnectionShape } from '../../graphql/connection.js';
import { ForbiddenError } from '../../errors.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import { AuditEntry } from './audit.entity.js';

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

const isAuditCursor = (v: unknown): v is { id: string } => typeof v === 'object' && v !== null && typeof (v as { id: unknown }).id === 'string' && /^\d{1,18}$/.test((v as { id: string }).id); // bigint holds 18 digits

export interface Actor {
  tenantId: string;
  userId: string;
}

/** What an audit entry says about a write. */
export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

export class AuditService {
  constructor(private readonly em: EntityManager, private readonly request: RequestInfo) {}

  /**
   * Runs a write and inserts its audit entry in one transaction: both commit or neither does, so
   * there is never a change without its entry, nor an entry for a change that did not happen.
   * `work` must do all its reading and writing through the `tx` it is given (raw SQL with
   * `tx.getTransactionContext()`); `entry` describes its result.
   */
  async recorded<T>(actor: Actor, work: (tx: EntityManager) => Promise<T>, entry: (result: T) => AuditRecord): Promise<T> {
    try {
      return await this.em.transactional(async (tx) => {
        const result = await work(tx);
        const { action, targetType, targetId, details } = entry(result);
        await this.record(actor, action, targetType, targetId, details, tx);
        return result;
      });
    } catch (error) {
      // Rolled back: entities the work changed in memory must not reach the database with the
      // next flush of this request (another mutation of the same operation), unaudited.
      this.em.clear();
      throw error;
    }
  }

  /** Inserts one entry; inside `recorded`, on its transaction. */
  async record(actor: Actor, action: string, targetType: string, targetId: string | null, details: Record<string, unknown> = {}, em: EntityManager = this.em): Promise<void> {
    const entry = em.create(AuditEntry, {
      tenantId: actor.tenantId,
      actor: actor.userId,
      action,
      targetType,
      targetId,
      details,
      ip: this.request.ip,
      userAgent: this.request.userAgent?.slice(0, 500) ?? null,
      createdAt: new Date(),
    });
    await em.persistAndFlush(entry);
  }

  async list(viewer: Viewer, first?: number | null, after?: string | null): Promise<ConnectionShape<AuditEntry>> {
    if (!hasRole(viewer, 'admin')) throw new ForbiddenError('The audit log is for admins');
    const limit = clampFirst(first);
    const where = after
      ? { tenantId: viewer.tenantId, id: { $lt: decodeCursor(after, isAuditCursor).id } }
      : { tenantId: viewer.tenantId };
    const [rows, totalCount] = await Promise.all([
      this.em.find(AuditEntry, where, { orderBy: { id: 'DESC' }, limit: limit + 1 }),
      this.em.count(AuditEntry, { tenantId: viewer.tenantId }),
    ]);
    const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor({ id: String(node.id) }) }));
    return { edges, totalCount, pageInfo: pageInfoOf(edges, rows.length > limit, after) };
  }
}
