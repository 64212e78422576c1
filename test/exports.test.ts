/**
 * On-demand exports end to end: GraphQL mutation → graphile-worker job → streamed file in storage
 * → subscription updates → download through the returned link, in every format, with the file's
 * content checked against the report's rows. Also cancel, retry, delete, audit and isolation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { compileReport } from '../server/src/features/reports/compile-query.js';
import { signDownloadToken } from '../server/src/features/exports/download-token.js';
import { validateDefinition } from '../server/src/features/reports/validate-definition.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { parseCsv } from './support/csv.js';
import { CREATE_EXPORT, EXPORT_UPDATED, GET_EXPORT, exportAndFollow, reportIdByName } from './support/exports.js';
import { collect, wsClient } from './support/ws-client.js';
import { waitFor } from './support/wait.js';
import { pdfText, poppler, popplerSkipReason, popplerText } from './support/pdf-text.js';
import { zipJsEntries } from '../server/src/features/exports/writers/zip.test-kit.js';

let app: TestApp;
let admin: string;
let usageId: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 60_000, worker: true });
  admin = await app.token('acme', 'admin', 'ann@acme');
  usageId = await reportIdByName(app, admin, 'Usage Summary');
});
afterAll(async () => app?.close());

/**
 * The report's rows at the export's as-of instant, straight from ClickHouse, in the zone the export
 * read time in (its `timeZone`: an option's zone, else the report's).
 */
async function expectedRows(definition: unknown, asOf: string, timeZone?: string): Promise<unknown[][]> {
  const checked = validateDefinition(definition, app.runtime.limits);
  if (!checked.valid) throw new Error('invalid');
  const q = compileReport(checked.definition, { tenantId: 'acme', asOf: new Date(asOf), database: app.runtime.analytics.database, maxRangeDays: 366, timeZone: timeZone ?? checked.definition.timeZone });
  return (await app.runtime.analytics.query(q.sql, q.params)).rows;
}

async function usageDefinition() {
  const res = await app.gql(`query($id: ID!) { report(id: $id) { definition { source rowLimit dimensions { field grain alias }
    measures { fn field alias } timeRange { last { n unit } } orderBy { key direction } } } }`, { id: usageId }, admin);
  return res.data!.report.definition;
}

async function download(url: string) {
  const res = await fetch(url);
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe('exports of the Usage Summary in every format', () => {
  it('CSV: follows progress to COMPLETED and downloads the report rows', async () => {
    const { final, states } = await exportAndFollow(app, admin, { reportId: usageId, format: 'CSV' });
    expect(final.status).toBe('COMPLETED');
    // The first state is whatever it was when the subscription began; after that, only forward.
    const order = ['PENDING', 'PROCESSING', 'COMPLETED'];
    const seen = states.map((s: any) => order.indexOf(s.status));
    expect(seen.every((v: number, i: number) => v >= 0 && (i === 0 || v >= seen[i - 1]!))).toBe(true);
    expect(final).toMatchObject({ format: 'CSV', triggeredBy: 'API', initiatedBy: 'ann@acme', reportId: usageId, reportName: 'Usage Summary', attempts: 1, truncated: false, error: null });
    expect(final.fileName).toMatch(/^usage-summary_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.csv$/);
    expect(final.progress.percent).toBe(100);
    expect(final.progress.rowsWritten).toBe(final.rowCount);
    expect(final.downloadUrl).toMatch(new RegExp(`^${app.url}/exports/${final.id}/download\\?token=`));
    expect(Date.parse(final.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);

    const { res, body } = await download(final.downloadUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(Number(res.headers.get('content-length'))).toBe(final.fileSize);
    // The report's name (not the stored slug) with the stored name's time part, in both forms.
    const named = final.fileName.replace(/^[a-z0-9-]+_/, 'Usage Summary_');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${named}"; filename*=UTF-8''${encodeURIComponent(named)}`);
    expect(body.length).toBe(final.fileSize);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(body).digest('hex')).toBe(final.checksum);

    const [header, ...rows] = parseCsv(body.toString('utf8'));
    expect(header).toEqual(['date', 'event_type', 'total_events', 'unique_users', 'unique_devices']);
    const expected = await expectedRows(await usageDefinition(), final.asOf);
    expect(rows.length).toBe(final.rowCount);
    expect(rows).toEqual(expected.map((r) => r.map(String)));
  });

  it('XLSX: typed cells, bold frozen header, an About sheet', async () => {
    const { final } = await exportAndFollow(app, admin, { reportId: usageId, format: 'XLSX', options: { timeZone: 'America/New_York' } });
    expect(final.status).toBe('COMPLETED');
    expect(final.timeZone).toBe('America/New_York');
    const { res, body } = await download(final.downloadUrl);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    // The usage report's default chart (LINE over its date, split by event type) as a native Excel
    // chart drawing the Chart sheet's formula block over sheet Data (writers/xlsx-chart-pivot.ts).
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Data', 'Chart', 'About']);
    const chartPart = (await zipJsEntries(body)).find((e) => e.name === 'xl/charts/chart1.xml')!.content.toString('utf8');
    expect(chartPart).toContain('<c:lineChart>');
    expect(chartPart).toContain("<c:f>'Chart'!$A$33:$A$");
    const covered = Math.min(final.rowCount, 1000) + 1;
    expect(wb.getWorksheet('Chart')!.getRow(33).getCell(2).formula).toContain(`('Data'!$A$2:$A$${covered}=$A33)*('Data'!$B$2:$B$${covered}=B$32)`);
    const data = wb.getWorksheet('Data')!;
    expect(data.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.rowCount).toBe(final.rowCount + 1);
    const first = data.getRow(2);
    expect(first.getCell(1).value).toBeInstanceOf(Date);
    expect(typeof first.getCell(2).value).toBe('string');
    expect(typeof first.getCell(3).value).toBe('number');
    // Buckets and the range are New York days: the option's zone, not the report's (UTC).
    const expected = await expectedRows(await usageDefinition(), final.asOf, final.timeZone);
    expect(first.getCell(1).value).toEqual(new Date(`${expected[0]![0]}T00:00:00Z`));
    expect(first.getCell(3).value).toBe(expected[0]![2]);
    const about = wb.getWorksheet('About')!;
    const aboutText = JSON.stringify(about.getSheetValues());
    expect(aboutText).toContain('Usage Summary');
    expect(aboutText).toContain('America/New_York');
  });

  it('PDF: a document whose text holds the title and the first and last rows', async () => {
    const { final } = await exportAndFollow(app, admin, { reportId: usageId, format: 'PDF' });
    expect(final.status).toBe('COMPLETED');
    const { res, body } = await download(final.downloadUrl);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const expected = await expectedRows(await usageDefinition(), final.asOf);
    const [firstDate, firstType, firstCount] = expected[0]! as [string, string, number];
    const last = expected.at(-1)! as [string, string, number];
    // Read with pdfjs (npm), and also with poppler where it is installed (the real client).
    for (const text of [await pdfText(body), ...(poppler ? [popplerText(body)] : [])]) {
      expect(text).toContain('Usage Summary');
      expect(text).toContain('acme');
      expect(text).toMatch(new RegExp(`${firstDate}\\s+${firstType}\\s+${firstCount.toLocaleString('en')}`));
      expect(text).toMatch(new RegExp(`${last[0]}\\s+${last[1]}\\s+${last[2].toLocaleString('en')}`));
    }
    if (!poppler) console.warn(`exports PDF test: poppler cross-check not run${popplerSkipReason}`);
  });

  it('JSON and NDJSON: parse back to the report rows', async () => {
    const expectedFor = async (asOf: string) => (await expectedRows(await usageDefinition(), asOf)).map((r) => ({
      date: r[0], event_type: r[1], total_events: r[2], unique_users: r[3], unique_devices: r[4],
    }));
    const json = await exportAndFollow(app, admin, { reportId: usageId, format: 'JSON' });
    const { body } = await download(json.final.downloadUrl);
    expect(JSON.parse(body.toString('utf8'))).toEqual(await expectedFor(json.final.asOf));
    const nd = await exportAndFollow(app, admin, { reportId: usageId, format: 'JSON', options: { ndjson: true } });
    expect(nd.final.fileName).toMatch(/\.ndjson$/);
    const lines = (await download(nd.final.downloadUrl)).body.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(await expectedFor(nd.final.asOf));
  });
});

describe('download links', () => {
  it('are 404 when tampered with, used for another export, or malformed; 410 with a message when only expired', async () => {
    const a = await exportAndFollow(app, admin, { reportId: usageId, format: 'CSV' });
    const b = await exportAndFollow(app, admin, { reportId: usageId, format: 'JSON' });
    const token = new URL(a.final.downloadUrl).searchParams.get('token')!;
    const expired = signDownloadToken(app.runtime.downloadSecret, { exportId: a.id, tenantId: 'acme', expiresAt: new Date(Date.now() - 1000) });
    const gone = await fetch(`${app.url}/exports/${a.id}/download?token=${encodeURIComponent(expired)}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toMatch(/expired.*download the export again/);
    expect((await fetch(`${app.url}/exports/${b.id}/download?token=${encodeURIComponent(expired)}`)).status).toBe(404);
    expect((await fetch(`${app.url}/exports/${b.id}/download?token=${encodeURIComponent(token)}`)).status).toBe(404);
    expect((await fetch(a.final.downloadUrl.replace(/token=./, 'token=X'))).status).toBe(404);
    expect((await fetch(`${app.url}/exports/${a.id}/download`)).status).toBe(404);
    expect((await fetch(`${app.url}/exports/..%2F..%2Fetc%2Fpasswd/download?token=${token}`)).status).toBe(404);
    expect((await fetch(a.final.downloadUrl)).status).toBe(200);
  });
});

describe('tenant isolation', () => {
  it("answers NOT_FOUND for another tenant's export everywhere, subscriptions included", async () => {
    const { id } = await exportAndFollow(app, admin, { reportId: usageId, format: 'CSV' });
    const globex = await app.token('globex', 'admin');
    expect(errorCode(await app.gql(GET_EXPORT, { id }, globex))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { cancelExport(id: $id) { id } }', { id }, globex))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { deleteExport(id: $id) }', { id }, globex))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql('mutation($id: ID!) { retryExport(id: $id) { id } }', { id }, globex))).toBe('NOT_FOUND');
    const list = await app.gql('{ exports(first: 500) { totalCount edges { node { id } } } }', {}, globex);
    expect(list.data!.exports.edges.map((e: any) => e.node.id)).not.toContain(id);
    expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'CSV' } }, globex))).toBe('NOT_FOUND');
    const client = wsClient(app.url, globex);
    const sub = collect(client, EXPORT_UPDATED, { id }, (d) => d.exportUpdated);
    await expect(sub.until(() => true, 10_000)).rejects.toBeTruthy();
    expect(JSON.stringify(sub.errors)).toContain('NOT_FOUND');
    await client.dispose();
  });

  it('sends exportsChanged only for the viewer tenant', async () => {
    const globexClient = wsClient(app.url, await app.token('globex', 'viewer'));
    const acmeClient = wsClient(app.url, admin);
    const globexSeen = collect(globexClient, 'subscription { exportsChanged { id status } }', {}, (d) => d.exportsChanged);
    const acmeSeen = collect(acmeClient, 'subscription { exportsChanged { id status } }', {}, (d) => d.exportsChanged);
    await new Promise((r) => setTimeout(r, 300));
    const { id } = await exportAndFollow(app, admin, { reportId: usageId, format: 'CSV' });
    await acmeSeen.until((e: any) => e.id === id && e.status === 'COMPLETED', 20_000);
    expect(globexSeen.values.find((e: any) => e.id === id)).toBeUndefined();
    await globexClient.dispose();
    await acmeClient.dispose();
  });
});

/**
 * Two exports nobody runs (no job), each followed by its own exportUpdated subscription up to its
 * first (PENDING) value: their rows change only by the SQL a test runs, as another process (or an
 * operator in psql) would change them.
 */
async function followTwoIdleExports() {
  const conn = app.runtime.orm.em.getConnection();
  const ids = await Promise.all([1, 2].map(async () => {
    const id = crypto.randomUUID();
    await conn.execute(`INSERT INTO exports (id, tenant_id, report_id, report_name, definition, format, triggered_by, initiated_by, as_of, max_attempts)
      VALUES (?, 'acme', ?, 'Usage Summary', '{}', 'CSV', 'SCHEDULE', 'ann@acme', now(), 1)`, [id, usageId]);
    return id;
  }));
  const client = wsClient(app.url, admin);
  const follows = ids.map((id) => collect(client, EXPORT_UPDATED, { id }, (d) => d.exportUpdated));
  for (const f of follows) await f.until((e: any) => e.status === 'PENDING');
  return { conn, ids, client, follows: follows as [typeof follows[0], typeof follows[0]] };
}

describe('events come from the database', () => {
  it('a change committed by any process reaches subscribers; one export\'s event does not wake another\'s followers', async () => {
    const { conn, ids, client, follows: [first, second] } = await followTwoIdleExports();
    const tenant = collect(client, 'subscription { exportsChanged { id status revision } }', {}, (d) => d.exportsChanged);
    await new Promise((r) => setTimeout(r, 200)); // exportsChanged has no initial value to wait for

    await conn.execute(`UPDATE exports SET status = 'PROCESSING', rows_written = 10, rows_total = 40 WHERE id = ?`, [ids[0]]);
    await first.until((e: any) => e.status === 'PROCESSING' && e.progress.rowsWritten === 10 && e.progress.percent === 25, 10_000);
    // A change nobody sees (only updated_at) is not announced.
    await conn.execute(`UPDATE exports SET updated_at = now() WHERE id = ?`, [ids[0]]);
    await conn.execute(`UPDATE exports SET status = 'FAILED', error_code = 'X', error_message = 'stopped by hand', completed_at = now() WHERE id = ?`, [ids[0]]);
    await first.until((e: any) => e.status === 'FAILED', 10_000);
    expect(first.values.map((e: any) => e.status)).toEqual(['PENDING', 'PROCESSING', 'FAILED']);
    expect(second.values.map((e: any) => e.status)).toEqual(['PENDING']);

    await conn.execute(`DELETE FROM exports WHERE id = ANY(?::uuid[])`, [`{${ids.join(',')}}`]);
    await new Promise((r) => setTimeout(r, 300));
    // exportsChanged heard both changes of the first; the deleted rows are gone (nothing to send).
    expect(tenant.values.filter((e: any) => e.id === ids[0]).map((e: any) => e.status)).toEqual(['PROCESSING', 'FAILED']);
    // Every UPDATE raised the revision, the unannounced one too: a client keeps the higher copy.
    expect(tenant.values.filter((e: any) => e.id === ids[0]).map((e: any) => e.revision)).toEqual([1, 3]);
    expect(tenant.values.filter((e: any) => e.id === ids[1])).toEqual([]);
    await client.dispose();
  });
});

describe('what a subscription sends', () => {
  it('never the same revision of an export twice: events about a change already sent send nothing', async () => {
    const { conn, ids, client, follows: [first] } = await followTwoIdleExports();
    const tenant = collect(client, 'subscription { exportsChanged { id status revision } }', {}, (d) => d.exportsChanged);
    await new Promise((r) => setTimeout(r, 200)); // exportsChanged has no initial value to wait for
    const announce = () => conn.execute(`SELECT pg_notify('reportcast_events', json_build_object('type', 'export', 'id', ?::text, 'tenantId', 'acme', 'status', 'PENDING')::text)`, [ids[0]]);
    // Events with no change behind them (a repeat, or one for a change the first read saw).
    for (let i = 0; i < 3; i++) await announce();
    await conn.execute(`UPDATE exports SET status = 'PROCESSING' WHERE id = ?`, [ids[0]]);
    await first.until((e: any) => e.status === 'PROCESSING', 10_000);
    await announce();
    await new Promise((r) => setTimeout(r, 300));
    expect(first.values.map((e: any) => `${e.status}@${e.revision}`)).toEqual(['PENDING@0', 'PROCESSING@1']);
    // The tenant-wide subscription had not sent the PENDING row: the first repeat brings it once.
    expect(tenant.values.filter((e: any) => e.id === ids[0]).map((e: any) => `${e.status}@${e.revision}`)).toEqual(['PENDING@0', 'PROCESSING@1']);
    await conn.execute(`DELETE FROM exports WHERE id = ANY(?::uuid[])`, [`{${ids.join(',')}}`]);
    await client.dispose();
  });
});

describe('events carry the row', () => {
  /** What an export looks like to a client, without what is computed at send time. */
  const stable = (e: any) => ({ ...e, downloadUrl: undefined, expiresAt: undefined, progress: { ...e.progress, etaSeconds: undefined } });

  it('a subscriber is sent the committed row without a read, the same as a query reads it; one too big for a NOTIFY is read', async () => {
    const { conn, ids, client, follows: [first] } = await followTwoIdleExports();
    const listener = new pg.Client({ connectionString: app.config.databaseUrl! });
    await listener.connect();
    const payloads: any[] = [];
    listener.on('notification', (n) => payloads.push(JSON.parse(n.payload!)));
    // Quoted: the listener-loss test below finds the API's own LISTEN by its exact text.
    await listener.query('LISTEN "reportcast_events"');
    try {
      await conn.execute(`UPDATE exports SET status = 'PROCESSING', started_at = now() - interval '10 seconds', rows_written = 10, rows_total = 40, bytes_written = 1234 WHERE id = ?`, [ids[0]]);
      const processing = (await first.until((e: any) => e.status === 'PROCESSING', 10_000)).at(-1);
      const read = (await app.gql(GET_EXPORT, { id: ids[0] }, admin)).data!.export;
      expect(stable(processing)).toEqual(stable(read));
      expect(processing).toMatchObject({ revision: 1, progress: { rowsWritten: 10, rowsTotal: 40, bytesWritten: 1234, percent: 25 } });
      expect(processing.progress.etaSeconds).toBeGreaterThan(0); // startedAt came through as a time
      // This listener is a connection of its own: its copy of a NOTIFY may come after the API's.
      const payload = (status: string) => waitFor(async () => payloads.find((p) => p.id === ids[0] && p.status === status), 10_000);
      const sent = await payload('PROCESSING');
      expect(sent.row).toMatchObject({ id: ids[0], tenant_id: 'acme', status: 'PROCESSING', revision: 1, rows_written: 10 });
      expect(sent.row).not.toHaveProperty('definition');

      // A 9,000-character error message does not fit in a NOTIFY with the row: the event goes
      // without it (the UPDATE does not fail) and the subscriber's copy is read.
      const message = 'The engine said: ' + 'x'.repeat(9_000);
      await conn.execute(`UPDATE exports SET status = 'FAILED', error_code = 'EXPORT_FAILED', error_message = ?, completed_at = now() WHERE id = ?`, [message, ids[0]]);
      const failed = (await first.until((e: any) => e.status === 'FAILED', 10_000)).at(-1);
      expect(failed.error).toEqual({ code: 'EXPORT_FAILED', message });
      expect(await payload('FAILED')).not.toHaveProperty('row');
    } finally {
      await listener.end();
    }
    await conn.execute(`DELETE FROM exports WHERE id = ANY(?::uuid[])`, [`{${ids.join(',')}}`]);
    await client.dispose();
  });
});

describe('the event listener loses its connection', () => {
  it('a change committed while it was away still reaches its subscribers once it is back; unchanged exports are not re-sent', async () => {
    const { conn, ids, client, follows: [moving, still] } = await followTwoIdleExports();
    const tenant = collect(client, 'subscription { exportsChanged { id status } }', {}, (d) => d.exportsChanged);
    await new Promise((r) => setTimeout(r, 200)); // exportsChanged has no initial value to wait for
    // The API's LISTEN connection dies (a PostgreSQL restart, a proxy timeout, an operator) ...
    const killed = await conn.execute<{ ok: boolean }[]>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN reportcast_events'`);
    expect(killed).toEqual([{ ok: true }]);
    // ... and the export completes before it is back: that NOTIFY reaches no one.
    await conn.execute(`UPDATE exports SET status = 'COMPLETED', rows_written = 5, rows_total = 5, completed_at = now() WHERE id = ?`, [ids[0]]);
    await moving.until((e: any) => e.status === 'COMPLETED', 15_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(moving.values.map((e: any) => e.status)).toEqual(['PENDING', 'COMPLETED']);
    expect(still.values.map((e: any) => e.status)).toEqual(['PENDING']);
    // The tenant-wide subscription is sent what changed while it was away (and, within a few
    // seconds' clock margin before, what changed just before: here the other export's creation).
    await tenant.until((e: any) => e.id === ids[0] && e.status === 'COMPLETED', 10_000);
    expect(tenant.values.filter((e: any) => e.id === ids[1]).every((e: any) => e.status === 'PENDING')).toBe(true);
    // Listening again: the next change arrives as usual.
    await conn.execute(`UPDATE exports SET status = 'FAILED', error_code = 'X', error_message = 'x', completed_at = now() WHERE id = ?`, [ids[1]]);
    await still.until((e: any) => e.status === 'FAILED', 10_000);
    await client.dispose();
    await conn.execute(`DELETE FROM exports WHERE id = ANY(?::uuid[])`, [`{${ids.join(',')}}`]);
  });
});

describe('cancel, retry, delete, audit', () => {
  const big = {
    source: 'usage_events',
    dimensions: ['timestamp', 'event_id', 'user_id', 'device_id', 'session_id', 'event_type', 'feature', 'platform', 'country', 'duration_ms', 'value'].map((field) => ({ field })),
    raw: true,
    timeRange: { rolling: { n: 40, unit: 'DAY' } },
    rowLimit: 60_000,
  };

  it('cancels a running export within a second and leaves no file', async () => {
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Everything raw', definition: big } }, admin);
    const reportId = created.data!.createReport.id;
    // A PDF (10,000 rows, ~1 s): 60,000 XLSX rows through the engine take ~0.3 s on a quiet
    // machine, so the cancel could come after the export had finished.
    const started = await app.gql(CREATE_EXPORT, { input: { reportId, format: 'PDF' } }, admin);
    const id = started.data!.createExport.id;
    const client = wsClient(app.url, admin);
    const updates = collect(client, EXPORT_UPDATED, { id }, (d) => d.exportUpdated);
    await updates.until((e: any) => e.status === 'PROCESSING' && e.progress.rowsWritten > 0);
    const cancelledAt = Date.now();
    const cancel = await app.gql('mutation($id: ID!) { cancelExport(id: $id) { status } }', { id }, admin);
    expect(cancel.data!.cancelExport.status).toBe('CANCELLED');
    // The worker notices within a progress tick; give it a second, then the row must not move.
    await new Promise((r) => setTimeout(r, 1000));
    const after = (await app.gql(GET_EXPORT, { id }, admin)).data!.export;
    await new Promise((r) => setTimeout(r, 600));
    const later = (await app.gql(GET_EXPORT, { id }, admin)).data!.export;
    expect(later.status).toBe('CANCELLED');
    expect(later.progress.rowsWritten).toBe(after.progress.rowsWritten);
    expect(later.progress.rowsWritten).toBeLessThan(60_000);
    expect(later.downloadUrl).toBeNull();
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    const dir = join(app.config.exports.dir, 'exports', 'acme');
    const files = existsSync(dir) ? readdirSync(dir) : [];
    expect(files.filter((f) => f.startsWith(id))).toEqual([]);
    await client.dispose();

    // Retry: a new attempt over the same rows, keeping the history.
    const retried = await app.gql('mutation($id: ID!) { retryExport(id: $id) { id retryOf triggeredBy asOf status } }', { id }, admin);
    expect(retried.data!.retryExport).toMatchObject({ retryOf: id, triggeredBy: 'RETRY', asOf: later.asOf });
    expect(errorCode(await app.gql('mutation($id: ID!) { retryExport(id: $id) { id } }', { id: retried.data!.retryExport.id }, admin))).toBe('BAD_USER_INPUT');
  });

  it('deletes an export and its file; lists and filters the rest', async () => {
    const { id, final } = await exportAndFollow(app, admin, { reportId: usageId, format: 'JSON' });
    const list = await app.gql('query($f: ExportFilter) { exports(first: 500, filter: $f) { totalCount edges { node { id format status } } } }', { f: { format: 'JSON', status: 'COMPLETED' } }, admin);
    expect(list.data!.exports.edges.every((e: any) => e.node.format === 'JSON' && e.node.status === 'COMPLETED')).toBe(true);
    expect(list.data!.exports.edges.map((e: any) => e.node.id)).toContain(id);
    expect((await app.gql('mutation($id: ID!) { deleteExport(id: $id) }', { id }, admin)).data!.deleteExport).toBe(id);
    expect(errorCode(await app.gql(GET_EXPORT, { id }, admin))).toBe('NOT_FOUND');
    expect((await fetch(final.downloadUrl)).status).toBe(404);
    expect(existsSync(join(app.config.exports.dir, final.storageKey))).toBe(false);
  });

  it('lets a viewer export but not touch others\' exports; audits it all for admins', async () => {
    const viewer = await app.token('acme', 'viewer', 'vic@acme');
    const mine = await exportAndFollow(app, viewer, { reportId: usageId, format: 'CSV' });
    expect(mine.final.status).toBe('COMPLETED');
    const { id: theirs } = await exportAndFollow(app, admin, { reportId: usageId, format: 'CSV' });
    expect(errorCode(await app.gql('mutation($id: ID!) { deleteExport(id: $id) }', { id: theirs }, viewer))).toBe('FORBIDDEN');
    await fetch(mine.final.downloadUrl);
    expect(errorCode(await app.gql('{ auditLog { totalCount } }', {}, viewer))).toBe('FORBIDDEN');
    const audit = await app.gql('{ auditLog(first: 200) { edges { node { actor action targetId ip userAgent } } } }', {}, admin);
    const entries = audit.data!.auditLog.edges.map((e: any) => e.node);
    expect(entries).toContainEqual(expect.objectContaining({ actor: 'vic@acme', action: 'export.create', targetId: mine.id }));
    expect(entries).toContainEqual(expect.objectContaining({ action: 'export.download', targetId: mine.id }));
    expect(entries.map((e: any) => e.action)).toEqual(expect.arrayContaining(['export.cancel', 'export.retry', 'export.delete', 'report.create']));
    const globexAudit = await app.gql('{ auditLog(first: 200) { edges { node { targetId } } } }', {}, await app.token('globex', 'admin'));
    expect(globexAudit.data!.auditLog.edges.map((e: any) => e.node.targetId)).not.toContain(mine.id);
  });

  it('refuses bad export input with typed errors', async () => {
    expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'CSV', options: { timeZone: 'Mars/Olympus' } } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'PDF', options: { bom: true } } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'DOCX' } }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: '00000000-0000-0000-0000-000000000000', format: 'CSV' } }, admin))).toBe('NOT_FOUND');
    expect(errorCode(await app.gql(CREATE_EXPORT, { input: { reportId: usageId, format: 'CSV' } }))).toBe('UNAUTHENTICATED');
  });
});
