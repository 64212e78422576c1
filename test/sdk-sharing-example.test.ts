/**
 * examples/share-dashboard.ts run as an integrator runs it (a child process with REPORTCAST_URL and
 * REPORTCAST_TOKEN, the built SDK): a dashboard from the Weekly performance template, shared with a
 * viewer (VIEW) and the editors' role, its PDF saved; the viewer can then read it; a user the
 * tenant has never seen is refused with the typed error and its path.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/src/config.js';
import { pdfText } from './support/pdf-text.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const run = promisify(execFile);
let app: TestApp;
let token: string;
let viewer: string;
const dir = mkdtempSync(join(tmpdir(), 'reportcast-share-example-'));

async function example(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'share-dashboard.ts', ...args], {
      cwd: join(REPO_ROOT, 'examples'), env: { ...process.env, REPORTCAST_URL: app.url, REPORTCAST_TOKEN: token }, timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, 'sdk/dist/esm/index.js'))) throw new Error('sdk/dist is missing: run `pnpm --filter @reportcast/sdk build` first');
  app = await startTestApp({ seedRows: 5_000 });
  token = await app.token('acme', 'editor', 'ed@acme');
  viewer = await app.token('acme', 'viewer', 'vic@acme');
  expect((await app.gql('{ me { userId } }', {}, viewer)).errors).toBeUndefined(); // vic has signed in
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/share-dashboard.ts', () => {
  it('makes, shares and saves a dashboard; the viewer can then open it', async () => {
    const pdf = join(dir, 'monday.pdf');
    const result = await example(['--name', 'Monday review', '--user', 'vic@acme', '--role', 'editor', '--level', 'VIEW', '--pdf', pdf]);
    expect(result.code, result.stderr).toBe(0);
    const id = /Created dashboard ([0-9a-f-]{36}): "Monday review" with 3 tiles/.exec(result.stdout)?.[1];
    expect(id).toBeDefined();
    expect(result.stdout).toContain('"Monday review" is shared with:\n  vic@acme: VIEW\n  everyone with the EDITOR role or higher: VIEW\n');
    const seen = await app.gql('query($id: ID!) { dashboard(id: $id) { name tiles { accessible } } }', { id }, viewer);
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.dashboard.tiles.map((t: any) => t.accessible)).toEqual([true, true, true]);
    const text = await pdfText(new Uint8Array(readFileSync(pdf)));
    for (const table of ['usage events', 'user sessions', 'device metrics']) expect(text).toContain(`Monday review · Weekly performance of ${table}`);
    expect(result.stdout).toMatch(/Saved Monday review\.pdf \(\d+ bytes\)/);
    // Run again: the same dashboard (found by name), nothing new made.
    const again = await example(['--name', 'Monday review']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('Created dashboard');
  }, 120_000);

  it('a user the tenant has never seen is refused with the typed error and its path', async () => {
    const result = await example(['--name', 'Monday review', '--user', 'stranger@acme']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Could not share the dashboard: BAD_USER_INPUT at principal.userId');
  }, 60_000);
});
