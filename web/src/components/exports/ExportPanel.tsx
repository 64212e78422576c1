/**
 * "Download Report": start an export of a saved report, follow its progress live over
 * `exportUpdated`, cancel it, download the file automatically when it completes, retry on failure.
 */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useSubscription } from '@apollo/client/react';
import type { ExportFormat, ExportUpdatedSubscription } from '../../generated/graphql';
import { CANCEL_EXPORT, CREATE_EXPORT, EXPORT_UPDATED, RETRY_EXPORT } from './documents';
import { ErrorBanner } from '../reports/ErrorBanner';
import { ExportOptions, LOCALIZED_FORMATS, type ExportTimeOptions } from './ExportOptions';
import { DEFAULT_PDF_PAGE } from './PdfPageOptions';
import { FileProtection, fileProtectionInvalid, NO_PROTECTION, type FileProtectionValue } from './FileProtection';
import { ParameterValuesForm, filledValues, parameterErrors, type ParameterInfo, type ParameterValues } from '../templates/ParameterValuesForm';
import { isZone } from '../schedules/util';
import { canonicalLocale, DEFAULT_LOCALE, formatBytes, formatEta, formatNumber, formatPercent } from '../../format';

type ExportState = ExportUpdatedSubscription['exportUpdated'];
const FORMATS: { id: ExportFormat; label: string }[] = [
  { id: 'CSV', label: 'CSV' }, { id: 'XLSX', label: 'Excel (XLSX)' }, { id: 'PDF', label: 'PDF' }, { id: 'JSON', label: 'JSON' },
];
const ACTIVE = new Set(['PENDING', 'PROCESSING']);

export function triggerDownload(url: string, fileName?: string | null): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName ?? '';
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

interface Props {
  reportId: string;
  /** The saved report's zone: the file's unless changed for it. */
  reportTimeZone: string;
  /** The saved report's locale: the PDF's and XLSX's unless changed for the file. */
  reportLocale?: string;
  disabled?: boolean;
  disabledReason?: string;
  /** The saved report's parameters (issue 19): values for this file, over their defaults. */
  parameters?: ParameterInfo[];
  /** The report's table, for ENUM parameters over a column. */
  source?: string;
}

export function ExportPanel({ reportId, reportTimeZone, reportLocale = DEFAULT_LOCALE, disabled, disabledReason, parameters = [], source }: Props) {
  const [paramValues, setParamValues] = useState<ParameterValues>({});
  const [format, setFormat] = useState<ExportFormat>('CSV');
  const [timeOptions, setTimeOptions] = useState<ExportTimeOptions>({ timeZone: reportTimeZone, csvTimestamps: 'LOCAL', locale: '', pdfPage: DEFAULT_PDF_PAGE });
  // A report saved with another zone: the file follows it unless this file's zone was changed.
  const followed = useRef(reportTimeZone);
  useEffect(() => {
    setTimeOptions((o) => (o.timeZone === followed.current ? { ...o, timeZone: reportTimeZone } : o));
    followed.current = reportTimeZone;
  }, [reportTimeZone]);
  const zoneOk = isZone(timeOptions.timeZone.trim());
  const localeOverride = LOCALIZED_FORMATS.includes(format) ? timeOptions.locale.trim() : '';
  const localeOk = localeOverride === '' || canonicalLocale(localeOverride) !== null;
  const [current, setCurrent] = useState<ExportState | null>(null);
  const [protection, setProtection] = useState<FileProtectionValue>(NO_PROTECTION);
  /** Email me a link when it is ready (or a notice if it fails): for long exports one does not wait for. */
  const [notifyWhenReady, setNotifyWhenReady] = useState(false);
  const protectionOk = !fileProtectionInvalid(format, protection);
  const [error, setError] = useState<unknown>(null);
  const downloaded = useRef(new Set<string>());
  // The progress sits right under the button; on a short window it is brought into view, so the
  // click visibly did something.
  const progressRef = useRef<HTMLDivElement>(null);
  const [createExport, createState] = useMutation(CREATE_EXPORT);
  const [cancelExport, cancelState] = useMutation(CANCEL_EXPORT);
  const [retryExport, retryState] = useMutation(RETRY_EXPORT);

  const id = current?.id;
  useEffect(() => {
    if (id) progressRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [id]);
  useSubscription(EXPORT_UPDATED, {
    variables: { id: id ?? '' },
    skip: !id,
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
      const options = {
        timeZone: timeOptions.timeZone.trim(),
        ...(format === 'CSV' ? { csvTimestamps: timeOptions.csvTimestamps } : {}),
        ...(format === 'PDF' && timeOptions.pdfPage.paperSize ? { paperSize: timeOptions.pdfPage.paperSize } : {}),
        ...(format === 'PDF' && timeOptions.pdfPage.orientation ? { orientation: timeOptions.pdfPage.orientation } : {}),
        ...(localeOverride ? { locale: localeOverride } : {}),
        ...(protection.compression ? { compression: protection.compression } : {}),
        ...(protection.password ? { password: protection.password } : {}),
        ...(filledValues(paramValues) ? { parameterValues: filledValues(paramValues) } : {}),
      };
      const res = await createExport({ variables: { input: { reportId, format, options, ...(notifyWhenReady ? { notifyWhenReady: true } : {}) } } });
      if (res.data) setCurrent(res.data.createExport);
    } catch (e) {
      setError(e);
    }
  }
  async function cancel() {
    if (!current) return;
    try {
      const res = await cancelExport({ variables: { id: current.id } });
      const s = res.data?.cancelExport.status;
      if (s) setCurrent((c) => (c ? { ...c, status: s } : c));
    } catch (e) {
      setError(e);
    }
  }
  async function retry() {
    if (!current) return;
    setError(null);
    try {
      const res = await retryExport({ variables: { id: current.id } });
      if (res.data) setCurrent(res.data.retryExport);
    } catch (e) {
      setError(e);
    }
  }

  const running = !!current && ACTIVE.has(current.status);
  const p = current?.progress;
  const percent = current?.status === 'COMPLETED' ? 100 : p?.percent ?? (p?.rowsTotal ? (100 * p.rowsWritten) / p.rowsTotal : 0);

  return (
    <section className="card export-panel" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title">Download report</h2>
      <div className="toolbar">
        <label className="inline">
          Format
          <select value={format} onChange={(e) => {
            setFormat(e.target.value as ExportFormat);
            // The last file's "completed" (or failed) status was about the other format.
            if (!running) { setCurrent(null); setError(null); }
          }} disabled={running}>
            {FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
          </select>
        </label>
        <button type="button" className="primary" onClick={start} disabled={disabled || !zoneOk || !localeOk || !protectionOk || running || createState.loading} title={disabled ? disabledReason : !zoneOk ? 'Pick a time zone from the list.' : !localeOk ? 'Type a locale such as de-DE.' : undefined}>
          {createState.loading ? 'Starting…' : 'Download'}
        </button>
        <label className="inline" title="For long exports: you get one email with a download link when the file is ready, or the reason if it fails.">
          <input type="checkbox" checked={notifyWhenReady} disabled={running} onChange={(e) => setNotifyWhenReady(e.target.checked)} /> Email me a link when it’s ready
        </label>
        {running && <button type="button" className="danger" onClick={cancel} disabled={cancelState.loading}>Cancel</button>}
        {disabled && disabledReason && <span className="muted">{disabledReason}</span>}
      </div>
      {current && (
        <div className="export-progress" data-testid="export-progress" aria-live="polite" ref={progressRef}>
          <div className="export-progress-head">
            <span className={`badge ${current.status}`} data-testid="export-status">{current.status.toLowerCase()}</span>
            <span className="muted">{current.format}{current.timeZone && <> · times in <span data-testid="export-time-zone">{current.timeZone}</span></>}{LOCALIZED_FORMATS.includes(current.format) && current.locale && <> · <span data-testid="export-locale-used">{current.locale}</span></>}</span>
            <strong data-testid="export-percent">{formatPercent(percent)}</strong>
          </div>
          <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(percent)}>
            <div style={{ width: `${Math.min(100, Math.max(0, percent))}%` }} />
          </div>
          <div className="muted export-progress-detail">
            {formatNumber(p?.rowsWritten ?? 0)}
            {p?.rowsTotal != null ? ` of ${formatNumber(p.rowsTotal)}` : ''} rows written
            {p?.bytesWritten ? ` · ${formatBytes(p.bytesWritten)}` : ''}
            {running && p?.etaSeconds != null ? ` · ${formatEta(p.etaSeconds)}` : ''}
          </div>
          {current.status === 'COMPLETED' && current.downloadUrl && (
            <div>
              Your file is downloading.{' '}
              <a href={current.downloadUrl} download={current.fileName ?? ''} data-testid="export-download-link">
                Download {current.fileName ?? 'file'} again
              </a>
              {current.fileSize != null && <span className="muted"> ({formatBytes(current.fileSize)})</span>}
            </div>
          )}
          {current.status === 'FAILED' && (
            <div className="banner banner-error" role="alert">
              <div>
                <strong>The export failed.</strong>
                <div>{current.error?.message ?? 'Something went wrong while writing the file.'}</div>
              </div>
              <button type="button" onClick={current.passwordProtected ? start : retry} disabled={retryState.loading || createState.loading}>Retry</button>
            </div>
          )}
          {current.status === 'CANCELLED' && (
            <div className="toolbar">
              <span className="muted">The export was cancelled.</span>
              <button type="button" onClick={current.passwordProtected ? start : retry} disabled={retryState.loading || createState.loading}>Retry</button>
            </div>
          )}
        </div>
      )}
      <ParameterValuesForm idPrefix="export" source={source} parameters={parameters} values={paramValues} onChange={setParamValues}
        errors={parameterErrors(error, 'input.options.parameterValues')} />
      <ExportOptions format={format} reportTimeZone={reportTimeZone} reportLocale={reportLocale} value={timeOptions} disabled={running} onChange={setTimeOptions} />
      <FileProtection format={format} value={protection} disabled={running} onChange={setProtection}
        passwordNote="Reportcast does not keep the password: tell it to whoever opens the file another way (a Retry starts a new export with the password typed here)." />
      <ErrorBanner error={error} title="The export could not start" onDismiss={() => setError(null)} />
    </section>
  );
}
