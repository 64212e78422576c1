/**
 * Issue 22: a burst of previews shares the lookups of its report, grants and masking while they
 * are in flight (platform/single-flight.ts) and checks each bearer token's signature once
 * (auth/verified-tokens.ts). Over the real API, PostgreSQL and chDB: concurrent previews of one
 * report by different tenants, users and roles each get their own answer (NOT_FOUND, masked,
 * clear), and a revoked grant, a changed masking policy and an expired token hold for the very
 * next request.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../server/src/features/auth/tokens.js';
import { startTestApp, errorCode, type TestApp } from './support/test-app.js';

let app: TestApp;
let admin: string; // acme admin, the report's owner
let vic: string; // acme viewer
let eddie: string; // acme editor
let gus: string; // globex admin
let report: string; // admin's private report over session_id (INTERNAL)

const PREVIEW = 'query($input: PreviewReportInput!) { previewReport(input: $input) { rows totalCount } }';
const GRANT = 'mutation($id: ID!, $p: PrincipalInput!) { grantAccess(objectType: REPORT, objectId: $id, principal: $p, level: VIEW) { id } }';
const REVOKE = 'mutation($id: ID!, $p: PrincipalInput!) { revokeAccess(objectType: REPORT, objectId: $id, principal: $p) }';
const POLICY = 'mutation($r: [MaskingRuleInput!]!) { updateMaskingPolicy(rules: $r) { isDefault } }';
const HEX64 = /^[0-9A-F]{64}$/;

type Outcome = { code: string } | { sessions: string[] };

async function preview(token: string): Promise<Outcome> {
  const res = await app.gql(PREVIEW, { input: { reportId: report, first: 50 } }, token);
  if (res.errors) return { code: errorCode(res) ?? 'unknown' };
  return { sessions: (res.data!.previewReport.rows as unknown[][]).map((r) => String(r[0])).sort() };
}

/** `n` previews by each token, all at once, interleaved. */
async function burst(tokens: string[], n = 8): Promise<Outcome[][]> {
  const all = await Promise.all(Array.from({ length: n }, () => tokens.map((t) => preview(t))).flat());
  return tokens.map((_, i) => all.filter((_, j) => j % tokens.length === i));
}

const clear = (o: Outcome) => 'sessions' in o && o.sessions.length > 0 && o.sessions.every((s) => !HEX64.test(s));
const hashed = (o: Outcome) => 'sessions' in o && o.sessions.length > 0 && o.sessions.every((s) => HEX64.test(s));

beforeAll(async () => {
  app = await startTestApp({ seedRows: 2_000 });
  admin = await app.token('acme', 'admin', 'ada@acme');
  vic = await app.token('acme', 'viewer', 'vic@acme');
  eddie = await app.token('acme', 'editor', 'eddie@acme');
  gus = await app.token('globex', 'admin', 'gus@globex');
  const db = app.runtime.analytics.database;
  await app.runtime.analytics.exec(
    `INSERT INTO ${db}.usage_events (tenant_id, timestamp, event_date, event_id, user_id, device_id, session_id, event_type, feature, platform, country, referrer, duration_ms, value, is_error)
     SELECT 'acme', toStartOfDay(now64(3, 'UTC')) - toIntervalHour(12) - toIntervalMinute(number), yesterday(), generateUUIDv4(), 'u', 'd', concat('sess-', toString(number % 4)), 'click', 'reports', 'web', 'FR', NULL, 1, 1.5, false
     FROM numbers(40)`);
  // Yesterday noon (UTC, acme's zone): inside the report's "last 1 day" (yesterday, whole) on any
  // day. The seeded events alone may leave yesterday empty (a quiet Sunday had none).
  const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
    i: { name: 'Sessions', isPublic: false, definition: { source: 'usage_events', dimensions: [{ field: 'session_id' }], measures: [{ fn: 'COUNT', alias: 'n' }], timeRange: { last: { n: 1, unit: 'DAY' } }, rowLimit: 1000 } },
  }, admin);
  expect(created.errors).toBeUndefined();
  report = created.data!.createReport.id;
  const policy = await app.gql(POLICY, { r: [{ role: 'viewer', classification: 'INTERNAL', mode: 'HASHED' }, { role: 'editor', classification: 'INTERNAL', mode: 'CLEAR' }] }, admin);
  expect(policy.errors).toBeUndefined();
}, 120_000);
afterAll(async () => app?.close());

describe('previews sharing their lookups', () => {
  it('answers each tenant, user and role of a concurrent burst on one report with its own access and masking', async () => {
    const [owner, viewer, editor, otherTenant] = await burst([admin, vic, eddie, gus]);
    for (const o of owner!) expect(clear(o), JSON.stringify(o)).toBe(true);
    // Private: not the viewer's nor the editor's, and another tenant's id is NOT_FOUND too.
    for (const o of [...viewer!, ...editor!, ...otherTenant!]) expect(o).toEqual({ code: 'NOT_FOUND' });

    expect((await app.gql(GRANT, { id: report, p: { userId: 'vic@acme' } }, admin)).errors).toBeUndefined();
    expect((await app.gql(GRANT, { id: report, p: { userId: 'eddie@acme' } }, admin)).errors).toBeUndefined();
    const [owner2, viewer2, editor2, other2] = await burst([admin, vic, eddie, gus]);
    for (const o of owner2!) expect(clear(o), JSON.stringify(o)).toBe(true);
    for (const o of editor2!) expect(clear(o), JSON.stringify(o)).toBe(true);
    // The same report, the same moment: the viewer role's masking, not the owner's.
    for (const o of viewer2!) expect(hashed(o), JSON.stringify(o)).toBe(true);
    for (const o of other2!) expect(o).toEqual({ code: 'NOT_FOUND' });
  });

  it('holds a revoked grant and a changed masking policy for the very next preview', async () => {
    await burst([vic, eddie], 4); // the lookups warm, as in a burst
    expect((await app.gql(REVOKE, { id: report, p: { userId: 'eddie@acme' } }, admin)).data!.revokeAccess).toBe(true);
    expect(await preview(eddie)).toEqual({ code: 'NOT_FOUND' });
    expect(hashed(await preview(vic))).toBe(true);

    expect((await app.gql(POLICY, { r: [{ role: 'viewer', classification: 'INTERNAL', mode: 'CLEAR' }] }, admin)).errors).toBeUndefined();
    expect(clear(await preview(vic))).toBe(true);
    expect((await app.gql(POLICY, { r: [{ role: 'viewer', classification: 'INTERNAL', mode: 'HIDDEN' }] }, admin)).errors).toBeUndefined();
    expect((await preview(vic) as { code: string }).code).toBe('BAD_USER_INPUT');

    expect((await app.gql(REVOKE, { id: report, p: { userId: 'vic@acme' } }, admin)).data!.revokeAccess).toBe(true);
    expect(await preview(vic)).toEqual({ code: 'NOT_FOUND' });
  });

  it('refuses a token that worked once as soon as it expires', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await issueToken(app.runtime.jwtSecret, { tenantId: 'acme', role: 'admin', userId: 'ada@acme', ttlSeconds: exp - Math.floor(Date.now() / 1000) });
    expect(clear(await preview(token))).toBe(true);
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    const res = await app.gql(PREVIEW, { input: { reportId: report, first: 50 } }, token);
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});
