-- Sharing (issue 19): per-user and per-role grants on reports and dashboards, on top of
-- private/tenant-public. A grant gives VIEW (read, preview, export, schedule) or EDIT (also change);
-- a role grant reaches every user of the tenant whose role is that one or higher. Checked by one
-- access rule (features/sharing/access.ts) that every read path calls.
CREATE TABLE access_grants (
  id             uuid PRIMARY KEY,
  tenant_id      text        NOT NULL,
  object_type    text        NOT NULL CHECK (object_type IN ('REPORT', 'DASHBOARD')),
  object_id      uuid        NOT NULL,
  -- USER: principal is a user id (token `sub`) of this tenant; ROLE: VIEWER, EDITOR or ADMIN.
  principal_type text        NOT NULL CHECK (principal_type IN ('USER', 'ROLE')),
  principal      text        NOT NULL CHECK (length(principal) BETWEEN 1 AND 200),
  level          text        NOT NULL CHECK (level IN ('VIEW', 'EDIT')),
  granted_by     text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (principal_type = 'USER' OR principal IN ('VIEWER', 'EDITOR', 'ADMIN'))
);
-- One grant per principal and object: granting again changes its level.
CREATE UNIQUE INDEX access_grants_object_principal_idx ON access_grants (tenant_id, object_type, object_id, principal_type, principal);
-- "Which objects of this type may this user (or role) see": the read paths' question.
CREATE INDEX access_grants_principal_idx ON access_grants (tenant_id, object_type, principal_type, principal);

-- A grant goes with its object. Reports and dashboards are two tables, so a trigger rather than a
-- foreign key.
CREATE FUNCTION access_grants_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM access_grants WHERE object_type = TG_ARGV[0] AND object_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER reports_forget_grants AFTER DELETE ON reports FOR EACH ROW EXECUTE FUNCTION access_grants_forget('REPORT');
CREATE TRIGGER dashboards_forget_grants AFTER DELETE ON dashboards FOR EACH ROW EXECUTE FUNCTION access_grants_forget('DASHBOARD');
