/**
 * The builder's live preview: validation problems, the resolved time window in the report's zone,
 * a page of rows and the pager.
 */
import type { BuilderPreviewQuery } from '../../generated/graphql';
import { formatNumber } from '../../format';
import { describeWindow, zoneOffsetLabel } from '../../wall-time';
import { ErrorBanner } from './ErrorBanner';
import { PreviewTable } from './PreviewTable';
import { pathLabel } from './model';

type Preview = BuilderPreviewQuery['previewReport'];
interface Validation { valid: boolean; errors: { path: string; message: string }[] }

interface Props {
  updating: boolean;
  validation: Validation | undefined;
  error: unknown;
  preview: Preview | undefined;
  rowLimit: number | null | undefined;
  /** 0-based page of the rows on screen, and of the page asked for. */
  dataPage: number;
  page: number;
  pageSize: number;
  grains: Record<string, string | null | undefined>;
  /** The report's locale: numbers in the table read as they will in its PDF. */
  locale?: string;
  onPrevious(): void;
  onNext(): void;
}

/** "Dec 1 – Dec 7, 2026 · 7 whole days · America/Los_Angeles (UTC−08:00)". */
export function PreviewWindow({ preview }: { preview: Preview }) {
  const zone = preview.timeZone;
  const offset = zoneOffsetLabel(zone, new Date(preview.asOf));
  const w = preview.window ? describeWindow(preview.window.fromLocal, preview.window.toLocal) : null;
  return (
    <p className="preview-window" data-testid="preview-window" title={w?.exact}>
      {w ? <>Time range: <strong>{w.text}</strong>{w.days && <> · {w.days}</>}</> : <>All time</>}
      {' · '}<span data-testid="preview-zone">{zone}</span>{offset && offset !== 'UTC' && <span className="muted"> ({offset})</span>}
    </p>
  );
}

export function PreviewCard({ updating, validation, error, preview, rowLimit, dataPage, page, pageSize, grains, locale, onPrevious, onNext }: Props) {
  const rangeFrom = preview && preview.totalCount > 0 ? dataPage * pageSize + 1 : 0;
  const rangeTo = preview ? dataPage * pageSize + preview.rows.length : 0;
  const invalid = validation && !validation.valid;
  return (
    <section className="card preview-card" aria-labelledby="preview-h">
      <div className="page-head">
        <h2 id="preview-h">Preview</h2>
        <span className="muted" role="status">
          {updating ? 'Updating…' : invalid ? `${validation.errors.length} problem${validation.errors.length === 1 ? '' : 's'} to fix` : preview ? `${formatNumber(preview.elapsedMs)} ms` : ''}
        </span>
      </div>
      {invalid && (
        <ul className="problems" data-testid="validation-summary">
          {validation.errors.map((e, i) => <li key={i} data-path={e.path}><strong>{pathLabel(e.path)}</strong>: {e.message}</li>)}
        </ul>
      )}
      <ErrorBanner error={error} title="The preview could not run" />
      {preview && validation?.valid && (
        <>
          <PreviewWindow preview={preview} />
          {preview.truncated && (
            <div className="note" data-testid="truncated-note">Limited to {formatNumber(rowLimit ?? preview.totalCount)} rows by the row limit.</div>
          )}
          {preview.rows.length === 0 ? (
            <p className="empty">No rows match. Try a wider time range or fewer filters.</p>
          ) : (
            <PreviewTable columns={preview.columns} rows={preview.rows} timeZone={preview.timeZone} grains={grains} locale={locale} />
          )}
          <div className="pager">
            <span data-testid="preview-range">Rows {formatNumber(rangeFrom)}–{formatNumber(rangeTo)} of {formatNumber(preview.totalCount)}</span>
            <button type="button" onClick={onPrevious} disabled={page === 0 || updating}>Previous page</button>
            <button type="button" onClick={onNext} disabled={!preview.pageInfo.hasNextPage || updating}>Next page</button>
          </div>
        </>
      )}
    </section>
  );
}
