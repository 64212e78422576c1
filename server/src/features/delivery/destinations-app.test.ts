import 'reflect-metadata';
/**
 * Slack and webhook destinations end to end: the app with its worker, a local Slack Web API
 * stand-in (SLACK_API_URL) and a local webhook receiver that verifies every request with the
 * `standardwebhooks` package. Each target is one delivery in the ledger: delivered once, retried on
 * 429 (after Slack's Retry-After) and 5xx, failed at once on a 4xx with the peer's words, UNCERTAIN
 * when the answer is lost, resent on request (the webhook with the same webhook-id, for receivers
 * that dedupe). A run an alert sent carries the verdict to Slack, the webhook and Teams.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { startSlackRecorder, type SlackRecorder } from '../../../../test/support/slack-recorder.js';
import { startTeamsRecorder, type TeamsRecorder } from '../../../../test/support/teams-recorder.js';
import { waitFor } from '../../../../test/support/wait.js';
import { DELIVERY_PRIORITY, enqueueDelivery } from './delivery.service.js';

interface Hook { headers: IncomingHttpHeaders; body: string; verified: any; path: string }

let app: TestApp;
let slack: SlackRecorder;
let teams: TeamsRecorder;
let receiver: Server;
let receiverUrl: string;
let admin: string;
let editor: string;
let reportId: string;
const hooks: Hook[] = [];
const hookAnswers: ((res: ServerResponse) => void)[] = [];
let receiverSecret = '';
const TOKEN = 'xoxb-4242-acme-0123456789abcdef';

beforeAll(async () => {
  slack = await startSlackRecorder();
  teams = await startTeamsRecorder();
  slack.validTokens.add(TOKEN);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified: any;
      try { verified = new Webhook(receiverSecret).verify(body, req.headers as Record<string, string>); } catch (error) { verified = `invalid: ${(error as Error).message}`; }
      hooks.push({ headers: req.headers, body, verified, path: req.url ?? '' });
      const answer = hookAnswers.shift();
      if (answer) answer(res);
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/reportcast`;
  app = await startTestApp({ worker: true, env: { SLACK_API_URL: slack.apiUrl, PUBLIC_URL: 'https://reports.test' } });
  admin = await app.token('acme', 'admin', 'root@acme');
  editor = await app.token('acme', 'editor', 'ed@acme');
  const reports = await app.gql('{ reports(first: 50) { edges { node { id name } } } }', {}, editor);
  reportId = reports.data!.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await slack?.close();
  await teams?.close();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

beforeEach(() => {
  hooks.length = 0;
  hookAnswers.length = 0;
  slack.calls.length = 0;
  slack.uploads.clear();
});

const EXECUTION = `query($id: ID!) { schedule(id: $id) { executions(first: 10) { edges { node { id status exportId
  export { rowCount checksum truncated } deliveries { id channel target status attempts lastError providerMessageId } } } } } }`;

async function runAndSettle(scheduleId: string): Promise<any> {
  const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: scheduleId }, editor);
  expect(run.errors).toBeUndefined();
  return settled(scheduleId, run.data!.runScheduleNow.id);
}

async function settled(scheduleId: string, executionId: string): Promise<any> {
  return waitFor(async () => {
    const s = (await app.gql(EXECUTION, { id: scheduleId }, editor)).data!.schedule;
    const e = s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
    return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? e : undefined;
  }, 60_000);
}

async function createSchedule(name: string, input: Record<string, unknown>): Promise<{ id: string; webhookSecret: string | null; hasWebhookSecret: boolean; slackChannels: string[]; webhookUrls: string[] }> {
  const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id webhookSecret hasWebhookSecret slackChannels webhookUrls } }', {
    i: { reportId, name, cron: '0 9 * * 1', format: 'CSV', ...input },
  }, editor);
  expect(created.errors).toBeUndefined();
  return created.data!.createSchedule;
}

describe('Slack connection', () => {
  it('schedules cannot name Slack channels before an admin connects Slack', async () => {
    const res = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'too early', cron: '0 9 * * 1', slackChannels: ['#reports'] },
    }, editor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors)).toContain('Slack is not connected');
  });

  it('an admin connects a bot token checked with auth.test; it is stored sealed and never returned', async () => {
    expect(errorCode(await app.gql('mutation($t: String!) { connectSlack(token: $t) { slackConnected } }', { t: TOKEN }, editor))).toBe('FORBIDDEN');
    const bad = await app.gql('mutation($t: String!) { connectSlack(token: $t) { slackConnected } }', { t: 'xoxb-9999-not-a-real-token' }, admin);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.message).toBe('Slack did not accept the token: Slack refused: invalid_auth');
    const ok = await app.gql('mutation($t: String!) { connectSlack(token: $t) { slackConnected teamId teamName connectedBy } }', { t: TOKEN }, admin);
    expect(ok.data!.connectSlack).toEqual({ slackConnected: true, teamId: 'T0ACME', teamName: 'Acme 東京', connectedBy: 'root@acme' });
    const seen = await app.gql('{ slackConnection { slackConnected teamName } }', {}, editor);
    expect(seen.data!.slackConnection).toEqual({ slackConnected: true, teamName: 'Acme 東京' });
    const [row] = await app.runtime.orm.em.getConnection().execute<{ token_ciphertext: string }[]>('SELECT token_ciphertext FROM slack_connections WHERE tenant_id = ?', ['acme']);
    expect(row!.token_ciphertext).toMatch(/^v1\./);
    expect(row!.token_ciphertext).not.toContain('4242');
    // Another tenant has no connection.
    const other = await app.gql('{ slackConnection { slackConnected } }', {}, await app.token('globex', 'admin'));
    expect(other.data!.slackConnection.slackConnected).toBe(false);
  });
});

describe('a run to Slack and a webhook', () => {
  it('delivers once to each after a 429 (Retry-After honoured) and a 503; the webhook verifies and carries the run; the secret is shown once', async () => {
    const created = await createSchedule('東京 Slack + hook', { slackChannels: ['#Reports'], webhookUrls: [receiverUrl] });
    expect(created.slackChannels).toEqual(['#reports']);
    expect(created.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiverSecret = created.webhookSecret!;
    const again = await app.gql('query($id: ID!) { schedule(id: $id) { webhookSecret hasWebhookSecret } }', { id: created.id }, editor);
    expect(again.data!.schedule).toEqual({ webhookSecret: null, hasWebhookSecret: true });

    // 5 s: longer than the worker's own first backoff (e^1 s), so only an honoured Retry-After explains the gap.
    slack.answerNext('chat.postMessage', { rateLimited: 5 });
    hookAnswers.push((res) => res.writeHead(503).end('busy'));
    const execution = await runAndSettle(created.id);
    expect(execution.status).toBe('DELIVERED');
    const byChannel = Object.fromEntries(execution.deliveries.map((d: any) => [d.channel, d]));
    expect(byChannel.SLACK).toMatchObject({ target: '#reports', status: 'SENT', attempts: 2 });
    expect(byChannel.SLACK.providerMessageId).toMatch(/^C[0-9A-F]+:\d+\.\d{6}$/);
    expect(byChannel.WEBHOOK).toMatchObject({ target: receiverUrl, status: 'SENT', attempts: 2, providerMessageId: 'HTTP 200 from 127.0.0.1' });

    // Slack: the 429'd post, then after at least Retry-After the one post, and the chart + CSV uploaded.
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[1]!.receivedAt.getTime() - posts[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(5000);
    const blocks = JSON.stringify(posts[1]!.fields.blocks);
    expect(blocks).toContain('東京 Slack + hook');
    expect(blocks).toContain(`*Rows:* ${execution.export.rowCount.toLocaleString('en-US')} rows`);
    const uploaded = [...slack.uploads.values()];
    expect(uploaded.map((u) => u.filename.split('.').pop()).sort()).toEqual(['csv', 'png']);
    const csv = uploaded.find((u) => u.filename.endsWith('.csv'))!;
    expect(createHash('sha256').update(csv.bytes).digest('hex')).toBe(execution.export.checksum);
    expect(uploaded.find((u) => u.filename.endsWith('.png'))!.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    // Webhook: the 503'd attempt and the accepted one, the same webhook-id (the delivery id), both verified.
    expect(hooks).toHaveLength(2);
    expect(hooks.map((h) => h.headers['webhook-id'])).toEqual([byChannel.WEBHOOK.id, byChannel.WEBHOOK.id]);
    const body = hooks[1]!.verified;
    expect(body).toMatchObject({
      type: 'report.delivered', deliveryId: byChannel.WEBHOOK.id,
      data: {
        schedule: { id: created.id, name: '東京 Slack + hook' }, execution: { id: execution.id, triggeredBy: 'MANUAL' },
        rowCount: execution.export.rowCount, truncated: execution.export.truncated, file: { sha256: execution.export.checksum, format: 'CSV' },
      },
    });
    expect(body.data.period.timeZone).toBe('UTC');
    // The link works and gives the file the sha256 names.
    const link = body.data.file.downloadUrl.replace('https://reports.test', app.url);
    const download = await fetch(link);
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(execution.export.checksum);
  }, 120_000);

  it('4xx answers fail at once with the peer\'s words; lost answers are UNCERTAIN; a resend delivers them (the webhook with the same webhook-id)', async () => {
    const created = await createSchedule('refusals', { slackChannels: ['#nowhere'], webhookUrls: [receiverUrl] });
    receiverSecret = created.webhookSecret!;
    hookAnswers.push((res) => res.writeHead(410, { 'content-type': 'text/plain' }).end('this endpoint was retired'));
    const refused = await runAndSettle(created.id);
    expect(refused.status).toBe('FAILED');
    const r = Object.fromEntries(refused.deliveries.map((d: any) => [d.channel, d]));
    expect(r.SLACK).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'Slack refused: channel_not_found' });
    expect(r.WEBHOOK).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'The webhook receiver answered 410: this endpoint was retired' });

    const update = await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { slackChannels webhookSecret } }', { id: created.id, i: { slackChannels: ['C0LOST0001'] } }, editor);
    expect(update.data!.updateSchedule).toEqual({ slackChannels: ['C0LOST0001'], webhookSecret: null });
    hooks.length = 0;
    slack.calls.length = 0;
    slack.answerNext('chat.postMessage', 'drop');
    hookAnswers.push((res) => res.socket!.destroy());
    const lost = await runAndSettle(created.id);
    const l = Object.fromEntries(lost.deliveries.map((d: any) => [d.channel, d]));
    expect(l.SLACK).toMatchObject({ status: 'UNCERTAIN', attempts: 1 });
    expect(l.SLACK.lastError).toMatch(/^Slack's answer was lost/);
    expect(l.WEBHOOK).toMatchObject({ status: 'UNCERTAIN', attempts: 1 });
    expect(lost.status).toBe('FAILED');
    // Nothing was retried on its own.
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(hooks).toHaveLength(1);

    const resend = await app.gql('mutation($id: ID!) { resendFailedDeliveries(executionId: $id) { id } }', { id: lost.id }, editor);
    expect(resend.errors).toBeUndefined();
    const resent = await waitFor(async () => {
      const e = await settled(created.id, lost.id);
      return e.deliveries.every((d: any) => d.status === 'SENT') ? e : undefined;
    }, 60_000);
    expect(resent.status).toBe('DELIVERED');
    expect(hooks.map((h) => h.headers['webhook-id'])).toEqual([l.WEBHOOK.id, l.WEBHOOK.id]);
    expect(hooks[1]!.verified.deliveryId).toBe(l.WEBHOOK.id);
  }, 120_000);

  it('a worker that died mid-send (delivery left SENDING): Slack becomes UNCERTAIN without a second post; the webhook is sent again with the same webhook-id', async () => {
    const created = await createSchedule('died mid-send', { slackChannels: ['C0MIDSEND1'], webhookUrls: [receiverUrl] });
    receiverSecret = created.webhookSecret!;
    const execution = await runAndSettle(created.id);
    expect(execution.status).toBe('DELIVERED');
    const sql = (q: string, p: unknown[] = []) => app.runtime.orm.em.getConnection().execute(q, p);
    for (const d of execution.deliveries) {
      await waitFor(async () => ((await sql('SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ?', [`delivery:${d.id}`]))[0]?.n === 0 ? true : undefined), 30_000);
    }
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage').length;
    expect(hooks).toHaveLength(1);
    // What a SIGKILL between the recorded attempt and the peer's answer leaves behind.
    await sql(`UPDATE deliveries SET status = 'SENDING' WHERE execution_id = ?`, [execution.id]);
    await sql(`UPDATE schedule_executions SET status = 'RUNNING' WHERE id = ?`, [execution.id]);
    for (const d of execution.deliveries) await enqueueDelivery(app.runtime.orm.em, d, DELIVERY_PRIORITY.RESEND);
    const after = await waitFor(async () => {
      const e = await settled(created.id, execution.id);
      return e.deliveries.every((d: any) => d.status !== 'SENDING' && d.status !== 'PENDING') ? e : undefined;
    }, 60_000);
    const byChannel = Object.fromEntries(after.deliveries.map((d: any) => [d.channel, d]));
    expect(byChannel.SLACK.status).toBe('UNCERTAIN');
    expect(byChannel.SLACK.lastError).toMatch(/stopped before Slack answered/);
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(posts);
    expect(byChannel.WEBHOOK.status).toBe('SENT');
    expect(hooks.map((h) => h.headers['webhook-id'])).toEqual([byChannel.WEBHOOK.id, byChannel.WEBHOOK.id]);
    expect(hooks[1]!.verified.deliveryId).toBe(byChannel.WEBHOOK.id);
  }, 120_000);

  it('rotateWebhookSecret returns a new secret once; the next run is signed with it and no longer with the old one', async () => {
    const created = await createSchedule('rotation', { webhookUrls: [receiverUrl] });
    const old = created.webhookSecret!;
    const rotated = await app.gql('mutation($id: ID!) { rotateWebhookSecret(scheduleId: $id) }', { id: created.id }, editor);
    const fresh = rotated.data!.rotateWebhookSecret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(old);
    receiverSecret = old;
    await runAndSettle(created.id);
    expect(hooks[0]!.verified).toMatch(/^invalid: /);
    expect(() => new Webhook(fresh).verify(hooks[0]!.body, hooks[0]!.headers as Record<string, string>)).not.toThrow();
  }, 120_000);

  it('a run an alert sent says the verdict everywhere: the Slack message, the webhook body (condition) and the Teams card', async () => {
    const teamsPath = '/webhookb2/alert@tenant/IncomingWebhook/ALERTTOKEN/1';
    const created = await createSchedule('alerting', {
      slackChannels: ['#alerts'], webhookUrls: [receiverUrl], teamsWebhookUrls: [`${teams.base}${teamsPath}`], alertCondition: { kind: 'SOME_ROWS' },
    });
    receiverSecret = created.webhookSecret!;
    const execution = await runAndSettle(created.id);
    expect(execution.status).toBe('DELIVERED');
    const [row] = await app.runtime.orm.em.getConnection().execute<{ condition: any }[]>('SELECT condition FROM schedule_executions WHERE id = ?', [execution.id]);
    const condition = row!.condition;
    expect(condition).toMatchObject({ kind: 'SOME_ROWS', met: true, notified: true, rowCount: execution.export.rowCount });
    const verdict = `Alert: ${execution.export.rowCount} rows (condition: some rows): met.`;
    expect(condition.summary).toBe(`${execution.export.rowCount} rows (condition: some rows): met`);

    const post = slack.calls.filter((c) => c.method === 'chat.postMessage').at(-1)!;
    expect(post.fields.text).toMatch(new RegExp(`^${verdict.replace(/[.()]/g, '\\$&')} Usage Summary — alerting: `));
    expect(JSON.stringify(post.fields.blocks)).toContain(`*${verdict}*`);

    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.verified.data.condition).toEqual(condition);

    const card = teams.calls.filter((c) => c.path === teamsPath).at(-1)!.body.attachments[0].content;
    expect(card.body[2]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: verdict.replace(/[.()]/g, '\\$&') });

    // A schedule without a condition says nothing of one.
    const plain = await createSchedule('no alert', { webhookUrls: [receiverUrl], teamsWebhookUrls: [`${teams.base}${teamsPath}`] });
    receiverSecret = plain.webhookSecret!;
    hooks.length = 0;
    await runAndSettle(plain.id);
    expect(hooks[0]!.verified.data.condition).toBeNull();
    expect(JSON.stringify(teams.calls.filter((c) => c.path === teamsPath).at(-1)!.body)).not.toContain('Alert');
  }, 120_000);
});
