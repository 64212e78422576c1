-- Governance (issue 21): masking policies, the role a run is masked for, and per-tenant quotas.

-- A tenant's masking policy (features/catalog/masking.ts): per role, per classification, CLEAR,
-- HASHED or HIDDEN, as JSON `{"viewer": {"PII": "HASHED", ...}, ...}`. No row: the default policy
-- (PII hashed for viewers and editors, clear for admins). Admins change it with
-- updateMaskingPolicy, audited as `masking_policy.update`.
CREATE TABLE masking_policies (
  tenant_id  text PRIMARY KEY,
  policy     jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object'),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The role an export's rows are masked for: the requester's for an on-demand export, the
-- schedule owner's for a scheduled one (schedules.owner_role, the creator's role when the schedule
-- was created). Rows from before this migration have none: they are masked as a viewer, the
-- strictest role.
ALTER TABLE exports ADD COLUMN mask_role text CHECK (mask_role IN ('viewer', 'editor', 'admin'));
-- Schedules are created by editors and admins; existing ones are taken as an editor's.
ALTER TABLE schedules ADD COLUMN owner_role text NOT NULL DEFAULT 'editor' CHECK (owner_role IN ('viewer', 'editor', 'admin'));

-- Per-tenant quota overrides (features/quotas): NULL keeps the configured default.
CREATE TABLE tenant_quotas (
  tenant_id               text PRIMARY KEY,
  active_schedules        integer CHECK (active_schedules >= 0),
  recipients_per_schedule integer CHECK (recipients_per_schedule >= 0),
  manual_runs_per_hour    integer CHECK (manual_runs_per_hour >= 0),
  concurrent_exports      integer CHECK (concurrent_exports >= 0),
  bytes_stored            bigint  CHECK (bytes_stored >= 0),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

-- A scheduled run refused by a quota is recorded as SKIPPED_QUOTA (and its owner told), never
-- dropped. The status list is extended in place, keeping whatever other migrations added to it.
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'schedule_executions_status_check' AND conrelid = 'schedule_executions'::regclass;
  IF def IS NOT NULL AND position('SKIPPED_QUOTA' IN def) = 0 THEN
    EXECUTE 'ALTER TABLE schedule_executions DROP CONSTRAINT schedule_executions_status_check';
    EXECUTE 'ALTER TABLE schedule_executions ADD CONSTRAINT schedule_executions_status_check '
      || replace(def, '''MISSED''::text', '''MISSED''::text, ''SKIPPED_QUOTA''::text');
  END IF;
END $$;
