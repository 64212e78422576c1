import 'reflect-metadata';
/**
 * Microsoft Teams and SFTP destinations end to end: the app with its worker, a local Teams
 * stand-in (test/support/teams-recorder.ts) and a real SFTP server built with ssh2
 * (test/support/sftp-server.ts). Each Teams URL and each SFTP target is one delivery in the ledger:
 * delivered once; retried on 429 (after Retry-After), 5xx and a server that is down; failed at once
 * on a 4xx (Teams' words), a refused key or a host key that does not match; UNCERTAIN when Teams'
 * answer is lost; resent on request. Teams URLs and SFTP keys are credentials: stored sealed,
 * never returned, the URL shown redacted.
 */
import { createHash } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { sshKeyPair, startSftpServer, type SftpTestServer } from './support/sftp-server.js';
import { startTeamsRecorder, type TeamsRecorder } from './support/teams-recorder.js';
import { waitFor } from './support/wait.js';
import { DELIVERY_PRIORITY, enqueueDelivery } from '../server/src/features/delivery/delivery.service.js';
import { cleanupExpiredExports } from '../server/src/features/exports/export-cleanup.js';

let app: TestApp;
let teams: TeamsRecorder;
let sftp: SftpTestServer;
let sftpRoot: string;
let editor: string;
let reportId: string;
/** The first run's chart image URL and download link, checked by the test after it. */
let chartCheck: { url: string; downloadUrl: string; scheduleId: string; executionId: string } | undefined;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Each URL's last segment is its credential, as in Teams' and Workflows' URLs. */
const TEAMS_A = '/webhookb2/0f1e2d3c@72f988bf/IncomingWebhook/SECRETTOKENAAAA/4b5c';
const TEAMS_B = '/workflows/5d6e7f/triggers/manual/paths/invoke?api-version=1&sig=SECRETSIGBBBB';

beforeAll(async () => {
  teams = await startTeamsRecorder();
  sftpRoot = mkdtempSync(join(tmpdir(), 'sftp-e2e-'));
  sftp = await startSftpServer(sftpRoot);
  app = await startTestApp({ worker: true, env: { PUBLIC_URL: 'https://reports.test' } });
  editor = await app.token('acme', 'editor', 'ed@acme');
  const reports = await app.gql('{ reports(first: 50) { edges { node { id name } } } }', {}, editor);
  reportId = reports.data!.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await teams?.close();
  await sftp?.close();
  if (sftpRoot) rmSync(sftpRoot, { recursive: true, force: true });
});

const SCHEDULE_FIELDS = 'id teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }';
const EXECUTION = `query($id: ID!) { schedule(id: $id) { executions(first: 10) { edges { node { id status scheduledFor
  export { rowCount checksum truncated } deliveries { id channel target status attempts lastError providerMessageId } } } } } }`;

function sftpInput(over: Record<string, unknown> = {}) {
  return { host: '127.0.0.1', port: sftp.port, username: sftp.username, privateKey: sftp.clientPrivateKey, pathTemplate: 'outbox/{report}/{date}.{format}', hostKeyFingerprint: sftp.hostKeyFingerprint, ...over };
}

async function createSchedule(name: string, input: Record<string, unknown>): Promise<any> {
  const created = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { ${SCHEDULE_FIELDS} } }`, {
    i: { reportId, name, cron: '0 9 * * 1', timezone: 'Asia/Tokyo', format: 'CSV', ...input },
  }, editor);
  expect(created.errors).toBeUndefined();
  return created.data!.createSchedule;
}

async function run(scheduleId: string): Promise<string> {
  const started = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: scheduleId }, editor);
  expect(started.errors).toBeUndefined();
  return started.data!.runScheduleNow.id;
}

async function execution(scheduleId: string, executionId: string): Promise<any> {
  const s = (await app.gql(EXECUTION, { id: scheduleId }, editor)).data!.schedule;
  return s.executions.edges.find((x: any) => x.node.id === executionId)?.node;
}

async function settled(scheduleId: string, executionId: string): Promise<any> {
  return waitFor(async () => {
    const e = await execution(scheduleId, executionId);
    return e && e.status !== 'RUNNING' && e.status !== 'PENDING' ? e : undefined;
  }, 90_000);
}

const sql = <T = any>(q: string, p: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(q, p);

describe('saving Teams URLs and SFTP targets', () => {
  it('refuses bad input at its field path and saves nothing', async () => {
    const before = (await sql('SELECT count(*)::int AS n FROM schedules'))[0].n;
    const res = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: {
        reportId, name: 'bad destinations', cron: '0 9 * * 1',
        teamsWebhookUrls: [`${teams.base}${TEAMS_A}`, 'ftp://teams.example.com/hook', 'https://contoso.webhook.office.com/…(0badc0de)'],
        sftpTargets: [
          sftpInput({ privateKey: null }),
          sftpInput({ port: 70000, username: 'a b', pathTemplate: '/etc/{passwd}', hostKeyFingerprint: 'MD5:aa:bb' }),
          sftpInput({ privateKey: sshKeyPair().public, host: 'not a host!' }),
        ],
      },
    }, editor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const problems = Object.fromEntries((res.errors![0]!.extensions!.errors as { path: string; message: string }[]).map((f) => [f.path, f.message]));
    expect(problems).toEqual({
      'input.teamsWebhookUrls.1': 'must be an http(s):// URL',
      'input.teamsWebhookUrls.2': 'not a Teams URL of this schedule: paste the whole URL again',
      'input.sftpTargets.0.privateKey': 'a new SFTP target needs a private key',
      'input.sftpTargets.1.port': 'between 1 and 65535',
      'input.sftpTargets.1.username': 'letters, digits, . _ - (up to 100)',
      'input.sftpTargets.1.pathTemplate': 'letters, digits, . _ - / and {placeholders} only',
      'input.sftpTargets.1.hostKeyFingerprint': 'SHA256:… as `ssh-keyscan HOST | ssh-keygen -lf -` prints it',
      'input.sftpTargets.2.host': '"not a host!" is not a host name or IP address',
      'input.sftpTargets.2.privateKey': 'a public key: give the private key',
    });
    expect((await sql('SELECT count(*)::int AS n FROM schedules'))[0].n).toBe(before);
  });

  it('stores the Teams URL and the SFTP key sealed; the API shows the URL redacted and never the key; an edit keeps them by their redacted form and id', async () => {
    const created = await createSchedule('sealed destinations', { teamsWebhookUrls: [`${teams.base}${TEAMS_A}`], sftpTargets: [sftpInput()] });
    expect(created.teamsWebhooks).toEqual([expect.stringMatching(new RegExp(`^${teams.base.replace(/\./g, '\\.')}/…\\([0-9a-f]{8}\\)$`))]);
    expect(created.sftpTargets).toEqual([{ id: expect.any(String), host: '127.0.0.1', port: sftp.port, username: 'reports', pathTemplate: 'outbox/{report}/{date}.{format}', hostKeyFingerprint: sftp.hostKeyFingerprint, hasPrivateKey: true }]);
    const [row] = await sql('SELECT teams_webhooks::text AS t, sftp_targets::text AS s FROM schedules WHERE id = ?', [created.id]);
    expect(row.t).not.toContain('SECRETTOKEN');
    expect(row.t).not.toContain('webhookb2');
    expect(row.s).not.toContain('OPENSSH');
    expect(JSON.parse(row.s)[0].privateKeyCiphertext).toMatch(/^v1\./);
    const everything = JSON.stringify((await app.gql(`query($id: ID!) { schedule(id: $id) { ${SCHEDULE_FIELDS} } }`, { id: created.id }, editor)).data);
    expect(everything).not.toContain('SECRETTOKEN');
    expect(everything).not.toContain('PRIVATE KEY');

    // Keep both as they are (the redacted URL, the target by id without a key), add a second URL.
    const updated = await app.gql(`mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { ${SCHEDULE_FIELDS} } }`, {
      id: created.id, i: { teamsWebhookUrls: [created.teamsWebhooks[0], `${teams.base}${TEAMS_B}`], sftpTargets: [{ ...sftpInput({ privateKey: null }), id: created.sftpTargets[0].id }] },
    }, editor);
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateSchedule.teamsWebhooks).toHaveLength(2);
    expect(updated.data!.updateSchedule.teamsWebhooks[0]).toBe(created.teamsWebhooks[0]);
    expect(updated.data!.updateSchedule.sftpTargets[0].id).toBe(created.sftpTargets[0].id);
    const [after] = await sql('SELECT teams_webhooks AS t, sftp_targets AS s FROM schedules WHERE id = ?', [created.id]);
    expect(after.s[0].privateKeyCiphertext).toBe(JSON.parse(row.s)[0].privateKeyCiphertext);
    expect(after.t[0].ciphertext).toBe(JSON.parse(row.t)[0].ciphertext);
  });
});

describe('a run to Teams and SFTP', () => {
  it('delivers once to each: Teams after a 429 (Retry-After honoured) and a 503, SFTP after its server was down; the card carries the run; the file lands whole', async () => {
    const created = await createSchedule('Teams + SFTP 東京', { teamsWebhookUrls: [`${teams.base}${TEAMS_A}`, `${teams.base}${TEAMS_B}`], sftpTargets: [sftpInput()] });
    teams.calls.length = 0;
    sftp.ops.length = 0;
    // 4 s: longer than the worker's own first backoff (e^1 s), so only an honoured Retry-After explains the gap.
    teams.answerNext(TEAMS_A, { status: 429, body: 'Too many requests', headers: { 'retry-after': '4' } });
    teams.answerNext(TEAMS_B, { status: 503, body: 'busy' });
    await sftp.stop();
    const executionId = await run(created.id);
    // The SFTP upload failed once (the server is down) and waits for its retry: start the server again.
    await waitFor(async () => {
      const e = await execution(created.id, executionId);
      const d = e?.deliveries.find((x: any) => x.channel === 'SFTP');
      return d && d.attempts >= 1 && d.status === 'PENDING' ? d : undefined;
    }, 60_000).then((d) => expect(d.lastError).toMatch(/^SFTP upload to reports@127\.0\.0\.1:\d+ failed: .*(ECONNREFUSED|refused connection)/));
    await sftp.start();
    const e = await settled(created.id, executionId);
    expect(e.status).toBe('DELIVERED');
    const [teamsA, teamsB] = created.teamsWebhooks;
    const byTarget = Object.fromEntries(e.deliveries.map((d: any) => [d.target, d]));
    expect(byTarget[teamsA]).toMatchObject({ channel: 'TEAMS', status: 'SENT', attempts: 2, providerMessageId: 'HTTP 200 from 127.0.0.1' });
    expect(byTarget[teamsB]).toMatchObject({ channel: 'TEAMS', status: 'SENT', attempts: 2 });
    const sftpDelivery = e.deliveries.find((d: any) => d.channel === 'SFTP');
    expect(sftpDelivery).toMatchObject({ status: 'SENT', attempts: 2 });
    expect(sftpDelivery.target).toMatch(new RegExp(`^sftp://reports@127\\.0\\.0\\.1:${sftp.port}/outbox/usage-summary/\\d{4}-\\d{2}-\\d{2}_\\d{2}h\\d{2}\\.csv$`));
    expect(sftpDelivery.providerMessageId).toContain(`host key ${sftp.hostKeyFingerprint}`);

    // Teams: the 429'd post, then (after at least Retry-After) the one accepted post, per URL.
    const toA = teams.calls.filter((c) => c.path === TEAMS_A);
    expect(toA.map((c) => c.status)).toEqual([429, 200]);
    expect(toA[1]!.receivedAt.getTime() - toA[0]!.receivedAt.getTime()).toBeGreaterThanOrEqual(4000);
    expect(teams.calls.filter((c) => c.path === TEAMS_B).map((c) => c.status)).toEqual([503, 200]);

    // The card, structurally.
    const message = toA[1]!.body;
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = message.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' });
    expect(Array.isArray(card.body) && Array.isArray(card.actions)).toBe(true);
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: 'Usage Summary', weight: 'Bolder' });
    expect(card.body[1]).toMatchObject({ type: 'TextBlock', text: 'Teams \\+ SFTP 東京' });
    const facts = Object.fromEntries(card.body.find((b: any) => b.type === 'FactSet').facts.map((f: any) => [f.title, f.value]));
    expect(facts.Period).toMatch(/Asia\/Tokyo$/);
    expect(facts.Rows).toBe(e.export.rowCount.toLocaleString('en-US'));
    expect(facts.Truncated).toBe(e.export.truncated ? 'yes' : 'no');
    expect(toA[1]!.bytes).toBeLessThanOrEqual(28_000);
    // The chart: an Image Teams fetches from our HTTPS URL (the PNG itself would not fit in the message).
    const image = card.body.find((b: any) => b.type === 'Image');
    expect(image).toMatchObject({ type: 'Image', altText: expect.stringMatching(/^Chart: /), size: 'Stretch' });
    expect(image.url).toMatch(/^https:\/\/reports\.test\/exports\/[0-9a-f-]{36}\/chart\.png\?token=v1\./);
    expect(JSON.stringify(message)).not.toContain('data:image');
    // One stored PNG for the run: the other Teams URL's card names the same image.
    expect(teams.calls.filter((c) => c.path === TEAMS_B).at(-1)!.body.attachments[0].content.body.find((b: any) => b.type === 'Image').url).toBe(image.url);
    chartCheck = { url: image.url, downloadUrl: card.actions[0].url, scheduleId: created.id, executionId };
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Download', url: expect.stringMatching(/^https:\/\/reports\.test\/exports\//) }]);
    const download = await fetch(card.actions[0].url.replace('https://reports.test', app.url));
    expect(download.status).toBe(200);
    expect(sha(Buffer.from(await download.arrayBuffer()))).toBe(e.export.checksum);

    // SFTP: the bytes as exported, written under a temporary name and renamed into place.
    const remote = sftpDelivery.target.replace(/^sftp:\/\/[^/]+\//, '');
    expect(sha(readFileSync(join(sftpRoot, remote)))).toBe(e.export.checksum);
    const final = `/${remote}`;
    expect(sftp.ops.filter((o) => o.path === final || o.to === final).map((o) => o.op)).toEqual(['RENAME']);
    expect(sftp.ops.filter((o) => o.op === 'WRITE').every((o) => o.path.endsWith('.part'))).toBe(true);
    expect(readdirSync(join(sftpRoot, 'outbox/usage-summary')).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 150_000);

  it('the card\'s chart URL serves the run\'s chart PNG (private, image/png) until retention removes it with the file; a tampered or borrowed token is 404', async () => {
    expect(chartCheck).toBeDefined();
    const local = (url: string) => url.replace('https://reports.test', app.url);
    const got = await fetch(local(chartCheck!.url));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('cache-control')).toBe('private');
    const png = Buffer.from(await got.arrayBuffer());
    expect(Number(got.headers.get('content-length'))).toBe(png.length);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    // The email's chart, 544 × 300 CSS px drawn at twice the density.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1088, 600]);
    // A whole, decodable PNG: every chunk's CRC holds, and the image data inflates to exactly its rows.
    const idat: Buffer[] = [];
    let at = 8;
    let last = '';
    while (at < png.length) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(Buffer.concat([type, data])));
      if (type.toString('latin1') === 'IDAT') idat.push(data);
      last = type.toString('latin1');
      at += 12 + length;
    }
    expect(last).toBe('IEND');
    const bytesPerPixel = ({ 2: 3, 6: 4, 0: 1, 4: 2 } as Record<number, number>)[png[25]!]! * (png[24]! / 8);
    expect(inflateSync(Buffer.concat(idat)).length).toBe(600 * (1 + 1088 * bytesPerPixel));
    expect(png.length).toBeGreaterThan(28_000); // what made the data: URI impossible

    const url = new URL(local(chartCheck!.url));
    const token = url.searchParams.get('token')!;
    const exportId = url.pathname.split('/')[2]!;
    const status = async (u: string) => (await fetch(u)).status;
    const [version, payload, mac] = token.split('.') as [string, string, string];
    const otherTenant = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), t: 'globex' })).toString('base64url');
    const flipped = `${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`;
    // A changed MAC, a payload moved to another tenant, no token, another export's id: 404.
    for (const bad of [`${version}.${payload}.${flipped}`, `${version}.${otherTenant}.${mac}`]) {
      expect(await status(`${app.url}/exports/${exportId}/chart.png?token=${encodeURIComponent(bad)}`)).toBe(404);
    }
    expect(await status(`${app.url}/exports/${exportId}/chart.png`)).toBe(404);
    expect(await status(`${app.url}/exports/00000000-0000-4000-8000-000000000000/chart.png?token=${encodeURIComponent(token)}`)).toBe(404);
    // The chart token does not download the file, and the download link's token does not serve the chart.
    expect(await status(`${app.url}/exports/${exportId}/download?token=${encodeURIComponent(token)}`)).toBe(404);
    const downloadToken = new URL(chartCheck!.downloadUrl).searchParams.get('token')!;
    expect(await status(`${app.url}/exports/${exportId}/chart.png?token=${encodeURIComponent(downloadToken)}`)).toBe(404);

    // Retention: the file's days are over; the sweep the worker runs removes the file and its chart.
    const [row] = await sql('SELECT storage_key FROM exports WHERE id = ?', [exportId]);
    const chartKey = `${row.storage_key}.chart.png`;
    expect(await app.runtime.storage.exists(chartKey)).toBe(true);
    await sql(`UPDATE exports SET completed_at = completed_at - interval '30 days' WHERE id = ?`, [exportId]);
    await cleanupExpiredExports(app.runtime.orm.em.fork(), app.runtime.storage, app.runtime.config.exports.retentionDays);
    expect(await app.runtime.storage.exists(row.storage_key)).toBe(false);
    expect(await app.runtime.storage.exists(chartKey)).toBe(false);
    expect(await status(local(chartCheck!.url))).toBe(404);
  }, 60_000);

  it('fails at once on a Teams 4xx (its words kept), a refused SFTP key and a host key mismatch; a lost Teams answer is UNCERTAIN; a resend delivers', async () => {
    const created = await createSchedule('refusals', { teamsWebhookUrls: [`${teams.base}${TEAMS_A}`], sftpTargets: [sftpInput({ privateKey: sshKeyPair().private })] });
    teams.calls.length = 0;
    teams.answerNext(TEAMS_A, { status: 400, body: 'Bad payload received by generic incoming webhook.' });
    const refused = await settled(created.id, await run(created.id));
    expect(refused.status).toBe('FAILED');
    const r = Object.fromEntries(refused.deliveries.map((d: any) => [d.channel, d]));
    expect(r.TEAMS).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'Teams answered 400: Bad payload received by generic incoming webhook.' });
    expect(r.SFTP).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(r.SFTP.lastError).toMatch(/^SFTP login refused for reports@127\.0\.0\.1:\d+: .*All configured authentication methods failed/);

    // The right key now, but a pinned fingerprint the server does not have; Teams' answer is lost.
    const wrongPin = `SHA256:${Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')}`;
    const update = await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }', {
      id: created.id, i: { sftpTargets: [{ ...sftpInput({ hostKeyFingerprint: wrongPin }), id: created.sftpTargets[0].id }] },
    }, editor);
    expect(update.errors).toBeUndefined();
    teams.calls.length = 0;
    sftp.ops.length = 0;
    teams.answerNext(TEAMS_A, 'drop');
    const lost = await settled(created.id, await run(created.id));
    const l = Object.fromEntries(lost.deliveries.map((d: any) => [d.channel, d]));
    expect(l.TEAMS).toMatchObject({ status: 'UNCERTAIN', attempts: 1 });
    expect(l.TEAMS.lastError).toMatch(/^Teams request to 127\.0\.0\.1:\d+ failed: /);
    expect(l.SFTP).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(l.SFTP.lastError).toBe(`Host key mismatch for reports@127.0.0.1:${sftp.port}: expected ${wrongPin}, the server presented ${sftp.hostKeyFingerprint}. Nothing was sent; if the server's key really changed, update the schedule's fingerprint.`);
    expect(sftp.ops).toEqual([]);
    expect(lost.status).toBe('FAILED');
    // Nothing was retried on its own.
    expect(teams.calls).toHaveLength(1);

    // Pin the right key again and resend: both go out, Teams once more.
    await app.gql('mutation($id: ID!, $i: UpdateScheduleInput!) { updateSchedule(id: $id, input: $i) { id } }', {
      id: created.id, i: { sftpTargets: [{ ...sftpInput({ privateKey: null }), id: created.sftpTargets[0].id }] },
    }, editor);
    const resend = await app.gql('mutation($id: ID!) { resendFailedDeliveries(executionId: $id) { id } }', { id: lost.id }, editor);
    expect(resend.errors).toBeUndefined();
    const resent = await waitFor(async () => {
      const e = await settled(created.id, lost.id);
      return e.deliveries.every((d: any) => d.status === 'SENT') ? e : undefined;
    }, 60_000);
    expect(resent.status).toBe('DELIVERED');
    expect(teams.calls.map((c) => c.status)).toEqual([0, 200]);
    const remote = resent.deliveries.find((d: any) => d.channel === 'SFTP').target.replace(/^sftp:\/\/[^/]+\//, '');
    expect(existsSync(join(sftpRoot, remote))).toBe(true);
  }, 150_000);

  it('a worker that died mid-send (deliveries left SENDING): Teams becomes UNCERTAIN without a second post; SFTP is uploaded again to the same path', async () => {
    const created = await createSchedule('died mid-send', { teamsWebhookUrls: [`${teams.base}${TEAMS_B}`], sftpTargets: [sftpInput({ pathTemplate: 'midsend/{schedule}.{format}' })] });
    const executionId = await run(created.id);
    const e = await settled(created.id, executionId);
    expect(e.status).toBe('DELIVERED');
    for (const d of e.deliveries) {
      await waitFor(async () => ((await sql('SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ?', [`delivery:${d.id}`]))[0]?.n === 0 ? true : undefined), 30_000);
    }
    teams.calls.length = 0;
    sftp.ops.length = 0;
    // What a SIGKILL between the recorded attempt and the peer's answer leaves behind.
    await sql(`UPDATE deliveries SET status = 'SENDING' WHERE execution_id = ?`, [executionId]);
    await sql(`UPDATE schedule_executions SET status = 'RUNNING' WHERE id = ?`, [executionId]);
    for (const d of e.deliveries) await enqueueDelivery(app.runtime.orm.em, d, DELIVERY_PRIORITY.RESEND);
    const after = await waitFor(async () => {
      const x = await settled(created.id, executionId);
      return x.deliveries.every((d: any) => d.status !== 'SENDING' && d.status !== 'PENDING') ? x : undefined;
    }, 60_000);
    const byChannel = Object.fromEntries(after.deliveries.map((d: any) => [d.channel, d]));
    expect(byChannel.TEAMS.status).toBe('UNCERTAIN');
    expect(byChannel.TEAMS.lastError).toBe('The worker posting to Teams stopped before Teams answered; it may or may not have been posted');
    expect(teams.calls).toEqual([]);
    expect(byChannel.SFTP.status).toBe('SENT');
    expect(sftp.ops.filter((o) => o.op === 'RENAME').map((o) => o.to)).toEqual(['/midsend/died-mid-send.csv', '/midsend/died-mid-send.csv']);
    expect(sha(readFileSync(join(sftpRoot, 'midsend/died-mid-send.csv')))).toBe(e.export.checksum);
  }, 150_000);
});
