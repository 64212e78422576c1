-- PDF paper size and orientation per schedule (issue 17, print-quality PDFs).
--
-- schedules.export_options: format options every run's export gets, merged into the export's own
-- `options` (which already hold an on-demand export's paperSize/orientation: no column needed
-- there). Today it holds at most {"paperSize": "A4"|"LETTER"|"A3", "orientation":
-- "PORTRAIT"|"LANDSCAPE"}, only for PDF schedules; {} (every existing schedule) means A4, landscape
-- when the report has more than 6 columns: the layout PDFs always had.
ALTER TABLE schedules
  ADD COLUMN export_options jsonb NOT NULL DEFAULT '{}'::jsonb
    CHECK (jsonb_typeof(export_options) = 'object'
      AND coalesce(export_options ->> 'paperSize', 'A4') IN ('A4', 'LETTER', 'A3')
      AND coalesce(export_options ->> 'orientation', 'PORTRAIT') IN ('PORTRAIT', 'LANDSCAPE'));
