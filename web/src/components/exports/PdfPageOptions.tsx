/**
 * A PDF's paper and orientation, for one download (ExportOptions) and for every run of a schedule
 * (ScheduleEditPage). '' is the server's default: A4; landscape when the report has more than 6
 * columns, else portrait. Whatever is chosen, a table wider than the page shrinks a little, then
 * continues its columns on the next pages (the first column repeated), and long text wraps.
 */
import type { PageOrientation, PaperSize } from '../../generated/graphql';

export interface PdfPageValue {
  /** '' = A4. */
  paperSize: PaperSize | '';
  /** '' = by the column count. */
  orientation: PageOrientation | '';
}

export const DEFAULT_PDF_PAGE: PdfPageValue = { paperSize: '', orientation: '' };

const PAPERS: [PaperSize | '', string][] = [['', 'A4 (default)'], ['LETTER', 'US Letter'], ['A3', 'A3']];
const ORIENTATIONS: [PageOrientation | '', string][] = [['', 'Automatic: landscape for wide tables'], ['PORTRAIT', 'Portrait'], ['LANDSCAPE', 'Landscape']];

interface Props {
  value: PdfPageValue;
  disabled?: boolean;
  onChange(next: PdfPageValue): void;
  /** Ids unique on the page (two editors may show it). */
  idPrefix?: string;
}

export function PdfPageOptions({ value, disabled, onChange, idPrefix = 'pdf' }: Props) {
  return (
    <div className="pdf-page-options" data-testid="pdf-page-options">
      <div className="row">
        <div className="field">
          <div className="field-label"><label htmlFor={`${idPrefix}-paper`}>Paper</label></div>
          <select id={`${idPrefix}-paper`} value={value.paperSize} disabled={disabled}
            onChange={(e) => onChange({ ...value, paperSize: e.target.value as PaperSize | '' })}>
            {PAPERS.map(([v, label]) => <option key={v || 'default'} value={v}>{label}</option>)}
          </select>
        </div>
        <div className="field">
          <div className="field-label"><label htmlFor={`${idPrefix}-orientation`}>Orientation</label></div>
          <select id={`${idPrefix}-orientation`} value={value.orientation} disabled={disabled}
            onChange={(e) => onChange({ ...value, orientation: e.target.value as PageOrientation | '' })}>
            {ORIENTATIONS.map(([v, label]) => <option key={v || 'auto'} value={v}>{label}</option>)}
          </select>
        </div>
      </div>
      <span className="hint">A table wider than the page continues its columns on the next pages, the first column repeated; long text wraps.</span>
    </div>
  );
}
