/**
 * What an export's file reads time in: the zone (the report's unless changed for this file) and,
 * for CSV, how date-times are written (spreadsheet-friendly local time, or ISO 8601 with offset).
 */
import { useMemo, useState } from 'react';
import type { CsvTimestampFormat, ExportFormat } from '../../generated/graphql';
import { TimeZoneInput } from '../schedules/TimeZoneInput';
import { LocaleInput } from '../reports/LocaleInput';
import { formatIso, wallTimeIn } from '../../wall-time';
import { PdfPageOptions, type PdfPageValue } from './PdfPageOptions';

/** `locale` '' keeps the report's; PDF and XLSX only (CSV and JSON are locale-neutral). */
export interface ExportTimeOptions { timeZone: string; csvTimestamps: CsvTimestampFormat; locale: string; pdfPage: PdfPageValue }

/** Formats written for people, in a locale; the others are machine formats. */
export const LOCALIZED_FORMATS: ExportFormat[] = ['PDF', 'XLSX'];

const FORMAT_NOTES: Record<ExportFormat, (zone: string) => string> = {
  CSV: (zone) => `Date-times are written in ${zone}; dates are calendar dates.`,
  XLSX: (zone) => `Date cells hold the time in ${zone}; the About sheet names the zone.`,
  PDF: (zone) => `Buckets, axis labels and times are in ${zone}, which the PDF states.`,
  JSON: (zone) => `Date-times are ISO 8601 with the offset of ${zone}; dates are calendar dates.`,
};

interface Props {
  format: ExportFormat;
  reportTimeZone: string;
  /** The saved report's locale (en-US when it names none). */
  reportLocale: string;
  value: ExportTimeOptions;
  disabled?: boolean;
  onChange(next: ExportTimeOptions): void;
}

export function ExportOptions({ format, reportTimeZone, reportLocale, value, disabled, onChange }: Props) {
  const [changing, setChanging] = useState(value.timeZone !== reportTimeZone);
  const [changingLocale, setChangingLocale] = useState(value.locale !== '');
  const locale = value.locale.trim() || reportLocale;
  const zone = value.timeZone.trim() || reportTimeZone;
  // Examples from the clock now, in the file's zone, so the choice shows what the cells will hold.
  const example = useMemo(() => {
    try { return wallTimeIn(new Date(), zone); } catch { return null; }
  }, [zone]);
  return (
    <div className="export-options" data-testid="export-options">
      <p className="export-zone" data-testid="export-zone">
        Times in the file: <strong>{zone}</strong>
        {zone === reportTimeZone ? <span className="muted"> (the report’s zone)</span> : <span className="muted"> (the report reads {reportTimeZone})</span>}
        {!changing && <> <button type="button" className="link" disabled={disabled} onClick={() => setChanging(true)}>Change for this file</button></>}
      </p>
      {changing && (
        <div className="toolbar">
          <TimeZoneInput label="Time zone for this file" value={value.timeZone} disabled={disabled} onChange={(timeZone) => onChange({ ...value, timeZone })}
            note="Buckets, the time range and every time in the file are read in this zone." />
          <button type="button" className="link" disabled={disabled} onClick={() => { onChange({ ...value, timeZone: reportTimeZone }); setChanging(false); }}>Use the report’s zone</button>
        </div>
      )}
      <span className="hint">{FORMAT_NOTES[format](zone)}</span>
      {LOCALIZED_FORMATS.includes(format) ? (
        <>
          <p className="export-zone" data-testid="export-locale">
            Numbers and dates read as in <strong>{locale}</strong>
            {locale === reportLocale ? <span className="muted"> (the report’s locale)</span> : <span className="muted"> (the report’s is {reportLocale})</span>}
            {!changingLocale && <> <button type="button" className="link" disabled={disabled} onClick={() => setChangingLocale(true)}>Change for this file</button></>}
          </p>
          {changingLocale && (
            <div className="toolbar">
              <LocaleInput label="Locale for this file" value={value.locale} placeholder={reportLocale} disabled={disabled} onChange={(next) => onChange({ ...value, locale: next })} />
              <button type="button" className="link" disabled={disabled} onClick={() => { onChange({ ...value, locale: '' }); setChangingLocale(false); }}>Use the report’s locale</button>
            </div>
          )}
        </>
      ) : (
        <span className="hint">{format} is a machine format: numbers and dates are written the same in every locale.</span>
      )}
      {format === 'PDF' && (
        <PdfPageOptions idPrefix="export-pdf" value={value.pdfPage} disabled={disabled} onChange={(pdfPage) => onChange({ ...value, pdfPage })} />
      )}
      {format === 'CSV' && (
        <fieldset className="radios stacked" disabled={disabled}>
          <legend>Date-times in the CSV</legend>
          <label className="radio">
            <input type="radio" name="csvTimestamps" checked={value.csvTimestamps === 'LOCAL'} onChange={() => onChange({ ...value, csvTimestamps: 'LOCAL' })} />
            <span><strong>For spreadsheets</strong> <span className="hint">local time without a zone{example && <> (<code>{formatIso(example, false)}</code>)</>}: Excel and LibreOffice open it as a date you can sort and chart</span></span>
          </label>
          <label className="radio">
            <input type="radio" name="csvTimestamps" checked={value.csvTimestamps === 'ISO_OFFSET'} onChange={() => onChange({ ...value, csvTimestamps: 'ISO_OFFSET' })} />
            <span><strong>For programs</strong> <span className="hint">ISO 8601 with the offset{example && <> (<code>{formatIso(example, true)}</code>)</>}: exact anywhere; spreadsheets keep it as text</span></span>
          </label>
        </fieldset>
      )}
    </div>
  );
}
