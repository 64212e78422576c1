import 'reflect-metadata';
/**
 * Issue 8, fault 9: clients that vanish mid-download and mid-subscription leak nothing. The API
 * runs in this process, so its open file descriptors (/proc/self/fd), the descriptors open on the
 * export file itself, its live GraphQL subscriptions and the event bus handlers can be counted
 * before and after 100 abrupt disconnects of each kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readlinkSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { subscriberCount } from '../server/src/graphql/pubsub.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { exportAndFollow } from './support/exports.js';
import { waitFor } from './support/wait.js';

const ROUNDS = 100;
let app: TestApp;
let admin: string;
let exportId: string;
let downloadUrl: string;
let filePath: string;

function openFds(): string[] {
  const fds: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      fds.push(readlinkSync(join('/proc/self/fd', fd)));
    } catch {
      // closed while we listed
    }
  }
  return fds;
}

function counts() {
  const fds = openFds();
  return {
    fds: fds.length,
    exportFileFds: fds.filter((f) => f === filePath).length,
    subscriptions: subscriberCount(),
    busHandlers: (app.runtime.events as unknown as { handlers: Set<unknown> }).handlers.size,
  };
}

/** Starts downloading, and drops the connection once the first bytes arrive. */
function downloadAndVanish(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(downloadUrl, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download answered ${res.statusCode}`));
      res.once('data', (chunk: Buffer) => {
        req.destroy();
        resolve(chunk.length);
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
  });
}

/** Subscribes over graphql-ws, waits for the first event, then kills the socket without a goodbye. */
function subscribeAndVanish(): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(app.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('no event')), 20_000);
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${admin}` } })));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data));
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription($id: ID!) { exportUpdated(id: $id) { id status } }', variables: { id: exportId } } }));
      } else if (msg.type === 'next') {
        clearTimeout(timer);
        ws.terminate(); // abrupt: no complete, no close frame
        resolve();
      } else if (msg.type === 'error') {
        reject(new Error(JSON.stringify(msg.payload)));
      }
    });
    ws.on('error', reject);
  });
}

async function inBatches(n: number, size: number, task: () => Promise<unknown>): Promise<void> {
  for (let done = 0; done < n; done += size) await Promise.all(Array.from({ length: Math.min(size, n - done) }, task));
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 60_000, worker: true });
  admin = await app.token('acme', 'admin');
  const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
    i: { name: 'Raw rows to download', definition: { source: 'usage_events', dimensions: ['timestamp', 'event_id', 'user_id', 'device_id', 'session_id', 'event_type', 'feature', 'platform', 'country'].map((field) => ({ field })), raw: true, timeRange: { rolling: { n: 40, unit: 'DAY' } }, rowLimit: 100_000 } },
  }, admin);
  const { id, final } = await exportAndFollow(app, admin, { reportId: created.data!.createReport.id, format: 'CSV' });
  expect(final.status).toBe('COMPLETED');
  expect(final.fileSize).toBeGreaterThan(1_000_000); // more than the socket buffers take at once
  exportId = id;
  downloadUrl = final.downloadUrl;
  filePath = join(app.config.exports.dir, final.storageKey);
}, 120_000);

afterAll(async () => app?.close());

describe(`${ROUNDS} clients that vanish`, () => {
  it('mid-download and mid-subscription: no file handle, socket, subscription or listener left behind', async () => {
    // Warm up pools (database connections, the event listener) so the baseline is steady.
    await inBatches(5, 5, downloadAndVanish);
    await inBatches(5, 5, subscribeAndVanish);
    const steady = await waitFor(async () => {
      const c = counts();
      return c.exportFileFds === 0 && c.subscriptions === 0 ? c : undefined;
    }, 15_000);

    await inBatches(ROUNDS, 10, downloadAndVanish);
    await inBatches(ROUNDS, 10, subscribeAndVanish);
    const peak = counts();

    // Cleanup is asynchronous (socket close events): allow it a moment, then nothing may remain.
    const after = await waitFor(async () => {
      const c = counts();
      return c.exportFileFds === 0 && c.subscriptions === steady.subscriptions && c.fds <= steady.fds + 5 ? c : undefined;
    }, 20_000).catch(() => counts());
    expect(after.exportFileFds).toBe(0);
    expect(after.subscriptions).toBe(steady.subscriptions);
    expect(after.busHandlers).toBe(steady.busHandlers);
    expect(after.fds).toBeLessThanOrEqual(steady.fds + 5); // a pool may have opened a connection meanwhile; 100 leaks would show
    // The server still serves downloads and subscriptions.
    expect(await downloadAndVanish()).toBeGreaterThan(0);
    console.log(`[faults] ${ROUNDS}+${ROUNDS} disconnects: fds ${steady.fds} → ${after.fds} (peak ${peak.fds}), export-file fds ${after.exportFileFds}, subscriptions ${steady.subscriptions} → ${after.subscriptions}, bus handlers ${after.busHandlers}`);
  }, 120_000);
});
