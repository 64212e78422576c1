/**
 * The audit explorer (admins): the tenant's audit log filtered by actor, action, object, time range
 * and outcome, the user-activity and compliance reports over the same filter, page by page, and
 * "Download" that exports what is shown through the export pipeline.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@apollo/client/react';
import type { AuditLogFilter, AuditOutcome, AuditView } from '../generated/graphql';
import { AUDIT_COMPLIANCE, AUDIT_LOG, AUDIT_USER_ACTIVITY } from '../components/audit/documents';
import { activeFilterCount, EMPTY_AUDIT_FILTER, toApiFilter, type AuditFilterForm } from '../components/audit/audit-filter-form';
import { ActivityTable, ComplianceTable, LogTable } from '../components/audit/AuditTables';
import { AuditDownload } from '../components/audit/AuditDownload';
import { AdminReportSchedules } from '../components/audit/AdminReportSchedules';
import { DataProtection } from '../components/audit/DataProtection';
import { ErrorBanner } from '../components/reports/ErrorBanner';
import { useAuth } from '../auth';

const PAGE_SIZE = 50;
const VIEWS: [AuditView, string][] = [['LOG', 'Log'], ['USER_ACTIVITY', 'User activity'], ['COMPLIANCE', 'Compliance']];
const OUTCOMES: AuditOutcome[] = ['SUCCESS', 'DENIED', 'FAILURE'];
const OBJECT_TYPES = ['report', 'export', 'schedule', 'masking_policy', 'token'];
/** Beside the audit views: the admin reports on a timetable, and the masking policy with the columns' classes. */
type Section = 'AUDIT' | 'SCHEDULED' | 'PROTECTION';
const SECTIONS: [Section, string][] = [['SCHEDULED', 'Scheduled reports'], ['PROTECTION', 'Masking & classification']];

export function AuditPage() {
  const { session } = useAuth();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [view, setView] = useState<AuditView>('LOG');
  const [section, setSection] = useState<Section>('AUDIT');
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const [applied, setApplied] = useState<AuditLogFilter>({});
  const [problem, setProblem] = useState<string | null>(null);
  // Cursors of the pages before this one: "Newer" pops, "Older" pushes the current end cursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const variables = { filter: applied, first: PAGE_SIZE, after };
  const isAdmin = session?.role === 'admin';
  const audit = section === 'AUDIT';
  const log = useQuery(AUDIT_LOG, { variables, skip: !isAdmin || !audit || view !== 'LOG', fetchPolicy: 'cache-and-network' });
  const activity = useQuery(AUDIT_USER_ACTIVITY, { variables, skip: !isAdmin || !audit || view !== 'USER_ACTIVITY', fetchPolicy: 'cache-and-network' });
  const compliance = useQuery(AUDIT_COMPLIANCE, { variables, skip: !isAdmin || !audit || view !== 'COMPLIANCE', fetchPolicy: 'cache-and-network' });

  if (!isAdmin) {
    return <div className="card empty-state"><h2>Admins only</h2><p className="muted">The audit log is for your organisation's admins.</p></div>;
  }

  const current = view === 'LOG' ? log : view === 'USER_ACTIVITY' ? activity : compliance;
  const page = view === 'LOG'
    ? log.data && { total: log.data.auditLog.totalCount, next: log.data.auditLog.pageInfo.hasNextPage ? log.data.auditLog.pageInfo.endCursor : null, size: log.data.auditLog.edges.length }
    : view === 'USER_ACTIVITY'
      ? activity.data && { total: activity.data.auditUserActivity.totalCount, next: activity.data.auditUserActivity.hasNextPage ? activity.data.auditUserActivity.endCursor : null, size: activity.data.auditUserActivity.users.length }
      : compliance.data && { total: compliance.data.auditCompliance.totalCount, next: compliance.data.auditCompliance.hasNextPage ? compliance.data.auditCompliance.endCursor : null, size: compliance.data.auditCompliance.events.length };

  function apply(e: FormEvent) {
    e.preventDefault();
    const { filter, problem: p } = toApiFilter(form);
    setProblem(p);
    if (p) return;
    setApplied(filter);
    setCursors([null]);
  }
  function clear() {
    setForm(EMPTY_AUDIT_FILTER);
    setApplied({});
    setProblem(null);
    setCursors([null]);
  }
  const set = (key: keyof AuditFilterForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const filtered = activeFilterCount(form) > 0;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit</h1>
          {audit && page && <span className="muted" data-testid="audit-total">{page.total} {view === 'USER_ACTIVITY' ? 'user' : 'entr'}{view === 'USER_ACTIVITY' ? (page.total === 1 ? '' : 's') : page.total === 1 ? 'y' : 'ies'}{Object.keys(applied).length ? ' matching' : ''}</span>}
        </div>
        {audit && <AuditDownload view={view} filter={applied} timeZone={timeZone} />}
      </div>
      <div className="audit-tabs" role="tablist" aria-label="Audit views">
        {VIEWS.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={audit && view === key} onClick={() => { setSection('AUDIT'); setView(key); setCursors([null]); }}>{label}</button>
        ))}
        {SECTIONS.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={section === key} onClick={() => setSection(key)}>{label}</button>
        ))}
      </div>
      {section === 'SCHEDULED' ? <AdminReportSchedules timeZone={timeZone} /> : section === 'PROTECTION' ? <DataProtection timeZone={timeZone} /> : <>
      <form className="card audit-filters" onSubmit={apply} aria-label="Audit filters">
        <div className="audit-filter-grid">
          <div className="field"><label htmlFor="audit-actor">Actor</label><input id="audit-actor" value={form.actor} onChange={set('actor')} placeholder="user id" /></div>
          <div className="field"><label htmlFor="audit-action">Action</label><input id="audit-action" value={form.action} onChange={set('action')} placeholder="export.create or export.*" /></div>
          <div className="field">
            <label htmlFor="audit-type">Object type</label>
            <select id="audit-type" value={form.targetType} onChange={set('targetType')}>
              <option value="">Any</option>
              {OBJECT_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="audit-id">Object id</label><input id="audit-id" value={form.targetId} onChange={set('targetId')} /></div>
          <div className="field"><label htmlFor="audit-from">From ({timeZone})</label><input id="audit-from" type="datetime-local" value={form.from} onChange={set('from')} /></div>
          <div className="field"><label htmlFor="audit-to">To ({timeZone})</label><input id="audit-to" type="datetime-local" value={form.to} onChange={set('to')} aria-invalid={problem ? true : undefined} /></div>
          <div className="field">
            <label htmlFor="audit-outcome">Outcome</label>
            <select id="audit-outcome" value={form.outcome} onChange={set('outcome')}>
              <option value="">Any</option>
              {OUTCOMES.map((o) => <option key={o} value={o}>{o.toLowerCase()}</option>)}
            </select>
          </div>
        </div>
        {problem && <p className="field-error" role="alert">{problem}</p>}
        <div className="toolbar">
          <button type="submit" className="primary" data-testid="audit-apply">Apply filters</button>
          {filtered && <button type="button" onClick={clear}>Clear</button>}
        </div>
      </form>
      {current.error && !current.data ? (
        <ErrorBanner error={current.error} title="The audit log could not be loaded" />
      ) : !page ? (
        <p className="muted" role="status">Loading…</p>
      ) : page.size === 0 ? (
        <div className="card empty-state"><h2>Nothing matches</h2><p className="muted">No entries under these filters{cursors.length > 1 ? ' on this page' : ''}.</p></div>
      ) : view === 'LOG' ? (
        <LogTable entries={log.data!.auditLog.edges.map((e) => e.node)} timeZone={timeZone} />
      ) : view === 'USER_ACTIVITY' ? (
        <ActivityTable users={activity.data!.auditUserActivity.users} timeZone={timeZone} />
      ) : (
        <ComplianceTable events={compliance.data!.auditCompliance.events} timeZone={timeZone} />
      )}
      {page && (cursors.length > 1 || page.next) && (
        <div className="toolbar">
          <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>← Newer</button>
          <button type="button" disabled={!page.next} onClick={() => page.next && setCursors((c) => [...c, page.next])} data-testid="audit-older">Older →</button>
        </div>
      )}
      </>}
    </>
  );
}
