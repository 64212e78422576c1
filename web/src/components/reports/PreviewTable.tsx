/**
 * The preview's rows. DATETIME values are wall times of the preview's zone, read from the offset
 * the server wrote (never converted into the browser's zone); DATE values are calendar dates, shown
 * by their bucket ("Tue, Dec 1, 2026", "Q4 2026"). The zone is named in each time column's header.
 */
import type { ColumnKind } from '../../generated/graphql';
import { formatNumber } from '../../format';
import { formatDateBucket, formatOffset, formatWallDateTime, wallTimeOfValue, type WallTime } from '../../wall-time';

export interface PreviewColumn { name: string; label: string; type: ColumnKind }

/** How one DATETIME column shows: with seconds when any value has them, offsets when they differ (a DST change). */
interface TimeColumn { walls: (WallTime | null)[]; seconds: boolean; offsets: boolean }

function timeColumn(rows: unknown[], j: number, timeZone: string): TimeColumn {
  const walls = rows.map((row) => {
    const v = Array.isArray(row) ? row[j] : null;
    return typeof v === 'string' ? wallTimeOfValue(v, timeZone) : null;
  });
  const present = walls.filter((w): w is WallTime => !!w);
  return {
    walls,
    seconds: present.some((w) => w.second !== 0 || w.ms !== 0),
    offsets: new Set(present.map((w) => w.offset)).size > 1,
  };
}

function cell(value: unknown, kind: ColumnKind, grain: string | null | undefined, wall: WallTime | null | undefined, tc: TimeColumn | undefined, locale: string | undefined): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'NUMBER') return formatNumber(value as number | string, locale);
  if (kind === 'BOOLEAN') return value ? 'true' : 'false';
  if (kind === 'DATETIME' && typeof value === 'string') {
    if (!wall) return value;
    const text = formatWallDateTime(wall, tc?.seconds);
    return tc?.offsets ? `${text} (${formatOffset(wall.offset)})` : text;
  }
  if (kind === 'DATE' && typeof value === 'string') return formatDateBucket(value, grain);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

interface Props {
  columns: PreviewColumn[];
  rows: unknown[];
  /** The zone the preview read time in (preview.timeZone). */
  timeZone: string;
  /** Time grain of each bucketed output column, by column name. */
  grains?: Record<string, string | null | undefined>;
  /** The report's locale for numbers (default en-US). */
  locale?: string;
  /** The definition's first sort, shown on its column's header. */
  sort?: { key: string; direction: 'ASC' | 'DESC' } | null;
  /**
   * Makes headers buttons: a click re-queries the report ordered by that column (the definition's
   * orderBy), never a sort of the rows on this one page.
   */
  onSort?(key: string, numeric: boolean): void;
}

export function PreviewTable({ columns, rows, timeZone, grains = {}, locale, sort, onSort }: Props) {
  const times = columns.map((c, j) => (c.type === 'DATETIME' ? timeColumn(rows, j, timeZone) : undefined));
  return (
    <div className="table-scroll">
      <table data-testid="preview-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.name} className={c.type === 'NUMBER' ? 'num' : undefined} scope="col"
                aria-sort={sort?.key === c.name ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : undefined}>
                {onSort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(c.name, c.type === 'NUMBER')}
                    title={`Sort the report by ${c.label}`} data-testid="sort-column">
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">{sort?.key === c.name ? (sort.direction === 'ASC' ? ' ▲' : ' ▼') : ' ↕'}</span>
                  </button>
                ) : c.label}
                <span className="col-kind">
                  {c.type === 'DATETIME' ? `date-time · ${timeZone}` : c.type === 'DATE' ? (grains[c.name] ? `date · ${timeZone} calendar` : 'date') : c.type.toLowerCase()}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const values = Array.isArray(row) ? row : [];
            return (
              <tr key={i}>
                {columns.map((c, j) => {
                  const v = values[j];
                  const raw = typeof v === 'string' && (c.type === 'DATE' || c.type === 'DATETIME') ? v : undefined;
                  return (
                    <td key={c.name} className={c.type === 'NUMBER' ? 'num' : undefined} data-value={raw} title={raw}>
                      {cell(v, c.type, grains[c.name], times[j]?.walls[i], times[j], locale)}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
