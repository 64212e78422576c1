/**
 * The audit explorer's filter: checked once, then turned into a SQL condition over `audit_log`.
 * Pure (no I/O): the list, the activity reports and the audit export all scope their rows with the
 * same `auditWhere`, so a downloaded file holds exactly the rows the explorer showed.
 */
import { BadUserInputError, type FieldError } from '../../errors.js';

export const AUDIT_OUTCOMES = ['SUCCESS', 'DENIED', 'FAILURE'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The longest actor, action, object type or id a filter may name (longer cannot match anything we record). */
const MAX_TERM = 200;

/** A filter as the API takes it; every field optional, all given ones must hold (AND). */
export interface AuditFilterInput {
  /** The acting user id, exactly. */
  actor?: string | null;
  /** An action exactly (`export.create`), or a family ending in `.*` (`export.*`). */
  action?: string | null;
  /** The kind of object: report, export, schedule, masking_policy, token … */
  targetType?: string | null;
  /** The object's id, exactly (with or without targetType). */
  targetId?: string | null;
  /** Entries at or after this instant. */
  from?: Date | null;
  /** Entries before this instant (exclusive). */
  to?: Date | null;
  outcome?: AuditOutcome | null;
}

/** A checked filter; dates as ISO strings so it can be stored with an export (exports.audit_query). */
export interface AuditFilter {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  outcome?: AuditOutcome;
  /**
   * Only entries with an id at most this: a snapshot. An audit export fixes it when it is asked
   * for, so the file holds the rows the explorer showed then, not entries added while it runs
   * (its own `export.create` included), and a retry writes the same rows.
   */
  untilId?: string;
}

/** Checks a filter from the API; BAD_USER_INPUT naming `<path>.<field>` when it cannot be used. */
export function checkAuditFilter(input: AuditFilterInput | null | undefined, path = 'filter'): AuditFilter {
  const out: AuditFilter = {};
  const problems: FieldError[] = [];
  if (!input) return out;
  for (const field of ['actor', 'action', 'targetType', 'targetId'] as const) {
    const raw = input[field];
    if (raw === null || raw === undefined) continue;
    const value = raw.trim();
    if (value.length === 0) continue; // an empty box in a form filters nothing
    if (value.length > MAX_TERM) problems.push({ path: `${path}.${field}`, message: `at most ${MAX_TERM} characters` });
    else out[field] = value;
  }
  if (out.action !== undefined && out.action.includes('*') && !/^[^*]+\.\*$/.test(out.action)) {
    problems.push({ path: `${path}.action`, message: 'an action (export.create) or a family ending in .* (export.*)' });
  }
  for (const field of ['from', 'to'] as const) {
    const value = input[field];
    if (value === null || value === undefined) continue;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) problems.push({ path: `${path}.${field}`, message: 'not a date-time' });
    else out[field] = value.toISOString();
  }
  if (out.from && out.to && Date.parse(out.from) >= Date.parse(out.to)) problems.push({ path: `${path}.to`, message: 'must be after from' });
  if (input.outcome) {
    if ((AUDIT_OUTCOMES as readonly string[]).includes(input.outcome)) out.outcome = input.outcome;
    else problems.push({ path: `${path}.outcome`, message: `one of ${AUDIT_OUTCOMES.join(', ')}` });
  }
  if (problems.length) throw new BadUserInputError(`Invalid audit filter: ${problems[0]!.path} ${problems[0]!.message}`, problems);
  return out;
}

/** A filter read back from an export record: only the fields it can hold, or null when it is not one. */
export function storedAuditFilter(value: unknown): AuditFilter | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const out: AuditFilter = {};
  for (const field of ['actor', 'action', 'targetType', 'targetId'] as const) {
    if (v[field] === undefined) continue;
    if (typeof v[field] !== 'string') return null;
    out[field] = v[field];
  }
  for (const field of ['from', 'to'] as const) {
    if (v[field] === undefined) continue;
    if (typeof v[field] !== 'string' || Number.isNaN(Date.parse(v[field]))) return null;
    out[field] = v[field];
  }
  if (v.outcome !== undefined) {
    if (!(AUDIT_OUTCOMES as readonly unknown[]).includes(v.outcome)) return null;
    out.outcome = v.outcome as AuditOutcome;
  }
  if (v.untilId !== undefined) {
    if (typeof v.untilId !== 'string' || !/^\d{1,18}$/.test(v.untilId)) return null;
    out.untilId = v.untilId;
  }
  return out;
}

export interface SqlCondition {
  /** A boolean SQL expression with `?` placeholders. */
  sql: string;
  params: unknown[];
}

/**
 * The rows of one tenant that a filter keeps, over `audit_log` aliased `alias`. The tenant comes
 * first and always: there is no filter without it.
 */
export function auditWhere(tenantId: string, filter: AuditFilter, alias = 'a'): SqlCondition {
  const parts = [`${alias}.tenant_id = ?`];
  const params: unknown[] = [tenantId];
  const add = (sql: string, value: unknown) => {
    parts.push(sql);
    params.push(value);
  };
  if (filter.actor !== undefined) add(`${alias}.actor = ?`, filter.actor);
  if (filter.action !== undefined) {
    // A family: every action under the prefix. LIKE's own wildcards in the prefix are escaped.
    if (filter.action.endsWith('.*')) add(`${alias}.action LIKE ? ESCAPE '\\'`, `${likeEscaped(filter.action.slice(0, -1))}%`);
    else add(`${alias}.action = ?`, filter.action);
  }
  if (filter.targetType !== undefined) add(`${alias}.target_type = ?`, filter.targetType);
  if (filter.targetId !== undefined) add(`${alias}.target_id = ?`, filter.targetId);
  if (filter.from !== undefined) add(`${alias}.created_at >= ?::timestamptz`, filter.from);
  if (filter.to !== undefined) add(`${alias}.created_at < ?::timestamptz`, filter.to);
  if (filter.outcome !== undefined) add(`${alias}.outcome = ?`, filter.outcome);
  if (filter.untilId !== undefined) add(`${alias}.id <= ?::bigint`, filter.untilId);
  return { sql: parts.join(' AND '), params };
}

function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
