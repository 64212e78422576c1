-- Dashboards (issue 19): tiles on a 12-column grid over saved reports, plus text tiles, with
-- dashboard-level parameters (a time range that replaces every report tile's, and parameter values
-- given to the tiles whose report declares them). Tiles are replaced as a whole on every update and
-- validated in code (dashboards/layout.ts), so they are kept as one jsonb array on the row.
CREATE TABLE dashboards (
  id               uuid PRIMARY KEY,
  tenant_id        text        NOT NULL,
  name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description      text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  -- PRIVATE: the owner (and admins) only; TENANT: everyone in the tenant, as a public report.
  visibility       text        NOT NULL DEFAULT 'PRIVATE' CHECK (visibility IN ('PRIVATE', 'TENANT')),
  tiles            jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tiles) = 'array'),
  time_range       jsonb       CHECK (time_range IS NULL OR jsonb_typeof(time_range) = 'object'),
  parameter_values jsonb       CHECK (parameter_values IS NULL OR jsonb_typeof(parameter_values) = 'object'),
  created_by       text        NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dashboards_tenant_created_idx ON dashboards (tenant_id, created_at DESC, id DESC);

-- A user's favourite dashboards, listed first.
CREATE TABLE dashboard_favorites (
  dashboard_id uuid        NOT NULL REFERENCES dashboards (id) ON DELETE CASCADE,
  tenant_id    text        NOT NULL,
  user_id      text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dashboard_id, user_id)
);
CREATE INDEX dashboard_favorites_user_idx ON dashboard_favorites (tenant_id, user_id);
