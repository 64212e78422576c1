/**
 * An audited read over HTTP (graphql/http.ts answerOnlyAudited, audit.service.ts
 * deferReadEntries): the operation gives its place at the tenant gate back once it has executed,
 * and its answer waits for its audit entry; an entry that cannot be written withholds the answer.
 * Against the real app and PostgreSQL: the entries are held by a lock on audit_log, or refused by a
 * trigger.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { SharedQueryStore } from '../server/src/platform/shared-query-store.js';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';

const PREVIEW = 'query($d: ReportDefinitionInput!) { previewReport(input: { definition: $d }) { totalCount } }';
const COUNT = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };

describe('audited reads and the tenant gate', () => {
  let app: TestApp;
  let sql: pg.Client;
  beforeAll(async () => {
    app = await startTestApp({ seedRows: 2_000, env: { API_TENANT_CONCURRENCY: '1', API_TENANT_QUEUE: '10', RATE_LIMIT_PER_MINUTE: '100000' } });
    sql = new pg.Client({ connectionString: app.runtime.databaseUrl });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    await app?.close();
  });

  /** The gate's operations running and waiting (all tenants: only acme sends here), from /metrics. */
  const gate = async () => {
    const text = await (await fetch(`${app.url}/metrics`)).text();
    const value = (state: string) => Number(text.match(new RegExp(`^reportcast_graphql_tenant_operations\\{state="${state}"\\} (\\d+)$`, 'm'))?.[1] ?? NaN);
    return { running: value('running'), waiting: value('waiting') };
  };
  /** Analytics reads the previews were served: run, joined or from the cache. */
  const reads = () => {
    const store = app.runtime.analytics;
    if (!(store instanceof SharedQueryStore)) throw new Error('the runtime should share its analytics reads');
    const { loads, joined, hits } = store.stats();
    return loads + joined + hits;
  };
  const previewEntries = async (actor: string) =>
    Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE action = 'report.preview' AND actor = $1`, [actor])).rows[0]!.n);
  /** Waits for a condition (fails after 20 s, saying what it saw). */
  const until = async (what: string, check: () => Promise<boolean> | boolean) => {
    const deadline = Date.now() + 20_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; gate ${JSON.stringify(await gate())}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('a preview waiting for its audit entry holds no place: the tenant\'s next one runs meanwhile, and neither answers before its entry is committed', async () => {
    const token = await app.token('acme', 'viewer', 'held-audit');
    // The token's first use writes its own entry (auth.token_use) before any operation: done now.
    expect((await app.gql('{ __typename }', {}, token)).status).toBe(200);
    const locker = new pg.Client({ connectionString: app.runtime.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // Blocks INSERTs into audit_log (not reads) until COMMIT.
      await locker.query('LOCK TABLE audit_log IN EXCLUSIVE MODE');
      const settled: string[] = [];
      const send = (name: string) => app.gql(PREVIEW, { d: COUNT }, token).then((r) => { settled.push(name); return r; });
      const first = send('first');
      // Its entry's INSERT is waiting for the lock: the preview has executed.
      await until('the first entry to wait for the lock', async () =>
        Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM pg_locks WHERE relation = 'audit_log'::regclass AND NOT granted`)).rows[0]!.n) >= 1);
      // With API_TENANT_CONCURRENCY 1, a second preview could not run if the first still held acme's place.
      await until('the first to give its place back', async () => (await gate()).running === 0);
      const served = reads();
      const second = send('second');
      // Admitted and executed: its count and page were served (from the cache or the engine), and it holds no place either.
      await until('the second to execute as well', async () => reads() >= served + 2 && JSON.stringify(await gate()) === JSON.stringify({ running: 0, waiting: 0 }));
      expect(await gate()).toEqual({ running: 0, waiting: 0 });
      expect(settled).toEqual([]);
      await locker.query('COMMIT');
      const answers: GraphQLResponse[] = await Promise.all([first, second]);
      for (const a of answers) {
        expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
        expect(a.data!.previewReport.totalCount).toBeGreaterThan(0);
      }
      expect(await previewEntries('held-audit')).toBe(2);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }

  }, 60_000);

  it('a preview whose audit entry cannot be written is answered with an error, never its data', async () => {
    const token = await app.token('acme', 'viewer', 'audit-refused');
    expect((await app.gql('{ __typename }', {}, token)).status).toBe(200);
    await sql.query(`CREATE FUNCTION refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.actor = 'audit-refused' AND NEW.action = 'report.preview' THEN RAISE EXCEPTION 'audit entry refused by the test'; END IF; RETURN NEW; END $$`);
    await sql.query('CREATE TRIGGER refuse_test_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_test_audit()');
    try {
      const refused = await app.gql(PREVIEW, { d: COUNT }, token);
      expect(refused.status).toBe(500);
      expect(errorCode(refused)).toBe('INTERNAL_SERVER_ERROR');
      expect(refused.data ?? null).toBeNull();
      expect(JSON.stringify(refused)).not.toMatch(/totalCount|refused by the test/);
      // Its place was given back: the tenant's next operation runs.
      expect(await gate()).toEqual({ running: 0, waiting: 0 });
      const other = await app.gql(PREVIEW, { d: COUNT }, await app.token('acme', 'viewer', 'audit-fine'));
      expect(other.errors, JSON.stringify(other.errors)).toBeUndefined();
      expect(other.data!.previewReport.totalCount).toBeGreaterThan(0);
    } finally {
      await sql.query('DROP TRIGGER refuse_test_audit ON audit_log');
      await sql.query('DROP FUNCTION refuse_test_audit()');
    }
  }, 60_000);
});
