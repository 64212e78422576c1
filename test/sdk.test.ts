/**
 * The SDK against a real server (embedded chDB, real Postgres, the export worker in process):
 * reports CRUD and paged previews, a CSV export followed with progress and downloaded, the
 * subscription ending at COMPLETED, schedules, and typed errors for a bad token, bad input,
 * another tenant's object and a role that may not write.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { createReportcastClient, documents, ReportcastError, rowObjects, type TypedDocumentNode, type Export, type PreviewPage, type Report, type ReportcastClient, type ReportDefinitionInput } from '../sdk/src/index.js';
import { downloadToFile, toNodeReadable } from '../sdk/src/node.js';
import { parseCsv } from './support/csv.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let app: TestApp;
let client: ReportcastClient;
let reportId: string;
let created: Report;
const dir = mkdtempSync(join(tmpdir(), 'reportcast-sdk-'));

/**
 * An absolute window ending at the seeding instant: reads made at different moments (a preview, an
 * export) see exactly the same rows, which a relative range would not guarantee across a day's edge.
 */
let DEFINITION: ReportDefinitionInput;

async function caught(promise: Promise<unknown>): Promise<ReportcastError> {
  const error = await promise.then(() => new Error('expected a rejection'), (e: unknown) => e);
  expect(error).toBeInstanceOf(ReportcastError);
  return error as ReportcastError;
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 20_000, worker: true });
  DEFINITION = {
    source: 'usage_events',
    dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'day' }, { field: 'platform' }],
    measures: [{ fn: 'COUNT', alias: 'events' }, { fn: 'UNIQ', field: 'user_id', alias: 'users' }],
    timeRange: { from: new Date(app.seededAt.getTime() - 30 * 86_400_000).toISOString(), to: app.seededAt.toISOString() },
    orderBy: [{ key: 'day', direction: 'ASC' }],
    rowLimit: 1000,
  };
  client = createReportcastClient({ url: app.url, token: await app.token('acme', 'editor', 'eve@acme') });
  // Every test below works on this report, so each can also run alone (-t).
  created = await client.reports.create({ name: 'SDK daily platforms', definition: DEFINITION, tags: ['sdk'] });
  reportId = created.id;
});
afterAll(async () => {
  await client?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reports', () => {
  it('creates, reads, lists (auto-paginated), updates and validates', async () => {
    expect(await client.me()).toEqual({ userId: 'eve@acme', tenantId: 'acme', role: 'editor', roleName: 'EDITOR' });
    expect(created).toMatchObject({ name: 'SDK daily platforms', tags: ['sdk'], rowLimit: 1000, createdBy: 'eve@acme' });
    expect(created.definition.measures).toEqual([{ fn: 'COUNT', field: null, alias: 'events' }, { fn: 'UNIQ', field: 'user_id', alias: 'users' }]);
    expect((await client.reports.get(reportId)).name).toBe('SDK daily platforms');

    // Page size 1 forces one request per report: the iterator must follow every cursor.
    const listed: string[] = [];
    for await (const report of client.reports.list({ pageSize: 1 })) listed.push(report.id);
    const total = (await client.query(documents.ListReportsDocument, { first: 1 })).reports.totalCount;
    expect(listed.length).toBe(total);
    expect(new Set(listed).size).toBe(total);
    expect(listed[0]).toBe(reportId); // newest first
    expect(total).toBeGreaterThanOrEqual(2); // the seeded Usage Summary too

    const updated = await client.reports.update(reportId, { description: 'by the SDK test' });
    expect(updated).toMatchObject({ id: reportId, name: 'SDK daily platforms', description: 'by the SDK test' });

    expect(await client.reports.validate(DEFINITION)).toEqual({ valid: true, errors: [] });
    const invalid = await client.reports.validate({ ...DEFINITION, measures: [{ fn: 'SUM', field: 'platform' }] });
    expect(invalid.valid).toBe(false);
    expect(invalid.errors[0]?.path).toBe('measures.0.field');
  });

  it('PageInfo has Relay\'s four fields: startCursor is the first edge\'s, hasPreviousPage says a cursor came before', async () => {
    type Page = { reports: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } } };
    const pageDoc: TypedDocumentNode<Page, { after: string | null }> = parse('query($after: String) { reports(first: 1, after: $after) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }');
    const first = (await client.query(pageDoc, { after: null })).reports;
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[0]!.cursor });
    const second = (await client.query(pageDoc, { after: first.pageInfo.endCursor })).reports;
    expect(second.pageInfo.hasPreviousPage).toBe(true);
    expect(second.pageInfo.startCursor).toBe(second.edges[0]!.cursor);
    expect(second.pageInfo.startCursor).not.toBe(first.pageInfo.startCursor);
    const previewDoc: TypedDocumentNode<{ previewReport: { pageInfo: { hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } } }, { input: { reportId: string; first: number; after: string | null } }> =
      parse('query($input: PreviewReportInput!) { previewReport(input: $input) { pageInfo { hasPreviousPage startCursor endCursor } } }');
    const p1 = (await client.query(previewDoc, { input: { reportId, first: 2, after: null } })).previewReport.pageInfo;
    const p2 = (await client.query(previewDoc, { input: { reportId, first: 2, after: p1.endCursor } })).previewReport.pageInfo;
    expect([p1.hasPreviousPage, p1.startCursor, p2.hasPreviousPage, p2.startCursor]).toEqual([false, null, true, null]);
  });

  it('pages a preview with the async iterator and matches one unpaged read', async () => {
    const pages: PreviewPage[] = [];
    for await (const page of client.reports.previewPages({ reportId }, { pageSize: 7 })) pages.push(page);
    const whole = await client.reports.preview({ reportId }, { first: 500 });
    expect(whole.pageInfo.hasNextPage).toBe(false);
    expect(whole.totalCount).toBeGreaterThan(14);
    expect(pages.length).toBe(Math.ceil(whole.totalCount / 7));
    expect(pages.every((p) => p.asOf === pages[0]!.asOf)).toBe(true);
    expect(pages.flatMap((p) => p.rows)).toEqual(whole.rows);
    expect(pages[0]!.columns.map((c) => c.name)).toEqual(['day', 'platform', 'events', 'users']);
    // Cells typed by column kind (the SDK checked them): a DATE (a day grain), a STRING, NUMBERs.
    const first = rowObjects(whole)[0]!;
    expect(Object.keys(first)).toEqual(['day', 'platform', 'events', 'users']);
    expect(first.day).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(typeof first.platform).toBe('string');
    expect(Number(first.events)).toBeGreaterThan(0);
  });

  it('reports a bad definition as BAD_USER_INPUT with the field path', async () => {
    const error = await caught(client.reports.create({ name: 'Broken', definition: { ...DEFINITION, measures: [{ fn: 'AVG', field: 'nope' }] } }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.path).toBe('input.definition.measures.0.field');
    expect(error.fieldErrors[0]).toMatchObject({ path: 'input.definition.measures.0.field' });
    expect(error.operationName).toBe('CreateReport');
    expect(error.message).toMatch(/measures\.0\.field/);
  });
});

describe('exports', () => {
  let completed: Export;
  /** A completed CSV export of the report, made once for the tests that need one. */
  async function completedCsv(): Promise<Export> {
    completed ??= (await client.exports.exportAndDownload(reportId, 'CSV')).export;
    return completed;
  }

  it('exports CSV with progress events, downloads it and finds the report rows', async () => {
    const events: Export[] = [];
    const { export: done, stream } = await client.exports.exportAndDownload(reportId, 'CSV', { onProgress: (e) => events.push(e) });
    completed = done;
    expect(done).toMatchObject({ status: 'COMPLETED', format: 'CSV', triggeredBy: 'API', initiatedBy: 'eve@acme', reportId });
    expect(events[0]!.status).toBe('PENDING');
    expect(events.at(-1)).toEqual(done);
    const order = ['PENDING', 'PROCESSING', 'COMPLETED'];
    const ranks = events.map((e) => order.indexOf(e.status));
    expect(ranks.every((r, i) => r >= 0 && (i === 0 || r >= ranks[i - 1]!))).toBe(true);
    expect(done.progress.percent).toBe(100);
    expect(done.progress.rowsWritten).toBe(done.rowCount);

    const body = await text(stream);
    expect(Buffer.byteLength(body)).toBe(done.fileSize);
    const [header, ...rows] = parseCsv(body);
    expect(header).toEqual(['day', 'platform', 'events', 'users']);
    expect(rows.length).toBe(done.rowCount);
    // The same rows, in the same order and formatting, as a preview of the report shows.
    const preview = await client.reports.preview({ reportId }, { first: 500 });
    expect(preview.totalCount).toBe(done.rowCount);
    expect(rows).toEqual((preview.rows as unknown[][]).map((r) => r.map(String)));
  });

  it('downloads the file again as a Node stream and to a file, byte for byte', async () => {
    const chunks: Buffer[] = [];
    await completedCsv();
    for await (const chunk of toNodeReadable(await client.exports.download(completed.id))) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(completed.checksum);
    const file = join(dir, 'again.csv');
    expect(await downloadToFile(client, completed.id, file)).toBe(completed.fileSize);
    expect(readFileSync(file)).toEqual(bytes);
  });

  it('watch ends at COMPLETED for a new export, and at once for a finished one', async () => {
    const created = await client.exports.create({ reportId, format: 'JSON' });
    const seen: string[] = [];
    const revisions: number[] = [];
    for await (const update of client.exports.watch(created.id)) { seen.push(update.status); revisions.push(update.revision); }
    expect(seen.at(-1)).toBe('COMPLETED');
    expect(seen.slice(0, -1).every((s) => s === 'PENDING' || s === 'PROCESSING')).toBe(true);
    // No update is older than the one before it (an event for a change the first read already
    // saw can repeat it), and a later read is no older than the last.
    expect(revisions.every((r, i) => i === 0 || r >= revisions[i - 1]!)).toBe(true);
    expect((await client.exports.get(created.id)).revision).toBeGreaterThanOrEqual(revisions.at(-1)!);

    await completedCsv();
    const again: Export[] = [];
    for await (const update of client.exports.watch(completed.id)) again.push(update);
    expect(again.map((e) => e.status)).toEqual(['COMPLETED']);
  });

  it('watch carries on across a dropped socket: it reconnects, resubscribes and gets the state it missed', async () => {
    const sockets: Socket[] = [];
    const onUpgrade = (_req: unknown, socket: Socket) => sockets.push(socket);
    app.server.on('upgrade', onUpgrade);
    // An export no worker runs (no job): its row moves only by the SQL below.
    const conn = app.runtime.orm.em.getConnection();
    const id = randomUUID();
    await conn.execute(`INSERT INTO exports (id, tenant_id, report_id, report_name, definition, format, triggered_by, initiated_by, as_of, max_attempts)
      VALUES (?, 'acme', ?, 'SDK daily platforms', '{}', 'CSV', 'API', 'eve@acme', now(), 1)`, [id, reportId]);
    const own = createReportcastClient({ url: app.url, token: await app.token('acme', 'editor', 'eve@acme') });
    try {
      const seen: string[] = [];
      const updates = own.exports.watch(id)[Symbol.asyncIterator]();
      const next = async () => { const r = await updates.next(); if (!r.done) seen.push(`${r.value.status}:${r.value.progress.rowsWritten}`); return r; };
      await next();
      expect(seen).toEqual(['PENDING:0']);
      // The connection drops (a proxy restart, a network blip); meanwhile the export moves on.
      expect(sockets.length).toBeGreaterThan(0);
      for (const socket of sockets) socket.destroy();
      await conn.execute(`UPDATE exports SET status = 'PROCESSING', rows_written = 7 WHERE id = ?`, [id]);
      // graphql-ws reconnects and resubscribes; the server's first answer is the state now.
      await next();
      expect(seen).toEqual(['PENDING:0', 'PROCESSING:7']);
      // Completed as the runner completes one: with its file's fields (the SDK's CompletedExport type promises them).
      await conn.execute(`UPDATE exports SET status = 'COMPLETED', rows_written = 9, row_count = 9, file_size = 12, checksum = 'ab', file_name = 'x.csv',
        content_type = 'text/csv', storage_kind = 'fs', storage_key = 'never-written', completed_at = now() WHERE id = ?`, [id]);
      await next();
      expect(seen).toEqual(['PENDING:0', 'PROCESSING:7', 'COMPLETED:9']);
      expect((await updates.next()).done).toBe(true);
      expect(sockets.length).toBeGreaterThanOrEqual(2); // a second connection was opened
    } finally {
      app.server.off('upgrade', onUpgrade);
      await own.close();
      await conn.execute('DELETE FROM exports WHERE id = ?', [id]);
    }
  });

  it('lists with a filter, refuses to cancel a finished export, deletes', async () => {
    await completedCsv();
    const mine: Export[] = [];
    for await (const e of client.exports.list({ filter: { reportId, format: 'CSV' }, pageSize: 1 })) mine.push(e);
    expect(mine.map((e) => e.id)).toEqual([completed.id]);

    const cancel = await caught(client.exports.cancel(completed.id));
    expect(cancel.code).toBe('BAD_USER_INPUT');
    expect(cancel.path).toBe('id');

    expect(await client.exports.delete(completed.id)).toBe(completed.id);
    expect((await caught(client.exports.get(completed.id))).code).toBe('NOT_FOUND');
    expect((await caught(client.exports.download(completed.id))).code).toBe('NOT_FOUND');
  });

  it('cancels a pending export and retries it as a new attempt', async () => {
    // A large XLSX takes long enough that the cancel lands while it is PENDING or PROCESSING.
    const created = await client.exports.create({ reportId, format: 'XLSX' });
    const cancelled = await client.exports.cancel(created.id).catch((e: ReportcastError) => e);
    if (cancelled instanceof ReportcastError) {
      // It finished first on this machine: cancelling is refused, which is the contract too.
      expect(cancelled.code).toBe('BAD_USER_INPUT');
      return;
    }
    expect(cancelled.status).toBe('CANCELLED');
    const retried = await client.exports.retry(created.id);
    expect(retried).toMatchObject({ retryOf: created.id, triggeredBy: 'RETRY' });
    const statuses: string[] = [];
    for await (const u of client.exports.watch(retried.id)) statuses.push(u.status);
    expect(statuses.at(-1)).toBe('COMPLETED');
  });
});

describe('schedules', () => {
  it('create (weekly preset), upcoming runs, pause, resume, run now, executions, update, delete', async () => {
    const schedule = await client.schedules.create({
      reportId, name: 'SDK weekly', preset: { preset: 'WEEKLY', dayOfWeek: 1, hour: 9, minute: 0 },
      timezone: 'Europe/Paris', format: 'CSV', recipients: ['ops@example.com'],
    });
    expect(schedule).toMatchObject({ name: 'SDK weekly', cron: '0 9 * * 1', timezone: 'Europe/Paris', status: 'ACTIVE', recipients: ['ops@example.com'] });

    const runs = await client.schedules.upcomingRuns(schedule.id, 3);
    expect(runs).toHaveLength(3);
    for (const run of runs) {
      expect(new Date(run.utc).getUTCDay()).toBe(1);
      expect(run.local).toMatch(/T09:00:00\+0[12]:00$/);
    }
    expect(await client.schedules.upcomingRuns({ cron: '0 9 * * 1', timezone: 'Europe/Paris' }, 3)).toEqual(runs);

    expect((await client.schedules.pause(schedule.id)).status).toBe('PAUSED');
    expect((await client.schedules.resume(schedule.id)).status).toBe('ACTIVE');

    const execution = await client.schedules.runNow(schedule.id);
    expect(execution).toMatchObject({ scheduleId: schedule.id, triggeredBy: 'MANUAL' });
    const executions = [];
    for await (const e of client.schedules.executions(schedule.id)) executions.push(e);
    expect(executions.map((e) => e.id)).toContain(execution.id);

    const listed = [];
    for await (const s of client.schedules.list({ pageSize: 1 })) listed.push(s.id);
    expect(listed).toContain(schedule.id);

    expect((await client.schedules.update(schedule.id, { name: 'SDK weekly (renamed)' })).name).toBe('SDK weekly (renamed)');
    expect((await client.schedules.get(schedule.id)).name).toBe('SDK weekly (renamed)');
    expect(await client.schedules.delete(schedule.id)).toBe(schedule.id);
    expect((await caught(client.schedules.get(schedule.id))).code).toBe('NOT_FOUND');
  });

  it('a bad time zone is BAD_USER_INPUT with its path', async () => {
    const error = await caught(client.schedules.upcomingRuns({ cron: '0 9 * * 1', timezone: 'Mars/Olympus' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.path).toBe('timezone');
  });
});

describe('errors', () => {
  it('a bad token is UNAUTHENTICATED over HTTP and over the subscription socket', async () => {
    const bad = createReportcastClient({ url: `${app.url}/graphql`, token: 'not-a-token', retry: false });
    try {
      const error = await caught(bad.reports.get(reportId));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.status).toBe(401);
      const watched = await caught((async () => { for await (const _ of bad.exports.watch(reportId)) { /* nothing arrives */ } })());
      expect(watched.code).toBe('UNAUTHENTICATED');
    } finally {
      await bad.close();
    }
  });

  it('getToken is asked per request; another tenant sees NOT_FOUND; a viewer may not write', async () => {
    let asked = 0;
    const globex = createReportcastClient({ url: app.url, getToken: async () => { asked++; return app.token('globex', 'viewer'); } });
    try {
      expect((await caught(globex.reports.get(reportId))).code).toBe('NOT_FOUND');
      const forbidden = await caught(globex.reports.create({ name: 'Nope', definition: DEFINITION }));
      expect(forbidden.code).toBe('FORBIDDEN');
      expect(asked).toBe(2);
    } finally {
      await globex.close();
    }
  });
});
