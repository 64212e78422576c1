/**
 * "Download PDF" (or XLSX) on a dashboard page: the whole dashboard through the export pipeline
 * (createDashboardExport) with the page's time range, its progress followed live over
 * `exportUpdated`, the file downloaded when it is ready; the export stays in the Exports history
 * with its link, as a report's does.
 */
import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import type { DashboardTimeRangeInput } from '../../generated/graphql';
import { useDownloadWhenReady } from '../exports/useDownloadWhenReady';
import { ErrorBanner } from '../reports/ErrorBanner';
import { formatPercent } from '../../format';
import { href } from '../../router';
import { CREATE_DASHBOARD_EXPORT } from './documents';

type DashboardFormat = 'PDF' | 'XLSX';

export function DashboardDownload({ dashboardId, timeRange }: { dashboardId: string; timeRange: DashboardTimeRangeInput | null }) {
  const [format, setFormat] = useState<DashboardFormat>('PDF');
  const { current, follow: setCurrent, error, setError, busy: following } = useDownloadWhenReady();
  const [createExport, state] = useMutation(CREATE_DASHBOARD_EXPORT);

  async function start() {
    setError(null);
    try {
      const res = await createExport({ variables: { input: { dashboardId, format, ...(timeRange ? { timeRange } : {}) } } });
      if (res.data) setCurrent(res.data.createDashboardExport);
    } catch (e) {
      setError(e);
    }
  }

  const busy = state.loading || following;
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
