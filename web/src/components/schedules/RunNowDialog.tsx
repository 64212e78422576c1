/**
 * "Run now" with this run's parameter values (issue 19): a small dialog with the report's
 * parameters, prefilled with the schedule's values over the report's defaults. Only the values
 * changed here are sent (`runScheduleNow(id, parameterValues)`): they go over every recipient's,
 * while untouched ones keep each recipient's own. The server checks them and answers with paths
 * (`parameterValues.<name>`), shown at the inputs.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { ParameterValuesForm, parameterErrors, type ParameterInfo, type ParameterValues } from '../templates/ParameterValuesForm';
import { RUN_SCHEDULE_NOW } from './documents';
import { friendly } from './util';

/** The report's defaults with the schedule's values over them: what a run would take. */
export function prefilledValues(parameters: ParameterInfo[], scheduleValues: ParameterValues | null): ParameterValues {
  const out: ParameterValues = {};
  for (const p of parameters) {
    const v = scheduleValues?.[p.name] ?? p.default;
    if (v !== undefined && v !== null) out[p.name] = v;
  }
  return out;
}

/** The values that differ from the prefilled ones (compared as JSON): this run's own. */
export function changedValues(start: ParameterValues, now: ParameterValues): ParameterValues | null {
  const out: ParameterValues = {};
  for (const [k, v] of Object.entries(now)) {
    const empty = v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
    if (!empty && JSON.stringify(v) !== JSON.stringify(start[k])) out[k] = v;
  }
  return Object.keys(out).length ? out : null;
}

export function RunNowDialog({ scheduleId, parameters, scheduleValues, perRecipient, onClose, onStarted }: {
  scheduleId: string;
  parameters: ParameterInfo[];
  scheduleValues: ParameterValues | null;
  /** Some recipients have values of their own. */
  perRecipient: boolean;
  onClose(): void;
  onStarted(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [start] = useState(() => prefilledValues(parameters, scheduleValues));
  const [values, setValues] = useState<ParameterValues>(start);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [runNow, state] = useMutation(RUN_SCHEDULE_NOW);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({}); setGeneral(null);
    try {
      await runNow({ variables: { id: scheduleId, parameterValues: changedValues(start, values) } });
      onStarted();
    } catch (err) {
      const byName = parameterErrors(err, 'parameterValues');
      setErrors(byName);
      if (!Object.keys(byName).length) setGeneral(friendly(err));
    }
  };
  return (
    <dialog ref={ref} className="run-now-dialog" aria-labelledby="run-now-h" onClose={onClose} onCancel={onClose} data-testid="run-now-dialog">
      <form method="dialog" onSubmit={(e) => void onSubmit(e)} noValidate>
        <h2 id="run-now-h">Run now</h2>
        <p className="hint">
          These values apply to this run only. {perRecipient ? 'Values you change go to every recipient; the others keep each recipient\'s own.' : 'The schedule keeps its values.'}
        </p>
        <ParameterValuesForm idPrefix="run-now" parameters={parameters} values={values} onChange={setValues} errors={errors} />
        {general && <p className="field-error" role="alert">{general}</p>}
        <div className="toolbar">
          <button type="submit" className="primary" disabled={state.loading}>{state.loading ? 'Starting…' : 'Run'}</button>
          <button type="button" onClick={() => { ref.current?.close(); onClose(); }}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
