-- Conditional sends (alerts) and "tell me when it's ready" (issue 20).

-- schedules.alert_condition: send a run only when a condition on its results holds
-- (schedules/alert-condition.ts: NO_ROWS, SOME_ROWS, FIRST_ROW, ANY_ROW, CHANGE, with notifyOnce);
-- NULL: every run is sent.
ALTER TABLE schedules ADD COLUMN alert_condition jsonb;

-- schedule_executions.condition: the condition as evaluated in the run (met or not, the values
-- compared, whether it was armed); NULL: the schedule had no condition then. A run whose condition
-- does not hold (or still holds, already notified) is SKIPPED_CONDITION.
ALTER TABLE schedule_executions ADD COLUMN condition jsonb;
CREATE INDEX schedule_executions_condition_idx ON schedule_executions (schedule_id, ((condition->>'evaluatedAt')) DESC) WHERE condition IS NOT NULL;
DO $$
DECLARE def text;
BEGIN
  SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
   WHERE conname = 'schedule_executions_status_check' AND conrelid = 'schedule_executions'::regclass;
  IF def IS NOT NULL AND position('SKIPPED_CONDITION' IN def) = 0 THEN
    EXECUTE 'ALTER TABLE schedule_executions DROP CONSTRAINT schedule_executions_status_check';
    EXECUTE 'ALTER TABLE schedule_executions ADD CONSTRAINT schedule_executions_status_check '
      || replace(def, '''MISSED''::text', '''MISSED''::text, ''SKIPPED_CONDITION''::text');
  END IF;
END $$;

-- exports.alert_measure: the condition's measure over the run's rows, measured by the export run
-- with one ClickHouse query over the same compiled SQL ({column, first, max, min, rows}).
ALTER TABLE exports ADD COLUMN alert_measure jsonb;

-- exports.notify_email: an on-demand export whose creator asked to be emailed when it completes
-- or fails (notifyWhenReady). The notice goes through the delivery ledger as a delivery of the
-- export itself (execution_id NULL, export_id set): one per export, sent at most once.
ALTER TABLE exports ADD COLUMN notify_email text CHECK (notify_email IS NULL OR char_length(notify_email) <= 320);
ALTER TABLE deliveries ALTER COLUMN execution_id DROP NOT NULL;
ALTER TABLE deliveries ADD COLUMN export_id uuid REFERENCES exports(id) ON DELETE CASCADE;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_owner_check CHECK (execution_id IS NOT NULL OR export_id IS NOT NULL);
CREATE UNIQUE INDEX deliveries_export_notice_idx ON deliveries (export_id) WHERE execution_id IS NULL;
