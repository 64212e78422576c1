/**
 * "Download" on the audit page: exports the current view under the applied filter through the
 * export pipeline (createAuditExport), follows its progress live, and downloads the file when it is
 * ready; the export stays in the Exports history with its link.
 */
import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import type { AuditLogFilter, AuditView, ExportFormat } from '../../generated/graphql';
import { useDownloadWhenReady } from '../exports/useDownloadWhenReady';
import { ErrorBanner } from '../reports/ErrorBanner';
import { formatPercent } from '../../format';
import { href } from '../../router';
import { CREATE_AUDIT_EXPORT } from './documents';

const FORMATS: ExportFormat[] = ['CSV', 'XLSX', 'JSON', 'PDF'];

export function AuditDownload({ view, filter, timeZone, disabled }: { view: AuditView; filter: AuditLogFilter; timeZone: string; disabled?: boolean }) {
  const [format, setFormat] = useState<ExportFormat>('CSV');
  const { current, follow: setCurrent, error, setError, busy: following } = useDownloadWhenReady();
  const [createAuditExport, state] = useMutation(CREATE_AUDIT_EXPORT);

  async function start() {
    setError(null);
    try {
      const res = await createAuditExport({ variables: { input: { view, filter, format, timeZone } } });
      if (res.data) setCurrent(res.data.createAuditExport);
    } catch (e) {
      setError(e);
    }
  }

  const busy = state.loading || following;
  return (
    <div className="audit-download">
      <div className="toolbar">
        <label className="inline">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} data-testid="audit-format">
            {FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void start()} disabled={disabled || busy} data-testid="audit-download">
          {busy ? 'Exporting…' : 'Download'}
        </button>
      </div>
      {current && (
        <p className="small" role="status" data-testid="audit-export-status" data-status={current.status}>
          {current.status === 'COMPLETED' ? 'Ready: the download has started.' : current.status === 'FAILED' ? `Failed: ${current.error?.message ?? ''}` : `${current.status.toLowerCase()} ${formatPercent(current.progress.percent)}`}
          {' '}<a href={href('/exports')}>Exports history</a>
        </p>
      )}
      <ErrorBanner error={error} title="The export could not start" onDismiss={() => setError(null)} />
    </div>
  );
}
