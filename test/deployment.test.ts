/**
 * No Docker engine runs here, so the deployment files are checked for what can be checked without
 * one: docker-compose.yml's services, images, ports, environment (every name one the server reads,
 * every value one its config accepts), health checks and start-up order; the Dockerfile's stages,
 * user and commands; the ClickHouse init script against the server's own DDL.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENV_VARS, REPO_ROOT, loadConfig, requireServingConfig } from '../server/src/config.js';
import { analyticsSchemaSql } from '../server/src/features/demo/analytics-schema.js';

interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[]; interval?: string; retries?: number };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  stop_grace_period?: string;
  init?: boolean;
}

const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
const APP = ['migrate', 'api', 'worker'];

/** Compose interpolation as `docker compose` does it, with the required variables set. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_m, name: string, op: string | undefined, arg: string | undefined) => {
    if (env[name] !== undefined) return env[name]!;
    if (op === '?') throw new Error(`${name} is required: ${arg}`);
    return op === '-' ? arg ?? '' : '';
  });
}

describe('docker-compose.yml', () => {
  it('has the production shape: data services, a mail catcher, migration, api and worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'clickhouse', 'mailcatcher', 'migrate', 'minio', 'minio-init', 'postgres', 'worker']);
    expect(services.postgres!.image).toMatch(/^postgres:\d+/);
    // The official ClickHouse server image, a pinned version.
    expect(services.clickhouse!.image).toMatch(/^clickhouse\/clickhouse-server:\d+\.\d+/);
    expect(services.minio!.image).toMatch(/^minio\/minio:/);
    expect(services['minio-init']!.entrypoint!.join(' ')).toMatch(/mc mb --ignore-existing local\/reportcast-exports/);
    expect(Object.keys(compose.volumes).sort()).toEqual(['chdata', 'miniodata', 'pgdata']);
  });

  it('builds one image for migrate, api and worker, each running a CLI command the server has', () => {
    const main = readFileSync(join(REPO_ROOT, 'server/src/main.ts'), 'utf8');
    for (const name of APP) {
      const s = services[name]!;
      expect(s.build, name).toBe('.');
      expect(s.image, name).toBe('reportcast:local');
      expect(s.init, name).toBe(true);
    }
    expect(services.api!.command).toEqual(['api']);
    expect(services.worker!.command).toEqual(['worker']);
    const migrate = services.migrate!.entrypoint!.join(' ');
    expect(migrate).toContain('node server/dist/main.js migrate && node server/dist/main.js clickhouse:migrate');
    for (const command of ['api', 'worker', 'migrate', 'clickhouse:migrate']) expect(main).toContain(`case '${command}':`);
    expect(services.migrate!.restart).toBe('no');
  });

  it('lets api and worker scale: no container names, api on a host port range, graceful stop longer than the shutdown grace', () => {
    expect(services.api!.ports).toEqual(['4000-4009:4000']);
    expect(services.worker!.ports).toBeUndefined();
    for (const name of ['api', 'worker']) {
      const s = services[name]! as Service & { container_name?: string };
      expect(s.container_name).toBeUndefined();
      const graceSeconds = Number(s.environment!.SHUTDOWN_GRACE_SECONDS);
      expect(Number(s.stop_grace_period!.replace(/s$/, ''))).toBeGreaterThan(graceSeconds + 5);
    }
  });

  it('passes only variables the server reads, and values its configuration accepts', () => {
    for (const name of APP) {
      const env = services[name]!.environment!;
      expect(Object.keys(env).filter((k) => !(ENV_VARS as readonly string[]).includes(k)), name).toEqual([]);
      // Secrets are required from the operator, never defaulted in the file.
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(env.DOWNLOAD_LINK_SECRET).toMatch(/^\$\{DOWNLOAD_LINK_SECRET:\?/);
      expect(env.SECRETS_KEY).toMatch(/^\$\{SECRETS_KEY:\?/);
      expect(() => interpolate(env.JWT_SECRET!, {})).toThrow(/JWT_SECRET is required/);
      const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), {
        JWT_SECRET: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', DOWNLOAD_LINK_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', SECRETS_KEY: '9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49',
      })]));
      const config = loadConfig(resolved);
      expect(() => requireServingConfig(config)).not.toThrow();
      expect(config.mode).toBe('production');
      expect(config.databaseUrl).toBe('postgres://reportcast:reportcast@postgres:5432/reportcast');
      expect(config.clickhouse).toMatchObject({ url: 'http://clickhouse:8123', username: 'reportcast', database: 'reportcast' });
      expect(config.s3).toMatchObject({ bucket: 'reportcast-exports', endpoint: 'http://minio:9000', forcePathStyle: true });
      expect(config.mail.sendgridBaseUrl).toBe('http://mailcatcher:3000');
      expect(config.logFormat).toBe('json');
    }
  });

  it('wires the services to each other by name, with the credentials they were given', () => {
    const app = services.api!.environment!;
    expect(interpolate(app.S3_ACCESS_KEY_ID!, {})).toBe(interpolate(services.minio!.environment!.MINIO_ROOT_USER!, {}));
    expect(interpolate(app.S3_SECRET_ACCESS_KEY!, {})).toBe(interpolate(services.minio!.environment!.MINIO_ROOT_PASSWORD!, {}));
    expect(interpolate(app.CLICKHOUSE_PASSWORD!, {})).toBe(interpolate(services.clickhouse!.environment!.CLICKHOUSE_PASSWORD!, {}));
    expect(app.CLICKHOUSE_USER).toBe(services.clickhouse!.environment!.CLICKHOUSE_USER);
    expect(interpolate(app.DATABASE_URL!, {})).toContain(`${services.postgres!.environment!.POSTGRES_USER}:${interpolate(services.postgres!.environment!.POSTGRES_PASSWORD!, {})}@postgres:5432/${services.postgres!.environment!.POSTGRES_DB}`);
    expect(interpolate(services.mailcatcher!.environment!.API_KEY!, {})).toBe(interpolate(app.SENDGRID_API_KEY!, {}));
  });

  it('has a health check on every long-running service, and app processes probe /readyz', () => {
    for (const name of ['postgres', 'clickhouse', 'minio', 'api', 'worker']) {
      const hc = services[name]!.healthcheck;
      expect(hc, name).toBeDefined();
      expect(hc!.test[0], name).toMatch(/^CMD(-SHELL)?$/);
      expect(hc!.retries, name).toBeGreaterThan(0);
    }
    expect(services.postgres!.healthcheck!.test.join(' ')).toContain('pg_isready');
    expect(services.clickhouse!.healthcheck!.test.join(' ')).toContain("--query 'SELECT 1'");
    for (const name of ['api', 'worker']) {
      expect(services[name]!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:4000/readyz');
    }
  });

  it('starts things in order: data services healthy, bucket made and migrations done before api and worker', () => {
    const conditions = (name: string) => Object.fromEntries(Object.entries(services[name]!.depends_on ?? {}).map(([k, v]) => [k, v.condition]));
    expect(conditions('migrate')).toEqual({ postgres: 'service_healthy', clickhouse: 'service_healthy' });
    expect(conditions('minio-init')).toEqual({ minio: 'service_healthy' });
    for (const name of ['api', 'worker']) {
      expect(conditions(name)).toMatchObject({
        migrate: 'service_completed_successfully', 'minio-init': 'service_completed_successfully', postgres: 'service_healthy', clickhouse: 'service_healthy',
      });
    }
    expect(conditions('worker').mailcatcher).toBe('service_started');
    // Every dependency is a service of this file.
    for (const s of Object.values(services)) for (const dep of Object.keys(s.depends_on ?? {})) expect(services[dep]).toBeDefined();
  });

  it('creates the analytics tables in ClickHouse with the server\'s own DDL', () => {
    const mount = services.clickhouse!.volumes!.find((v) => v.endsWith(':/docker-entrypoint-initdb.d:ro'))!;
    const dir = join(REPO_ROOT, mount.split(':')[0]!);
    const script = readFileSync(join(dir, '001-analytics-tables.sql'), 'utf8');
    const statements = script.split('\n').filter((l) => !l.startsWith('--')).join('\n').split(';').map((s) => s.trim()).filter(Boolean);
    expect(statements).toEqual(analyticsSchemaSql(services.api!.environment!.CLICKHOUSE_DATABASE!));
  });
});

describe('Dockerfile', () => {
  const stages = [...dockerfile.matchAll(/^FROM (\S+) AS (\S+)$/gm)].map((m) => ({ from: m[1], name: m[2] }));
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('is multi-stage: dependencies and build apart from a slim runtime on Node 20', () => {
    expect(stages.map((s) => s.name)).toEqual(['base', 'build', 'prod-deps', 'runtime']);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20\.\d+-bookworm-slim$/m);
    expect(stages.find((s) => s.name === 'runtime')!.from).toBe('${NODE_IMAGE}');
  });

  it('installs with pnpm from the lockfile, the pnpm version of package.json', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { packageManager: string };
    expect(dockerfile).toContain(`ARG PNPM_VERSION=${pkg.packageManager.replace('pnpm@', '')}`);
    expect(dockerfile).toContain('corepack prepare pnpm@${PNPM_VERSION} --activate');
    expect(dockerfile).toContain('RUN pnpm install --frozen-lockfile\n');
    expect(dockerfile).toContain('RUN pnpm install --frozen-lockfile --prod --filter @reportcast/server');
  });

  it('builds the web app and compiles the server with scripts that exist', () => {
    const server = JSON.parse(readFileSync(join(REPO_ROOT, 'server/package.json'), 'utf8')) as { scripts: Record<string, string> };
    const web = JSON.parse(readFileSync(join(REPO_ROOT, 'web/package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(dockerfile).toContain('RUN pnpm --filter @reportcast/web build && pnpm --filter @reportcast/server build');
    expect(server.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(web.scripts.build).toBeDefined();
    const build = JSON.parse(readFileSync(join(REPO_ROOT, 'server/tsconfig.build.json'), 'utf8')) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(build.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: 'src' });
  });

  it('ships production dependencies only, runs as a non-root user, and starts the compiled CLI', () => {
    // node_modules come from the prod-deps stage only: no dev dependencies in the image.
    const modules = [...runtime.matchAll(/^COPY --from=(\S+) (\S*node_modules)/gm)].map((m) => m[1]);
    expect(modules).toEqual(['prod-deps', 'prod-deps']);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime.indexOf('USER node')).toBeGreaterThan(runtime.lastIndexOf('RUN '));
    expect(runtime).toContain('ENTRYPOINT ["node", "server/dist/main.js"]');
    expect(runtime).toContain('CMD ["start"]');
    expect(runtime).toContain('ENV NODE_ENV=production');
    for (const needed of ['server/dist', 'web/dist', 'migrations']) expect(runtime).toContain(needed);
  });

  it('runs the compiled @reportcast/charts: built before the server, copied, selected by its export condition', () => {
    const charts = JSON.parse(readFileSync(join(REPO_ROOT, 'charts/package.json'), 'utf8')) as { scripts: Record<string, string>; exports: Record<string, Record<string, unknown>> };
    const [condition, target] = Object.entries(charts.exports['.']!)[0]!;
    expect(target).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(charts.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(runtime).toContain(`ENV NODE_OPTIONS=--conditions=${condition}`);
    expect(runtime).toContain('COPY --from=build /app/charts/dist charts/dist');
    expect(runtime).toContain('COPY --from=build /app/charts/package.json charts/');
    const build = dockerfile.slice(dockerfile.indexOf(' AS build'), dockerfile.indexOf(' AS prod-deps'));
    expect(build.indexOf('RUN pnpm --filter @reportcast/charts build')).toBeGreaterThan(build.indexOf('COPY charts charts'));
    expect(build.indexOf('RUN pnpm --filter @reportcast/charts build')).toBeLessThan(build.indexOf('pnpm --filter @reportcast/server build'));
    // The prod-deps install links the workspace package, so its package.json must be there.
    expect(dockerfile.slice(dockerfile.indexOf(' AS prod-deps'))).toContain('COPY charts/package.json charts/');
  });

  it('copies only files that exist in the repository', () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of m[1]!.split(' ')) expect(existsSync(join(REPO_ROOT, source)), source).toBe(true);
    }
    const ignore = readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8');
    for (const entry of ['.git', '.data', '**/node_modules', '**/dist']) expect(ignore.split('\n')).toContain(entry);
  });
});

describe('docs/operations.md alert rules', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');
  const block = /## Alert rules[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
  const rules = (parse(block) as { groups: { rules: { alert: string; expr: string; for: string }[] }[] }).groups.flatMap((g) => g.rules);

  it('cover the monitoring section of the specification: error rate, export failures, queue backup', () => {
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(['ReportcastHighErrorRate', 'ReportcastExportFailureRate', 'ReportcastQueueBackup']));
    const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));
    expect(byName.ReportcastHighErrorRate!.expr).toMatch(/> 0\.05/);
    expect(byName.ReportcastHighErrorRate!.for).toBe('5m');
    expect(byName.ReportcastExportFailureRate!.expr).toMatch(/> 0\.10/);
    expect(byName.ReportcastQueueBackup!.expr).toMatch(/> 100/);
  });

  it('only use metrics the server exports, with their labels', async () => {
    const { Metrics } = await import('../server/src/platform/metrics.js');
    const registry = new Metrics('test').registry;
    for (const rule of rules) {
      const used = [...rule.expr.matchAll(/\b(reportcast_[a-z_]+)(?:\{([^}]*)\})?/g)];
      expect(used.length, rule.alert).toBeGreaterThan(0);
      for (const [, name, selector] of used) {
        const metric = registry.getSingleMetric(name!) ?? registry.getSingleMetric(name!.replace(/_(bucket|sum|count)$/, ''));
        expect(metric, `${rule.alert}: ${name}`).toBeDefined();
        const labelNames = (metric as unknown as { labelNames: string[] }).labelNames;
        for (const label of [...(selector ?? '').matchAll(/(\w+)\s*[=!~]/g)].map((m) => m[1])) {
          expect(labelNames, `${rule.alert}: ${name}{${label}}`).toContain(label);
        }
      }
    }
  });
});
