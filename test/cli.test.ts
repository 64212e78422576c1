/**
 * The CLI's refusals and help, run as a user runs them.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../server/src/config.js';
import { verifyToken } from '../server/src/features/auth/tokens.js';
import { createTempDir } from './support/databases.js';

const TSX = join(REPO_ROOT, 'server', 'node_modules', '.bin', 'tsx');
const MAIN = join(REPO_ROOT, 'server', 'src', 'main.ts');

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const e: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete e[k];
  const r = spawnSync(TSX, [MAIN, ...args], { env: e, cwd: join(REPO_ROOT, 'server'), encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('pnpm cli token', () => {
  const secret = 'cli-test-secret-cli-test-secret-012345';

  it('prints a token signed with JWT_SECRET carrying tenant, role and user', async () => {
    const r = cli(['token', '--tenant', 'globex', '--role', 'editor', '--user', 'gary'], { JWT_SECRET: secret, DOWNLOAD_LINK_SECRET: 'cli-download-link-secret-0123456789abc', NODE_ENV: 'production' });
    expect(r.code).toBe(0);
    expect(await verifyToken(secret, r.out.trim())).toEqual({ tenantId: 'globex', role: 'editor', userId: 'gary' });
  });

  it('refuses in production without a configured secret, naming the variable', () => {
    const dir = createTempDir();
    const r = cli(['token', '--tenant', 'acme', '--role', 'admin'], { NODE_ENV: 'production', JWT_SECRET: undefined, DATA_DIR: dir.path });
    dir.remove();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/JWT_SECRET/);
    expect(r.out).not.toMatch(/eyJ/);
  });

  it('generates and keeps a development secret in DATA_DIR', async () => {
    const dir = createTempDir();
    const a = cli(['token', '--tenant', 'acme', '--role', 'viewer'], { JWT_SECRET: undefined, NODE_ENV: 'development', DATA_DIR: dir.path });
    const b = cli(['token', '--tenant', 'acme', '--role', 'viewer'], { JWT_SECRET: undefined, NODE_ENV: 'development', DATA_DIR: dir.path });
    const { readFileSync } = await import('node:fs');
    const kept = readFileSync(join(dir.path, 'jwt-secret'), 'utf8').trim();
    dir.remove();
    expect(a.code).toBe(0);
    expect((await verifyToken(kept, a.out.trim())).tenantId).toBe('acme');
    expect((await verifyToken(kept, b.out.trim())).tenantId).toBe('acme');
  });

  it('refuses a bad tenant or role', () => {
    expect(cli(['token', '--tenant', 'Acme Corp', '--role', 'admin'], { JWT_SECRET: secret }).out).toMatch(/--tenant/);
    const r = cli(['token', '--tenant', 'acme', '--role', 'root'], { JWT_SECRET: secret });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/--role must be viewer, editor or admin/);
  });
});

describe('pnpm cli', () => {
  it('explains itself and rejects unknown commands', () => {
    const help = cli(['help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/token/);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toMatch(/unknown command "frobnicate"/);
  });

  it('stops with the variable named when configuration is bad', () => {
    const r = cli(['migrate'], { PORT: 'eighty' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/PORT: expected an integer/);
  });

  it('checks that schema.graphql is current', () => {
    const r = cli(['schema', '--check']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/current/);
  });
});
