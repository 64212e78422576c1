/**
 * The SDK as an integrator gets it: `npm pack`ed, installed with npm into a fresh project outside
 * the workspace (its dependencies, `ws` included, from the npm registry), typechecked strictly
 * under `module: nodenext`, `node16` and `moduleResolution: bundler`, then run on this Node
 * (20) against a real server:
 * - the README's quick start, verbatim;
 * - an ESM script and a CommonJS one (`require('@reportcast/sdk')`) that create, watch, download
 *   and verify an export (sha256 against the export's checksum);
 * - @arethetypeswrong/cli on the tarball (types for node10, node16 CJS/ESM, bundler);
 * - docs/codegen.md's configuration, verbatim, generating types for an operation of the
 *   integrator's own, which then typechecks under nodenext and runs.
 * TypeScript and GraphQL Code Generator come from the workspace (absolute paths), so nothing else
 * is downloaded. Needs the built SDK (`pnpm --filter @reportcast/sdk build`; `pnpm test` builds).
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../server/src/config.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const exec = promisify(execFile);
const SDK = join(REPO_ROOT, 'sdk');
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const CODEGEN = join(REPO_ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js');
const ATTW = join(REPO_ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
let app: TestApp;
let project: string;
let tarball: string;
let env: NodeJS.ProcessEnv;

/** Runs a command to its end; never rejects, so a failure shows its output in the assertion. */
async function run(file: string, args: string[], timeout = 60_000, extraEnv: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd: project, env: { ...env, ...extraEnv }, timeout, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr, output: `${stdout}\n${stderr}` };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '', output: `${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}` };
  }
}

/** The first fenced block of `lang` after `heading` in a Markdown file. */
function codeBlock(markdown: string, heading: string, lang: string): string {
  const from = markdown.indexOf(heading);
  if (from < 0) throw new Error(`no heading ${heading}`);
  const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(markdown.slice(from));
  if (!match) throw new Error(`no ${lang} block after ${heading}`);
  return match[1]!;
}

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestMtime(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
}

/** The integrator's script: every SDK entry point it needs, strict types (a CompletedExport's fields are non-null). */
const VERIFY = (imports: string) => `${imports}

async function main(): Promise<void> {
  const client = createReportcastClient({ url: process.env.REPORTCAST_URL ?? '', getToken: async () => process.env.REPORTCAST_TOKEN ?? '' });
  try {
    const reports = client.reports.list({ pageSize: 1 });
    let reportId: string | undefined;
    for await (const report of reports) if (report.name === 'Usage Summary') reportId = report.id;
    if (!reportId) throw new Error('no Usage Summary report');
    const created: Export = await client.exports.create({ reportId, format: 'CSV' });
    const statuses: ExportStatus[] = [];
    let last: Export = created;
    for await (const update of client.exports.watch(created.id)) {
      statuses.push(update.status);
      last = update;
    }
    if (!isTerminal(last) || !hasFile(last)) throw new Error('export ended ' + last.status);
    const done: CompletedExport = last;
    const fileName: string = done.fileName;
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of toNodeReadable(await client.exports.download(done.id))) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    let missing: ReportcastErrorCode | undefined;
    try {
      await client.exports.get('00000000-0000-4000-8000-000000000000');
    } catch (error) {
      if (error instanceof ReportcastError) missing = error.code;
    }
    console.log(JSON.stringify({
      statuses, fileName, bytes, fileSize: done.fileSize, checksumMatches: hash.digest('hex') === done.checksum,
      totalCount: reports.totalCount, missing, knowsCodes: ERROR_CODES.includes('NETWORK_ERROR'), node: process.version,
    }));
  } finally {
    await client.close();
  }
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
`;

const ESM_IMPORTS = `import { createHash } from 'node:crypto';
import { createReportcastClient, ERROR_CODES, hasFile, isTerminal, ReportcastError, type CompletedExport, type Export, type ExportStatus, type ReportcastErrorCode } from '@reportcast/sdk';
import { toNodeReadable } from '@reportcast/sdk/node';`;

const CJS_IMPORTS = `import crypto = require('node:crypto');
import sdk = require('@reportcast/sdk');
import sdkNode = require('@reportcast/sdk/node');
const { createHash } = crypto;
const { createReportcastClient, ERROR_CODES, hasFile, isTerminal, ReportcastError } = sdk;
const { toNodeReadable } = sdkNode;
type CompletedExport = sdk.CompletedExport;
type Export = sdk.Export;
type ExportStatus = sdk.ExportStatus;
type ReportcastErrorCode = sdk.ReportcastErrorCode;`;

/** Strict, with library checking on: the SDK's declarations must hold without DOM types. */
const COMPILER = { strict: true, noUncheckedIndexedAccess: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2022'], types: ['node'] };

beforeAll(async () => {
  if (newestMtime(join(SDK, 'src')) > statSync(join(SDK, 'dist/esm/index.js')).mtimeMs) {
    throw new Error('sdk/dist is older than sdk/src: run `pnpm --filter @reportcast/sdk build` first');
  }
  project = mkdtempSync(join(tmpdir(), 'reportcast-integrator-'));
  env = { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_cache: process.env.npm_config_cache, NODE_ENV: 'production' } as NodeJS.ProcessEnv;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const [started, packed] = await Promise.all([
    startTestApp({ seedRows: 5_000, worker: true }),
    exec('npm', ['pack', '--pack-destination', project], { cwd: SDK, env }),
  ]);
  app = started;
  tarball = packed.stdout.trim().split('\n').at(-1)!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'integrator', private: true, type: 'module' }, null, 2));
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `./${tarball}`, 'graphql@16', '@types/node@20'], 120_000);
  expect(installed.code, installed.output).toBe(0);
  env = { ...env, REPORTCAST_URL: app.url, REPORTCAST_TOKEN: await app.token('acme', 'editor', 'integrator@acme') };
}, 180_000);
afterAll(async () => {
  await app?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the packed SDK in a project outside the workspace', () => {
  it('ships its README, LICENSE, CHANGELOG, the docs the README links to, the schema, and both builds with sources; ws installs with it', () => {
    const pkg = join(project, 'node_modules/@reportcast/sdk');
    const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
    for (const [, target] of readme.matchAll(/\]\(((?!https?:)[^)#\s]+)/g)) expect(statSync(join(pkg, target!)).isFile(), target).toBe(true);
    expect(readFileSync(join(pkg, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const version = (JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string }).version;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(join(pkg, 'CHANGELOG.md'), 'utf8')).toContain(`## ${version}`);
    for (const build of ['esm', 'cjs']) {
      const map = JSON.parse(readFileSync(join(pkg, `dist/${build}/exports.js.map`), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      expect(map.sourcesContent?.[0]).toContain('class ExportsApi');
      expect(statSync(join(pkg, `dist/${build}`, map.sources[0]!)).isFile()).toBe(true);
    }
    expect(JSON.parse(readFileSync(join(pkg, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
    expect(statSync(join(project, 'node_modules/ws/package.json')).isFile()).toBe(true);
  });

  it('resolves with types under node10, node16 (from CJS and ESM) and bundler: @arethetypeswrong finds no problem in the tarball', async () => {
    const checked = await run(process.execPath, [ATTW, join(project, tarball), '--format', 'ascii']);
    expect(checked.code, checked.output).toBe(0);
    expect(checked.stdout).toContain('No problems found');
  });

  it('typechecks strict ESM and CommonJS scripts under nodenext and node16, and the ESM ones under bundler resolution', async () => {
    writeFileSync(join(project, 'quickstart.mts'), codeBlock(readFileSync(join(SDK, 'README.md'), 'utf8'), '## Quick start', 'ts'));
    writeFileSync(join(project, 'verify.mts'), VERIFY(ESM_IMPORTS));
    writeFileSync(join(project, 'verify.cts'), VERIFY(CJS_IMPORTS));
    const configs = {
      'tsconfig.nodenext.json': { compilerOptions: { ...COMPILER, module: 'nodenext', outDir: 'out' }, files: ['quickstart.mts', 'verify.mts', 'verify.cts'] },
      'tsconfig.node16.json': { compilerOptions: { ...COMPILER, module: 'node16', noEmit: true }, files: ['quickstart.mts', 'verify.mts', 'verify.cts'] },
      'tsconfig.bundler.json': { compilerOptions: { ...COMPILER, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, files: ['quickstart.mts', 'verify.mts'] },
    };
    for (const [name, config] of Object.entries(configs)) {
      writeFileSync(join(project, name), JSON.stringify(config, null, 2));
      const checked = await run(process.execPath, [TSC, '-p', name]);
      expect(checked.code, `${name}\n${checked.output}`).toBe(0);
    }
  }, 120_000); // three full typechecks with library checking on: ~10 s alone, longer on a busy machine

  it('runs the README quick start, and the ESM and CommonJS scripts create, watch, download and verify an export', async () => {
    const quick = await run(process.execPath, ['out/quickstart.mjs']);
    expect(quick.code, quick.output).toBe(0);
    expect(quick.stdout).toMatch(/^COMPLETED 100$/m);
    const line = /^(\S+\.csv): (\d+) bytes, (\d+) rows, sha256 ([0-9a-f]{64})$/m.exec(quick.stdout);
    expect(line, quick.stdout).not.toBeNull();
    expect(statSync(join(project, line![1]!)).size).toBe(Number(line![2]));

    for (const script of ['out/verify.mjs', 'out/verify.cjs']) {
      const result = await run(process.execPath, [script]);
      expect(result.code, `${script}\n${result.output}`).toBe(0);
      const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
      expect(report, script).toMatchObject({ checksumMatches: true, missing: 'NOT_FOUND', knowsCodes: true });
      expect(report.node).toBe(process.version);
      expect(report.statuses).toContain('COMPLETED');
      expect(report.bytes).toBe(report.fileSize);
      expect(report.bytes).toBeGreaterThan(0);
      expect(report.totalCount).toBeGreaterThanOrEqual(1);
    }
    expect(process.version).toMatch(/^v20\./);
  });

  it("docs/codegen.md's configuration generates types for an operation of the integrator's own that typecheck under nodenext and run", async () => {
    const guide = readFileSync(join(REPO_ROOT, 'docs/codegen.md'), 'utf8');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'codegen.ts'), codeBlock(guide, '## codegen.ts', 'ts'));
    writeFileSync(join(project, 'src/operations.graphql'), codeBlock(guide, '## An operation and its use', 'graphql'));
    writeFileSync(join(project, 'src/recent.mts'), codeBlock(guide, '## An operation and its use', 'ts'));
    // The CLI loads presets with require() from the project: NODE_PATH lends it the workspace's
    // @graphql-codegen/client-preset instead of an install the docs' `npm install` line would do.
    const generated = await run(process.execPath, [CODEGEN, '--config', 'codegen.ts'], 60_000, { NODE_PATH: join(REPO_ROOT, 'node_modules') });
    expect(generated.code, generated.output).toBe(0);
    const types = readFileSync(join(project, 'src/generated/graphql.ts'), 'utf8');
    // The DateTime scalar mapping at work (without it, completedAt would come out `unknown`/`any`).
    expect(types).toContain('completedAt: string | null');
    expect(readFileSync(join(project, 'src/generated/index.ts'), 'utf8')).toMatch(/from "\.\/gql\.js"|from '\.\/gql\.js'/);

    writeFileSync(join(project, 'tsconfig.codegen.json'), JSON.stringify({
      compilerOptions: { ...COMPILER, module: 'nodenext', outDir: 'out-codegen', rootDir: 'src' }, include: ['src'],
    }));
    const checked = await run(process.execPath, [TSC, '-p', 'tsconfig.codegen.json']);
    expect(checked.code, checked.output).toBe(0);
    const ran = await run(process.execPath, ['out-codegen/recent.mjs']);
    expect(ran.code, ran.output).toBe(0);
    // The exports made by the tests above, newest first: `id status completedAt` per line.
    expect(ran.stdout).toMatch(/^[0-9a-f-]{36} COMPLETED \d{4}-\d\d-\d\dT/m);
  }, 120_000);
});
