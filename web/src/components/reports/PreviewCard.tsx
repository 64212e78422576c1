/**
 * The builder's live preview: validation problems, the resolved time window in the report's zone,
 * a page of rows and the pager.
 */
import type { BuilderPreviewQuery } from '../../generated/graphql';
import { formatNumber } from '../../format';
import { describeWindow, zoneOffsetLabel } from '../../wall-time';
import { ErrorBanner } from './ErrorBanner';
import { PreviewTable } from './PreviewTable';
import { problemText, type LabelContext } from '../../messages';

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
  /** What the problem paths are about (the draft's rows, the table's labels). */
  labels?: LabelContext;
  sort?: { key: string; direction: 'ASC' | 'DESC' } | null;
  onSort?(key: string, numeric: boolean): void;
}

/** "finish the filter": what an unfinished definition needs, from its first problem. */
export function staleReason(paths: string[]): string {
  const first = (paths[0] ?? '').replace(/^input\./, '').replace(/^definition\./, '');
  const area = first.split('.')[0];
  const what: Record<string, string> = { filters: 'the filter', measures: 'the measure', dimensions: 'the dimension', orderBy: 'the sort', timeRange: 'the time range', rowLimit: 'the row limit' };
  return what[area ?? ''] ? `finish ${what[area!]}` : 'fix the problem below';
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

export function PreviewCard({ updating, validation, error, preview, rowLimit, dataPage, page, pageSize, grains, locale, onPrevious, onNext, labels, sort, onSort }: Props) {
  const rangeFrom = preview && preview.totalCount > 0 ? dataPage * pageSize + 1 : 0;
  const rangeTo = preview ? dataPage * pageSize + preview.rows.length : 0;
  const invalid = validation && !validation.valid;
  // While the definition is unfinished the last good preview stays, dimmed and said to be out of
  // date, instead of the card collapsing to a list of problems.
  const stale = !!invalid && !!preview;
  return (
    <section className="card preview-card" aria-labelledby="preview-h">
      <div className="page-head">
        <h2 id="preview-h">Preview</h2>
        <span className="muted" role="status">
          {updating ? 'Updating…' : stale ? 'Out of date' : invalid ? `${validation.errors.length} problem${validation.errors.length === 1 ? '' : 's'} to fix` : preview ? `${formatNumber(preview.elapsedMs)} ms` : ''}
        </span>
      </div>
      {stale && (
        <div className="note stale-note" data-testid="preview-stale">
          Preview out of date: {staleReason(validation.errors.map((e) => e.path))}.
        </div>
      )}
      {invalid && (
        <ul className={stale ? 'problems compact' : 'problems'} data-testid="validation-summary">
          {validation.errors.map((e, i) => <li key={i} data-path={e.path}>{problemText(e.path, e.message, labels)}</li>)}
        </ul>
      )}
      <ErrorBanner error={error} title="The preview could not run" labels={labels} />
      {preview && (validation?.valid || stale) && (
        <div className={stale ? 'preview-body stale' : 'preview-body'} aria-busy={stale || undefined} data-testid="preview-body">
          <PreviewWindow preview={preview} />
          {preview.truncated && (
            <div className="note" data-testid="truncated-note">Limited to {formatNumber(rowLimit ?? preview.totalCount)} rows by the row limit.</div>
          )}
          {preview.rows.length === 0 ? (
            <p className="empty">No rows match. Try a wider time range or fewer filters.</p>
          ) : (
            <PreviewTable columns={preview.columns} rows={preview.rows} timeZone={preview.timeZone} grains={grains} locale={locale}
              sort={sort} onSort={stale ? undefined : onSort} />
          )}
          <div className="pager">
            <span data-testid="preview-range">Rows {formatNumber(rangeFrom)}–{formatNumber(rangeTo)} of {formatNumber(preview.totalCount)}</span>
            <button type="button" onClick={onPrevious} disabled={page === 0 || updating || stale}>Previous page</button>
            <button type="button" onClick={onNext} disabled={!preview.pageInfo.hasNextPage || updating || stale}>Next page</button>
          </div>
        </div>
      )}
    </section>
  );
}
