/**
 * DDL of the analytics tables, derived from the catalog so the two cannot drift: every catalog
 * column becomes a table column, plus the tenant column that the catalog hides. MergeTree ordered
 * by (tenant_id, time) so every tenant-scoped, time-bounded report reads a narrow range.
 */
import { CATALOG, TENANT_COLUMN, type CatalogTable } from '../catalog/catalog.js';
import { quoteIdent } from '../catalog/sql-identifier.js';

export function createDatabaseSql(database: string): string {
  return `CREATE DATABASE IF NOT EXISTS ${quoteIdent(database)}`;
}

export function createTableSql(database: string, table: CatalogTable): string {
  const columns = [
    `${quoteIdent(TENANT_COLUMN)} LowCardinality(String)`,
    ...table.columns.map((c) => `${quoteIdent(c.name)} ${c.chType}`),
  ];
  return [
    `CREATE TABLE IF NOT EXISTS ${quoteIdent(database)}.${quoteIdent(table.name)} (`,
    `  ${columns.join(',\n  ')}`,
    `) ENGINE = MergeTree`,
    `ORDER BY (${quoteIdent(TENANT_COLUMN)}, ${quoteIdent(table.defaultTimeColumn)})`,
  ].join('\n');
}

/** Statements that create the database and every catalog table, in order. */
export function analyticsSchemaSql(database: string): string[] {
  return [createDatabaseSql(database), ...CATALOG.map((t) => createTableSql(database, t))];
}
