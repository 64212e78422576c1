/** Export history: every export of the tenant, live, filterable by status and format. */
import { useRef, useState } from 'react';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import type { ExportFormat, ExportStatus } from '../generated/graphql';
import { DELETE_EXPORT, EXPORTS_CHANGED, EXPORTS_LIST, RETRY_EXPORT } from '../components/exports/documents';
import { triggerDownload } from '../components/exports/ExportPanel';
import { ErrorBanner } from '../components/reports/ErrorBanner';
import { formatBytes, formatDateTime, formatDuration, formatNumber, formatPercent, formatRelativeTime } from '../format';
import { href } from '../router';
import { useAuth } from '../auth';
import { initiatorText } from '../messages';

const STATUSES: ExportStatus[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'];
const FORMATS: ExportFormat[] = ['CSV', 'XLSX', 'PDF', 'JSON'];

export function ExportsPage() {
  const [status, setStatus] = useState<ExportStatus | ''>('');
  const [format, setFormat] = useState<ExportFormat | ''>('');
  const filter = { ...(status ? { status } : {}), ...(format ? { format } : {}) };
  // Not deduplicated: a refetch an event asks for must read after that event, not join a read
  // already on its way that started before it.
  const { data, loading, error, refetch } = useQuery(EXPORTS_LIST, { variables: { filter }, fetchPolicy: 'cache-and-network', context: { queryDeduplication: false } });
  const [actionError, setActionError] = useState<unknown>(null);
  // What the server lets each person do: an export's initiator or an editor retries and deletes it.
  const { session } = useAuth();
  const mayChange = (initiatedBy: string) => session?.role !== 'viewer' || initiatedBy === session?.user;
  const [retryExport] = useMutation(RETRY_EXPORT);
  const [deleteExport] = useMutation(DELETE_EXPORT);

  const rows = (data?.exports.edges ?? []).map((e) => e.node);
  const known = useRef(new Map<string, string>());
  for (const r of rows) if (!known.current.has(r.id)) known.current.set(r.id, r.status);

  useSubscription(EXPORTS_CHANGED, {
    onData: ({ data: d }) => {
      // Progress events update the row in the normalized cache by id; a new export or a status
      // change (which may move it in or out of the filter) needs the list again.
      const x = d.data?.exportsChanged;
      if (!x) return;
      const before = known.current.get(x.id);
      known.current.set(x.id, x.status);
      if (before !== x.status) void refetch();
    },
  });

  async function retry(id: string) {
    setActionError(null);
    try { await retryExport({ variables: { id } }); await refetch(); } catch (e) { setActionError(e); }
  }
  async function remove(id: string, label: string) {
    if (!window.confirm(`Delete the export of “${label}” and its file? This cannot be undone.`)) return;
    setActionError(null);
    try { await deleteExport({ variables: { id } }); await refetch(); } catch (e) { setActionError(e); }
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Exports</h1>
          {data && <span className="muted">{data.exports.totalCount}{status || format ? ' matching' : ''} export{data.exports.totalCount === 1 ? '' : 's'}</span>}
        </div>
        <div className="toolbar">
          <label className="inline">
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value as ExportStatus | '')}>
              <option value="">All statuses</option>
              {STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
            </select>
          </label>
          <label className="inline">
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat | '')}>
              <option value="">All formats</option>
              {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
        </div>
      </div>
      <ErrorBanner error={actionError} title="That did not work" onDismiss={() => setActionError(null)} />
      {error && !data ? (
        <>
          <ErrorBanner error={error} title="Exports could not be loaded" />
          <div><button type="button" onClick={() => void refetch()}>Try again</button></div>
        </>
      ) : loading && !data ? (
        <p className="muted" role="status">Loading exports…</p>
      ) : rows.length === 0 ? (
        <div className="card empty-state">
          <h2>{status || format ? 'No exports match these filters' : 'No exports yet'}</h2>
          <p className="muted">{status || format ? 'Try another status or format.' : <>Open a report and use <strong>Download</strong> to create one.</>}</p>
          {!status && !format && <div><a className="button" href={href('/reports')}>Go to reports</a></div>}
        </div>
      ) : (
        <div className="card flush table-scroll">
          <table aria-label="Export history">
            <thead>
              <tr>
                <th scope="col">Report</th><th scope="col">Status</th><th scope="col">Format</th>
                <th scope="col" className="num">Rows</th><th scope="col" className="num">Size</th><th scope="col" className="num">Duration</th>
                <th scope="col">Triggered by</th><th scope="col">Created</th><th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => {
                const expired = !!x.fileExpiredAt || (!!x.expiresAt && new Date(x.expiresAt).getTime() < Date.now());
                return (
                  <tr key={x.id} data-testid="export-row" data-status={x.status}>
                    <td>
                      {/* Only reports the viewer may open are links (a private report's export still downloads). */}
                      {x.reportId && x.reportReadable ? <a href={href(`/reports/${encodeURIComponent(x.reportId)}`)}>{x.reportName}</a> : <span data-testid="report-unlinked" title={x.reportId ? 'This report is not shared with you' : 'This report was deleted'}>{x.reportName}</span>}
                    </td>
                    <td>
                      <span className={`badge ${x.status}`}>{x.status.toLowerCase()}</span>
                      {x.status === 'PROCESSING' && <span className="muted small"> {formatPercent(x.progress.percent)}</span>}
                      {x.status === 'FAILED' && x.error && <div className="error small">{x.error.message}</div>}
                    </td>
                    <td>{x.format}</td>
                    <td className="num">{formatNumber(x.rowCount ?? (x.status === 'PROCESSING' ? x.progress.rowsWritten : null))}{x.truncated ? ' *' : ''}</td>
                    <td className="num">{formatBytes(x.fileSize)}</td>
                    <td className="num">{formatDuration(x.executionTimeMs)}</td>
                    <td data-testid="export-initiator">{initiatorText(x.triggeredBy, x.initiatedBy, x.schedule?.name)}</td>
                    <td title={formatDateTime(x.createdAt)}>{formatRelativeTime(x.createdAt)}</td>
                    <td className="actions">
                      {x.downloadUrl && !expired && (
                        <button type="button" aria-label={`Download ${x.reportName} ${x.format}`} onClick={() => triggerDownload(x.downloadUrl!, x.fileName)}>Download</button>
                      )}
                      {x.status === 'COMPLETED' && expired && <span className="muted small">File expired</span>}
                      {(x.status === 'FAILED' || x.status === 'CANCELLED') && mayChange(x.initiatedBy) && (
                        <button type="button" aria-label={`Retry ${x.reportName} ${x.format}`} onClick={() => void retry(x.id)}>Retry</button>
                      )}
                      {mayChange(x.initiatedBy) && <button type="button" className="danger" aria-label={`Delete ${x.reportName} ${x.format}`} onClick={() => void remove(x.id, x.reportName)}>Delete</button>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
