-- Report parameters and templates (issue 19).

-- A schedule's values for its report's parameters (reports/parameters/resolve.ts), by name; null:
-- the report's defaults. Resolved at every run over the report's definition as it is then, and
-- kept in the run's snapshot (schedule_executions.parameters.definition.parameterValues).
ALTER TABLE schedules ADD COLUMN parameter_values jsonb CHECK (parameter_values IS NULL OR jsonb_typeof(parameter_values) = 'object');

-- A tenant's own report templates: a saved report's definition and visualization, saved by an
-- editor (saveReportAsTemplate) to start new reports from (createReportFromTemplate). Built-in
-- templates live in code (features/templates/built-in.ts), not here.
CREATE TABLE report_templates (
  id            uuid PRIMARY KEY,
  tenant_id     text        NOT NULL,
  name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description   text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  definition    jsonb       NOT NULL,
  visualization jsonb,
  source_report_id uuid,
  created_by    text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_templates_tenant_created_idx ON report_templates (tenant_id, created_at DESC, id DESC);
CREATE UNIQUE INDEX report_templates_tenant_name_idx ON report_templates (tenant_id, lower(name));
