/**
 * The builder's editable draft of a report definition and its conversion to and from the
 * GraphQL ReportDefinitionInput. Draft rows keep their positions so validation paths like
 * `filters.1.value` point at the row the user sees.
 */
import type {
  ColumnKind, FilterOp, MeasureFn, ReportDefinitionInput, SortDirection, TimeGrain, TimeUnit, BuilderReportQuery,
} from '../../generated/graphql';

export interface ColumnInfo { name: string; label: string; kind: ColumnKind; dimension: boolean; measure: boolean; filter: boolean; time: boolean }
export interface TableInfo { name: string; label: string; description: string; defaultTimeColumn: string; columns: ColumnInfo[] }

export interface DraftDimension { field: string; grain: TimeGrain | ''; alias: string }
export interface DraftMeasure { fn: MeasureFn; field: string; alias: string }
export interface DraftFilter { field: string; op: FilterOp; value: string; values: string[] }
export interface DraftOrder { key: string; direction: SortDirection }
export type RelativePreset = '24h' | '7d' | '30d' | '90d';
export interface Draft {
  source: string;
  dimensions: DraftDimension[];
  measures: DraftMeasure[];
  filters: DraftFilter[];
  timeMode: 'all' | 'relative' | 'absolute';
  relative: RelativePreset;
  from: string;
  to: string;
  orderBy: DraftOrder[];
  rowLimit: string;
}

export const RELATIVE_PRESETS: { id: RelativePreset; label: string; n: number; unit: TimeUnit }[] = [
  { id: '24h', label: 'Last 24 hours', n: 24, unit: 'HOUR' },
  { id: '7d', label: 'Last 7 days', n: 7, unit: 'DAY' },
  { id: '30d', label: 'Last 30 days', n: 30, unit: 'DAY' },
  { id: '90d', label: 'Last 90 days', n: 90, unit: 'DAY' },
];

export const GRAINS: TimeGrain[] = ['HOUR', 'DAY', 'WEEK', 'MONTH'];
export const MEASURE_FNS: MeasureFn[] = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX', 'UNIQ'];
export const OP_LABELS: Record<FilterOp, string> = {
  EQ: 'equals', NEQ: 'does not equal', GT: 'greater than', GTE: 'at least', LT: 'less than', LTE: 'at most',
  BETWEEN: 'between', IN: 'is one of', NOT_IN: 'is not one of', CONTAINS: 'contains', IS_NULL: 'is empty', IS_NOT_NULL: 'is not empty',
};

/** Operators that make sense for a column kind (the server refuses ordering on BOOLEAN and CONTAINS off STRING). */
export function opsFor(kind: ColumnKind | undefined, nullable = true): FilterOp[] {
  const base: FilterOp[] = ['EQ', 'NEQ', 'IN', 'NOT_IN'];
  const ordered: FilterOp[] = ['GT', 'GTE', 'LT', 'LTE', 'BETWEEN'];
  const nulls: FilterOp[] = nullable ? ['IS_NULL', 'IS_NOT_NULL'] : [];
  switch (kind) {
    case 'BOOLEAN': return ['EQ', 'NEQ', ...nulls];
    case 'STRING': return [...base, 'CONTAINS', ...ordered, ...nulls];
    default: return [...base, ...ordered, ...nulls];
  }
}

export function emptyDraft(source = ''): Draft {
  return { source, dimensions: [], measures: [], filters: [], timeMode: 'relative', relative: '30d', from: '', to: '', orderBy: [], rowLimit: '1000' };
}

export function dimensionKey(d: DraftDimension): string {
  if (d.alias.trim()) return d.alias.trim();
  return d.grain ? `${d.field}_${d.grain.toLowerCase()}` : d.field;
}
export function measureKey(m: DraftMeasure): string {
  if (m.alias.trim()) return m.alias.trim();
  return m.field ? `${m.fn.toLowerCase()}_${m.field}` : 'count';
}
export function outputKeys(d: Draft): string[] {
  return [...d.dimensions.filter((x) => x.field).map(dimensionKey), ...d.measures.map(measureKey)];
}

/** datetime-local "2026-03-09T14:05" (local wall time) → ISO instant; date stays "2026-03-09". */
function toIso(value: string, kind: ColumnKind | undefined): string {
  if (kind === 'DATETIME' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    const t = new Date(value);
    return Number.isNaN(t.getTime()) ? value : t.toISOString();
  }
  return value;
}
/** ISO instant → datetime-local value in the browser's zone. */
export function isoToLocalInput(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

function typed(value: string, kind: ColumnKind | undefined): string | number | boolean | null {
  const v = value.trim();
  if (v === '') return null;
  if (kind === 'NUMBER') { const n = Number(v); return Number.isFinite(n) ? n : v; }
  if (kind === 'BOOLEAN') return v === 'true' ? true : v === 'false' ? false : v;
  if (kind === 'DATE' || kind === 'DATETIME') return toIso(v, kind);
  return value;
}

export function toDefinition(d: Draft, table: TableInfo | undefined): ReportDefinitionInput {
  const kindOf = (f: string) => table?.columns.find((c) => c.name === f)?.kind;
  const def: ReportDefinitionInput = { source: d.source };
  if (d.dimensions.length) def.dimensions = d.dimensions.map((x) => ({ field: x.field, grain: x.grain || null, alias: x.alias.trim() || null }));
  if (d.measures.length) def.measures = d.measures.map((m) => ({ fn: m.fn, field: m.field || null, alias: m.alias.trim() || null }));
  if (d.filters.length) {
    def.filters = d.filters.map((f) => {
      const kind = kindOf(f.field);
      if (f.op === 'IS_NULL' || f.op === 'IS_NOT_NULL') return { field: f.field, op: f.op };
      if (f.op === 'IN' || f.op === 'NOT_IN' || f.op === 'BETWEEN') {
        const vals = f.values.map((v) => typed(v, kind)).filter((v): v is string | number | boolean => v !== null);
        return { field: f.field, op: f.op, values: f.op === 'BETWEEN' ? f.values.map((v) => typed(v, kind) ?? '') : vals };
      }
      return { field: f.field, op: f.op, value: typed(f.value, kind) };
    });
  }
  if (d.orderBy.length) def.orderBy = d.orderBy.map((o) => ({ key: o.key, direction: o.direction }));
  if (d.timeMode === 'relative') {
    const p = RELATIVE_PRESETS.find((x) => x.id === d.relative) ?? RELATIVE_PRESETS[2]!;
    def.timeRange = { last: { n: p.n, unit: p.unit } };
  } else if (d.timeMode === 'absolute') {
    def.timeRange = { from: d.from ? toIso(d.from, 'DATETIME') : null, to: d.to ? toIso(d.to, 'DATETIME') : null };
  }
  const limit = d.rowLimit.trim();
  if (limit !== '') def.rowLimit = Number.isInteger(Number(limit)) ? Number(limit) : (limit as unknown as number);
  return def;
}

type SavedDefinition = BuilderReportQuery['report']['definition'];

export function fromDefinition(def: SavedDefinition): Draft {
  const d = emptyDraft(def.source);
  d.dimensions = (def.dimensions ?? []).map((x) => ({ field: x.field, grain: x.grain ?? '', alias: x.alias ?? '' }));
  d.measures = (def.measures ?? []).map((m) => ({ fn: m.fn, field: m.field ?? '', alias: m.alias ?? '' }));
  d.filters = (def.filters ?? []).map((f) => ({
    field: f.field,
    op: f.op,
    value: f.value === null || f.value === undefined ? '' : String(f.value),
    values: (f.values ?? []).map((v) => String(v)),
  }));
  d.orderBy = (def.orderBy ?? []).map((o) => ({ key: o.key, direction: o.direction ?? 'ASC' }));
  d.rowLimit = def.rowLimit ? String(def.rowLimit) : '';
  const tr = def.timeRange;
  if (!tr) d.timeMode = 'all';
  else if (tr.last) {
    const match = RELATIVE_PRESETS.find((p) => p.n === tr.last!.n && p.unit === tr.last!.unit);
    d.timeMode = 'relative';
    d.relative = match?.id ?? '30d';
  } else {
    d.timeMode = 'absolute';
    d.from = tr.from ? isoToLocalInput(tr.from) : '';
    d.to = tr.to ? isoToLocalInput(tr.to) : '';
  }
  // Date-time filter operands show in the browser's zone.
  return d;
}

/** `filters.1.values.0` → "Filter 2 value 1"; `rowLimit` → "Row limit". */
export function pathLabel(path: string): string {
  if (!path) return 'Report';
  const parts = path.split('.');
  const names: Record<string, string> = { dimensions: 'Dimension', measures: 'Measure', filters: 'Filter', orderBy: 'Sort' };
  const fields: Record<string, string> = { field: 'column', fn: 'function', op: 'operator', grain: 'time grain', alias: 'alias', key: 'column', direction: 'direction', value: 'value', values: 'value' };
  const top: Record<string, string> = { rowLimit: 'Row limit', source: 'Table', timeRange: 'Time range', from: 'from', to: 'to', last: 'relative range' };
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (names[p] && /^\d+$/.test(parts[i + 1] ?? '')) { out.push(`${names[p]} ${Number(parts[++i]) + 1}`); continue; }
    if (/^\d+$/.test(p)) { out.push(String(Number(p) + 1)); continue; }
    out.push(i === 0 ? top[p] ?? p : fields[p] ?? top[p] ?? p);
  }
  return out.join(' ');
}
