/**
 * Values for a report's parameters (issue 19): one input per parameter, by type. Only what the
 * person fills in is sent; the rest takes the parameter's default on the server, which checks
 * every value and answers with its path (`input.parameterValues.platform`), shown at that input.
 */
import { useQuery } from '@apollo/client/react';
import type { ParameterType } from '../../generated/graphql';
import { COLUMN_VALUES } from '../reports/ValuePicker';

export interface ParameterInfo {
  name: string;
  label?: string | null;
  type: ParameterType;
  multiple?: boolean | null;
  required?: boolean | null;
  default?: unknown;
  options?: string[] | null;
  optionsColumn?: string | null;
}

export type ParameterValues = Record<string, unknown>;

interface Props {
  parameters: ParameterInfo[];
  values: ParameterValues;
  onChange(next: ParameterValues): void;
  /** Problems by parameter name (from the server's field paths). */
  errors?: Record<string, string>;
  /** Prefix for element ids, so two forms on a page do not clash. */
  idPrefix: string;
  /** The report's table: an ENUM over a column then offers that column's values (columnValues). */
  source?: string;
}

/**
 * An ENUM whose values come from a catalog column: the column's most frequent values in the
 * tenant as checkboxes (several) or a select (one); a value chosen earlier stays offered.
 */
function ColumnChoice({ id, source, column, multiple, value, onChange }: { id: string; source: string; column: string; multiple: boolean; value: unknown; onChange(v: unknown): void }) {
  const q = useQuery(COLUMN_VALUES, { variables: { source, field: column, search: null, first: 50 }, fetchPolicy: 'cache-first' });
  const chosen = Array.isArray(value) ? (value as string[]) : typeof value === 'string' && value ? [value] : [];
  const offered = [...new Set([...(q.data?.columnValues ?? []).map((v) => v.value), ...chosen])];
  if (multiple) {
    return (
      <span className="checks" id={id}>
        {offered.length === 0 && <span className="muted small">{q.loading ? 'Loading values…' : 'No values yet'}</span>}
        {offered.map((o) => (
          <label key={o}><input type="checkbox" checked={chosen.includes(o)} onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o))} /> {o}</label>
        ))}
      </span>
    );
  }
  return (
    <select id={id} value={chosen[0] ?? ''} onChange={(e) => onChange(e.target.value)}>
      <option value="">Any</option>
      {offered.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
}

/** The values worth sending: empty inputs left out, so defaults apply. */
export function filledValues(values: ParameterValues): ParameterValues | null {
  const out: ParameterValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === '' || v === null || v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && !(v as { from?: string }).from && !(v as { to?: string }).to) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? out : null;
}

/** Problems by parameter name from a GraphQL error's `extensions.errors` under `prefix` (`input.parameterValues`). */
export function parameterErrors(error: unknown, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const list = (error as { graphQLErrors?: { extensions?: { errors?: { path: string; message: string }[] } }[]; errors?: { extensions?: { errors?: { path: string; message: string }[] } }[] } | null);
  const all = [...(list?.graphQLErrors ?? []), ...(list?.errors ?? [])].flatMap((e) => e.extensions?.errors ?? []);
  for (const e of all) {
    if (!e.path.startsWith(`${prefix}.`)) continue;
    const name = e.path.slice(prefix.length + 1).split('.')[0]!;
    out[name] ??= e.message;
  }
  return out;
}

function describeDefault(p: ParameterInfo): string {
  const d = p.default;
  if (d === null || d === undefined) return p.required ? 'required' : 'optional: empty means any';
  if (Array.isArray(d)) return `default ${d.join(', ')}`;
  if (typeof d === 'object') return `default ${(d as { from: string }).from} to ${(d as { to: string }).to}`;
  return `default ${String(d)}`;
}

export function ParameterValuesForm({ parameters, values, onChange, errors = {}, idPrefix, source }: Props) {
  if (parameters.length === 0) return null;
  const set = (name: string, v: unknown) => onChange({ ...values, [name]: v });
  return (
    <fieldset className="parameter-values" data-testid={`${idPrefix}-parameters`}>
      <legend>Parameters</legend>
      {parameters.map((p) => {
        const id = `${idPrefix}-param-${p.name}`;
        const label = p.label || p.name;
        const v = values[p.name];
        const error = errors[p.name];
        let input;
        if (p.type === 'DATE_RANGE') {
          const range = (v as { from?: string; to?: string } | undefined) ?? {};
          input = (
            <span className="range-inputs">
              <input id={id} type="date" aria-label={`${label} from`} value={range.from ?? ''} onChange={(e) => set(p.name, { ...range, from: e.target.value })} />
              {' to '}
              <input type="date" aria-label={`${label} to`} value={range.to ?? ''} onChange={(e) => set(p.name, { ...range, to: e.target.value })} />
            </span>
          );
        } else if (p.type === 'ENUM' && p.options?.length) {
          input = p.multiple ? (
            <span className="checks" id={id}>
              {p.options.map((o) => {
                const list = Array.isArray(v) ? (v as string[]) : [];
                return (
                  <label key={o}><input type="checkbox" checked={list.includes(o)} onChange={(e) => set(p.name, e.target.checked ? [...list, o] : list.filter((x) => x !== o))} /> {o}</label>
                );
              })}
            </span>
          ) : (
            <select id={id} value={typeof v === 'string' ? v : ''} onChange={(e) => set(p.name, e.target.value)}>
              <option value="">{p.default ? 'Default' : 'Any'}</option>
              {p.options.map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          );
        } else if (p.type === 'ENUM' && p.optionsColumn && source) {
          input = <ColumnChoice id={id} source={source} column={p.optionsColumn} multiple={!!p.multiple} value={v} onChange={(next) => set(p.name, next)} />;
        } else if (p.multiple) {
          // Comma-separated: `ios, android` (numbers as numbers).
          const text = Array.isArray(v) ? (v as unknown[]).join(', ') : typeof v === 'string' ? v : '';
          input = <input id={id} type="text" placeholder="Comma-separated values" value={text}
            onChange={(e) => {
              const parts = e.target.value.split(',').map((s) => s.trim()).filter(Boolean);
              set(p.name, p.type === 'NUMBER' ? parts.map(Number) : parts);
            }} />;
        } else {
          input = <input id={id} type={p.type === 'NUMBER' ? 'number' : p.type === 'DATE' ? 'date' : 'text'} step={p.type === 'NUMBER' ? 'any' : undefined}
            value={v === undefined || v === null ? '' : String(v)}
            onChange={(e) => set(p.name, p.type === 'NUMBER' ? (e.target.value === '' ? '' : Number(e.target.value)) : e.target.value)} />;
        }
        return (
          <div className="field" key={p.name}>
            <label htmlFor={id}>{label} <span className="muted small">({p.type.toLowerCase().replace('_', ' ')}{p.multiple ? ', several' : ''}; {describeDefault(p)})</span></label>
            {input}
            {error && <p className="field-error" role="alert">{error}</p>}
          </div>
        );
      })}
    </fieldset>
  );
}
