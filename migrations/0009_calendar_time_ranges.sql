-- Calendar time (issue 14). `timeRange.last` used to mean elapsed time before the as-of instant
-- ("last 7 days" = 168 rolling hours, UTC); it now means whole calendar units in the report's
-- zone (the 7 days before today), and elapsed time is spelled `timeRange.rolling`. Meanings are
-- migrated deliberately:
-- - Saved reports with `last n HOUR` keep their rolling meaning ("the last 24 hours" is what
--   people mean by it): they become `rolling`. `last n DAY/WEEK/MONTH` stay `last` and become
--   whole days, weeks or months (what the builder's "Last 7 days" always promised; the first and
--   last buckets are no longer partial). Definitions without `timeZone` read time in UTC, as before.
-- - Export records keep the exact rows they were made from: every `last` in their definition
--   snapshot becomes `rolling`, so retrying an export made before the upgrade covers the same window.
UPDATE reports
   SET definition = jsonb_set(definition #- '{timeRange,last}', '{timeRange,rolling}', definition #> '{timeRange,last}')
 WHERE jsonb_typeof(definition #> '{timeRange,last}') = 'object'
   AND definition #>> '{timeRange,last,unit}' = 'HOUR';

UPDATE exports
   SET definition = jsonb_set(definition #- '{timeRange,last}', '{timeRange,rolling}', definition #> '{timeRange,last}')
 WHERE jsonb_typeof(definition #> '{timeRange,last}') = 'object';
