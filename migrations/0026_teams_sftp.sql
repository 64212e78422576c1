-- Microsoft Teams and SFTP destinations (issue 20).

-- Teams incoming-webhook / Workflows URLs a schedule's runs are posted to, as
-- [{ "ciphertext": "v1.…", "redacted": "https://host/…(3f9a12bc)" }]: the URL carries its own
-- credential, so it is sealed with SECRETS_KEY (platform/secret-box.ts, context `teams:<schedule>`)
-- and only the redacted form is ever returned or written in the delivery ledger.
ALTER TABLE schedules ADD COLUMN teams_webhooks jsonb NOT NULL DEFAULT '[]';

-- SFTP servers each run's file is uploaded to, as
-- [{ "id", "host", "port", "username", "privateKeyCiphertext", "pathTemplate", "hostKeyFingerprint" }]:
-- the private key sealed with SECRETS_KEY (context `sftp:<schedule>`), never returned.
ALTER TABLE schedules ADD COLUMN sftp_targets jsonb NOT NULL DEFAULT '[]';

-- Two more channels in the per-target delivery ledger (target: the redacted Teams URL, or
-- sftp://user@host:port/remote/path).
ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('EMAIL', 'S3', 'SLACK', 'WEBHOOK', 'TEAMS', 'SFTP'));
