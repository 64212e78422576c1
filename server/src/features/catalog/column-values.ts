/**
 * The values a filter may pick from: the most frequent values of one catalog column for the
 * viewer's tenant, optionally narrowed by a search text. The query is an ordinary report
 * definition (the column as a dimension, a row count, sorted by it) run through the same validator
 * and compiler as previews, so the tenant predicate and identifier quoting come from one place.
 * The builder asks on every keystroke: answers come from the shared query cache
 * (platform/shared-query-store.ts: per tenant and compiled query, for QUERY_CACHE_TTL_MS while the
 * table's data is unchanged), like previews.
 */
import { BadUserInputError } from '../../errors.js';
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import type { Viewer } from '../auth/viewer.js';
import type { DefinitionLimits, ReportDefinition } from '../reports/definition.js';
import { compileReport } from '../reports/compile-query.js';
import { validateDefinition } from '../reports/validate-definition.js';
import { findColumn, findTable } from './catalog.js';
import type { MaskingPolicyService } from './masking-policy.service.js';
import { classOf } from './masking.js';

export const COLUMN_VALUES_MAX = 100;
export const COLUMN_VALUES_DEFAULT = 20;
export const COLUMN_VALUES_SEARCH_MAX = 200;
const TIMEOUT_MS = 10_000;

export interface ColumnValue { value: string; count: number }
export interface ColumnValuesRequest { source: string; field: string; search?: string | null; first?: number | null }

/**
 * The report definition that lists a column's top values, or the field errors that refuse the
 * request (paths are the query's argument names). Pure.
 */
export function columnValuesDefinition(req: ColumnValuesRequest): { definition: ReportDefinition; first: number } | { errors: { path: string; message: string }[] } {
  const table = findTable(req.source);
  if (!table) return { errors: [{ path: 'source', message: 'is not a table of the catalog' }] };
  const column = findColumn(table, req.field);
  if (!column) return { errors: [{ path: 'field', message: `is not a column of ${table.label}` }] };
  if (column.freeText) return { errors: [{ path: 'field', message: `${column.label} holds values unique to each row; type the value instead` }] };
  if (column.kind !== 'STRING' || !column.filter) return { errors: [{ path: 'field', message: `${column.label} is not a text column; type the value instead` }] };
  const first = req.first ?? COLUMN_VALUES_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > COLUMN_VALUES_MAX) return { errors: [{ path: 'first', message: `must be 1 to ${COLUMN_VALUES_MAX}` }] };
  const search = req.search?.trim() ?? '';
  if (search.length > COLUMN_VALUES_SEARCH_MAX) return { errors: [{ path: 'search', message: `must be at most ${COLUMN_VALUES_SEARCH_MAX} characters` }] };
  const definition: ReportDefinition = {
    source: table.name,
    dimensions: [{ field: column.name, alias: 'column_value' }],
    measures: [{ fn: 'COUNT', alias: 'row_count' }],
    // Empty values are what "is empty" is for, not something to pick.
    filters: [
      { field: column.name, op: 'IS_NOT_NULL' },
      { field: column.name, op: 'NEQ', value: '' },
      ...(search ? [{ field: column.name, op: 'CONTAINS' as const, value: search }] : []),
    ],
    orderBy: [{ key: 'row_count', direction: 'DESC' }, { key: 'column_value', direction: 'ASC' }],
    rowLimit: first,
  } as ReportDefinition;
  return { definition, first };
}

export class ColumnValuesService {
  constructor(private readonly store: AnalyticsStore, private readonly limits: DefinitionLimits, private readonly masking: MaskingPolicyService | null = null) {}

  async values(viewer: Viewer, req: ColumnValuesRequest): Promise<ColumnValue[]> {
    const planned = columnValuesDefinition(req);
    if ('errors' in planned) throw new BadUserInputError(`Invalid columnValues: ${planned.errors[0]!.path} ${planned.errors[0]!.message}`, planned.errors);
    const checked = validateDefinition(planned.definition, this.limits);
    if (!checked.valid) throw new BadUserInputError(`Invalid columnValues: ${checked.errors[0]!.message}`, checked.errors.map((e) => ({ path: 'field', message: e.message })));
    // A masked column's values are not listed (and the cache, shared by all roles, holds clear ones only).
    const column = findTable(req.source) && findColumn(findTable(req.source)!, req.field);
    if (column && this.masking) {
      const masking = await this.masking.maskingFor(viewer.tenantId, viewer.role);
      const mode = masking.modes[classOf(req.source, column, masking.classes)];
      if (mode !== 'CLEAR') throw new BadUserInputError(`${column.label} (${column.name}) is ${mode} for the ${viewer.role} role: its values are not listed`, [{ path: 'field', message: `${mode} by the masking policy` }]);
    }
    // No time range: the SQL and parameters do not depend on the instant, so the shared cache's key
    // is the tenant, column, search and count.
    const q = compileReport(checked.definition, {
      tenantId: viewer.tenantId, asOf: new Date(), database: this.store.database, maxRangeDays: this.limits.maxRangeDays, timeZone: 'UTC',
    });
    // A timer cleared when the read ends (AbortSignal.timeout would pin the signal for the whole timeout).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DOMException('The value list took too long', 'TimeoutError')), TIMEOUT_MS);
    const result = await this.store.query(q.sql, q.params, { signal: controller.signal }).finally(() => clearTimeout(timer));
    return result.rows.map((row) => ({ value: String(row[0]), count: Number(row[1]) }));
  }
}
