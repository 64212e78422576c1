-- Saved report definitions, owned by a tenant.
CREATE TABLE reports (
  id           uuid PRIMARY KEY,
  tenant_id    text        NOT NULL,
  name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description  text,
  definition   jsonb       NOT NULL,
  visualization jsonb,
  row_limit    integer     NOT NULL CHECK (row_limit > 0),
  is_public    boolean     NOT NULL DEFAULT false,
  tags         text[]      NOT NULL DEFAULT '{}',
  created_by   text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Keyset pagination, newest first, always within one tenant.
CREATE INDEX reports_tenant_created_idx ON reports (tenant_id, created_at DESC, id DESC);
-- A name means one report within a tenant; the builder and schedules refer to reports by name.
CREATE UNIQUE INDEX reports_tenant_name_idx ON reports (tenant_id, lower(name));
