-- One schedule, each recipient their own data (issue 19). A schedule's recipients may carry their
-- own parameter values (merged over the schedule's); each slot runs once per distinct resolved set
-- of values, delivered only to the recipients with that set.
--
-- recipient_parameters: [{ "recipient": "berlin@x.com", "parameterValues": { "city": "Berlin" } }]
ALTER TABLE schedules ADD COLUMN recipient_parameters jsonb NOT NULL DEFAULT '[]'
  CHECK (jsonb_typeof(recipient_parameters) = 'array');

-- variant_key: '' for the schedule-level run (the schedule's own values; it also feeds S3, Slack
-- and webhooks), else a hash of the run's canonical resolved values. recipients: the email
-- recipients this execution serves; NULL: all of the schedule's (schedules without per-recipient values).
ALTER TABLE schedule_executions ADD COLUMN variant_key text NOT NULL DEFAULT '';
ALTER TABLE schedule_executions ADD COLUMN recipients text[];

-- Exactly one execution per (schedule, slot, variant): a re-tick, a second ticker or a restarted
-- worker inserting the same variant of the same slot gets nothing back and enqueues nothing.
ALTER TABLE schedule_executions DROP CONSTRAINT schedule_executions_schedule_id_scheduled_for_key;
ALTER TABLE schedule_executions ADD CONSTRAINT schedule_executions_slot_variant_key UNIQUE (schedule_id, scheduled_for, variant_key);
