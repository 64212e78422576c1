/**
 * A BCP 47 locale input: a few common locales offered (with their names), any other tag typed
 * freely, checked as the server checks it, and a sample of how numbers and dates then read.
 */
import { useId, useMemo, type ReactNode } from 'react';
import { COMMON_LOCALES, canonicalLocale, localeSample } from '../../format';

interface Props {
  value: string;
  onChange(v: string): void;
  error?: string;
  disabled?: boolean;
  /** Defaults to "Locale". */
  label?: string;
  /** Shown when the value is empty (what an empty value means). */
  placeholder?: string;
  note?: ReactNode;
}

function displayName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export function LocaleInput({ value, onChange, error, disabled, label = 'Locale', placeholder = 'en-US', note }: Props) {
  const id = useId();
  const listId = `${id}-locales`;
  const options = useMemo(() => COMMON_LOCALES.map((tag) => ({ tag, name: displayName(tag) })), []);
  const trimmed = value.trim();
  const invalid = trimmed !== '' && canonicalLocale(trimmed) === null;
  const sample = localeSample(trimmed || placeholder);
  return (
    <div className="field">
      <div className="field-label"><label htmlFor={id}>{label}</label>{sample && !invalid && <span className="hint" data-testid="locale-sample">{sample}</span>}</div>
      <input id={id} list={listId} value={value} disabled={disabled} autoComplete="off" spellCheck={false}
        placeholder={placeholder} aria-invalid={invalid || !!error} data-testid="locale-input"
        onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {options.map((o) => <option key={o.tag} value={o.tag}>{o.name}</option>)}
      </datalist>
      {(invalid || error) && <span className="field-error" role="alert">{error ?? 'Not a locale this browser knows; use a BCP 47 tag such as de-DE.'}</span>}
      {note && <span className="hint">{note}</span>}
    </div>
  );
}
