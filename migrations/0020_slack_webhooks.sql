-- Slack and webhook destinations (issue 20).

-- A tenant's Slack bot token, sealed with SECRETS_KEY (platform/secret-box.ts, context
-- `slack:<tenant>`); never returned by the API. One connection per tenant.
CREATE TABLE slack_connections (
  tenant_id        text PRIMARY KEY,
  token_ciphertext text        NOT NULL,
  team_id          text,
  team_name        text,
  connected_by     text        NOT NULL,
  connected_at     timestamptz NOT NULL DEFAULT now()
);

-- Channels a schedule's runs are posted to, and HTTPS URLs they are POSTed to (signed per
-- Standard Webhooks with the schedule's secret, sealed with SECRETS_KEY, context `webhook:<schedule>`).
ALTER TABLE schedules ADD COLUMN slack_channels text[] NOT NULL DEFAULT '{}';
ALTER TABLE schedules ADD COLUMN webhook_urls text[] NOT NULL DEFAULT '{}';
ALTER TABLE schedules ADD COLUMN webhook_secret_ciphertext text;

-- Two more channels in the per-target delivery ledger (target: the channel, or the URL).
ALTER TABLE deliveries DROP CONSTRAINT deliveries_channel_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('EMAIL', 'S3', 'SLACK', 'WEBHOOK'));
