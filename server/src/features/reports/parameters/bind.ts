/**
 * Putting a run's parameter values into a validated definition (pure). Services call
 * bindParameterValues with what the caller supplied (errors at the caller's argument path, before
 * anything is enqueued); the compiler and the window resolver call applyParameterValues, which
 * turns every `param` reference into the operand it stands for, so masking checks, the SQL (where
 * the value is bound as `{p_<name>:Type}`), the window and the parameters block all see the same
 * values.
 */
import type { DefinitionError } from '../definition.js';
import { validateDefinition, type NormalizedDefinition, type NormalizedFilter, type NormalizedTimeRange } from '../validate-definition.js';
import { nextDay, resolveParameterValues, type DateRangeValue, type ParameterValue } from './resolve.js';

export type Bound =
  | { ok: true; definition: NormalizedDefinition }
  | { ok: false; errors: DefinitionError[] };

/**
 * The definition with `parameterValues` resolved from `supplied` over the defaults. A definition
 * without parameters comes back as it is (supplying values to it is an error at `path`).
 */
export function bindParameterValues(def: NormalizedDefinition, supplied: unknown, path: string, maxRangeDays: number): Bound {
  const params = def.parameters ?? [];
  if (params.length === 0 && (supplied === null || supplied === undefined)) return { ok: true, definition: def };
  const resolved = resolveParameterValues(params, supplied, path, maxRangeDays);
  if (!resolved.ok) return resolved;
  return { ok: true, definition: { ...def, parameterValues: resolved.values } };
}

/**
 * What is wrong with `values` for a stored (unvalidated) definition, at `path`; empty when they fit
 * or when the definition itself is invalid (that is reported where the definition is used).
 */
export function parameterValueProblems(definition: unknown, values: unknown, path: string, maxRangeDays: number): DefinitionError[] {
  const checked = validateDefinition(definition, { maxRowLimit: Number.MAX_SAFE_INTEGER, maxRangeDays });
  if (!checked.valid) return [];
  const bound = bindParameterValues(checked.definition, values, path, maxRangeDays);
  return bound.ok ? [] : bound.errors;
}

const isRange = (v: ParameterValue | null | undefined): v is DateRangeValue => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every `param` reference replaced by its run value: a filter gets value (single) or values
 * (multiple), keeping `param` so the compiler names its placeholder after it; a filter on an unset
 * optional parameter is left out; a DATE_RANGE time range becomes from its first day to the day
 * after its last. A reference without a value in `parameterValues` is an error: a run must never
 * widen silently because its values were not bound.
 */
export function applyParameterValues(def: NormalizedDefinition): Bound {
  const usesParams = def.filters.some((f) => f.param) || !!def.timeRange?.param;
  if (!usesParams) return { ok: true, definition: def };
  const values = def.parameterValues ?? {};
  const errors: DefinitionError[] = [];
  const valueOf = (name: string, path: string): ParameterValue | null | undefined => {
    if (!(name in values)) {
      errors.push({ path, message: `parameter '${name}' has no value for this run` });
      return undefined;
    }
    return values[name];
  };
  const filters: NormalizedFilter[] = [];
  def.filters.forEach((f, i) => {
    if (!f.param) return void filters.push(f);
    const v = valueOf(f.param, `filters.${i}.param`);
    if (v === undefined || v === null) return; // unset optional: no filter
    if (isRange(v)) return void errors.push({ path: `filters.${i}.param`, message: `parameter '${f.param}' is a date range` });
    filters.push(Array.isArray(v) ? { ...f, value: null, values: v } : { ...f, value: v, values: null });
  });
  let timeRange: NormalizedTimeRange | null = def.timeRange;
  if (timeRange?.param) {
    const v = valueOf(timeRange.param, 'timeRange.param');
    if (v !== undefined) {
      if (!isRange(v)) errors.push({ path: 'timeRange.param', message: `parameter '${timeRange.param}' has no date range for this run` });
      else timeRange = { ...timeRange, from: v.from, to: nextDay(v.to) };
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, definition: { ...def, filters, timeRange } };
}

/** `Platform = iOS, Android` lines for a run's parameters block (PDF, XLSX About, email). */
export function describeParameterValues(def: NormalizedDefinition): { label: string; value: string }[] {
  const values = def.parameterValues;
  if (!def.parameters?.length || !values) return [];
  return def.parameters.map((p) => {
    const v = values[p.name];
    const text = v === null || v === undefined ? '(any)'
      : isRange(v) ? `${v.from} to ${v.to} (both days included)`
      : Array.isArray(v) ? v.join(', ') : String(v);
    return { label: `Parameter: ${p.label}`, value: text };
  });
}
