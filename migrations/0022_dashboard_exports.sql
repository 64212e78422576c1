-- Dashboard files through the export pipeline (issue 19): an export may be made from a dashboard
-- (one PDF with every tile, or an XLSX with one sheet per tile) instead of a report, and a schedule
-- may target a dashboard instead of a report.
--
-- exports.dashboard_id: the dashboard it was made from (SET NULL keeps the history, as report_id);
-- exports.dashboard: what the request gave over the dashboard's own settings ({timeRange,
-- parameterValues}); the tiles are read when the file is made, with the requester's (or the
-- schedule owner's) access. `definition` holds '{}' for such an export, as for an audit export.
ALTER TABLE exports ADD COLUMN dashboard_id uuid REFERENCES dashboards (id) ON DELETE SET NULL;
ALTER TABLE exports ADD COLUMN dashboard jsonb CHECK (dashboard IS NULL OR jsonb_typeof(dashboard) = 'object');
CREATE INDEX exports_dashboard_idx ON exports (dashboard_id) WHERE dashboard_id IS NOT NULL;

-- A schedule targets a report or a dashboard. The database says "not both"; the API says "exactly
-- one" (schedule.service.ts), leaving room for other kinds of target.
ALTER TABLE schedules ALTER COLUMN report_id DROP NOT NULL;
ALTER TABLE schedules ADD COLUMN dashboard_id uuid REFERENCES dashboards (id) ON DELETE CASCADE;
ALTER TABLE schedules ADD CONSTRAINT schedules_report_or_dashboard CHECK (report_id IS NULL OR dashboard_id IS NULL);
CREATE INDEX schedules_dashboard_idx ON schedules (dashboard_id) WHERE dashboard_id IS NOT NULL;
