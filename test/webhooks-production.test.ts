import 'reflect-metadata';
/**
 * Webhook SSRF rules as production applies them (NODE_ENV=production): at save, a URL that is not
 * https:// or whose host resolves to a loopback, private or link-local address is BAD_USER_INPUT
 * naming it; at send (the DNS answer may have changed since the save), a target that resolves to
 * such an address fails permanently, after one attempt, and no request reaches it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { reportIdByName } from './support/exports.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let editor: string;
let reportId: string;
let receiver: Server;
let port: number;
let received = 0;

beforeAll(async () => {
  receiver = createServer((_req, res) => { received += 1; res.writeHead(200).end(); });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  app = await startTestApp({ seedRows: 2_000, worker: true, env: { NODE_ENV: 'production', PUBLIC_URL: 'https://reports.example.test' } });
  editor = await app.token('acme', 'editor', 'ed@acme');
  reportId = await reportIdByName(app, editor, 'Usage Summary');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

const create = (name: string, webhookUrls: string[]) => app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id webhookSecret } }', {
  i: { reportId, name, cron: '0 9 * * 1', format: 'CSV', webhookUrls },
}, editor);

describe('webhook URLs in production', () => {
  it('refuses at save, by field, http:// and hosts that are or resolve to internal addresses', async () => {
    const res = await create('internal targets', [
      `http://localhost:${port}/x`, 'https://127.0.0.1/x', 'https://[::ffff:169.254.169.254]/latest', `https://localhost:${port}/x`, 'https://10.1.2.3/',
    ]);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const byPath = Object.fromEntries((res.errors![0]!.extensions!.errors as { path: string; message: string }[]).map((e) => [e.path, e.message]));
    expect(byPath['input.webhookUrls.0']).toBe('must be an https:// URL');
    expect(byPath['input.webhookUrls.1']).toBe('refused: 127.0.0.1 is a loopback address');
    expect(byPath['input.webhookUrls.2']).toBe('refused: ::ffff:a9fe:a9fe is a link-local address'); // as the URL parser writes it
    expect(byPath['input.webhookUrls.3']).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1) is a loopback address \(webhooks may only reach public addresses\)$/);
    expect(byPath['input.webhookUrls.4']).toBe('refused: 10.1.2.3 is a private-network address');
    // Nothing was saved.
    const list = await app.gql('{ schedules { edges { node { name } } } }', {}, editor);
    expect(list.data!.schedules.edges.map((e: any) => e.node.name)).not.toContain('internal targets');
  });

  it('refuses at send a target that now resolves to an internal address: FAILED after one attempt, nothing sent', async () => {
    // Saved with a public address; then its name "moves" to loopback (what a rebinding DNS does).
    const res = await create('moved target', ['https://93.184.216.34/hook']);
    expect(res.errors).toBeUndefined();
    const id = res.data!.createSchedule.id;
    expect(res.data!.createSchedule.webhookSecret).toMatch(/^whsec_/);
    await app.runtime.orm.em.getConnection().execute(`UPDATE schedules SET webhook_urls = ARRAY[?]::text[] WHERE id = ?`, [`https://localhost:${port}/hook`, id]);
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
    const executionId = run.data!.runScheduleNow.id;
    const execution = await waitFor(async () => {
      const s = (await app.gql('query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { id status deliveries { channel status attempts lastError } } } } } }', { id }, editor)).data!.schedule;
      const e = s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
      return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? e : undefined;
    }, 60_000);
    expect(execution.status).toBe('FAILED');
    expect(execution.deliveries).toHaveLength(1);
    expect(execution.deliveries[0]).toMatchObject({ channel: 'WEBHOOK', status: 'FAILED', attempts: 1 });
    expect(execution.deliveries[0].lastError).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1) is a loopback address/);
    expect(received).toBe(0);
  }, 90_000);
});
