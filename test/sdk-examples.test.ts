/**
 * The examples in examples/ run as an integrator would run them: child processes configured by
 * REPORTCAST_URL and REPORTCAST_TOKEN, against a real server, using the built SDK (sdk/dist, made
 * by `pnpm --filter @reportcast/sdk build`, which `pnpm test` runs first).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/src/config.js';
import { parseCsv } from './support/csv.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
const EXAMPLES = join(REPO_ROOT, 'examples');
let app: TestApp;
let token: string;
const dir = mkdtempSync(join(tmpdir(), 'reportcast-examples-'));

/** Runs an example to its end; never rejects, so a failure shows its output in the assertion. */
async function example(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: EXAMPLES,
      env: { ...process.env, REPORTCAST_URL: app.url, REPORTCAST_TOKEN: token, ...env },
      timeout: 45_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'sdk/dist/esm/index.js'))) throw new Error('sdk/dist is missing: run `pnpm --filter @reportcast/sdk build` first');
  app = await startTestApp({ seedRows: 20_000, worker: true });
  token = await app.token('acme', 'editor', 'ed@acme');
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/', () => {
  it('export-report writes the report to a file, drawing progress up to 100%', async () => {
    const out = join(dir, 'usage.csv');
    const result = await example('export-report.ts', ['--report', 'Usage Summary', '--format', 'csv', '--out', out]);
    expect(result.stderr).toMatch(/\[#{30}\] 100\.0%/);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/PENDING/);
    expect(lines.at(-1)).toMatch(/COMPLETED$/);

    const [header, ...rows] = parseCsv(readFileSync(out, 'utf8'));
    expect(header).toEqual(['date', 'event_type', 'total_events', 'unique_users', 'unique_devices']);
    const listed = await app.gql('{ exports(first: 1) { edges { node { rowCount fileSize checksum initiatedBy } } } }', {}, token);
    const latest = listed.data!.exports.edges[0].node;
    expect(latest.initiatedBy).toBe('ed@acme');
    expect(rows.length).toBe(latest.rowCount);
    expect(result.stdout).toContain(`Saved ${out}: ${latest.fileSize} bytes, ${latest.rowCount} rows, sha256 ${latest.checksum}`);
  });

  it('export-report fails with the typed error for a bad token', async () => {
    const result = await example('export-report.ts', ['--out', join(dir, 'never.csv')], { REPORTCAST_TOKEN: 'expired-or-forged' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Export failed: UNAUTHENTICATED');
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('weekly-schedule creates a weekly schedule and prints its next runs', async () => {
    const result = await example('weekly-schedule.ts', ['--report', 'Usage Summary', '--day', '1', '--hour', '9', '--timezone', 'America/New_York', '--format', 'csv', '--to', 'ops@example.com', '--name', 'Monday usage']);
    expect(result.code, result.stderr).toBe(0);
    const id = /Created schedule ([0-9a-f-]{36})/.exec(result.stdout)?.[1];
    expect(id).toBeDefined();
    const res = await app.gql('query($id: ID!) { schedule(id: $id) { name cron timezone format recipients status upcomingRuns(count: 3) { local } } }', { id }, token);
    expect(res.data!.schedule).toMatchObject({ name: 'Monday usage', cron: '0 9 * * 1', timezone: 'America/New_York', format: 'CSV', recipients: ['ops@example.com'], status: 'ACTIVE' });
    for (const run of res.data!.schedule.upcomingRuns) expect(result.stdout).toContain(run.local);
  });

  it('weekly-schedule reports bad input with its path', async () => {
    const result = await example('weekly-schedule.ts', ['--timezone', 'Mars/Olympus']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BAD_USER_INPUT at input\.timezone: /);
  });
});
