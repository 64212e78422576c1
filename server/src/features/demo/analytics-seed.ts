/**
 * Demo data for the analytics tables: 30 days of plausible product usage for three tenants.
 *
 * Every row is generated inside ClickHouse by `INSERT ... SELECT ... FROM numbers(N)`: JS only
 * builds SQL text from the constants below, so 1M events take seconds and 10M stay feasible
 * without ever materialising a row in Node. Values that come from the caller (row count, `now`,
 * seed) are bound `{name:Type}` parameters; identifiers go through quoteIdent.
 *
 * Determinism: the only randomness is `cityHash64(key, seed, salt)` (not rand(), not sipHash64,
 * which is ~100x slower with several arguments here), so the same (usageEvents, hour of now, seed)
 * yields identical data. Each salt below is one independent "random variable"; the number is a
 * label, never reuse one for two purposes.
 *
 * Shape: events belong to sessions (≈8 events each), sessions to a user and a device of a tenant.
 * Events are generated first, and user_sessions is aggregated FROM usage_events, so a session's
 * counts, bounds and bounce flag always agree with its events (joins on session_id just work).
 */
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import { analyticsSchemaSql } from './analytics-schema.js';
import { quoteIdent } from '../catalog/sql-identifier.js';

export const DEMO_TENANTS = ['acme', 'globex', 'initech'] as const;

export interface SeedOptions {
  usageEvents: number;
  now: Date;
  seed?: number;
  onProgress?: (line: string) => void;
}

export interface SeedSummary {
  usageEvents: number;
  userSessions: number;
  deviceMetrics: number;
  elapsedMs: number;
  from: Date;
  to: Date;
}

const DEFAULT_SEED = 20240601;
const WINDOW_HOURS = 30 * 24;
const WINDOW_MS = WINDOW_HOURS * 3_600_000; // 2,592,000,000 < 2^32: an offset fits a hash's low half
const EVENTS_PER_SESSION = 8;
const EVENTS_PER_METRIC = 10;

// Volume share, user population (devices = 1.5 per user), in DEMO_TENANTS order.
const TENANT_SHARE = [0.5, 0.3, 0.2];
const TENANT_USERS = [2000, 1200, 600];

// Relative activity by UTC hour (max 1): busy 9-17, quiet at night. Weekends run at 40%.
const HOUR_WEIGHTS = [
  0.08, 0.06, 0.05, 0.05, 0.06, 0.1, 0.2, 0.4, 0.7, 0.9, 1, 1,
  0.85, 0.95, 1, 0.95, 0.85, 0.65, 0.45, 0.35, 0.3, 0.25, 0.18, 0.12,
];
const WEEKEND_FACTOR = 0.4;
// Rejection sampling tries per timestamp; mean acceptance is ~0.4, so ~0.2% fall back to uniform.
const RHYTHM_TRIES = 12;

type Weighted = readonly (readonly [name: string, weight: number])[];

// [name, weight, median duration ms]: page_view most common, error rare.
const EVENT_TYPES = [
  ['page_view', 38, 650], ['click', 24, 120], ['api_call', 13, 180], ['search', 9, 350],
  ['login', 6, 900], ['logout', 4, 150], ['export', 3, 4500], ['purchase', 2, 1800], ['error', 1, 2500],
] as const;
const FEATURES: Weighted = [
  ['dashboard', 30], ['reports', 22], ['search', 14], ['settings', 8], ['integrations', 8],
  ['billing', 6], ['admin', 5], ['onboarding', 4], ['api', 3],
];
const COUNTRIES: Weighted = [
  ['US', 35], ['GB', 12], ['DE', 10], ['FR', 8], ['IN', 8], ['BR', 6], ['CA', 6], ['JP', 5], ['AU', 5], ['NL', 5],
];
const REFERRERS: Weighted = [
  ['google.com', 45], ['bing.com', 10], ['duckduckgo.com', 6], ['linkedin.com', 10],
  ['twitter.com', 8], ['news.ycombinator.com', 6], ['github.com', 10], ['reddit.com', 5],
];
const REFERRER_NULL_SHARE = 0.45;
// [type, weight, median memory MB, median latency ms]; the OS list decides the platform.
const DEVICE_TYPES = [
  ['desktop', 45, 900, 45], ['mobile', 35, 280, 110], ['tablet', 10, 380, 80], ['server', 10, 3200, 15],
] as const;
const OS_BY_DEVICE: Weighted[] = [
  [['windows', 55], ['macos', 35], ['linux', 10]],
  [['ios', 45], ['android', 55]],
  [['ipados', 60], ['android', 40]],
  [['linux', 100]],
];
const APP_VERSIONS: Weighted = [['3.4.2', 45], ['3.4.1', 25], ['3.3.0', 15], ['3.2.5', 10], ['2.9.8', 5]];

/** The seeded window: the 720 whole hours before `now` truncated to the hour (so reseeds within an hour match). */
export function seedWindow(now: Date): { from: Date; to: Date } {
  if (Number.isNaN(now.getTime())) throw new RangeError('seed: now is not a valid date');
  const to = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  return { from: new Date(to.getTime() - WINDOW_MS), to };
}

// ---- SQL fragments (pure; only code constants are inlined, never caller values) ----

function lit(s: string): string {
  if (!/^[A-Za-z0-9_.-]*$/.test(s)) throw new Error(`unsafe literal: ${s}`);
  return `'${s}'`;
}
const arr = (xs: readonly (string | number)[]) =>
  `[${xs.map((x) => (typeof x === 'string' ? lit(x) : String(x))).join(', ')}]`;

/** Uniform in (0, 1): a 64-bit hash scaled by 2^-64; the +0.5 keeps ln() away from 0. */
function rnd(key: string, salt: number): string {
  return `((cityHash64(${key}, {seed:UInt64}, ${salt}) + 0.5) * 5.421010862427522e-20)`;
}

/** Standard normal via Box-Muller, for log-normal durations, sizes and latencies. */
function normal(key: string, salt: number): string {
  return `(sqrt(-2 * log(${rnd(key, salt)})) * cos(2 * pi() * ${rnd(key, salt + 1)}))`;
}

/** 1-based index into `weights`, drawn with probability proportional to weight. */
function pickIndex(u: string, weights: readonly number[]): string {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const branches = weights.slice(0, -1).map((w, i) => `${u} < ${(acc += w) / total}, ${i + 1}`);
  if (branches.length === 0) return '1';
  return `multiIf(${[...branches, String(weights.length)].join(', ')})`;
}

function pick(u: string, choices: Weighted): string {
  return `${arr(choices.map((c) => c[0]))}[${pickIndex(u, choices.map((c) => c[1]))}]`;
}

/**
 * A millisecond offset into the window with the daily and weekly rhythm, by rejection sampling:
 * RHYTHM_TRIES candidates per key, each hash's low half placing it in the window and its high half
 * deciding acceptance with probability weight(hour, weekday). Hour and weekday come from plain
 * arithmetic on the offset (the window starts on a whole hour; 1970-01-01 was a Thursday), which
 * is far cheaper than date functions on every candidate. Needs `from_ms`, `from_hour` in scope.
 */
function rhythmOffsetMs(key: string, salt: number): string {
  const cands = `arrayMap(k -> cityHash64(${key}, {seed:UInt64}, ${salt}, k), range(${RHYTHM_TRIES}))`;
  const offset = (c: string) => `intDiv(bitAnd(${c}, 4294967295) * ${WINDOW_MS}, 4294967296)`;
  const weight =
    `${arr(HOUR_WEIGHTS)}[(from_hour + intDiv(${offset('c')}, 3600000)) % 24 + 1]` +
    ` * if((intDiv(from_ms + ${offset('c')}, 86400000) + 3) % 7 >= 5, ${WEEKEND_FACTOR}, 1)`;
  const accepted = `arrayFirstIndex(c -> bitShiftRight(c, 32) * 2.3283064365386963e-10 < ${weight}, ${cands} AS cands_${salt})`;
  return offset(`cands_${salt}[if(${accepted} AS acc_${salt} = 0, ${RHYTHM_TRIES}, acc_${salt})]`);
}

const WINDOW_WITH = `WITH {now:DateTime64(3, 'UTC')} - INTERVAL ${WINDOW_HOURS} HOUR AS from_ts,
  toUnixTimestamp64Milli(from_ts) AS from_ms, toHour(from_ts) AS from_hour`;

/** Tenant by volume share, and the size of its user population. */
function tenantColumns(u: string): string {
  return `${pickIndex(u, TENANT_SHARE)} AS ti, ${arr(DEMO_TENANTS)}[ti] AS tenant_id,
    ${arr(TENANT_USERS)}[ti] AS users`;
}
/**
 * Type, OS and platform of a device, hashed from (tenant_id, device_idx) alone, so a device has the
 * same type in every event and metric sample, and desktop/server samples never carry a battery.
 */
function deviceColumns(): string {
  const dev = (salt: number) => rnd('tenant_id, device_idx', salt);
  const os = `multiIf(${OS_BY_DEVICE.slice(0, -1).map((o, i) => `dt = ${i + 1}, ${pick(dev(41), o)}`).join(', ')}, ${pick(dev(41), OS_BY_DEVICE.at(-1)!)})`;
  return `${pickIndex(dev(40), DEVICE_TYPES.map((d) => d[1]))} AS dt,
    ${arr(DEVICE_TYPES.map((d) => d[0]))}[dt] AS device_type, ${os} AS os,
    multiIf(device_type = 'desktop', 'web', device_type = 'server', 'api', os IN ('ios', 'ipados'), 'ios', 'android') AS platform,
    concat(tenant_id, '-d', leftPad(toString(device_idx), 5, '0')) AS device_id`;
}

function eventsSql(db: string): string {
  const et = EVENT_TYPES;
  return `INSERT INTO ${db}.usage_events (tenant_id, timestamp, event_date, event_id, user_id, device_id,
    session_id, event_type, feature, platform, country, referrer, duration_ms, value, is_error)
  SELECT tenant_id, timestamp, toDate(timestamp), event_id, user_id, device_id, session_id, event_type,
    feature, platform, country, referrer, duration_ms, value, is_error
  FROM (${WINDOW_WITH}
  SELECT number AS n,
    -- the session this event belongs to, and everything that follows from it
    cityHash64(n, {seed:UInt64}, 1) % {sessions:UInt64} AS s,
    ${tenantColumns(rnd('s', 10))},
    -- power-law activity: low-numbered users are the heavy users
    toUInt32(floor(users * pow(${rnd('s', 11)}, 1.6))) AS user_idx,
    -- the first half of users own a second device (1.5 devices per user), used half the time
    toUInt32(user_idx + if(user_idx < intDiv(users, 2) AND ${rnd('s', 12)} < 0.5, users, 0)) AS device_idx,
    ${deviceColumns()},
    concat(tenant_id, '-u', leftPad(toString(user_idx), 5, '0')) AS user_id,
    ${pick(rnd('tenant_id, user_idx', 13), COUNTRIES)} AS country,
    concat(tenant_id, '-s', leftPad(lower(hex(cityHash64(s, {seed:UInt64}, 14))), 16, '0')) AS session_id,
    -- session length: log-normal, median 8 min, capped at 3 h; start pulled back so it ends by now
    toUInt64(least(exp(log(480) + ${normal('s', 15)}), 10800) * 1000) AS session_ms,
    least(${rhythmOffsetMs('s', 20)}, ${WINDOW_MS - 1} - session_ms) AS start_ms,
    fromUnixTimestamp64Milli(toInt64(from_ms + start_ms + toUInt64(${rnd('n', 30)} * session_ms)), 'UTC') AS timestamp,
    reinterpretAsUUID(bitOr(bitShiftLeft(toUInt128(cityHash64(n, {seed:UInt64}, 31)), 64), toUInt128(cityHash64(n, {seed:UInt64}, 32)))) AS event_id,
    ${pickIndex(rnd('n', 33), et.map((e) => e[1]))} AS ei,
    ${arr(et.map((e) => e[0]))}[ei] AS event_type,
    ${pick(rnd('n', 34), FEATURES)} AS feature,
    if(${rnd('n', 35)} < ${REFERRER_NULL_SHARE}, NULL, ${pick(rnd('n', 36), REFERRERS)}) AS referrer,
    toUInt32(least(exp(log(${arr(et.map((e) => e[2]))}[ei]) + 0.9 * ${normal('n', 37)}), 600000)) AS duration_ms,
    if(event_type = 'purchase', round(greatest(exp(log(39) + 0.8 * ${normal('n', 42)}), 0.99), 2), 0) AS value,
    event_type = 'error' OR (event_type = 'api_call' AND ${rnd('n', 41)} < 0.02) AS is_error
  FROM numbers({rows:UInt64}))`;
}

/** Sessions are the events grouped by session_id, so counts and bounds match the events exactly. */
function sessionsSql(db: string): string {
  return `INSERT INTO ${db}.user_sessions (tenant_id, started_at, ended_at, session_id, user_id, device_id,
    platform, country, duration_seconds, page_views, events, is_bounce)
  SELECT tenant_id, min(timestamp) AS started, max(timestamp) AS ended, session_id, any(user_id),
    any(device_id), any(platform), any(country),
    toUInt32(intDiv(toUnixTimestamp64Milli(ended) - toUnixTimestamp64Milli(started), 1000)),
    countIf(event_type = 'page_view') AS pv, count(), pv = 1
  FROM ${db}.usage_events GROUP BY tenant_id, session_id`;
}

function metricsSql(db: string): string {
  const typed = (values: readonly number[]) => arr(values) + '[dt]';
  return `INSERT INTO ${db}.device_metrics (tenant_id, timestamp, device_id, device_type, os, app_version,
    cpu_percent, memory_mb, battery_percent, network_latency_ms, is_online)
  SELECT tenant_id, timestamp, device_id, device_type, os, app_version, cpu_percent, memory_mb,
    battery_percent, network_latency_ms, is_online
  FROM (${WINDOW_WITH}
  SELECT number AS n,
    ${tenantColumns(rnd('n', 50))},
    toUInt32(floor(users * 1.5 * ${rnd('n', 51)})) AS device_idx,
    ${deviceColumns()},
    fromUnixTimestamp64Milli(toInt64(from_ms + ${rhythmOffsetMs('n', 52)}), 'UTC') AS timestamp,
    ${pick(rnd('n', 53), APP_VERSIONS)} AS app_version,
    round(if(device_type = 'server', 20 + 60 * ${rnd('n', 54)}, 100 * pow(${rnd('n', 54)}, 2.2)), 1) AS cpu_percent,
    round(exp(log(${typed(DEVICE_TYPES.map((d) => d[2]))}) + 0.5 * ${normal('n', 55)}), 1) AS memory_mb,
    if(device_type IN ('desktop', 'server'), NULL, round(5 + 95 * pow(${rnd('n', 57)}, 0.7), 1)) AS battery_percent,
    round(exp(log(${typed(DEVICE_TYPES.map((d) => d[3]))}) + 0.6 * ${normal('n', 58)}), 1) AS network_latency_ms,
    ${rnd('n', 60)} >= 0.03 AS is_online
  FROM numbers({rows:UInt64}))`;
}

// ---- I/O ----

const fmt = (n: number) => n.toLocaleString('en-US');

async function count(store: AnalyticsStore, table: string): Promise<number> {
  const r = await store.query(`SELECT count() FROM ${quoteIdent(store.database)}.${quoteIdent(table)}`);
  return Number(r.rows[0]?.[0] ?? 0);
}

/** Replaces the three analytics tables' contents with demo data; returns what was written. */
export async function seedAnalytics(store: AnalyticsStore, options: SeedOptions): Promise<SeedSummary> {
  const { usageEvents, seed = DEFAULT_SEED, onProgress = () => {} } = options;
  if (!Number.isSafeInteger(usageEvents) || usageEvents < 0) throw new RangeError('seed: usageEvents must be a non-negative integer');
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed: seed must be a non-negative integer');
  const { from, to } = seedWindow(options.now);
  const started = performance.now();
  const db = quoteIdent(store.database);
  // `to` is a whole hour: chDB binds a Date as 'YYYY-MM-DD HH:MM:SS' in UTC (milliseconds dropped),
  // so the placeholder must say 'UTC' or the session time zone would shift it.
  const base = { now: to, seed };

  for (const statement of analyticsSchemaSql(store.database)) await store.exec(statement);
  for (const table of ['usage_events', 'user_sessions', 'device_metrics']) {
    await store.exec(`TRUNCATE TABLE ${db}.${quoteIdent(table)}`);
  }

  const sessions = Math.max(1, Math.round(usageEvents / EVENTS_PER_SESSION));
  onProgress(`seeding usage_events: ${fmt(usageEvents)} rows…`);
  await store.exec(eventsSql(db), { ...base, rows: usageEvents, sessions });
  onProgress(`seeding user_sessions: ~${fmt(sessions)} rows…`);
  await store.exec(sessionsSql(db));
  const metrics = Math.round(usageEvents / EVENTS_PER_METRIC);
  onProgress(`seeding device_metrics: ${fmt(metrics)} rows…`);
  await store.exec(metricsSql(db), { ...base, rows: metrics });

  const summary: SeedSummary = {
    usageEvents: await count(store, 'usage_events'),
    userSessions: await count(store, 'user_sessions'),
    deviceMetrics: await count(store, 'device_metrics'),
    elapsedMs: Math.round(performance.now() - started),
    from,
    to,
  };
  onProgress(
    `seeded ${fmt(summary.usageEvents)} usage_events, ${fmt(summary.userSessions)} user_sessions, ` +
      `${fmt(summary.deviceMetrics)} device_metrics for ${DEMO_TENANTS.join(', ')} ` +
      `(${from.toISOString()} → ${to.toISOString()}) in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
  );
  return summary;
}

/** Rows in usage_events; 0 when the table (or database) does not exist yet, e.g. before the first seed. */
export async function analyticsRowCount(store: AnalyticsStore): Promise<number> {
  const exists = await store.query(`EXISTS TABLE ${quoteIdent(store.database)}.usage_events`);
  if (Number(exists.rows[0]?.[0] ?? 0) !== 1) return 0;
  return count(store, 'usage_events');
}
