/**
 * The catalog: the only ClickHouse tables and columns a report may touch.
 *
 * Pure data, no I/O. The query compiler takes identifiers from here and nowhere else, so a name a
 * user typed can never reach SQL text. The tenant column is deliberately absent from every table's
 * column list: it is applied by the compiler, never chosen.
 */

import type { Classification } from './masking.js';

export type ColumnKind = 'STRING' | 'NUMBER' | 'DATETIME' | 'DATE' | 'BOOLEAN';

export interface CatalogColumn {
  name: string;
  /** ClickHouse type as declared in the DDL (analytics-schema.ts). */
  chType: string;
  kind: ColumnKind;
  label: string;
  description: string;
  nullable: boolean;
  /** May be grouped by (a dimension). */
  dimension: boolean;
  /** May be the argument of SUM/AVG/MIN/MAX (UNIQ and COUNT accept any dimension column). */
  measure: boolean;
  /** May appear in a filter. */
  filter: boolean;
  /** May bound the report's time range and be bucketed by grain. */
  time: boolean;
  /**
   * Ids and other values nearly unique per row: offering "pick a value" lists for them would leak
   * a sample of raw rows and help nobody, so `columnValues` refuses them.
   */
  freeText: boolean;
  /**
   * How sensitive the values are (masking.ts): PII identifies a person or their device; INTERNAL
   * is ours but not personal (event and session ids, referrers); PUBLIC everything else.
   */
  classification: Classification;
}

export interface CatalogTable {
  name: string;
  label: string;
  description: string;
  /** The column a time range applies to when the definition names none. */
  defaultTimeColumn: string;
  columns: CatalogColumn[];
}

/** Never exposed, always applied. */
export const TENANT_COLUMN = 'tenant_id';

type ColumnShort = Pick<CatalogColumn, 'name' | 'chType' | 'kind' | 'label' | 'description'> &
  Partial<Pick<CatalogColumn, 'measure' | 'time' | 'nullable' | 'dimension' | 'freeText' | 'classification'>>;

function column(c: ColumnShort): CatalogColumn {
  const numeric = c.kind === 'NUMBER';
  const temporal = c.kind === 'DATETIME' || c.kind === 'DATE';
  return {
    nullable: false,
    dimension: true,
    filter: true,
    measure: numeric,
    time: temporal,
    freeText: false,
    classification: 'PUBLIC',
    ...c,
  };
}

export const CATALOG: readonly CatalogTable[] = [
  {
    name: 'usage_events',
    label: 'Usage events',
    description: 'One row per product event (page views, clicks, API calls, exports, errors...).',
    defaultTimeColumn: 'timestamp',
    columns: [
      column({ name: 'timestamp', chType: "DateTime64(3, 'UTC')", kind: 'DATETIME', label: 'Timestamp', description: 'When the event happened (UTC).' }),
      column({ name: 'event_date', chType: 'Date', kind: 'DATE', label: 'Event date', description: 'UTC calendar day of the event.' }),
      column({ name: 'event_id', chType: 'UUID', kind: 'STRING', label: 'Event ID', description: 'Unique id of the event.', freeText: true, classification: 'INTERNAL' }),
      column({ name: 'user_id', chType: 'String', kind: 'STRING', label: 'User', description: 'The user who caused the event.', freeText: true, classification: 'PII' }),
      column({ name: 'device_id', chType: 'String', kind: 'STRING', label: 'Device', description: 'The device the event came from.', freeText: true, classification: 'PII' }),
      column({ name: 'session_id', chType: 'String', kind: 'STRING', label: 'Session', description: 'The session the event belongs to.', freeText: true, classification: 'INTERNAL' }),
      column({ name: 'event_type', chType: 'LowCardinality(String)', kind: 'STRING', label: 'Event type', description: 'page_view, click, api_call, login, search, export, error, purchase, logout.' }),
      column({ name: 'feature', chType: 'LowCardinality(String)', kind: 'STRING', label: 'Feature', description: 'Product area the event happened in.' }),
      column({ name: 'platform', chType: 'LowCardinality(String)', kind: 'STRING', label: 'Platform', description: 'web, ios, android or api.' }),
      column({ name: 'country', chType: 'LowCardinality(String)', kind: 'STRING', label: 'Country', description: 'ISO 3166 country code of the client.' }),
      column({ name: 'referrer', chType: 'Nullable(String)', kind: 'STRING', label: 'Referrer', description: 'Referring host, when known.', nullable: true, classification: 'INTERNAL' }),
      column({ name: 'duration_ms', chType: 'UInt32', kind: 'NUMBER', label: 'Duration (ms)', description: 'Time the action took.' }),
      column({ name: 'value', chType: 'Float64', kind: 'NUMBER', label: 'Value', description: 'Monetary value of purchases, 0 otherwise.' }),
      column({ name: 'is_error', chType: 'Bool', kind: 'BOOLEAN', label: 'Is error', description: 'Whether the event recorded a failure.' }),
    ],
  },
  {
    name: 'user_sessions',
    label: 'User sessions',
    description: 'One row per user session, with its length and activity.',
    defaultTimeColumn: 'started_at',
    columns: [
      column({ name: 'started_at', chType: "DateTime64(3, 'UTC')", kind: 'DATETIME', label: 'Started at', description: 'Session start (UTC).' }),
      column({ name: 'ended_at', chType: "DateTime64(3, 'UTC')", kind: 'DATETIME', label: 'Ended at', description: 'Session end (UTC).' }),
      column({ name: 'session_id', chType: 'String', kind: 'STRING', label: 'Session', description: 'Unique id of the session.', freeText: true, classification: 'INTERNAL' }),
      column({ name: 'user_id', chType: 'String', kind: 'STRING', label: 'User', description: 'The user of the session.', freeText: true, classification: 'PII' }),
      column({ name: 'device_id', chType: 'String', kind: 'STRING', label: 'Device', description: 'The device of the session.', freeText: true, classification: 'PII' }),
      column({ name: 'platform', chType: 'LowCardinality(String)', kind: 'STRING', label: 'Platform', description: 'web, ios, android or api.' }),
      column({ name: 'country', chType: 'LowCardinality(String)', kind: 'STRING', label: 'Country', description: 'ISO 3166 country code.' }),
      column({ name: 'duration_seconds', chType: 'UInt32', kind: 'NUMBER', label: 'Duration (s)', description: 'Session length in seconds.' }),
      column({ name: 'page_views', chType: 'UInt32', kind: 'NUMBER', label: 'Page views', description: 'Pages viewed in the session.' }),
      column({ name: 'events', chType: 'UInt32', kind: 'NUMBER', label: 'Events', description: 'Events recorded in the session.' }),
      column({ name: 'is_bounce', chType: 'Bool', kind: 'BOOLEAN', label: 'Bounced', description: 'Left after a single page view.' }),
    ],
  },
  {
    name: 'device_metrics',
    label: 'Device metrics',
    description: 'Periodic health samples reported by devices.',
    defaultTimeColumn: 'timestamp',
    columns: [
      column({ name: 'timestamp', chType: "DateTime64(3, 'UTC')", kind: 'DATETIME', label: 'Timestamp', description: 'When the sample was taken (UTC).' }),
      column({ name: 'device_id', chType: 'String', kind: 'STRING', label: 'Device', description: 'The reporting device.', freeText: true, classification: 'PII' }),
      column({ name: 'device_type', chType: 'LowCardinality(String)', kind: 'STRING', label: 'Device type', description: 'desktop, mobile, tablet or server.' }),
      column({ name: 'os', chType: 'LowCardinality(String)', kind: 'STRING', label: 'OS', description: 'Operating system.' }),
      column({ name: 'app_version', chType: 'LowCardinality(String)', kind: 'STRING', label: 'App version', description: 'Version of the client app.' }),
      column({ name: 'cpu_percent', chType: 'Float64', kind: 'NUMBER', label: 'CPU %', description: 'CPU utilisation, 0-100.' }),
      column({ name: 'memory_mb', chType: 'Float64', kind: 'NUMBER', label: 'Memory (MB)', description: 'Resident memory of the app.' }),
      column({ name: 'battery_percent', chType: 'Nullable(Float64)', kind: 'NUMBER', label: 'Battery %', description: 'Battery level; null on devices without one.', nullable: true }),
      column({ name: 'network_latency_ms', chType: 'Float64', kind: 'NUMBER', label: 'Latency (ms)', description: 'Round trip to the API.' }),
      column({ name: 'is_online', chType: 'Bool', kind: 'BOOLEAN', label: 'Online', description: 'Whether the device had connectivity.' }),
    ],
  },
];

export function findTable(name: string): CatalogTable | undefined {
  return CATALOG.find((t) => t.name === name);
}

export function findColumn(table: CatalogTable, name: string): CatalogColumn | undefined {
  return table.columns.find((c) => c.name === name);
}
