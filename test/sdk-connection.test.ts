/**
 * The SDK's subscription socket against a real server: a watch outlives its token when `getToken`
 * can hand out a fresh one (the server closes the socket with 4403 at expiry; the SDK reopens it
 * and resubscribes), fails as UNAUTHENTICATED when a fixed token expires, survives a refused
 * connection, and works with every spelling of the base URL (origin, `/`, `/graphql`, `/graphql/`).
 *
 * The export worker starts only after the first tokens expired, so the export is still PENDING
 * when the server closes the sockets: the reconnection is what lets the watch see COMPLETED.
 */
import 'reflect-metadata';
import WebSocket from 'ws';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntimeWorker } from '../server/src/app.js';
import { issueToken } from '../server/src/features/auth/tokens.js';
import type { WorkerHandle } from '../server/src/jobs/worker.js';
import { createReportcastClient, ReportcastError, type Export, type ReportcastClient } from '../sdk/src/index.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let worker: WorkerHandle | null = null;
let reportId: string;
const clients: ReportcastClient[] = [];
/** Every WebSocket upgrade the server received (each SDK connection attempt that reached it). */
let upgrades = 0;

const client = (options: Parameters<typeof createReportcastClient>[0]) => {
  const c = createReportcastClient(options);
  clients.push(c);
  return c;
};

/** A token that expires `seconds` from now (JWT `exp` has whole seconds: at most `seconds`, at least `seconds - 1`). */
async function tokenFor(seconds: number): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = (Math.floor(Date.now() / 1000) + seconds) * 1000;
  return { token: await issueToken(app.runtime.jwtSecret, { tenantId: 'acme', role: 'editor', userId: 'rotating@acme', ttlSeconds: seconds }), expiresAt };
}

async function ensureWorker(): Promise<void> {
  worker ??= await startRuntimeWorker(app.runtime);
}

async function statuses(watch: AsyncIterable<Export>): Promise<string[]> {
  const seen: string[] = [];
  for await (const update of watch) seen.push(update.status);
  return seen;
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 5_000, worker: false });
  app.server.on('upgrade', () => upgrades++);
  const setup = client({ url: app.url, token: await app.token('acme', 'editor') });
  reportId = (await setup.reports.list().toArray()).find((r) => r.name === 'Usage Summary')!.id;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await worker?.stop();
  await app?.close();
});

describe('token rotation over the subscription socket', () => {
  it('a watch outlives its 3 s token with getToken and sees COMPLETED; a fixed token that expires ends as UNAUTHENTICATED', async () => {
    // A token cache as an integrator would write one: the same token until it is about to expire.
    let cached = await tokenFor(3);
    let issued = 1;
    const rotating = client({
      url: app.url,
      getToken: async () => {
        if (Date.now() >= cached.expiresAt - 300) {
          cached = await tokenFor(3600);
          issued++;
        }
        return cached.token;
      },
    });
    const fixed = client({ url: app.url, token: (await tokenFor(3)).token });

    const started = Date.now();
    const pending = await rotating.exports.create({ reportId, format: 'CSV' });
    const upgradesBefore = upgrades;
    const rotatingWatch = statuses(rotating.exports.watch(pending.id));
    const fixedWatch = statuses(fixed.exports.watch(pending.id)).then(() => null, (e: unknown) => e);

    // Both sockets are refused at the first token's expiry (≤ 3 s); the fixed one gives up.
    const fixedError = await fixedWatch;
    expect(fixedError).toBeInstanceOf(ReportcastError);
    expect((fixedError as ReportcastError).code).toBe('UNAUTHENTICATED');
    expect(Date.now() - started).toBeLessThan(5_000);

    // Past the expiry, with the export still PENDING, the worker starts.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, cached.expiresAt + 1_500 - Date.now())));
    expect((await rotating.exports.get(pending.id)).status).toBe('PENDING');
    await ensureWorker();
    const seen = await rotatingWatch;
    expect(seen[0]).toBe('PENDING');
    expect(seen.at(-1)).toBe('COMPLETED');
    expect(issued).toBeGreaterThanOrEqual(2);
    // The rotating client connected at least twice (the second time with the fresh token).
    expect(upgrades - upgradesBefore).toBeGreaterThanOrEqual(3);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('reconnection and base URLs', () => {
  it('a watch survives a refused first connection (reopened with backoff)', async () => {
    await ensureWorker();
    let attempts = 0;
    /** The first connection goes to a closed port (ECONNREFUSED); the next ones to the server. */
    class RefusedOnce extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(attempts++ === 0 ? 'ws://127.0.0.1:1/graphql' : url, protocols);
      }
    }
    const c = client({ url: app.url, token: await app.token('acme', 'editor'), webSocketImpl: RefusedOnce });
    const created = await c.exports.create({ reportId, format: 'JSON' });
    const seen = await statuses(c.exports.watch(created.id));
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBe('COMPLETED');
  });

  it('when the socket never opens, exportAndDownload fails naming the export it created, which can be fetched later', async () => {
    await ensureWorker();
    let attempts = 0;
    class AlwaysRefused extends WebSocket {
      constructor(_url: string, protocols?: string | string[]) {
        attempts++;
        super('ws://127.0.0.1:1/graphql', protocols);
      }
    }
    const c = client({ url: app.url, token: await app.token('acme', 'editor'), webSocketImpl: AlwaysRefused, retry: { baseDelayMs: 10, maxDelayMs: 20 } });
    const error = await c.exports.exportAndDownload(reportId, 'CSV').then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ReportcastError);
    const failure = error as ReportcastError;
    expect(failure.code).toBe('NETWORK_ERROR');
    expect(attempts).toBe(6); // the first attempt and 5 retries
    const exportId = failure.extensions.exportId as string;
    expect(exportId).toMatch(/^[0-9a-f-]{36}$/);
    expect(failure.message).toContain(`Export ${exportId} was created, but following it failed`);
    expect((await c.exports.get(exportId)).id).toBe(exportId);
  });

  it.each(['', '/', '/graphql', '/graphql/'])('base URL origin + %j works for HTTP and for subscriptions', async (suffix) => {
    await ensureWorker();
    const c = client({ url: `${app.url}${suffix}`, token: await app.token('acme', 'editor', 'url@acme') });
    expect(c.endpoint).toBe(`${app.url}/graphql`);
    expect(await c.me()).toMatchObject({ userId: 'url@acme', tenantId: 'acme' });
    const created = await c.exports.create({ reportId, format: 'CSV' });
    expect((await statuses(c.exports.watch(created.id))).at(-1)).toBe('COMPLETED');
  });

  it('the server itself takes /graphql/ for subscriptions (any graphql-ws client, not only the SDK), and no other path', async () => {
    await ensureWorker();
    const token = await app.token('acme', 'editor', 'raw@acme');
    const c = client({ url: app.url, token });
    const created = await c.exports.create({ reportId, format: 'CSV' });
    const subscribeAt = async (path: string) => {
      const raw = createWsClient({ url: `${app.url.replace(/^http/, 'ws')}${path}`, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
      const seen: string[] = [];
      try {
        for await (const result of raw.iterate<{ exportUpdated: { status: string } }>({ query: 'subscription($id: ID!) { exportUpdated(id: $id) { status } }', variables: { id: created.id } })) {
          seen.push(result.data!.exportUpdated.status);
          if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(seen.at(-1)!)) break;
        }
        return seen;
      } finally {
        await raw.dispose();
      }
    };
    expect((await subscribeAt('/graphql/')).at(-1)).toBe('COMPLETED');
    const elsewhere = await subscribeAt('/graphqlx').then(() => null, (e: unknown) => e);
    expect(elsewhere).not.toBeNull();
  });
});
