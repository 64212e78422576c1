-- A report delivered on a cron in a time zone, by email and/or to S3.
CREATE TABLE schedules (
  id                   uuid PRIMARY KEY,
  tenant_id            text        NOT NULL,
  report_id            uuid        NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  name                 text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description          text,
  cron                 text        NOT NULL,
  time_zone            text        NOT NULL DEFAULT 'UTC',
  format               text        NOT NULL CHECK (format IN ('CSV', 'XLSX', 'PDF', 'JSON')),
  delivery             text        NOT NULL CHECK (delivery IN ('EMAIL', 'S3', 'BOTH')),
  recipients           text[]      NOT NULL DEFAULT '{}',
  email_config         jsonb       NOT NULL DEFAULT '{}',
  s3_config            jsonb,
  skip_if_empty        boolean     NOT NULL DEFAULT false,
  business_days_only   boolean     NOT NULL DEFAULT false,
  status               text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED')),
  paused_reason        text,
  last_run_at          timestamptz,
  next_run_at          timestamptz,
  run_count            integer     NOT NULL DEFAULT 0,
  failure_count        integer     NOT NULL DEFAULT 0,
  consecutive_failures integer     NOT NULL DEFAULT 0,
  created_by           text        NOT NULL,
  owner_email          text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX schedules_tenant_name_idx ON schedules (tenant_id, lower(name));
CREATE INDEX schedules_tenant_created_idx ON schedules (tenant_id, created_at DESC, id DESC);
-- The tick's question: which active schedules are due?
CREATE INDEX schedules_due_idx ON schedules (next_run_at) WHERE status = 'ACTIVE';

-- One firing of a schedule. The unique key is what makes a slot fire exactly once, however many
-- schedulers tick at the same time.
CREATE TABLE schedule_executions (
  id            uuid PRIMARY KEY,
  tenant_id     text        NOT NULL,
  schedule_id   uuid        NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  scheduled_for timestamptz NOT NULL,
  triggered_by  text        NOT NULL CHECK (triggered_by IN ('SCHEDULE', 'MANUAL', 'BACKFILL', 'RETRY')),
  status        text        NOT NULL DEFAULT 'PENDING'
                CHECK (status IN ('PENDING', 'RUNNING', 'DELIVERED', 'PARTIALLY_DELIVERED', 'FAILED', 'SKIPPED', 'SKIPPED_EMPTY', 'MISSED')),
  export_id     uuid        REFERENCES exports(id) ON DELETE SET NULL,
  parameters    jsonb       NOT NULL DEFAULT '{}',
  error         text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  completed_at  timestamptz,
  UNIQUE (schedule_id, scheduled_for)
);
CREATE INDEX schedule_executions_schedule_idx ON schedule_executions (schedule_id, scheduled_for DESC, id DESC);

-- One record per recipient (or S3 target) of an execution; each is its own job.
CREATE TABLE deliveries (
  id                  uuid PRIMARY KEY,
  tenant_id           text        NOT NULL,
  execution_id        uuid        NOT NULL REFERENCES schedule_executions(id) ON DELETE CASCADE,
  channel             text        NOT NULL CHECK (channel IN ('EMAIL', 'S3')),
  target              text        NOT NULL,
  status              text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'UNSUBSCRIBED')),
  attempts            integer     NOT NULL DEFAULT 0,
  last_error          text,
  provider_message_id text,
  sent_at             timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (execution_id, channel, target)
);

CREATE TABLE schedule_unsubscribes (
  schedule_id uuid        NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
  email       text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (schedule_id, email)
);

ALTER TABLE exports ADD CONSTRAINT exports_schedule_fk FOREIGN KEY (schedule_id) REFERENCES schedules(id) ON DELETE SET NULL;
