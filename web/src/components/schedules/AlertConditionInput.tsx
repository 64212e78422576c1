/**
 * The schedule editor's alert condition (issue 20): send a run only when a condition on its results
 * holds — no rows, some rows, a measure of the first row or of any row above / below a threshold, a
 * change by more than N % against the previous run — optionally only the first time until it
 * clears. Numbers are typed inputs; the server checks the column against the report's output
 * columns and answers at `alertCondition.<field>`.
 */
import { useId } from 'react';
import './alert-condition.css';

export type AlertKind = 'NO_ROWS' | 'SOME_ROWS' | 'FIRST_ROW' | 'ANY_ROW' | 'CHANGE';
export type AlertComparison = 'ABOVE' | 'BELOW';

export interface AlertValue {
  enabled: boolean;
  kind: AlertKind;
  column: string;
  /** '' = either direction (CHANGE only). */
  comparison: AlertComparison | '';
  threshold: string;
  changePercent: string;
  notifyOnce: boolean;
}

export const NO_ALERT: AlertValue = { enabled: false, kind: 'SOME_ROWS', column: '', comparison: 'ABOVE', threshold: '', changePercent: '', notifyOnce: false };

const KINDS: [AlertKind, string][] = [
  ['SOME_ROWS', 'The result has rows'],
  ['NO_ROWS', 'The result has no rows'],
  ['FIRST_ROW', 'A measure of the first row is…'],
  ['ANY_ROW', 'A measure of any row is…'],
  ['CHANGE', 'A measure changed since the previous run by more than…'],
];

const needsColumn = (k: AlertKind) => k === 'FIRST_ROW' || k === 'ANY_ROW' || k === 'CHANGE';

export interface StoredAlert {
  kind: AlertKind;
  column?: string | null;
  comparison?: AlertComparison | null;
  threshold?: number | null;
  changePercent?: number | null;
  notifyOnce?: boolean | null;
}

export function alertFromStored(a: StoredAlert | null | undefined): AlertValue {
  if (!a) return NO_ALERT;
  return {
    enabled: true, kind: a.kind, column: a.column ?? '', comparison: a.comparison ?? (a.kind === 'CHANGE' ? '' : 'ABOVE'),
    threshold: a.threshold != null ? String(a.threshold) : '', changePercent: a.changePercent != null ? String(a.changePercent) : '', notifyOnce: a.notifyOnce ?? false,
  };
}

const num = (s: string): number | null => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));

/** What the API takes: null removes the condition. */
export function alertInput(v: AlertValue): StoredAlert | null {
  if (!v.enabled) return null;
  const base = { kind: v.kind, notifyOnce: v.notifyOnce };
  if (v.kind === 'FIRST_ROW' || v.kind === 'ANY_ROW') return { ...base, column: v.column.trim() || null, comparison: v.comparison || 'ABOVE', threshold: num(v.threshold) };
  if (v.kind === 'CHANGE') return { ...base, column: v.column.trim() || null, comparison: v.comparison || null, changePercent: num(v.changePercent) };
  return base;
}

/** Form checks before the server's: the numbers the kind needs. Keys are API paths. */
export function alertProblems(v: AlertValue): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.enabled) return e;
  if (needsColumn(v.kind) && !v.column.trim()) e['alertCondition.column'] = 'Name the numeric column to measure.';
  if ((v.kind === 'FIRST_ROW' || v.kind === 'ANY_ROW') && num(v.threshold) === null) e['alertCondition.threshold'] = 'Give the threshold as a number.';
  if (v.kind === 'CHANGE' && (num(v.changePercent) === null || num(v.changePercent)! < 0)) e['alertCondition.changePercent'] = 'Give the percentage as a number of 0 or more.';
  return e;
}

export function AlertConditionInput({ value, onChange, measures, disabled, error }: {
  value: AlertValue;
  onChange: (v: AlertValue) => void;
  /** The report's measure names, offered for the column. */
  measures: string[];
  disabled?: boolean;
  error: (path: string) => string | undefined;
}) {
  const id = useId();
  const set = <K extends keyof AlertValue>(k: K, v: AlertValue[K]) => onChange({ ...value, [k]: v });
  const field = (path: string) => error(`alertCondition.${path}`);
  // A problem with the condition as a whole (e.g. no report to read); field problems show at their fields.
  const general = ['kind', 'column', 'comparison', 'threshold', 'changePercent'].some((f) => field(f)) ? undefined : error('alertCondition');
  return (
    <div className="alert-condition" data-testid="alert-condition">
      <label className="inline"><input type="checkbox" checked={value.enabled} disabled={disabled} onChange={(e) => set('enabled', e.target.checked)} /> Send only when a condition holds (alert)</label>
      {value.enabled && (
        <div className="alert-fields">
          <div className="field">
            <label htmlFor={`${id}-kind`}>Condition</label>
            <select id={`${id}-kind`} value={value.kind} disabled={disabled} aria-invalid={!!field('kind')}
              onChange={(e) => { const kind = e.target.value as AlertKind; onChange({ ...value, kind, comparison: kind === 'CHANGE' ? '' : value.comparison || 'ABOVE' }); }}>
              {KINDS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}
            </select>
            {field('kind') && <span className="field-error" role="alert">{field('kind')}</span>}
          </div>
          {needsColumn(value.kind) && (
            <div className="alert-row">
              <div className="field">
                <label htmlFor={`${id}-column`}>Measure (column)</label>
                <input id={`${id}-column`} list={`${id}-measures`} className="mono" value={value.column} disabled={disabled} spellCheck={false}
                  aria-invalid={!!field('column')} onChange={(e) => set('column', e.target.value)} placeholder={measures[0] ?? 'events'} />
                <datalist id={`${id}-measures`}>{measures.map((m) => <option key={m} value={m} />)}</datalist>
                {field('column') && <span className="field-error" role="alert">{field('column')}</span>}
              </div>
              <div className="field">
                <label htmlFor={`${id}-cmp`}>{value.kind === 'CHANGE' ? 'Direction' : 'Comparison'}</label>
                <select id={`${id}-cmp`} value={value.comparison} disabled={disabled} onChange={(e) => set('comparison', e.target.value as AlertComparison | '')}>
                  {value.kind === 'CHANGE' && <option value="">Up or down</option>}
                  <option value="ABOVE">{value.kind === 'CHANGE' ? 'Up (a rise)' : 'Above'}</option>
                  <option value="BELOW">{value.kind === 'CHANGE' ? 'Down (a fall)' : 'Below'}</option>
                </select>
              </div>
              {value.kind === 'CHANGE' ? (
                <div className="field">
                  <label htmlFor={`${id}-pct`}>By more than (%)</label>
                  <input id={`${id}-pct`} type="number" inputMode="decimal" min={0} step="any" value={value.changePercent} disabled={disabled}
                    aria-invalid={!!field('changePercent')} onChange={(e) => set('changePercent', e.target.value)} />
                  {field('changePercent') && <span className="field-error" role="alert">{field('changePercent')}</span>}
                </div>
              ) : (
                <div className="field">
                  <label htmlFor={`${id}-threshold`}>Threshold</label>
                  <input id={`${id}-threshold`} type="number" inputMode="decimal" step="any" value={value.threshold} disabled={disabled}
                    aria-invalid={!!field('threshold')} onChange={(e) => set('threshold', e.target.value)} />
                  {field('threshold') && <span className="field-error" role="alert">{field('threshold')}</span>}
                </div>
              )}
            </div>
          )}
          <label className="inline"><input type="checkbox" checked={value.notifyOnce} disabled={disabled} onChange={(e) => set('notifyOnce', e.target.checked)} /> Notify only the first time, until it clears</label>
          <span className="hint">Runs where it does not hold are recorded as “skipped condition” with the values compared; nothing is sent.{value.kind === 'CHANGE' ? ' The first run has no previous value to compare with.' : ''}</span>
          {general && <span className="field-error" role="alert">{general}</span>}
        </div>
      )}
    </div>
  );
}
