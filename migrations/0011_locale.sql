-- Locale (issue 16): the BCP 47 locale people read a run's files in (numbers, dates, month names
-- in the PDF, XLSX date formats and the email). Decided once when the run is enqueued
-- (exports/run-locale.ts: export option > schedule > report > en-US) and kept on the export, as its
-- time zone is. Exports made before this migration were written the en-US way.
ALTER TABLE exports ADD COLUMN locale text NOT NULL DEFAULT 'en-US';

-- A schedule may name the locale its runs are written in; null uses the report's.
ALTER TABLE schedules ADD COLUMN locale text;
