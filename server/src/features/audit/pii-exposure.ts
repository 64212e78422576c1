/**
 * Which PII-classified columns an export shows in clear: what the compliance summary lists. Pure.
 * A column counts when its values reach the file unmasked: a dimension (or a raw column), or a
 * measure that yields one of its values (MIN/MAX/SUM/AVG); COUNT and UNIQ reveal none. Its class is
 * the tenant's own where it classified the column (masking.classes), else the catalog's.
 */
import { findColumn, findTable } from '../catalog/catalog.js';
import { classOf, type ColumnMasking } from '../catalog/masking.js';
import type { NormalizedDefinition } from '../reports/validate-definition.js';

export function clearPiiColumns(definition: NormalizedDefinition, masking: Pick<ColumnMasking, 'modes' | 'classes'>): string[] {
  const table = findTable(definition.source);
  if (!table || masking.modes.PII !== 'CLEAR') return [];
  const shown = [
    ...definition.dimensions.map((d) => d.field),
    ...definition.measures.filter((m) => m.fn !== 'COUNT' && m.fn !== 'UNIQ').map((m) => m.field),
  ];
  const out = new Set<string>();
  for (const name of shown) {
    const column = name === null ? undefined : findColumn(table, name);
    if (column && classOf(table.name, column, masking.classes) === 'PII') out.add(column.name);
  }
  return [...out].sort();
}
