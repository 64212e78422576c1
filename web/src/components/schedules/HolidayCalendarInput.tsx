/**
 * The public-holiday calendar of a business-days schedule: a country (ISO code as date-holidays
 * knows it, e.g. US) and optionally a region (CA). The server validates both and names the field;
 * the next-runs preview marks the holidays it will skip.
 */
export interface HolidayCalendarValue {
  country: string;
  region: string;
}

export function HolidayCalendarInput({ value, disabled, onChange, countryError, regionError }: {
  value: HolidayCalendarValue; disabled: boolean; onChange(v: HolidayCalendarValue): void; countryError?: string | null; regionError?: string | null;
}) {
  return (
    <div className="holiday-calendar" data-testid="holiday-calendar">
      <label>
        <span>Also skip public holidays of</span>
        <input value={value.country} disabled={disabled} maxLength={2} placeholder="Country, e.g. US" aria-invalid={!!countryError} aria-describedby="holiday-country-help"
          onChange={(e) => onChange({ country: e.target.value.toUpperCase(), region: e.target.value ? value.region : '' })} />
      </label>
      <label>
        <span>Region (optional)</span>
        <input value={value.region} disabled={disabled || !value.country} maxLength={3} placeholder="e.g. CA" aria-invalid={!!regionError}
          onChange={(e) => onChange({ ...value, region: e.target.value.toUpperCase() })} />
      </label>
      <p id="holiday-country-help" className="hint">Two-letter country code (US, GB, DE…); the skipped holidays show in the next runs.</p>
      {countryError && <p className="field-error" role="alert">{countryError}</p>}
      {regionError && <p className="field-error" role="alert">{regionError}</p>}
    </div>
  );
}
