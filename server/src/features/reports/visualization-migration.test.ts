/**
 * Migration 0013 on a real PostgreSQL: stored free-form visualizations become typed ones or NULL
 * (the default chart), and every migrated value reads back unchanged through storedVisualization
 * (the same rules in SQL and TypeScript).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createTempDir, createTestDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { MIGRATIONS_DIR, applyMigrations, migrationFiles } from '../../platform/migrations.js';
import { storedVisualization } from './stored-visualization.js';

const MIGRATION = '0013_typed_visualization.sql';
const definition = { source: 'usage_events', dimensions: [{ field: 'platform', grain: null, alias: 'platform' }], measures: [{ fn: 'COUNT', field: null, alias: 'events' }, { fn: 'UNIQ', field: 'user_id', alias: 'users' }] };

const cases: [string, unknown, unknown][] = [
  ['a chart name in `chart`', { chart: 'bar' }, { type: 'BAR' }],
  ['`type` with known fields of the right types', { type: 'line', stacked: true, xAxisLabel: 'Day', yAxisLabel: '件数', maxPoints: 200, title: 'dropped' }, { type: 'LINE', stacked: true, xAxisLabel: 'Day', yAxisLabel: '件数', maxPoints: 200 }],
  ['donut as a type', { type: 'Donut' }, { type: 'PIE', donut: true }],
  ['column and kpi', { chartType: 'column', stacked: 'yes' }, { type: 'BAR' }],
  ['series: only measures of the definition, in order', { type: 'bar', series: ['users', 'nope', 7, 'events'] }, { type: 'BAR', series: ['users', 'events'] }],
  ['series naming no measure', { type: 'area', series: ['nope'] }, { type: 'AREA' }],
  ['bad bounds dropped', { type: 'pie', maxPoints: 0.5, xAxisLabel: 'x'.repeat(101), yAxisLabel: '  ' }, { type: 'PIE' }],
  ['an unknown type', { type: 'sankey' }, null],
  ['no type', { title: 'x' }, null],
  ['not an object', ['bar'], null],
  ['JSON null', 'null', null],
];

let db: TestDatabase;
let client: pg.Client;
const dir = createTempDir('reportcast-migrations-');

beforeAll(async () => {
  db = await createTestDatabase();
  // Everything before 0013, then rows as older versions stored them, then 0013.
  for (const file of migrationFiles().filter((f) => f < MIGRATION)) copyFileSync(join(MIGRATIONS_DIR, file), join(dir.path, file));
  await applyMigrations(db.url, dir.path);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  for (const [i, [, stored]] of cases.entries()) {
    await client.query(
      `INSERT INTO reports (id, tenant_id, name, definition, visualization, row_limit, created_by) VALUES (gen_random_uuid(), 'acme', $1, $2, $3::jsonb, 100, 'ed')`,
      [`r${i}`, definition, stored === 'null' ? 'null' : JSON.stringify(stored)]);
  }
  await client.query(`INSERT INTO reports (id, tenant_id, name, definition, visualization, row_limit, created_by) VALUES (gen_random_uuid(), 'acme', 'none', $1, NULL, 100, 'ed')`, [definition]);
  copyFileSync(join(MIGRATIONS_DIR, MIGRATION), join(dir.path, MIGRATION));
  expect(await applyMigrations(db.url, dir.path)).toEqual([MIGRATION]);
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
  dir.remove();
});

describe('migration 0013: typed visualizations', () => {
  it.each(cases.map(([name, stored, expected], i) => [name, i, stored, expected] as const))('%s', async (_name, i, _stored, expected) => {
    const { rows } = await client.query<{ visualization: unknown }>('SELECT visualization FROM reports WHERE name = $1', [`r${i}`]);
    expect(rows[0]!.visualization).toEqual(expected);
    expect(storedVisualization(rows[0]!.visualization)).toEqual(expected);
  });

  it('leaves reports without a visualization alone', async () => {
    const { rows } = await client.query<{ visualization: unknown }>(`SELECT visualization FROM reports WHERE name = 'none'`);
    expect(rows[0]!.visualization).toBeNull();
  });
});
