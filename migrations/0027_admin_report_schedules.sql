-- Governance, second part (issue 21): built-in admin reports on a timetable, and columns classified per tenant.

-- A schedule may target one of the built-in admin reports over the audit data
-- (features/audit/admin-report.ts) instead of a report. Each run is an export of that view
-- (exports.audit_query, migration 0019) over the period from the schedule's previous slot to this
-- one, through the same export pipeline, deliveries and ledger as a report's. Only admins create,
-- change or see them (schedule.service.ts).
ALTER TABLE schedules ALTER COLUMN report_id DROP NOT NULL;
ALTER TABLE schedules ADD COLUMN admin_report text CHECK (admin_report IN ('USER_ACTIVITY', 'COMPLIANCE_SUMMARY'));
-- An admin-report schedule has no report (other targets say "not both" in their own migrations).
ALTER TABLE schedules ADD CONSTRAINT schedules_admin_report_alone CHECK (admin_report IS NULL OR report_id IS NULL);

-- A tenant's own classification of catalog columns (features/catalog/masking-policy.service.ts):
-- a row overrides the catalog's default class of one column for this tenant; no row, the default.
-- Admins set it with classifyColumns, audited as `catalog.classify`; every query compiled from then
-- on masks the column by its class here (previews, exports, scheduled runs, dashboards, the SDK).
CREATE TABLE column_classifications (
  tenant_id      text        NOT NULL,
  table_name     text        NOT NULL,
  column_name    text        NOT NULL,
  classification text        NOT NULL CHECK (classification IN ('PUBLIC', 'INTERNAL', 'PII')),
  updated_by     text        NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, table_name, column_name)
);
