/** The reports list: search by name, open a report in the builder, start a new one. */
import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { REPORTS_LIST } from '../components/reports/documents';
import { LAST_EXPORTS } from '../components/exports/documents';
import { ErrorBanner } from '../components/reports/ErrorBanner';
import { formatDateTime, formatRelativeTime } from '../format';
import { href, navigate } from '../router';
import { useAuth } from '../auth';

export function ReportsPage() {
  const { data, loading, error, refetch } = useQuery(REPORTS_LIST, { fetchPolicy: 'cache-and-network' });
  const lastExports = useQuery(LAST_EXPORTS, { fetchPolicy: 'cache-and-network' });
  const lastByReport = useMemo(() => {
    const out = new Map<string, { status: string; format: string; createdAt: string }>();
    for (const { node } of lastExports.data?.exports.edges ?? []) if (node.reportId && !out.has(node.reportId)) out.set(node.reportId, node);
    return out;
  }, [lastExports.data]);
  const [search, setSearch] = useState('');
  const { session } = useAuth();
  const canEdit = session?.role !== 'viewer';
  const reports = useMemo(() => (data?.reports.edges ?? []).map((e) => e.node), [data]);
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? reports.filter((r) => r.name.toLowerCase().includes(q)) : reports;
  }, [reports, search]);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Reports</h1>
          {data && <span className="muted">{search.trim() ? `${shown.length} of ` : ''}{data.reports.totalCount} report{data.reports.totalCount === 1 ? '' : 's'}</span>}
        </div>
        <div className="toolbar">
          <input type="search" aria-label="Search reports" placeholder="Search by name…" value={search} onChange={(e) => setSearch(e.target.value)} />
          {canEdit && <a className="button primary" href={href('/reports/new')}>New report</a>}
        </div>
      </div>
      {error && !data ? (
        <>
          <ErrorBanner error={error} title="Reports could not be loaded" />
          <div><button type="button" onClick={() => void refetch()}>Try again</button></div>
        </>
      ) : loading && !data ? (
        <p className="muted" role="status">Loading reports…</p>
      ) : reports.length === 0 ? (
        <div className="card empty-state">
          <h2>No reports yet</h2>
          {canEdit ? (
            <>
              <p className="muted">Build your first report from one of the analytics tables, preview it, then download or schedule it.</p>
              <div><a className="button primary" href={href('/reports/new')}>Create a report</a></div>
            </>
          ) : <p className="muted">No report is shared with you yet. Ask an editor to share one.</p>}
        </div>
      ) : (
        <div className="card flush table-scroll">
          <table aria-label="Reports" className="sticky-first">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Source table</th><th scope="col">Tags</th><th scope="col">Last export</th><th scope="col">Last updated</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-testid="report-row" className="clickable" onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) navigate(`/reports/${encodeURIComponent(r.id)}`); }}>
                  <td>
                    <a href={href(`/reports/${encodeURIComponent(r.id)}`)}>{r.name}</a>
                    {r.description && <div className="muted small">{r.description}</div>}
                  </td>
                  <td><code>{r.definition.source}</code></td>
                  <td>{r.tags.length ? r.tags.map((t) => <span key={t} className="badge tag">{t}</span>) : <span className="muted">—</span>}</td>
                  <td>
                    {lastByReport.get(r.id) ? (
                      <span title={formatDateTime(lastByReport.get(r.id)!.createdAt)}>
                        <span className={`badge ${lastByReport.get(r.id)!.status}`}>{lastByReport.get(r.id)!.status.toLowerCase()}</span>{' '}
                        <span className="muted small">{lastByReport.get(r.id)!.format} · {formatRelativeTime(lastByReport.get(r.id)!.createdAt)}</span>
                      </span>
                    ) : <span className="muted">Never exported</span>}
                  </td>
                  <td title={formatDateTime(r.updatedAt)}>{formatRelativeTime(r.updatedAt)}</td>
                  <td className="actions"><a className="button" href={href(`/reports/${encodeURIComponent(r.id)}`)} aria-label={`Open ${r.name}`}>Open</a></td>
                </tr>
              ))}
              {shown.length === 0 && (
                <tr><td colSpan={6} className="muted empty">No reports match “{search}”.</td></tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
