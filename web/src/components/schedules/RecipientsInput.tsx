/** Recipients as chips: type an address and press Enter or comma; × removes one. */
import { useId, useState, type KeyboardEvent } from 'react';
import { EMAIL_INPUT_PROPS, emailProblem } from './util';

export const MAX_RECIPIENTS = 50;

export function RecipientsInput({ value, onChange, error, disabled }: { value: string[]; onChange(v: string[]): void; error?: string; disabled?: boolean }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  const add = (raw: string): boolean => {
    const parts = raw.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
    if (!parts.length) return true;
    const next = [...value];
    for (const p of parts) {
      const wrong = emailProblem(p);
      if (wrong) { setProblem(wrong); return false; }
      if (next.some((x) => x.toLowerCase() === p.toLowerCase())) continue;
      if (next.length >= MAX_RECIPIENTS) { setProblem(`At most ${MAX_RECIPIENTS} recipients.`); return false; }
      next.push(p);
    }
    setProblem(null);
    onChange(next);
    return true;
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',' || e.key === ';') {
      e.preventDefault();
      if (add(draft)) setDraft('');
    } else if (e.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className="field">
      <div className="field-label"><label htmlFor={id}>Recipients</label><span className="hint">{value.length}/{MAX_RECIPIENTS} · press Enter or comma to add</span></div>
      <div className="chips" data-testid="recipients" aria-invalid={!!(problem || error)}>
        {value.map((r, i) => (
          <span className="chip" key={r} data-testid="recipient-chip">
            {r}
            {!disabled && <button type="button" aria-label={`Remove ${r}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>×</button>}
          </span>
        ))}
        <input
          id={id}
          {...EMAIL_INPUT_PROPS}
          value={draft}
          disabled={disabled}
          placeholder={value.length ? '' : 'name@example.com'}
          onChange={(e) => { setDraft(e.target.value); setProblem(null); }}
          onKeyDown={onKey}
          onBlur={() => { if (draft.trim() && add(draft)) setDraft(''); }}
          onPaste={(e) => { const t = e.clipboardData.getData('text'); if (/[,;\s]/.test(t.trim())) { e.preventDefault(); if (add(t)) setDraft(''); } }}
        />
      </div>
      {(problem || error) && <span className="field-error" role="alert">{problem ?? error}</span>}
    </div>
  );
}
