/**
 * Exports of the audit data through the export pipeline: an export record whose `audit_query`
 * names a view (audit-views.ts) and a filter is run by the same runner as a report's (progress,
 * cancel, packaging, storage, history, links); only its rows come from PostgreSQL's `audit_log`,
 * read in keyset pages and handed to the same format writers.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { raceAbort, type ExportBody } from '../exports/export-body.js';
import { createWriter } from '../exports/writers/create-writer.js';
import type { RowsFingerprint } from '../exports/rows-fingerprint.js';
import type { ExportFormat, ExportParameter, WriterFactoryInput } from '../exports/writers/writer.js';
import { storedAuditFilter, type AuditFilter } from './audit-filter.js';
import { readViewPage, viewCount } from './audit.service.js';
import { AUDIT_VIEWS, AUDIT_VIEW_SPECS, type AuditView } from './audit-views.js';

/** What an audit export holds (exports.audit_query). */
export interface AuditQuery {
  view: AuditView;
  filter: AuditFilter;
}

/** Rows per read: large enough to keep round trips few, small enough to hold in memory without thought. */
export const AUDIT_EXPORT_PAGE_ROWS = 1000;

/** A stored audit query, checked on the way out of the database: null when it is not one. */
export function storedAuditQuery(value: unknown): AuditQuery | null {
  if (typeof value !== 'object' || value === null) return null;
  const { view, filter } = value as { view?: unknown; filter?: unknown };
  if (!(AUDIT_VIEWS as readonly unknown[]).includes(view)) return null;
  const checked = storedAuditFilter(filter ?? {});
  return checked ? { view: view as AuditView, filter: checked } : null;
}

/** The filter as the file's parameters block states it, times in UTC. */
export function describeAuditQuery(query: AuditQuery): ExportParameter[] {
  const f = query.filter;
  const out: ExportParameter[] = [{ label: 'Source', value: `Audit data: ${query.view.toLowerCase().replace('_', ' ')}` }];
  const utc = (iso: string) => `${iso.replace('T', ' ').replace(/\.\d{3}Z$|Z$/, '')} UTC`;
  if (f.from || f.to) out.push({ label: 'Time range', value: `${f.from ? utc(f.from) : 'the first entry'} → ${f.to ? utc(f.to) : 'now'}` });
  if (f.actor) out.push({ label: 'Actor', value: f.actor });
  if (f.action) out.push({ label: 'Action', value: f.action });
  if (f.targetType) out.push({ label: 'Object type', value: f.targetType });
  if (f.targetId) out.push({ label: 'Object id', value: f.targetId });
  if (f.outcome) out.push({ label: 'Outcome', value: f.outcome });
  if (f.untilId) out.push({ label: 'Entries up to', value: `#${f.untilId} (the newest when the export was asked for)` });
  return out;
}

export function auditExportColumns(view: AuditView) {
  return AUDIT_VIEW_SPECS[view].columns;
}

export function countAuditRows(em: EntityManager, tenantId: string, query: AuditQuery): Promise<number> {
  return viewCount(em, query.view, tenantId, query.filter);
}

export interface AuditExportBodyInput {
  em: EntityManager;
  tenantId: string;
  query: AuditQuery;
  format: ExportFormat;
  writer: WriterFactoryInput;
  signal: AbortSignal;
  /** A scheduled run's rows fingerprint (onlyIfChanged): fed the rows as they are written. */
  fingerprint?: RowsFingerprint | null;
}

/** Streams the view's rows page by page into the format's writer; stops at once when `signal` aborts. */
export function auditExportBody(input: AuditExportBodyInput): ExportBody {
  const { em, tenantId, query, signal } = input;
  const writer = createWriter(input.format, input.writer);
  return {
    via: 'writer',
    async run(onRows) {
      let after: string | null = null;
      for (;;) {
        if (signal.aborted) throw signal.reason ?? new Error('aborted');
        const page = await readViewPage(em, query.view, tenantId, query.filter, AUDIT_EXPORT_PAGE_ROWS, after, false);
        if (page.rows.length > 0) {
          await raceAbort(writer.write(page.rows), signal);
          input.fingerprint?.rows(page.rows);
          onRows(page.rows.length);
        }
        if (!page.hasNextPage || page.endKey === null) break;
        after = page.endKey;
      }
      await raceAbort(writer.finish(), signal);
    },
    abort: () => writer.abort(),
  };
}
