/**
 * The newcomer's path, end to end and always embedded: `start` with no DATABASE_URL or
 * CLICKHOUSE_URL boots embedded PostgreSQL and chDB, migrates, seeds demo data, serves the API;
 * CLI commands find the running server through DATA_DIR; Ctrl-C stops everything; a second start
 * reuses the data.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REPO_ROOT } from '../server/src/config.js';
import { createTempDir } from './support/databases.js';

const TSX = join(REPO_ROOT, 'server', 'node_modules', '.bin', 'tsx');
const MAIN = join(REPO_ROOT, 'server', 'src', 'main.ts');
const dataDir = createTempDir('reportcast-embedded-');

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir.path, PORT: '0', DEMO_SEED_ROWS: '20000', NODE_ENV: 'development' };
  delete e.DATABASE_URL;
  delete e.CLICKHOUSE_URL;
  delete e.JWT_SECRET;
  delete e.TEST_DATABASE_URL;
  return e;
}

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function start(): Promise<Running> {
  const child = spawn(TSX, [MAIN, 'start'], { env: env(), cwd: join(REPO_ROOT, 'server'), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Reportcast is up: (http:\/\/localhost:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before starting:\n${output}`)));
  });
  return { child, url, output: () => output, exited };
}

function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [MAIN, ...args], { env: env(), cwd: join(REPO_ROOT, 'server'), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function gql(url: string, token: string, query: string) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

let running: Running | undefined;
afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill('SIGINT');
    await running.exited;
  }
  dataDir.remove();
});

describe('pnpm start on embedded defaults', () => {
  let reportId: string;

  it('boots embedded Postgres and chDB, migrates, seeds and serves', async () => {
    running = await start();
    const out = running.output();
    expect(out).toContain('initialising embedded PostgreSQL');
    expect(out).toContain('applied migrations: 0001_reports.sql');
    expect(out).toMatch(/seeded 20,000 usage_events/);
    expect(out).toContain('pnpm cli token --tenant acme --role admin');
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', postgres: true, clickhouse: true });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    expect(existsSync(join(dataDir.path, 'pg', 'PG_VERSION'))).toBe(true);
    // Started with synchronous I/O (embedded-postgres.ts: no I/O workers on a small machine).
    const discovery = JSON.parse(readFileSync(join(dataDir.path, 'pg.json'), 'utf8')) as { port: number; user: string; password: string; database: string };
    const client = new pg.Client({ host: '127.0.0.1', port: discovery.port, user: discovery.user, password: discovery.password, database: discovery.database });
    await client.connect();
    try {
      expect((await client.query<{ io_method: string }>('SHOW io_method')).rows[0]!.io_method).toBe('sync');
    } finally {
      await client.end();
    }
    expect(existsSync(join(dataDir.path, 'clickhouse'))).toBe(true);
  });

  it('issues a working token from the CLI beside the running server', async () => {
    const { code, out } = await cli('token', '--tenant', 'acme', '--role', 'admin');
    expect(code).toBe(0);
    const token = out.trim();
    const res = await gql(running!.url, token, '{ reports { edges { node { id name } } } }');
    const usage = res.data.reports.edges.find((e: any) => e.node.name === 'Usage Summary');
    expect(usage).toBeDefined();
    reportId = usage.node.id;
    const preview = await gql(running!.url, token, `{ previewReport(input: { reportId: "${reportId}", first: 3 }) { rows totalCount } }`);
    expect(preview.data.previewReport.rows).toHaveLength(3);
    expect(preview.data.previewReport.totalCount).toBeGreaterThan(3);
  });

  it('lets migrate reuse the running Postgres and refuses what needs the owned chDB', async () => {
    const migrate = await cli('migrate');
    expect(migrate.code).toBe(0);
    expect(migrate.out).toContain('embedded PostgreSQL already running');
    const seed = await cli('seed', '--rows', '1000');
    expect(seed.code).toBe(1);
    expect(seed.out).toMatch(/stop it first/);
    const second = await cli('start');
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/already owns/);
  });

  it('stops cleanly on SIGINT, embedded Postgres included', async () => {
    running!.child.kill('SIGINT');
    expect(await running!.exited).toBe(0);
    expect(running!.output()).toContain('stopped');
    expect(existsSync(join(dataDir.path, 'pg.json'))).toBe(false);
    expect(existsSync(join(dataDir.path, 'server.json'))).toBe(false);
    expect(existsSync(join(dataDir.path, 'pg', 'postmaster.pid'))).toBe(false);
  });

  it('reuses the data on a second start', async () => {
    running = await start();
    const out = running.output();
    expect(out).not.toContain('initialising embedded PostgreSQL');
    expect(out).not.toContain('seeding');
    const token = (await cli('token', '--tenant', 'acme', '--role', 'viewer')).out.trim();
    const res = await gql(running.url, token, `{ report(id: "${reportId}") { name } }`);
    expect(res.data.report.name).toBe('Usage Summary');
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
  });
});
