import 'reflect-metadata';
/**
 * The read rule as SQL (readable.ts), on a real PostgreSQL: readableBy with bound values, and
 * readableCondition over column expressions as the export claim uses it (the schedule's owner and
 * role read in the same statement). Both must give the rule of sharing/access.ts: admins read
 * everything of their tenant; anyone reads a public report or a tenant-wide dashboard; the creator
 * reads their own; a USER grant reaches its user; a ROLE grant reaches that role and the stronger
 * ones; nothing reaches another tenant's object or one that is gone.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import type { Role } from '../auth/viewer.js';
import type { SharedObjectType } from './access.js';
import { readableBy, readableCondition } from './readable.js';

let app: TestApp;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(query, params);

const privateReport = randomUUID();
const publicReport = randomUUID();
const privateDashboard = randomUUID();
const tenantDashboard = randomUUID();
const globexReport = randomUUID();

beforeAll(async () => {
  app = await startTestApp({ seedRows: 10 });
  const definition = '{"source":"usage_events","measures":[{"fn":"COUNT"}]}';
  await sql(`INSERT INTO reports (id, tenant_id, name, definition, row_limit, is_public, created_by) VALUES
    (?, 'acme', 'Private', ?::jsonb, 10, false, 'olga@acme'), (?, 'acme', 'Public', ?::jsonb, 10, true, 'olga@acme'),
    (?, 'globex', 'Theirs', ?::jsonb, 10, true, 'gus@globex')`, [privateReport, definition, publicReport, definition, globexReport, definition]);
  await sql(`INSERT INTO dashboards (id, tenant_id, name, visibility, created_by) VALUES (?, 'acme', 'Mine', 'PRIVATE', 'olga@acme'), (?, 'acme', 'Ours', 'TENANT', 'olga@acme')`,
    [privateDashboard, tenantDashboard]);
  const grant = (type: SharedObjectType, id: string, principalType: 'USER' | 'ROLE', principal: string) => sql(
    `INSERT INTO access_grants (id, tenant_id, object_type, object_id, principal_type, principal, level, granted_by) VALUES (?, 'acme', ?, ?, ?, ?, 'VIEW', 'olga@acme')`,
    [randomUUID(), type, id, principalType, principal]);
  await grant('REPORT', privateReport, 'USER', 'ed@acme');
  await grant('REPORT', privateReport, 'ROLE', 'EDITOR');
  await grant('DASHBOARD', privateDashboard, 'ROLE', 'VIEWER');
}, 180_000);

afterAll(async () => {
  await app?.close();
});

/** [type, object, tenant, user, role, may read] */
const CASES: [SharedObjectType, () => string, string, string, Role, boolean][] = [
  ['REPORT', () => privateReport, 'acme', 'olga@acme', 'viewer', true], // the creator, whatever their role
  ['REPORT', () => privateReport, 'acme', 'ed@acme', 'viewer', true], // a USER grant
  ['REPORT', () => privateReport, 'acme', 'eve@acme', 'editor', true], // a ROLE grant to editors
  ['REPORT', () => privateReport, 'acme', 'vic@acme', 'viewer', false], // editors' grant does not reach a viewer
  ['REPORT', () => privateReport, 'acme', 'ada@acme', 'admin', true], // admins: everything of their tenant (and EDITOR reaches them too)
  ['REPORT', () => publicReport, 'acme', 'vic@acme', 'viewer', true],
  ['REPORT', () => globexReport, 'acme', 'ada@acme', 'admin', false], // another tenant's, even public, even for an admin
  ['REPORT', () => randomUUID(), 'acme', 'ada@acme', 'admin', false], // gone
  ['DASHBOARD', () => privateDashboard, 'acme', 'vic@acme', 'viewer', true], // a ROLE grant to viewers
  ['DASHBOARD', () => privateDashboard, 'acme', 'eve@acme', 'editor', true], // …reaches the stronger roles too
  ['DASHBOARD', () => privateDashboard, 'globex', 'gus@globex', 'admin', false],
  ['DASHBOARD', () => tenantDashboard, 'acme', 'vic@acme', 'viewer', true],
  ['REPORT', () => privateDashboard, 'acme', 'vic@acme', 'viewer', false], // the id of the other type
];

describe('the read rule as SQL', () => {
  it('readableBy gives the rule for bound values', async () => {
    const got = [];
    for (const [type, id, tenantId, userId, role] of CASES) got.push(await readableBy(app.runtime.orm.em.fork(), { tenantId, userId, role }, type, id()));
    expect(got).toEqual(CASES.map((c) => c[5]));
  });

  it('readableCondition gives the same over column expressions, every case in one statement', async () => {
    const rows = CASES.map(([type, id, tenant, user, role], i) => ({ i, type, id: id(), tenant, user, role }));
    const [report, reportParams] = readableCondition('REPORT', { id: 'r.id', tenant: 'r.tenant' }, { user: 'r.usr', role: 'r.role' });
    const [dashboard, dashboardParams] = readableCondition('DASHBOARD', { id: 'r.id', tenant: 'r.tenant' }, { user: 'r.usr', role: 'r.role' });
    const got = await sql<{ i: number; ok: boolean }>(
      `SELECT r.i, CASE WHEN r.type = 'REPORT' THEN ${report} ELSE ${dashboard} END AS ok
         FROM jsonb_to_recordset(?::jsonb) AS r(i int, type text, id uuid, tenant text, usr text, role text) ORDER BY r.i`,
      [...reportParams, ...dashboardParams, JSON.stringify(rows.map(({ user, ...r }) => ({ ...r, usr: user })))]);
    expect(got.map((r) => r.ok)).toEqual(CASES.map((c) => c[5]));
  });
});
