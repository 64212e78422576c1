-- One file produced from a report (on demand or by a schedule run), with its progress and outcome.
CREATE TABLE exports (
  id              uuid PRIMARY KEY,
  tenant_id       text        NOT NULL,
  -- SET NULL keeps the history when a report is deleted; report_name and definition are snapshots.
  report_id       uuid        REFERENCES reports(id) ON DELETE SET NULL,
  schedule_id     uuid,
  report_name     text        NOT NULL,
  definition      jsonb       NOT NULL,
  format          text        NOT NULL CHECK (format IN ('CSV', 'XLSX', 'PDF', 'JSON')),
  options         jsonb       NOT NULL DEFAULT '{}',
  status          text        NOT NULL DEFAULT 'PENDING'
                  CHECK (status IN ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED')),
  triggered_by    text        NOT NULL CHECK (triggered_by IN ('MANUAL', 'API', 'SCHEDULE', 'BACKFILL', 'RETRY')),
  initiated_by    text        NOT NULL,
  -- The instant relative time ranges resolve against: fixed at creation, so a retry reports the same rows.
  as_of           timestamptz NOT NULL,
  time_zone       text        NOT NULL DEFAULT 'UTC',
  rows_written    bigint      NOT NULL DEFAULT 0,
  rows_total      bigint,
  bytes_written   bigint      NOT NULL DEFAULT 0,
  row_count       bigint,
  truncated       boolean,
  file_name       text,
  file_size       bigint,
  checksum        text,
  content_type    text,
  storage_kind    text,
  storage_key     text,
  file_expired_at timestamptz,
  error_code      text,
  error_message   text,
  attempts        integer     NOT NULL DEFAULT 0,
  max_attempts    integer     NOT NULL,
  execution_time_ms integer,
  retry_of        uuid        REFERENCES exports(id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  completed_at    timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX exports_tenant_created_idx ON exports (tenant_id, created_at DESC, id DESC);
CREATE INDEX exports_retention_idx ON exports (completed_at) WHERE storage_key IS NOT NULL AND file_expired_at IS NULL;

-- Who did what, for admins. Append-only.
CREATE TABLE audit_log (
  id          bigserial   PRIMARY KEY,
  tenant_id   text        NOT NULL,
  actor       text        NOT NULL,
  action      text        NOT NULL,
  target_type text        NOT NULL,
  target_id   text,
  details     jsonb       NOT NULL DEFAULT '{}',
  ip          text,
  user_agent  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, id DESC);

-- Liveness of worker processes: a worker whose heartbeat stops is dead, and its locked jobs are
-- unlocked so another worker retries them (graphile-worker alone would wait hours).
CREATE TABLE worker_heartbeats (
  worker_id    text        PRIMARY KEY,
  process_id   text        NOT NULL,
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);
