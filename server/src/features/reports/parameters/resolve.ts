/**
 * Report parameters: typed placeholders a definition declares and its filters and time range refer
 * to (`{ field: 'platform', op: 'IN', param: 'platform' }`, `timeRange: { param: 'period' }`),
 * given values when a report is previewed, exported or run by a schedule. Pure: no I/O, never throws.
 *
 * Choices this module makes:
 * - Values are data, never SQL: the compiler binds a filter's value as `{p_<name>:Type}`
 *   (compile-query.ts); a DATE_RANGE becomes the fixed window's bound `{from}`/`{to}` parameters.
 * - A DATE_RANGE value is `{ from: 'YYYY-MM-DD', to: 'YYYY-MM-DD' }` with both days included (what
 *   a person means by "1 to 7 December"); the time range it drives ends at the start of the day
 *   after `to`, in the run's effective zone.
 * - An optional parameter without a value and without a default is "unset": the filters that refer
 *   to it are left out (a platform picker left empty means every platform). A time range needs a
 *   value, so the DATE_RANGE parameter a time range refers to must be required or have a default.
 * - `multiple` parameters take a non-empty list and go with IN / NOT_IN; single ones with EQ, NEQ,
 *   GT, GTE, LT, LTE (and CONTAINS for text). TEXT and ENUM compare with STRING columns, NUMBER
 *   with NUMBER columns, DATE with DATE and DATETIME columns (a date is its midnight in the zone).
 * - An ENUM takes its allowed values from `options` or, with `optionsColumn`, offers the values of
 *   a catalog column (catalog/column-values.ts); those are checked as text only, since knowing the
 *   column's values needs the engine: any text is bound as data either way.
 * - Resolved values are a complete record (every declared name; null when unset), stored in the
 *   definition snapshot of each run as `parameterValues`, so a run can be repeated exactly.
 */
import { findColumn, type CatalogColumn, type CatalogTable } from '../../catalog/catalog.js';
import type { DefinitionError, FilterOp } from '../definition.js';

export const PARAMETER_TYPES = ['TEXT', 'NUMBER', 'DATE', 'DATE_RANGE', 'ENUM'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export const PARAMETER_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
export const PARAMETER_CAPS = { parameters: 20, values: 1000, options: 1000, text: 1000, label: 200 } as const;

export interface DateRangeValue { from: string; to: string }
export type ScalarParameterValue = string | number;
export type ParameterValue = ScalarParameterValue | ScalarParameterValue[] | DateRangeValue;

/** A parameter as a definition declares it (untrusted). */
export interface ParameterSpec {
  name: string;
  label?: string | null;
  type: ParameterType;
  multiple?: boolean | null;
  required?: boolean | null;
  default?: unknown;
  options?: string[] | null;
  optionsColumn?: string | null;
}

export interface NormalizedParameter {
  name: string;
  label: string;
  type: ParameterType;
  multiple: boolean;
  required: boolean;
  default: ParameterValue | null;
  options: string[] | null;
  optionsColumn: string | null;
}

/** Every declared name → its value for a run; null: unset (its filters are left out). */
export type ResolvedParameterValues = Record<string, ParameterValue | null>;

export type Resolution =
  | { ok: true; values: ResolvedParameterValues }
  | { ok: false; errors: DefinitionError[] };

const DAY_MS = 86_400_000;
const MIN_DAY = '1970-01-01';
const MAX_DAY = '2149-06-06';
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown): v is null | undefined => v === null || v === undefined;

/** `2026-12-01` → its UTC midnight in ms, or null when it is not a real calendar day in range. */
export function dayMs(text: string): number | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== text) return null; // 2026-02-30
  return text < MIN_DAY || text > MAX_DAY ? null : ms;
}

/** The day after a `YYYY-MM-DD` day: the exclusive end of a DATE_RANGE. */
export function nextDay(text: string): string {
  return new Date(dayMs(text)! + DAY_MS).toISOString().slice(0, 10);
}

/** A humanized name: `platform_name` → `Platform name`. */
function labelOf(name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

type Errors = DefinitionError[];

function scalar(p: NormalizedParameter, v: unknown, path: string, errors: Errors): ScalarParameterValue | undefined {
  const fail = (message: string) => void errors.push({ path, message });
  switch (p.type) {
    case 'TEXT':
    case 'ENUM': {
      if (typeof v !== 'string') return fail('must be a string');
      if (v.length > PARAMETER_CAPS.text) return fail(`at most ${PARAMETER_CAPS.text} characters`);
      if (p.type === 'ENUM' && p.options && !p.options.includes(v)) return fail(`must be one of ${p.options.join(', ')}`);
      return v;
    }
    case 'NUMBER': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v.trim()) ? Number(v) : NaN;
      if (!Number.isFinite(n)) return fail('must be a finite number');
      if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return fail('must lie within ±9007199254740991');
      return n;
    }
    case 'DATE':
      if (typeof v !== 'string' || dayMs(v) === null) return fail(`must be a calendar date YYYY-MM-DD between ${MIN_DAY} and ${MAX_DAY}`);
      return v;
    case 'DATE_RANGE':
      return fail('must be a date range');
  }
}

/**
 * One value for `p`, checked and in its canonical form (numbers as numbers), or undefined with the
 * problems pushed onto `errors` at `path`. `maxRangeDays` bounds a DATE_RANGE.
 */
export function checkParameterValue(p: NormalizedParameter, v: unknown, path: string, maxRangeDays: number, errors: Errors): ParameterValue | undefined {
  if (p.type === 'DATE_RANGE') {
    if (!isObj(v)) return void errors.push({ path, message: 'must be an object { from, to } of calendar dates' });
    const before = errors.length;
    for (const k of Object.keys(v)) if (k !== 'from' && k !== 'to') errors.push({ path: join(path, k), message: 'unknown property' });
    const day = (k: 'from' | 'to') => {
      const text = v[k];
      if (typeof text === 'string' && dayMs(text) !== null) return text;
      errors.push({ path: join(path, k), message: `must be a calendar date YYYY-MM-DD between ${MIN_DAY} and ${MAX_DAY}` });
      return undefined;
    };
    const from = day('from');
    const to = day('to');
    if (from === undefined || to === undefined || errors.length > before) return undefined;
    if (from > to) return void errors.push({ path: join(path, 'to'), message: 'must not be before from (both days are included)' });
    const days = (dayMs(to)! - dayMs(from)!) / DAY_MS + 1;
    if (days > maxRangeDays) return void errors.push({ path: join(path, 'to'), message: `the range covers ${days} days, more than ${maxRangeDays}` });
    return { from, to };
  }
  if (p.multiple) {
    if (!Array.isArray(v)) return void errors.push({ path, message: 'must be a list' });
    if (v.length === 0) return void errors.push({ path, message: 'must hold at least one value' });
    if (v.length > PARAMETER_CAPS.values) return void errors.push({ path, message: `at most ${PARAMETER_CAPS.values} values` });
    const checked = v.map((x, i) => scalar(p, x, join(path, i), errors));
    return checked.some((x) => x === undefined) ? undefined : (checked as ScalarParameterValue[]);
  }
  return scalar(p, v, path, errors);
}

/**
 * The values of a run: `supplied` (an object by parameter name, from the API) over each
 * parameter's default. Errors carry paths under `path` (`input.parameterValues.platform`).
 */
export function resolveParameterValues(params: readonly NormalizedParameter[], supplied: unknown, path: string, maxRangeDays: number): Resolution {
  const errors: Errors = [];
  if (!absent(supplied) && !isObj(supplied)) return { ok: false, errors: [{ path, message: 'must be an object of values by parameter name' }] };
  const given = (supplied ?? {}) as Record<string, unknown>;
  const names = new Set(params.map((p) => p.name));
  for (const k of Object.keys(given)) if (!names.has(k)) errors.push({ path: join(path, k), message: `unknown parameter${params.length ? `; this report has ${params.map((p) => p.name).join(', ')}` : '; this report has none'}` });
  const values: ResolvedParameterValues = {};
  for (const p of params) {
    const raw = given[p.name];
    if (absent(raw)) {
      if (p.default !== null) values[p.name] = p.default;
      else if (p.required) errors.push({ path: join(path, p.name), message: `${p.label} is required` });
      else values[p.name] = null;
      continue;
    }
    const v = checkParameterValue(p, raw, join(path, p.name), maxRangeDays, errors);
    if (v !== undefined) values[p.name] = v;
  }
  return errors.length ? { ok: false, errors } : { ok: true, values };
}

/** Which column kinds a parameter type compares with. */
const KINDS: Record<ParameterType, readonly CatalogColumn['kind'][]> = {
  TEXT: ['STRING'], ENUM: ['STRING'], NUMBER: ['NUMBER'], DATE: ['DATE', 'DATETIME'], DATE_RANGE: [],
};
const SINGLE_OPS: readonly FilterOp[] = ['EQ', 'NEQ', 'GT', 'GTE', 'LT', 'LTE', 'CONTAINS'];
const MULTIPLE_OPS: readonly FilterOp[] = ['IN', 'NOT_IN'];

/** Problems with a filter (at `path`) that compares `col` by `op` with parameter `p`; empty: fine. */
export function filterParameterProblems(p: NormalizedParameter, col: CatalogColumn, op: FilterOp, path: string): Errors {
  if (p.type === 'DATE_RANGE') return [{ path: `${path}.param`, message: `'${p.name}' is a DATE_RANGE: it can drive the time range, not a filter` }];
  if (!KINDS[p.type].includes(col.kind)) return [{ path: `${path}.param`, message: `a ${p.type} parameter cannot be compared with the ${col.kind} column '${col.name}'` }];
  const ops = p.multiple ? MULTIPLE_OPS : SINGLE_OPS;
  if (!ops.includes(op)) return [{ path: `${path}.op`, message: `a ${p.multiple ? 'multiple' : 'single'}-value parameter goes with ${ops.join(', ')}` }];
  if (op === 'CONTAINS' && p.type !== 'TEXT' && p.type !== 'ENUM') return [{ path: `${path}.op`, message: 'CONTAINS needs a TEXT parameter' }];
  return [];
}

/** Validates the declared parameters of a definition over `table` (at `parameters.i...`). */
export function normalizeParameterSpecs(specs: unknown, table: CatalogTable | undefined, maxRangeDays: number, errors: Errors): NormalizedParameter[] {
  if (absent(specs)) return [];
  if (!Array.isArray(specs)) {
    errors.push({ path: 'parameters', message: 'must be a list' });
    return [];
  }
  if (specs.length > PARAMETER_CAPS.parameters) {
    errors.push({ path: 'parameters', message: `at most ${PARAMETER_CAPS.parameters} parameters` });
    return [];
  }
  const out: NormalizedParameter[] = [];
  const seen = new Set<string>();
  specs.forEach((s, i) => {
    const p = `parameters.${i}`;
    if (!isObj(s)) return void errors.push({ path: p, message: 'must be an object' });
    const before = errors.length;
    const allowed = ['name', 'label', 'type', 'multiple', 'required', 'default', 'options', 'optionsColumn'];
    for (const k of Object.keys(s)) if (!allowed.includes(k)) errors.push({ path: `${p}.${k}`, message: 'unknown property' });
    const name = typeof s.name === 'string' && PARAMETER_NAME_PATTERN.test(s.name) ? s.name : undefined;
    if (!name) errors.push({ path: `${p}.name`, message: 'must be 1-40 lower-case letters, digits or underscores, starting with a letter' });
    else if (seen.has(name)) errors.push({ path: `${p}.name`, message: `'${name}' is declared twice` });
    else seen.add(name);
    const type = PARAMETER_TYPES.includes(s.type as ParameterType) ? (s.type as ParameterType) : undefined;
    if (!type) errors.push({ path: `${p}.type`, message: `must be one of ${PARAMETER_TYPES.join(', ')}` });
    let label = name ? labelOf(name) : '';
    if (!absent(s.label)) {
      if (typeof s.label === 'string' && s.label.trim() !== '' && s.label.length <= PARAMETER_CAPS.label) label = s.label.trim();
      else errors.push({ path: `${p}.label`, message: `must be 1 to ${PARAMETER_CAPS.label} characters` });
    }
    const flag = (k: 'multiple' | 'required') => {
      if (absent(s[k])) return false;
      if (typeof s[k] === 'boolean') return s[k] as boolean;
      errors.push({ path: `${p}.${k}`, message: 'must be true or false' });
      return false;
    };
    const multiple = flag('multiple');
    const required = flag('required');
    if (multiple && type === 'DATE_RANGE') errors.push({ path: `${p}.multiple`, message: 'a DATE_RANGE is one range' });
    let options: string[] | null = null;
    let optionsColumn: string | null = null;
    if (type === 'ENUM') {
      const hasOptions = !absent(s.options);
      const hasColumn = !absent(s.optionsColumn);
      if (hasOptions === hasColumn) errors.push({ path: `${p}.options`, message: 'an ENUM takes either options (its allowed values) or optionsColumn (a column whose values it offers)' });
      else if (hasOptions) {
        const list = s.options;
        if (!Array.isArray(list) || list.length === 0 || list.length > PARAMETER_CAPS.options) errors.push({ path: `${p}.options`, message: `must be a list of 1 to ${PARAMETER_CAPS.options} strings` });
        else {
          list.forEach((o, j) => {
            if (typeof o !== 'string' || o.length > PARAMETER_CAPS.text) errors.push({ path: `${p}.options.${j}`, message: `must be a string of at most ${PARAMETER_CAPS.text} characters` });
            else if (list.indexOf(o) !== j) errors.push({ path: `${p}.options.${j}`, message: `'${o}' is listed twice` });
          });
          options = list as string[];
        }
      } else {
        const col = typeof s.optionsColumn === 'string' && table ? findColumn(table, s.optionsColumn) : undefined;
        if (!col) errors.push({ path: `${p}.optionsColumn`, message: table ? `must be a column of ${table.name}` : 'must be a column name' });
        else if (col.kind !== 'STRING' || col.freeText || !col.filter) errors.push({ path: `${p}.optionsColumn`, message: `'${col.name}' has no list of values to pick from` });
        else optionsColumn = col.name;
      }
    } else {
      if (!absent(s.options)) errors.push({ path: `${p}.options`, message: 'only an ENUM has options' });
      if (!absent(s.optionsColumn)) errors.push({ path: `${p}.optionsColumn`, message: 'only an ENUM has optionsColumn' });
    }
    if (errors.length > before || !name || !type) return;
    const param: NormalizedParameter = { name, label, type, multiple, required, default: null, options, optionsColumn };
    if (!absent(s.default)) {
      const v = checkParameterValue(param, s.default, `${p}.default`, maxRangeDays, errors);
      if (v === undefined) return;
      param.default = v;
    }
    out.push(param);
  });
  return out;
}
