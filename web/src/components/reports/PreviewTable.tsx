import type { ColumnKind } from '../../generated/graphql';
import { formatDateTime, formatNumber } from '../../format';

export interface PreviewColumn { name: string; label: string; type: ColumnKind }

function cell(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'NUMBER') return formatNumber(value as number | string);
  if (kind === 'BOOLEAN') return value ? 'true' : 'false';
  if (kind === 'DATETIME' && typeof value === 'string') {
    const iso = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(value) ? value.replace(' ', 'T') + (/(Z|[+-]\d\d:?\d\d)$/.test(value) ? '' : 'Z') : value;
    const out = formatDateTime(iso, 'UTC');
    return out === '—' ? value : `${out} UTC`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function PreviewTable({ columns, rows }: { columns: PreviewColumn[]; rows: unknown[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="preview-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.name} className={c.type === 'NUMBER' ? 'num' : undefined} scope="col">
                {c.label}
                <span className="col-kind">{c.type.toLowerCase()}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const values = Array.isArray(row) ? row : [];
            return (
              <tr key={i}>
                {columns.map((c, j) => (
                  <td key={c.name} className={c.type === 'NUMBER' ? 'num' : undefined}>{cell(values[j], c.type)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
