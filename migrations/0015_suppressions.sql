-- Delivery hygiene (issue 20): one suppression list, provider feedback, holidays, unchanged runs.
--
-- email_suppressions: addresses a tenant must not mail. `schedule_id` set: that schedule only (the
-- recipient unsubscribed from it, RFC 8058 one-click or the page's button); NULL: tenant-wide (the
-- address bounced, was dropped by the provider, or its owner reported spam). Consulted before every
-- send; an admin may remove an entry (audited). Addresses are stored lower-cased.
CREATE TABLE email_suppressions (
  id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   text        NOT NULL,
  email       text        NOT NULL CHECK (email = lower(email) AND char_length(email) <= 320),
  schedule_id uuid        REFERENCES schedules(id) ON DELETE CASCADE,
  reason      text        NOT NULL CHECK (reason IN ('UNSUBSCRIBED', 'BOUNCED', 'DROPPED', 'SPAM_REPORT')),
  detail      text        CHECK (char_length(detail) <= 1000),
  delivery_id uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((reason = 'UNSUBSCRIBED') = (schedule_id IS NOT NULL))
);
CREATE UNIQUE INDEX email_suppressions_schedule_idx ON email_suppressions (tenant_id, email, schedule_id) WHERE schedule_id IS NOT NULL;
CREATE UNIQUE INDEX email_suppressions_tenant_idx ON email_suppressions (tenant_id, email) WHERE schedule_id IS NULL;
CREATE INDEX email_suppressions_list_idx ON email_suppressions (tenant_id, created_at DESC, id DESC);

-- The per-schedule opt-outs so far become suppressions of their schedule.
INSERT INTO email_suppressions (tenant_id, email, schedule_id, reason, created_at)
SELECT s.tenant_id, lower(u.email), u.schedule_id, 'UNSUBSCRIBED', u.created_at
  FROM schedule_unsubscribes u JOIN schedules s ON s.id = u.schedule_id
ON CONFLICT DO NOTHING;
DROP TABLE schedule_unsubscribes;

-- deliveries: SUPPRESSED (the address is on the tenant's list: bounced, dropped, spam report), and
-- what the provider told us afterwards through its event webhook (SendGrid: delivered, bounce,
-- dropped, spamreport), kept apart from the ledger's own status (what we did).
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'deliveries_status_check' AND conrelid = 'deliveries'::regclass;
  IF def IS NOT NULL AND position('SUPPRESSED' IN def) = 0 THEN
    EXECUTE 'ALTER TABLE deliveries DROP CONSTRAINT deliveries_status_check';
    EXECUTE 'ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check '
      || replace(def, '''UNSUBSCRIBED''::text', '''UNSUBSCRIBED''::text, ''SUPPRESSED''::text');
  END IF;
END $$;
ALTER TABLE deliveries
  ADD COLUMN provider_status text CHECK (provider_status IN ('DELIVERED', 'BOUNCED', 'DROPPED', 'SPAM_REPORT')),
  ADD COLUMN provider_detail text CHECK (char_length(provider_detail) <= 1000),
  ADD COLUMN provider_event_at timestamptz;

-- schedule_executions: SKIPPED_UNCHANGED (onlyIfChanged: the same rows and parameters as the last
-- delivered run). Extended in place, keeping what other migrations add.
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'schedule_executions_status_check' AND conrelid = 'schedule_executions'::regclass;
  IF def IS NOT NULL AND position('SKIPPED_UNCHANGED' IN def) = 0 THEN
    EXECUTE 'ALTER TABLE schedule_executions DROP CONSTRAINT schedule_executions_status_check';
    EXECUTE 'ALTER TABLE schedule_executions ADD CONSTRAINT schedule_executions_status_check '
      || replace(def, '''MISSED''::text', '''MISSED''::text, ''SKIPPED_UNCHANGED''::text');
  END IF;
END $$;

-- schedules: a public-holiday calendar for business-days schedules (date-holidays country, e.g.
-- US, and optional region, e.g. CA), and "send only if changed".
ALTER TABLE schedules
  ADD COLUMN holiday_country text CHECK (holiday_country ~ '^[A-Z]{2}$'),
  ADD COLUMN holiday_region text CHECK (holiday_region IS NULL OR (holiday_region ~ '^[A-Z0-9]{1,3}$' AND holiday_country IS NOT NULL)),
  ADD COLUMN only_if_changed boolean NOT NULL DEFAULT false;

-- exports: sha256 over the result's rows as streamed (not the file, which carries a generation
-- time) and the run's parameters; equal fingerprints mean the same report.
ALTER TABLE exports ADD COLUMN rows_fingerprint text CHECK (rows_fingerprint ~ '^[0-9a-f]{64}$');
