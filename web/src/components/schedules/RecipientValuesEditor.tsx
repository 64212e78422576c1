/**
 * Per-recipient parameter values (issue 19): each recipient may get their own data (the Berlin
 * manager Berlin, the Tokyo one Tokyo). One row per recipient with a summary of their own values
 * and a "Values" button that opens a compact form; what is left empty takes the schedule's
 * values. Each slot then runs once per distinct set, delivered only to the recipients with it.
 */
import { useState } from 'react';
import { ParameterValuesForm, filledValues, type ParameterInfo, type ParameterValues } from '../templates/ParameterValuesForm';

/** A recipient's values as the API takes them, in the recipients' order (error paths use this index). */
export function recipientParametersInput(recipients: string[], byRecipient: Record<string, ParameterValues>): { recipient: string; parameterValues: ParameterValues }[] {
  return recipients.flatMap((r) => {
    const values = filledValues(byRecipient[r.toLowerCase()] ?? {});
    return values ? [{ recipient: r, parameterValues: values }] : [];
  });
}

const show = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v ? `${(v as { from?: string }).from ?? '…'} to ${(v as { to?: string }).to ?? '…'}` : String(v));

export function RecipientValuesEditor({ parameters, recipients, values, onChange, errors, disabled }: {
  parameters: ParameterInfo[];
  recipients: string[];
  /** By lower-cased address. */
  values: Record<string, ParameterValues>;
  onChange(next: Record<string, ParameterValues>): void;
  /** Server problems by path without `input.` (recipientParameters.<i>.parameterValues.<name>). */
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (parameters.length === 0 || recipients.length === 0) return null;
  // Error paths index the entries sent, i.e. the recipients that have values, in order.
  const sent = recipientParametersInput(recipients, values).map((e) => e.recipient.toLowerCase());
  return (
    <div className="recipient-values" data-testid="recipient-values">
      <p className="hint">Each recipient gets the schedule's values unless you give them their own: one run per distinct set, sent only to its recipients. S3, Slack and webhooks get the schedule's own values.</p>
      <ul>
        {recipients.map((r) => {
          const key = r.toLowerCase();
          const own = filledValues(values[key] ?? {});
          const i = sent.indexOf(key);
          const prefix = `recipientParameters.${i}.`;
          const problems = i < 0 ? [] : Object.entries(errors).filter(([k]) => k.startsWith(prefix));
          const byName = Object.fromEntries(problems.filter(([k]) => k.startsWith(`${prefix}parameterValues.`)).map(([k, m]) => [k.slice(`${prefix}parameterValues.`.length).split('.')[0]!, m]));
          const other = problems.filter(([k]) => !k.startsWith(`${prefix}parameterValues.`)).map(([, m]) => m);
          const id = `rv-${key.replace(/[^a-z0-9]/g, '-')}`;
          return (
            <li key={key} className={problems.length ? 'has-error' : undefined}>
              <div className="recipient-values-row">
                <span className="recipient-address">{r}</span>
                <span className="muted small recipient-summary">{own ? Object.entries(own).map(([k, v]) => `${parameters.find((p) => p.name === k)?.label || k}: ${show(v)}`).join(' · ') : 'schedule values'}</span>
                <button type="button" className="small" aria-expanded={open === key} aria-controls={id} disabled={disabled} onClick={() => setOpen(open === key ? null : key)}>
                  {open === key ? 'Done' : 'Values'}
                </button>
                {own && open !== key && <button type="button" className="small" disabled={disabled} aria-label={`Clear ${r}'s values`} onClick={() => { const next = { ...values }; delete next[key]; onChange(next); }}>Clear</button>}
              </div>
              {(other.length > 0 || (Object.keys(byName).length > 0 && open !== key)) && <p className="field-error" role="alert">{[...other, ...Object.entries(byName).map(([k, m]) => `${k}: ${m}`)].join(' ')}</p>}
              {open === key && (
                <div id={id}>
                  <ParameterValuesForm idPrefix={id} parameters={parameters} values={values[key] ?? {}} errors={byName}
                    onChange={(v) => onChange({ ...values, [key]: v })} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
