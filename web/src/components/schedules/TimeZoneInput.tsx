/** A searchable IANA time-zone input (datalist over Intl.supportedValuesOf('timeZone')). */
import { useId, useMemo } from 'react';
import { allZones, isZone } from './util';

export function TimeZoneInput({ value, onChange, error, disabled }: { value: string; onChange(v: string): void; error?: string; disabled?: boolean }) {
  const id = useId();
  const listId = `${id}-zones`;
  const zones = useMemo(() => allZones(), []);
  const invalid = value.trim() !== '' && !isZone(value.trim());
  const offset = useMemo(() => {
    if (invalid || !value) return '';
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: value, timeZoneName: 'longOffset' }).formatToParts(new Date());
      return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    } catch { return ''; }
  }, [value, invalid]);
  return (
    <div className="field">
      <div className="field-label"><label htmlFor={id}>Time zone</label>{offset && <span className="hint">{offset} now</span>}</div>
      <input id={id} list={listId} value={value} disabled={disabled} autoComplete="off" spellCheck={false}
        placeholder="Search e.g. Europe/Berlin" aria-invalid={invalid || !!error}
        onChange={(e) => onChange(e.target.value)} />
      <datalist id={listId}>
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
      {(invalid || error) && <span className="field-error">{error ?? 'Not a known IANA time zone.'}</span>}
    </div>
  );
}
