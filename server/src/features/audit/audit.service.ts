/**
 * The audit log: who did what to which object, when, from where (ip and user agent when the
 * action came over HTTP), and whether it went through. Admins read it; nobody edits it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { clampFirst, decodeCursor, encodeCursor, pageInfoOf, type ConnectionShape } from '../../graphql/connection.js';
import { ForbiddenError } from '../../errors.js';
import { hasRole, type Viewer } from '../auth/viewer.js';
import { AuditEntry } from './audit.entity.js';
import { auditWhere, type AuditFilter, type AuditOutcome } from './audit-filter.js';
import { AUDIT_VIEW_SPECS, type AuditView } from './audit-views.js';
import type { AuditWriter } from './audit-writer.js';

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditOptions {
  /** AUDIT_READS: previews and report reads are recorded too. */
  reads: boolean;
  /** Writes the entries of reads in batches (audit-writer.ts); absent: one INSERT each. */
  writer?: AuditWriter;
}

const isAuditCursor = (v: unknown): v is { id: string } => typeof v === 'object' && v !== null && typeof (v as { id: unknown }).id === 'string' && /^\d{1,18}$/.test((v as { id: string }).id); // bigint holds 18 digits
/** A view's keyset position: an entry id (LOG, COMPLIANCE) or a user id (USER_ACTIVITY). */
const isViewCursor = (v: unknown): v is { k: string } => typeof v === 'object' && v !== null && typeof (v as { k: unknown }).k === 'string' && (v as { k: string }).k.length <= 400;

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

/** A read worth recording: what was read; the details say how much (never the rows themselves). */
export interface AuditedRead {
  action: string;
  targetType: string;
  targetId: string | null;
}

/** One page of an activity view: rows in the view's column order. */
export interface AuditViewPage {
  rows: unknown[][];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  /** The last row's key (what `endCursor` encodes), for readers inside the server. */
  endKey: string | null;
}

export class AuditService {
  /** The entries of reads still being written, when the transport waits for them (deferReadEntries); null: each read waits for its own. */
  private deferredEntries: Promise<void>[] | null = null;

  constructor(private readonly em: EntityManager, private readonly request: RequestInfo, private readonly options: AuditOptions = { reads: true }) {}

  /**
   * From now on a read returns as soon as its work is done, and its entry is written meanwhile:
   * the transport then calls readEntriesWritten() before it answers, so no answer leaves before
   * its entries are committed. For HTTP (graphql/http.ts): the operation gives its place at the
   * tenant gate back when it has executed, not after the audit round trip too, so the tenant's next
   * operations run while the entries are written (in a burst of 200 previews, four waves each
   * waited for their own batch's INSERT with every place held).
   */
  deferReadEntries(): void {
    this.deferredEntries ??= [];
  }

  /** Resolves once every read entry deferred so far is committed; rejects with the first failure. */
  async readEntriesWritten(): Promise<void> {
    const pending = this.deferredEntries;
    if (!pending?.length) return;
    this.deferredEntries = [];
    await Promise.all(pending);
  }

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
      outcome: 'SUCCESS',
      ip: this.request.ip,
      userAgent: this.request.userAgent?.slice(0, 500) ?? null,
      createdAt: new Date(),
    });
    await em.persistAndFlush(entry);
  }

  /**
   * Runs a read and records it (when AUDIT_READS is on): its duration, what `measure` says of the
   * result (a row count, never a row), and FAILURE with the error's code when it threw. The entry
   * is written by its own statement, never flushing anything else the request holds.
   */
  async read<T>(actor: Actor, what: AuditedRead, run: () => Promise<T>, measure: (result: T) => Record<string, unknown>): Promise<T> {
    if (!this.options.reads) return run();
    const started = performance.now();
    let outcome: AuditOutcome = 'SUCCESS';
    let details: Record<string, unknown> = {};
    try {
      const result = await run();
      details = measure(result);
      return result;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      outcome = code === 'FORBIDDEN' ? 'DENIED' : 'FAILURE';
      details = { errorCode: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' };
      throw error;
    } finally {
      // An id that was not found may be another tenant's: the entry does not keep it, so a tenant's
      // audit log never holds another tenant's ids (details.errorCode says what happened).
      const target = details.errorCode === 'NOT_FOUND' ? { ...what, targetId: null } : what;
      const entry = this.insert(actor, target, { ...details, durationMs: Math.round(performance.now() - started) }, outcome);
      if (this.deferredEntries) {
        // Observed by readEntriesWritten(); meanwhile not an unhandled rejection.
        entry.catch(() => undefined);
        this.deferredEntries.push(entry);
      } else {
        await entry;
      }
    }
  }

  /**
   * Records a request refused for the caller's role (outcome DENIED, action `access.denied`, the
   * object the API field, e.g. `Query.auditLog`), whatever AUDIT_READS says.
   */
  async denied(actor: Actor, field: string, required: string): Promise<void> {
    await this.insert(actor, { action: 'access.denied', targetType: 'field', targetId: field }, { required }, 'DENIED');
  }

  private async insert(actor: Actor, what: AuditedRead, details: Record<string, unknown>, outcome: AuditOutcome): Promise<void> {
    if (this.options.writer) {
      await this.options.writer.write({
        tenantId: actor.tenantId, actor: actor.userId, action: what.action, targetType: what.targetType, targetId: what.targetId,
        details, outcome, ip: this.request.ip, userAgent: this.request.userAgent?.slice(0, 500) ?? null,
      });
      return;
    }
    await this.em.getConnection().execute(
      `INSERT INTO audit_log (tenant_id, actor, action, target_type, target_id, details, outcome, ip, user_agent)
       VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
      [actor.tenantId, actor.userId, what.action, what.targetType, what.targetId, JSON.stringify(details), outcome, this.request.ip, this.request.userAgent?.slice(0, 500) ?? null]);
  }

  /** The id of the newest entry of a tenant right now ('0' when none): an audit export's snapshot. */
  async newestId(tenantId: string, em: EntityManager = this.em): Promise<string> {
    const [row] = await em.getConnection().execute<{ id: string | null }[]>('SELECT max(id)::text AS id FROM audit_log WHERE tenant_id = ?', [tenantId]);
    return row?.id ?? '0';
  }

  /** The tenant's entries the filter keeps, newest first, by keyset on the id (stable while entries are added). */
  async list(viewer: Viewer, filter: AuditFilter = {}, first?: number | null, after?: string | null): Promise<ConnectionShape<AuditEntry>> {
    if (!hasRole(viewer, 'admin')) throw new ForbiddenError('The audit log is for admins');
    const limit = clampFirst(first);
    const where = auditWhere(viewer.tenantId, filter);
    const params = [...where.params];
    let keyset = '';
    if (after) {
      keyset = ' AND a.id < ?::bigint';
      params.push(decodeCursor(after, isAuditCursor).id);
    }
    const conn = this.em.getConnection();
    const [rows, counted] = await Promise.all([
      conn.execute<Record<string, unknown>[]>(`SELECT a.* FROM audit_log a WHERE ${where.sql}${keyset} ORDER BY a.id DESC LIMIT ?`, [...params, limit + 1]),
      conn.execute<{ n: string }[]>(`SELECT count(*) AS n FROM audit_log a WHERE ${where.sql}`, where.params),
    ]);
    const fork = this.em.fork();
    const edges = rows.slice(0, limit).map((row) => {
      const node = fork.map(AuditEntry, row);
      return { node, cursor: encodeCursor({ id: String(node.id) }) };
    });
    return { edges, totalCount: Number(counted[0]?.n ?? 0), pageInfo: pageInfoOf(edges, rows.length > limit, after) };
  }

  /** One page of an activity view (audit-views.ts), for admins. */
  async viewPage(viewer: Viewer, view: AuditView, filter: AuditFilter, first?: number | null, after?: string | null): Promise<AuditViewPage> {
    if (!hasRole(viewer, 'admin')) throw new ForbiddenError('Audit reports are for admins');
    return readViewPage(this.em, view, viewer.tenantId, filter, clampFirst(first), after ? decodeCursor(after, isViewCursor).k : null, true);
  }
}

/**
 * Reads one keyset page of a view. `count` false skips the total (the export runner counts once).
 * Cursors are `{k}`: the view's last key.
 */
export async function readViewPage(em: EntityManager, view: AuditView, tenantId: string, filter: AuditFilter, limit: number, after: string | null, count: boolean): Promise<AuditViewPage> {
  const spec = AUDIT_VIEW_SPECS[view];
  const page = spec.page(tenantId, filter, after, limit + 1);
  const conn = em.getConnection();
  const [raw, counted] = await Promise.all([
    conn.execute<Record<string, unknown>[]>(page.sql, page.params),
    count ? viewCount(em, view, tenantId, filter) : Promise.resolve(0),
  ]);
  const rows = raw.slice(0, limit);
  const last = rows.at(-1);
  return {
    rows: rows.map((r) => spec.columns.map((c) => r[c.key] ?? null)),
    totalCount: counted,
    hasNextPage: raw.length > limit,
    endCursor: last ? encodeCursor({ k: String(last.k) }) : null,
    endKey: last ? String(last.k) : null,
  };
}

export async function viewCount(em: EntityManager, view: AuditView, tenantId: string, filter: AuditFilter): Promise<number> {
  const c = AUDIT_VIEW_SPECS[view].count(tenantId, filter);
  const [row] = await em.getConnection().execute<{ n: string }[]>(c.sql, c.params);
  return Number(row?.n ?? 0);
}
