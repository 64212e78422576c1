/**
 * What can be read and exported from the audit data, as SQL over PostgreSQL's `audit_log`
 * (pure: builds statements, runs none):
 * - LOG: the filtered entries themselves, newest first;
 * - USER_ACTIVITY: one row per user: token uses (sign-ins), previews, report reads, exports by
 *   format, downloads, schedule changes and when they were last seen;
 * - COMPLIANCE: the entries a compliance officer asks about: exports that carried PII-classified
 *   columns in clear, masking-policy and column-classification changes and grant changes (`grant.*`, `role.*`).
 * Every view is scoped by `auditWhere` (tenant first) and read in keyset pages, so the explorer,
 * the activity queries and the export runner see the same rows.
 */
import type { ExportColumn } from '../exports/writers/writer.js';
import { auditWhere, type AuditFilter, type SqlCondition } from './audit-filter.js';

export const AUDIT_VIEWS = ['LOG', 'USER_ACTIVITY', 'COMPLIANCE'] as const;
export type AuditView = (typeof AUDIT_VIEWS)[number];

/** The actions each activity count is made of: the one place the report's numbers are defined. */
export const ACTIVITY_ACTIONS = {
  tokenUses: ['auth.login', 'auth.token_use'],
  previews: ['report.preview'],
  reportReads: ['report.read'],
  /** An export asked for (of a report, or of the audit data), by its format. */
  exports: ['export.create', 'audit.export'],
  downloads: ['export.download'],
  /** Every `schedule.*` action: create, update, pause, resume, delete, run-now, unsubscribe … */
  scheduleChangePrefix: 'schedule.',
} as const;

export const EXPORT_FORMATS_COUNTED = ['CSV', 'XLSX', 'PDF', 'JSON'] as const;

/** Names a file's title takes, and the Exports page shows as the "report". */
export const AUDIT_VIEW_TITLES: Record<AuditView, string> = {
  LOG: 'Audit log',
  USER_ACTIVITY: 'User activity',
  COMPLIANCE: 'Compliance summary',
};

/** UTC text in the writers' DATETIME form ('YYYY-MM-DD HH:MM:SS.mmm'; writer.ts's glossary). */
const utcText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')`;

export interface AuditViewSpec {
  columns: ExportColumn[];
  /**
   * One page of rows, each column named by its key, plus the page's keyset position in a column `k`:
   * `after` is the previous page's last `k` (null for the first page).
   */
  page(tenantId: string, filter: AuditFilter, after: string | null, limit: number): SqlCondition;
  /** How many rows the view has under the filter. */
  count(tenantId: string, filter: AuditFilter): SqlCondition;
}

/**
 * The filter's condition, the keyset condition after `after` (entries newest first, by id) and the
 * parameters of both plus the LIMIT, in placeholder order.
 */
function newestFirstPage(tenantId: string, filter: AuditFilter, after: string | null, limit: number) {
  const where = auditWhere(tenantId, filter);
  const keyset = after === null ? '' : ' AND a.id < ?::bigint';
  const params = [...where.params, ...(after === null ? [] : [after]), limit];
  return { where, keyset, params };
}

const LOG: AuditViewSpec = {
  columns: [
    { key: 'id', label: 'Entry', kind: 'STRING' },
    { key: 'created_at', label: 'Time', kind: 'DATETIME' },
    { key: 'actor', label: 'Actor', kind: 'STRING' },
    { key: 'action', label: 'Action', kind: 'STRING' },
    { key: 'target_type', label: 'Object type', kind: 'STRING' },
    { key: 'target_id', label: 'Object id', kind: 'STRING' },
    { key: 'outcome', label: 'Outcome', kind: 'STRING' },
    { key: 'ip', label: 'IP address', kind: 'STRING' },
    { key: 'user_agent', label: 'User agent', kind: 'STRING' },
    { key: 'details', label: 'Details', kind: 'STRING' },
  ],
  page(tenantId, filter, after, limit) {
    const { where, keyset, params } = newestFirstPage(tenantId, filter, after, limit);
    return {
      sql: `SELECT a.id::text AS id, ${utcText('a.created_at')} AS created_at, a.actor, a.action, a.target_type, a.target_id, a.outcome, a.ip, a.user_agent, a.details::text AS details, a.id::text AS k
            FROM audit_log a WHERE ${where.sql}${keyset} ORDER BY a.id DESC LIMIT ?`,
      params,
    };
  },
  count(tenantId, filter) {
    const where = auditWhere(tenantId, filter);
    return { sql: `SELECT count(*) AS n FROM audit_log a WHERE ${where.sql}`, params: where.params };
  },
};

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Per user, over the filtered entries; the counts are `count(*) FILTER (…)` of ACTIVITY_ACTIONS. */
function activitySelect(tenantId: string, filter: AuditFilter): SqlCondition {
  const where = auditWhere(tenantId, filter);
  const a = ACTIVITY_ACTIONS;
  const byFormat = EXPORT_FORMATS_COUNTED.map((f) => `count(*) FILTER (WHERE a.action IN (${inList(a.exports)}) AND a.details->>'format' = '${f}') AS exports_${f.toLowerCase()}`).join(',\n              ');
  return {
    sql: `SELECT a.actor AS user_id,
              count(*) FILTER (WHERE a.action IN (${inList(a.tokenUses)})) AS token_uses,
              count(*) FILTER (WHERE a.action IN (${inList(a.previews)})) AS previews,
              count(*) FILTER (WHERE a.action IN (${inList(a.reportReads)})) AS report_reads,
              ${byFormat},
              count(*) FILTER (WHERE a.action IN (${inList(a.downloads)})) AS downloads,
              count(*) FILTER (WHERE a.action LIKE '${a.scheduleChangePrefix}%') AS schedule_changes,
              max(a.created_at) AS last_seen
            FROM audit_log a WHERE ${where.sql} GROUP BY a.actor`,
    params: where.params,
  };
}

const USER_ACTIVITY: AuditViewSpec = {
  columns: [
    { key: 'user_id', label: 'User', kind: 'STRING' },
    { key: 'token_uses', label: 'Sign-ins (token uses)', kind: 'NUMBER' },
    { key: 'previews', label: 'Previews', kind: 'NUMBER' },
    { key: 'report_reads', label: 'Report reads', kind: 'NUMBER' },
    ...EXPORT_FORMATS_COUNTED.map((f) => ({ key: `exports_${f.toLowerCase()}`, label: `${f} exports`, kind: 'NUMBER' as const })),
    { key: 'downloads', label: 'Downloads', kind: 'NUMBER' },
    { key: 'schedule_changes', label: 'Schedule changes', kind: 'NUMBER' },
    { key: 'last_seen', label: 'Last seen', kind: 'DATETIME' },
  ],
  page(tenantId, filter, after, limit) {
    const inner = activitySelect(tenantId, filter);
    const params = [...inner.params];
    let keyset = '';
    if (after !== null) {
      keyset = 'WHERE u.user_id COLLATE "C" > ?';
      params.push(after);
    }
    params.push(limit);
    const counts = ['token_uses', 'previews', 'report_reads', ...EXPORT_FORMATS_COUNTED.map((f) => `exports_${f.toLowerCase()}`), 'downloads', 'schedule_changes'];
    return {
      sql: `SELECT u.user_id, ${counts.map((c) => `u.${c}::int AS ${c}`).join(', ')}, ${utcText('u.last_seen')} AS last_seen, u.user_id AS k
            FROM (${inner.sql}) u ${keyset} ORDER BY u.user_id COLLATE "C" LIMIT ?`,
      params,
    };
  },
  count(tenantId, filter) {
    const where = auditWhere(tenantId, filter);
    return { sql: `SELECT count(DISTINCT a.actor) AS n FROM audit_log a WHERE ${where.sql}`, params: where.params };
  },
};

/** The entries the compliance summary lists (within the filter): see the module comment. */
const COMPLIANCE_CONDITION = `(
    (a.action IN (${inList(ACTIVITY_ACTIONS.exports)}, 'export.retry') AND jsonb_typeof(a.details->'clearPiiColumns') = 'array' AND jsonb_array_length(a.details->'clearPiiColumns') > 0)
    OR a.action IN ('masking_policy.update', 'catalog.classify') OR a.action LIKE 'grant.%' OR a.action LIKE 'role.%')`;

const COMPLIANCE: AuditViewSpec = {
  columns: [
    { key: 'id', label: 'Entry', kind: 'STRING' },
    { key: 'created_at', label: 'Time', kind: 'DATETIME' },
    { key: 'actor', label: 'User', kind: 'STRING' },
    { key: 'event', label: 'Event', kind: 'STRING' },
    { key: 'action', label: 'Action', kind: 'STRING' },
    { key: 'target', label: 'Object', kind: 'STRING' },
    { key: 'detail', label: 'Detail', kind: 'STRING' },
  ],
  page(tenantId, filter, after, limit) {
    const { where, keyset, params } = newestFirstPage(tenantId, filter, after, limit);
    return {
      sql: `SELECT a.id::text AS id, ${utcText('a.created_at')} AS created_at, a.actor,
              CASE WHEN a.action = 'masking_policy.update' THEN 'Masking policy changed'
                   WHEN a.action = 'catalog.classify' THEN 'Columns classified'
                   WHEN a.action LIKE 'grant.%' OR a.action LIKE 'role.%' THEN 'Access granted or changed'
                   ELSE 'PII exported in clear' END AS event,
              a.action, a.target_type || coalesce(':' || a.target_id, '') AS target,
              CASE WHEN a.action IN ('masking_policy.update', 'catalog.classify') THEN (a.details->'changes')::text
                   WHEN jsonb_typeof(a.details->'clearPiiColumns') = 'array'
                     THEN coalesce(a.details->>'format', '') || ' with ' || (SELECT string_agg(c, ', ') FROM jsonb_array_elements_text(a.details->'clearPiiColumns') c)
                   ELSE a.details::text END AS detail,
              a.id::text AS k
            FROM audit_log a WHERE ${where.sql} AND ${COMPLIANCE_CONDITION}${keyset} ORDER BY a.id DESC LIMIT ?`,
      params,
    };
  },
  count(tenantId, filter) {
    const where = auditWhere(tenantId, filter);
    return { sql: `SELECT count(*) AS n FROM audit_log a WHERE ${where.sql} AND ${COMPLIANCE_CONDITION}`, params: where.params };
  },
};

export const AUDIT_VIEW_SPECS: Record<AuditView, AuditViewSpec> = { LOG, USER_ACTIVITY, COMPLIANCE };
