/**
 * "Download PDF" (or XLSX) on a dashboard page: the whole dashboard through the export pipeline
 * (createDashboardExport) with the page's time range, its progress followed live over
 * `exportUpdated`, the file downloaded when it is ready; the export stays in the Exports history
 * with its link, as a report's does.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useSubscription } from '@apollo/client/react';
import type { DashboardTimeRangeInput } from '../../generated/graphql';
import { EXPORT_UPDATED } from '../exports/documents';
import { triggerDownload } from '../exports/ExportPanel';
import { ErrorBanner } from '../reports/ErrorBanner';
import { formatPercent } from '../../format';
import { href } from '../../router';
import { CREATE_DASHBOARD_EXPORT } from './documents';

type DashboardFormat = 'PDF' | 'XLSX';

interface Current { id: string; status: string; fileName?: string | null; downloadUrl?: string | null; progress: { percent?: number | null }; error?: { message: string } | null }

export function DashboardDownload({ dashboardId, timeRange }: { dashboardId: string; timeRange: DashboardTimeRangeInput | null }) {
  const [format, setFormat] = useState<DashboardFormat>('PDF');
  const [current, setCurrent] = useState<Current | null>(null);
  const [error, setError] = useState<unknown>(null);
  const downloaded = useRef(new Set<string>());
  const [createExport, state] = useMutation(CREATE_DASHBOARD_EXPORT);

  useSubscription(EXPORT_UPDATED, {
    variables: { id: current?.id ?? '' },
    skip: !current?.id,
    onData: ({ data }) => {
      const next = data.data?.exportUpdated;
      if (next) setCurrent(next);
    },
    onError: (e) => setError(e),
  });
  useEffect(() => {
    if (current?.status === 'COMPLETED' && current.downloadUrl && !downloaded.current.has(current.id)) {
      downloaded.current.add(current.id);
      triggerDownload(current.downloadUrl, current.fileName);
    }
  }, [current]);

  async function start() {
    setError(null);
    try {
      const res = await createExport({ variables: { input: { dashboardId, format, ...(timeRange ? { timeRange } : {}) } } });
      if (res.data) setCurrent(res.data.createDashboardExport);
    } catch (e) {
      setError(e);
    }
  }

  const busy = state.loading || current?.status === 'PENDING' || current?.status === 'PROCESSING';
  return (
    <>
      <label className="field">
        <span className="field-label">File</span>
        <select aria-label="File format" data-testid="download-format" value={format} onChange={(e) => setFormat(e.target.value as DashboardFormat)}>
          <option value="PDF">PDF (every tile)</option>
          <option value="XLSX">XLSX (a sheet per tile)</option>
        </select>
      </label>
      <button type="button" data-testid="download-pdf" disabled={busy} onClick={() => void start()}>
        {busy ? `Making ${format}… ${formatPercent(current?.progress.percent)}` : `Download ${format}`}
      </button>
      {current && (
        <span className="small" role="status" data-testid="dashboard-export-status" data-status={current.status}>
          {current.status === 'COMPLETED' ? 'Ready: the download has started.' : current.status === 'FAILED' ? `Failed: ${current.error?.message ?? ''}` : current.status.toLowerCase()}
          {' '}<a href={href('/exports')}>Exports history</a>
        </span>
      )}
      {error ? <ErrorBanner error={error} title="The file could not be made" onDismiss={() => setError(null)} /> : null}
    </>
  );
}
