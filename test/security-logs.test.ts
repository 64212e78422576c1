/**
 * Issue 8, scenario 21: a production-mode server with its worker is driven into every kind of
 * failure (engine errors in a preview and in an export, bad and stolen-looking tokens, injection
 * payloads, tampered cursors and links, malformed bodies); then everything it logged and every
 * GraphQL error it answered is scanned: no secret, no token, no SQL text, no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GraphQLResponse, type TestApp } from './support/test-app.js';
import { exportAndFollow, reportIdByName } from './support/exports.js';
import { collect, wsClient } from './support/ws-client.js';
import { waitFor } from './support/wait.js';

const lines: string[] = [];
const answers: unknown[] = [];
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    seedRows: 2_000,
    worker: true,
    logSink: (_level, line) => lines.push(line),
    env: {
      NODE_ENV: 'production', LOG_LEVEL: 'info', EXPORT_MAX_ATTEMPTS: '1',
      // Secrets that must never be printed, even when something fails around them.
      SENDGRID_API_KEY: 'SG.testkeytestkey0123.abcdefghijklmnopqrstuvwxyz0123',
      DOWNLOAD_LINK_SECRET: '4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce',
      SENDGRID_API_URL: 'http://127.0.0.1:1',
    },
  });
});
afterAll(async () => app?.close());

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<GraphQLResponse> {
  const res = await app.gql(query, variables, token);
  answers.push(res.errors ?? null);
  return res;
}

describe('21. no secrets, SQL or stack traces in errors or logs', () => {
  it('provokes failures, then finds none of them leaking', async () => {
    const admin = await app.token('acme', 'admin');
    const viewer = await app.token('globex', 'viewer');
    const reportId = await reportIdByName(app, admin, 'Usage Summary');
    const db = app.runtime.analytics.database;

    // Tokens that fail, sent as a client would (they are secrets too: a log must not replay them).
    const almost = admin.slice(0, -4) + 'AAAA';
    expect(errorCode(await gql('{ reports { totalCount } }', {}, almost))).toBe('UNAUTHENTICATED');
    expect(errorCode(await gql('{ reports { totalCount } }', {}, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'))).toBe('UNAUTHENTICATED');
    // Injection payloads, bad cursors, a malformed body, a NUL.
    await gql('query($a: String) { reports(after: $a) { totalCount } }', { a: "' OR 1=1; SELECT * FROM reports --" }, admin);
    await gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: "x'; DROP TABLE reports; --\u0000", definition: { source: 'usage_events' } } }, admin);
    await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: '{"query": ' });
    // A download link replayed after tampering.
    const done = await exportAndFollow(app, admin, { reportId, format: 'CSV' });
    expect(done.final.status).toBe('COMPLETED');
    const link = new URL(done.final.downloadUrl);
    expect((await fetch(`${link.origin}${link.pathname}?token=${link.searchParams.get('token')}x`)).status).toBe(404);

    // A delivery whose provider is unreachable: graphile-worker logs the failed task (with the
    // error's stack in its message) and retries.
    const schedule = await gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Unreachable mail', cron: '0 9 * * 1', format: 'CSV', recipients: ['ops@example.com'] } }, admin);
    await gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: schedule.data!.createSchedule.id }, admin);
    await waitFor(async () => (lines.some((l) => /Failed task/.test(l)) ? true : undefined), 60_000);

    // Engine failures: the table goes away under a preview, an export and a subscription.
    await app.runtime.analytics.exec(`RENAME TABLE ${db}.usage_events TO ${db}.usage_events_moved`);
    try {
      const preview = await gql('query($id: ID!) { previewReport(input: { reportId: $id }) { totalCount } }', { id: reportId }, admin);
      expect(errorCode(preview)).toBe('INTERNAL_SERVER_ERROR');
      expect(preview.errors![0]!.message).toBe('Internal server error');
      const failed = await exportAndFollow(app, admin, { reportId, format: 'XLSX' });
      expect(failed.final.status).toBe('FAILED');
      answers.push(failed.final.error);
      const client = wsClient(app.url, admin);
      const sub = collect(client, 'query($id: ID!) { previewReport(input: { reportId: $id }) { totalCount } }', { id: reportId }, (d) => d);
      await waitFor(async () => (sub.errors.length ? true : undefined), 15_000);
      answers.push(sub.errors);
      expect(JSON.stringify(sub.errors)).toMatch(/INTERNAL_SERVER_ERROR/);
      await client.dispose();
    } finally {
      await app.runtime.analytics.exec(`RENAME TABLE ${db}.usage_events_moved TO ${db}.usage_events`);
    }

    if (process.env.PRINT_LOGS) console.log(lines.join("\n"), JSON.stringify(answers));
    // The failures were logged (so the scan below scans something)...
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(text).toMatch(/graphql request failed/);
    expect(text).toMatch(/subscription failed/);
    expect(text).toMatch(/usage_events/); // the engine's reason is kept, only its SQL is cut
    // ...and neither the log nor any answer holds a secret, a token, SQL or a stack.
    const everything = `${text}\n${JSON.stringify(answers)}`;
    const secrets = [app.config.jwtSecret!, app.runtime.downloadSecret, app.config.mail.sendgridApiKey!, admin, almost, viewer, link.searchParams.get('token')!];
    for (const secret of secrets) expect(everything.includes(secret), `leaked ${secret.slice(0, 12)}…`).toBe(false);
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    expect(everything).not.toMatch(/\bSELECT\b[\s\S]{0,200}\bFROM\b|\bselect\b .* from "|DROP TABLE reports; --/);
    expect(everything).not.toMatch(/\n\s+at [^\n]+:\d+:\d+|"stack"|\.ts:\d+:\d+/);
    // Every JSON log line stays parseable after redaction.
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });
});
