/** A searchable IANA time-zone input (datalist over Intl.supportedValuesOf('timeZone')). */
import { useId, useMemo, type ReactNode } from 'react';
import { allZones, isZone } from './util';
import { zoneOffsetLabel } from '../../wall-time';

interface Props {
  value: string;
  onChange(v: string): void;
  error?: string;
  disabled?: boolean;
  /** Defaults to "Time zone". */
  label?: string;
  /** A sentence under the input saying what the zone decides. */
  note?: ReactNode;
}

export function TimeZoneInput({ value, onChange, error, disabled, label = 'Time zone', note }: Props) {
  const id = useId();
  const listId = `${id}-zones`;
  const zones = useMemo(() => allZones(), []);
  const invalid = value.trim() !== '' && !isZone(value.trim());
  // "UTC−08:00 now": the same spelling as every other offset the app shows.
  const offset = useMemo(() => (invalid || !value ? '' : zoneOffsetLabel(value.trim())), [value, invalid]);
  return (
    <div className="field">
      <div className="field-label"><label htmlFor={id}>{label}</label>{offset && <span className="hint">{offset} now</span>}</div>
      <input id={id} list={listId} value={value} disabled={disabled} autoComplete="off" spellCheck={false}
        placeholder="Search e.g. Europe/Berlin" aria-invalid={invalid || !!error}
        onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
      {(invalid || error) && <span className="field-error" role="alert">{error ?? 'Not a known IANA time zone.'}</span>}
      {note && <span className="hint">{note}</span>}
    </div>
  );
}
