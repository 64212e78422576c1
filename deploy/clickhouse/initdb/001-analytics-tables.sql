-- Analytics tables of Reportcast, run once by the ClickHouse image on an empty data volume.
-- Generated: `pnpm cli clickhouse:migrate --print` (test/deployment.test.ts fails when it drifts).

CREATE DATABASE IF NOT EXISTS `reportcast`;

CREATE TABLE IF NOT EXISTS `reportcast`.`usage_events` (
  `tenant_id` LowCardinality(String),
  `timestamp` DateTime64(3, 'UTC'),
  `event_date` Date,
  `event_id` UUID,
  `user_id` String,
  `device_id` String,
  `session_id` String,
  `event_type` LowCardinality(String),
  `feature` LowCardinality(String),
  `platform` LowCardinality(String),
  `country` LowCardinality(String),
  `referrer` Nullable(String),
  `duration_ms` UInt32,
  `value` Float64,
  `is_error` Bool
) ENGINE = MergeTree
ORDER BY (`tenant_id`, `timestamp`);

CREATE TABLE IF NOT EXISTS `reportcast`.`user_sessions` (
  `tenant_id` LowCardinality(String),
  `started_at` DateTime64(3, 'UTC'),
  `ended_at` DateTime64(3, 'UTC'),
  `session_id` String,
  `user_id` String,
  `device_id` String,
  `platform` LowCardinality(String),
  `country` LowCardinality(String),
  `duration_seconds` UInt32,
  `page_views` UInt32,
  `events` UInt32,
  `is_bounce` Bool
) ENGINE = MergeTree
ORDER BY (`tenant_id`, `started_at`);

CREATE TABLE IF NOT EXISTS `reportcast`.`device_metrics` (
  `tenant_id` LowCardinality(String),
  `timestamp` DateTime64(3, 'UTC'),
  `device_id` String,
  `device_type` LowCardinality(String),
  `os` LowCardinality(String),
  `app_version` LowCardinality(String),
  `cpu_percent` Float64,
  `memory_mb` Float64,
  `battery_percent` Nullable(Float64),
  `network_latency_ms` Float64,
  `is_online` Bool
) ENGINE = MergeTree
ORDER BY (`tenant_id`, `timestamp`);
