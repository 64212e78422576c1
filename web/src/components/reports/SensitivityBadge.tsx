/**
 * A column's sensitivity as the builder shows it: a small badge after the field picker for PII and
 * INTERNAL columns, saying what the viewer's role sees of it under the tenant's masking policy
 * (the server masks in the query; this only tells the person why the values look as they do).
 */
import type { ColumnInfo } from './model';

const MODE_WORDS: Record<string, string> = { CLEAR: 'shown in clear', HASHED: 'shown hashed', HIDDEN: 'hidden from your role' };

/** `PII · hashed` for the option text of a sensitive column; '' for a public, clear one. */
export function sensitivitySuffix(col: ColumnInfo): string {
  if (!col.classification || (col.classification === 'PUBLIC' && (col.masking ?? 'CLEAR') === 'CLEAR')) return '';
  const mode = col.masking && col.masking !== 'CLEAR' ? ` · ${col.masking.toLowerCase()}` : '';
  return ` (${col.classification}${mode})`;
}

export function SensitivityBadge({ column }: { column: ColumnInfo | undefined }) {
  if (!column || sensitivitySuffix(column) === '') return null;
  const mode = column.masking ?? 'CLEAR';
  return (
    <span className={`badge sensitivity ${mode}`} data-testid="sensitivity-badge" title={`${column.classification}: ${MODE_WORDS[mode] ?? mode}`}>
      {column.classification}{mode !== 'CLEAR' ? ` · ${mode.toLowerCase()}` : ''}
    </span>
  );
}
