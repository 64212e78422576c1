import 'reflect-metadata';
/**
 * Issue 19, dashboard files through the export pipeline and scheduled dashboards, end to end with
 * real PostgreSQL, chDB demo data, the in-process worker and the outbox transport:
 * - createDashboardExport PDF: followed over graphql-ws to COMPLETED (progress events), listed in
 *   the export history with its dashboardId, downloaded through its signed link; every tile's title
 *   is in the text (pdfjs-dist), a tile over a report the requester cannot open shows none of it;
 *   page 1 rendered with pdftoppm when present (DASHBOARD_EXPORT_PNG keeps it for a look).
 * - createDashboardExport XLSX: one sheet per tile (unique names ≤ 31 characters, no forbidden
 *   characters) plus About, each report sheet holding exactly the tile's preview rows.
 * - Bad input is BAD_USER_INPUT with its path; another tenant's dashboard is NOT_FOUND.
 * - A schedule of a dashboard: exactly one of reportId/dashboardId; a slot ticked twice makes one
 *   execution and one delivery (and one email with the PDF) per recipient.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { tick } from '../server/src/features/schedules/tick.service.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { pdfText, poppler } from './support/pdf-text.js';
import { collect, wsClient } from './support/ws-client.js';
import { downloadOk, EXPORT_FIELDS, TERMINAL } from './support/exports.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let eve: string; // editor, acme
let ed: string; // another editor, acme
let globex: string;
let dashboardId: string;
const tiles: { title: string; kind: 'REPORT' | 'TEXT'; id?: string }[] = [];

const CREATE_DASHBOARD = 'mutation($i: CreateDashboardInput!) { createDashboard(input: $i) { id tiles { id kind title report { name } } } }';
const EXPORT = `mutation($i: CreateDashboardExportInput!) { createDashboardExport(input: $i) { ${EXPORT_FIELDS} dashboardId } }`;
const UPDATED = `subscription($id: ID!) { exportUpdated(id: $id) { ${EXPORT_FIELDS} dashboardId } }`;
const TILE_ROWS = 'query($d: ID!, $t: ID!) { dashboardTileRows(dashboardId: $d, tileId: $t, first: 500) { columns { label } rows totalCount } }';
const CREATE_SCHEDULE = 'mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id reportId dashboardId format } }';

async function report(token: string, name: string, definition: Record<string, unknown>, isPublic = true): Promise<string> {
  const res = await app.gql('mutation($input: CreateReportInput!) { createReport(input: $input) { id } }', { input: { name, isPublic, definition } }, token);
  expect(res.errors).toBeUndefined();
  return res.data!.createReport.id;
}

const byDay = (source: string, time: string, extra: Record<string, unknown> = {}) => ({
  source, dimensions: [{ field: time, grain: 'DAY', alias: 'day' }], measures: [{ fn: 'COUNT', alias: 'n' }],
  timeRange: { field: time, last: { n: 7, unit: 'DAY' } }, orderBy: [{ key: 'day', direction: 'ASC' }], ...extra,
});

/** Starts a dashboard export and follows it over graphql-ws to its end. */
async function exportDashboard(token: string, input: Record<string, unknown>) {
  const created = await app.gql(EXPORT, { i: input }, token);
  expect(created.errors).toBeUndefined();
  const id = created.data!.createDashboardExport.id as string;
  const client = wsClient(app.url, token);
  try {
    const updates = collect(client, UPDATED, { id }, (d) => d.exportUpdated);
    const states = await updates.until((e: any) => TERMINAL.has(e.status), 90_000);
    updates.stop();
    return { created: created.data!.createDashboardExport, states, final: states.at(-1) };
  } finally {
    await client.dispose();
  }
}

beforeAll(async () => {
  app = await startTestApp({ seedRows: 20_000, worker: true });
  eve = await app.token('acme', 'editor', 'eve@acme');
  ed = await app.token('acme', 'editor', 'ed@acme');
  globex = await app.token('globex', 'admin', 'gus@globex');
  const events = await report(eve, 'Events by day (dashboard export)', byDay('usage_events', 'timestamp'));
  const platforms = await report(eve, 'Events by platform (dashboard export)', {
    source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'n' }, { fn: 'UNIQ', field: 'user_id', alias: 'users' }],
    timeRange: { field: 'timestamp', last: { n: 30, unit: 'DAY' } }, orderBy: [{ key: 'n', direction: 'DESC' }] });
  const sessions = await report(eve, 'Sessions by day (dashboard export)', byDay('user_sessions', 'started_at'));
  const secret = await report(ed, 'Ed private Σ report', byDay('usage_events', 'timestamp'), false);
  // Titles that test the sheet names: too long, Excel's forbidden characters, a repeat in another case.
  const made = await app.gql(CREATE_DASHBOARD, { i: { name: 'Ops 東京 weekly', visibility: 'TENANT', tiles: [
    { kind: 'TEXT', title: 'Read me', text: 'Κείμενο · Привет · 東京', x: 0, y: 0, w: 12, h: 1 },
    { kind: 'REPORT', reportId: events, title: 'Events per day: all platforms [last 7 days]', x: 0, y: 1, w: 6, h: 4 },
    { kind: 'REPORT', reportId: platforms, title: 'Platforms', x: 6, y: 1, w: 6, h: 4, visualization: { type: 'BAR' } },
    { kind: 'REPORT', reportId: sessions, title: 'PLATFORMS', x: 0, y: 5, w: 6, h: 4 },
    { kind: 'REPORT', reportId: secret, title: 'Hidden tile', x: 6, y: 5, w: 6, h: 4 },
  ] } }, ed);
  expect(made.errors).toBeUndefined();
  dashboardId = made.data!.createDashboard.id;
  for (const t of made.data!.createDashboard.tiles) tiles.push({ title: t.title, kind: t.kind, id: t.id });
}, 180_000);

afterAll(async () => { await app?.close(); });

describe('createDashboardExport', () => {
  it('makes one PDF with every tile through the pipeline: progress over graphql-ws, history, a download link', async () => {
    // eve may open every tile but ed's private report.
    const { created, states, final } = await exportDashboard(eve, { dashboardId, format: 'PDF', timeRange: { last: { n: 14, unit: 'DAY' } } });
    expect(created).toMatchObject({ status: 'PENDING', format: 'PDF', dashboardId, reportId: null, reportName: 'Ops 東京 weekly', triggeredBy: 'API', initiatedBy: 'eve@acme' });
    expect(states.map((s: any) => s.status)).toContain('PROCESSING');
    expect(final).toMatchObject({ status: 'COMPLETED', dashboardId, contentType: 'application/pdf' });
    expect(final.fileName).toMatch(/^ops.*\.pdf$/i);
    expect(final.rowCount).toBeGreaterThan(0);
    // In the history, with its dashboard.
    const history = await app.gql('{ exports(first: 50) { edges { node { id dashboardId reportName } } } }', {}, eve);
    expect(history.data!.exports.edges.map((e: any) => e.node)).toContainEqual({ id: final.id, dashboardId, reportName: 'Ops 東京 weekly' });

    const { body } = await downloadOk(final.downloadUrl);
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.length).toBe(final.fileSize);
    const text = await pdfText(new Uint8Array(body));
    for (const words of ['Ops 東京 weekly', 'Read me', 'Κείμενο · Привет', 'Events per day: all platforms [last 7 days]', 'Platforms', 'PLATFORMS', 'Hidden tile', 'last 14 days, whole']) {
      expect(text).toContain(words);
    }
    expect(text).toContain("You cannot open this tile's report.");
    expect(text).not.toContain('Ed private');
    expect(text).toMatch(/First \d+ of \d+ rows/);

    // Page 1 as an image, to look at (poppler where the machine has it).
    if (poppler) {
      const dir = mkdtempSync(join(tmpdir(), 'dashboard-export-'));
      try {
        writeFileSync(join(dir, 'd.pdf'), body);
        execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', join(dir, 'd.pdf'), join(dir, 'page')]);
        const png = readdirSync(dir).find((f) => f.endsWith('.png'))!;
        expect(readFileSync(join(dir, png)).subarray(1, 4).toString()).toBe('PNG');
        if (process.env.DASHBOARD_EXPORT_PNG) copyFileSync(join(dir, png), process.env.DASHBOARD_EXPORT_PNG);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 120_000);

  it('makes an XLSX with one sheet per tile, each report sheet holding the tile preview\'s rows, then About', async () => {
    const { final } = await exportDashboard(eve, { dashboardId, format: 'XLSX' });
    expect(final).toMatchObject({ status: 'COMPLETED', dashboardId });
    expect(final.fileName).toMatch(/\.xlsx$/);
    const { body } = await downloadOk(final.downloadUrl);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual(['Read me', 'Events per day all platforms la', 'Platforms', 'PLATFORMS (2)', 'Hidden tile', 'About']);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(workbook.getWorksheet('Read me')!.getCell('A2').value).toBe('Κείμενο · Привет · 東京');
    expect(workbook.getWorksheet('Hidden tile')!.getCell('A2').value).toBe("You cannot open this tile's report.");

    // Each report tile's sheet: the header, then exactly the rows its preview shows.
    const reportTiles = tiles.filter((t) => t.kind === 'REPORT' && t.title !== 'Hidden tile');
    const sheets = ['Events per day all platforms la', 'Platforms', 'PLATFORMS (2)'];
    let checkedRows = 0;
    for (const [i, tile] of reportTiles.entries()) {
      const page = (await app.gql(TILE_ROWS, { d: dashboardId, t: tile.id }, eve)).data!.dashboardTileRows;
      expect(page.rows.length).toBeGreaterThan(0);
      const sheet = workbook.getWorksheet(sheets[i]!)!;
      const values = (r: number, n: number) => Array.from({ length: n }, (_, c) => sheet.getRow(r).getCell(c + 1).value);
      expect(values(1, page.columns.length)).toEqual(page.columns.map((c: any) => c.label));
      const rows = Array.from({ length: page.rows.length }, (_, r) => values(r + 2, page.columns.length).map(String));
      expect(rows).toEqual(page.rows.map((row: unknown[]) => row.map(String)));
      // Nothing after the rows but the blank line and the count.
      expect(sheet.getRow(page.rows.length + 2).getCell(1).value ?? null).toBeNull();
      expect(String(sheet.getRow(page.rows.length + 3).getCell(1).value)).toMatch(new RegExp(`^${page.rows.length} of ${page.totalCount} rows`));
      checkedRows += rows.length;
    }
    expect(checkedRows).toBeGreaterThan(10);
    const about = workbook.getWorksheet('About')!;
    expect(about.getCell('A1').value).toBe('Dashboard');
    expect(about.getCell('B1').value).toBe('Ops 東京 weekly');
  }, 120_000);

  it('refuses a format other than PDF or XLSX and bad values with their paths; another tenant gets NOT_FOUND', async () => {
    const csv = await app.gql(EXPORT, { i: { dashboardId, format: 'CSV' } }, eve);
    expect(errorCode(csv)).toBe('BAD_USER_INPUT');
    expect(csv.errors![0]!.extensions!.field).toBe('input.format');
    const range = await app.gql(EXPORT, { i: { dashboardId, format: 'PDF', timeRange: { last: { n: 0, unit: 'DAY' } } } }, eve);
    expect(errorCode(range)).toBe('BAD_USER_INPUT');
    expect(range.errors![0]!.extensions!.field).toMatch(/^input\.timeRange/);
    const other = await app.gql(EXPORT, { i: { dashboardId, format: 'PDF' } }, globex);
    expect(errorCode(other)).toBe('NOT_FOUND');
    const missing = await app.gql(EXPORT, { i: { dashboardId: '00000000-0000-4000-8000-000000000000', format: 'PDF' } }, eve);
    expect(errorCode(missing)).toBe('NOT_FOUND');
    // Nothing was enqueued for any of them.
    const csvRows = await app.runtime.orm.em.fork().getConnection().execute<{ n: number }[]>(
      "SELECT count(*)::int AS n FROM exports WHERE dashboard_id IS NOT NULL AND format = 'CSV'");
    expect(csvRows[0]!.n).toBe(0);
  });
});

describe('scheduled dashboards', () => {
  it('takes exactly one of reportId and dashboardId, a dashboard as PDF or XLSX, and not another tenant\'s', async () => {
    const reportId = (await app.gql('{ reports(first: 1) { edges { node { id } } } }', {}, eve)).data!.reports.edges[0].node.id;
    const both = await app.gql(CREATE_SCHEDULE, { i: { reportId, dashboardId, name: 'Both', cron: '0 6 * * *', recipients: ['a@example.com'] } }, eve);
    expect(errorCode(both)).toBe('BAD_USER_INPUT');
    expect(both.errors![0]!.extensions!.field).toBe('input.dashboardId');
    const neither = await app.gql(CREATE_SCHEDULE, { i: { name: 'Neither', cron: '0 6 * * *', recipients: ['a@example.com'] } }, eve);
    expect(errorCode(neither)).toBe('BAD_USER_INPUT');
    expect(neither.errors![0]!.extensions!.field).toBe('input.reportId');
    const csv = await app.gql(CREATE_SCHEDULE, { i: { dashboardId, name: 'CSV dashboard', cron: '0 6 * * *', format: 'CSV', recipients: ['a@example.com'] } }, eve);
    expect(csv.errors![0]!.extensions!.field).toBe('input.format');
    const foreign = await app.gql(CREATE_SCHEDULE, { i: { dashboardId, name: 'Not mine', cron: '0 6 * * *', recipients: ['a@example.com'] } }, globex);
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    const saved = await app.runtime.orm.em.fork().getConnection().execute<{ n: number }[]>('SELECT count(*)::int AS n FROM schedules WHERE dashboard_id IS NOT NULL');
    expect(saved[0]!.n).toBe(0);
  });

  it('delivers one dashboard PDF per slot to each recipient, however often the slot is ticked', async () => {
    const made = await app.gql(CREATE_SCHEDULE, { i: { dashboardId, name: 'Ops dashboard daily', cron: '0 6 * * *', format: 'PDF',
      recipients: ['boss@example.com', 'team@example.com'] } }, eve);
    expect(made.errors).toBeUndefined();
    const schedule = made.data!.createSchedule;
    expect(schedule).toMatchObject({ reportId: null, dashboardId, format: 'PDF' });
    const conn = app.runtime.orm.em.getConnection();
    // A slot two days ahead, so this file's real-time ticks never see it; the other schedules of
    // this database are paused meanwhile, so the counts are this one's.
    const at = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000 + 6 * 3_600_000 + 30_000);
    const slot = new Date(at.getTime() - 30_000);
    await conn.execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, schedule.id]);
    const options = { graceMs: app.config.schedules.graceMs, maxAttempts: app.config.worker.maxAttempts, log: app.runtime.log };
    const others = await conn.execute<{ id: string }[]>(`UPDATE schedules SET status = 'PAUSED' WHERE status = 'ACTIVE' AND id <> ? RETURNING id`, [schedule.id]);
    try {
      expect(await tick(app.runtime.orm.em.fork(), at, options)).toEqual({ started: 1, missed: 0, skipped: 0 });
      // The same slot again (a second ticker, a retry): nothing more.
      await conn.execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, schedule.id]);
      expect(await tick(app.runtime.orm.em.fork(), at, options)).toEqual({ started: 0, missed: 0, skipped: 0 });
    } finally {
      if (others.length) await conn.execute(`UPDATE schedules SET status = 'ACTIVE' WHERE id = ANY(?::uuid[])`, [`{${others.map((o) => o.id).join(',')}}`]);
    }
    const EXECUTIONS = `query($id: ID!) { schedule(id: $id) { runCount executions(first: 10) { totalCount edges { node { id status scheduledFor exportId } } } } }`;
    const done = await waitFor(async () => {
      const s = (await app.gql(EXECUTIONS, { id: schedule.id }, eve)).data!.schedule;
      const node = s.executions.edges[0]?.node;
      return node && !['PENDING', 'RUNNING'].includes(node.status) ? s : undefined;
    }, 90_000);
    expect(done.executions.totalCount).toBe(1);
    expect(done.runCount).toBe(1);
    const execution = done.executions.edges[0].node;
    expect(execution).toMatchObject({ status: 'DELIVERED', scheduledFor: slot.toISOString() });
    const deliveries = await conn.execute<{ channel: string; target: string; status: string }[]>(
      'SELECT channel, target, status FROM deliveries WHERE execution_id = ? ORDER BY target', [execution.id]);
    expect(deliveries).toEqual([
      { channel: 'EMAIL', target: 'boss@example.com', status: 'SENT' },
      { channel: 'EMAIL', target: 'team@example.com', status: 'SENT' },
    ]);
    const [file] = await conn.execute<{ dashboard_id: string; schedule_id: string; status: string; file_name: string }[]>(
      'SELECT dashboard_id, schedule_id, status, file_name FROM exports WHERE id = ?', [execution.exportId]);
    expect(file).toMatchObject({ dashboard_id: dashboardId, schedule_id: schedule.id, status: 'COMPLETED' });
    expect(file!.file_name).toMatch(/\.pdf$/);
    // One email each, with the dashboard's PDF attached.
    const outbox = app.config.mail.outboxDir;
    const mails = existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(outbox, f), 'utf8')) : [];
    for (const to of ['boss@example.com', 'team@example.com']) {
      const mine = mails.filter((m) => new RegExp(`^To: ${to.replace('.', '\\.')}`, 'm').test(m));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(/Content-Type: application\/pdf/);
      expect(mine[0]).toMatch(/Content-Disposition: attachment/);
    }

    // Run now: the dashboard's own values only (a run's values are refused at their path), one more dashboard file.
    const RUN = 'mutation($id: ID!, $v: JSON) { runScheduleNow(id: $id, parameterValues: $v) { id status triggeredBy exportId } }';
    const withValues = await app.gql(RUN, { id: schedule.id, v: { platform: 'web' } }, eve);
    expect(errorCode(withValues)).toBe('BAD_USER_INPUT');
    expect(withValues.errors![0]!.extensions!.field).toBe('parameterValues');
    const run = await app.gql(RUN, { id: schedule.id }, eve);
    expect(run.errors).toBeUndefined();
    expect(run.data!.runScheduleNow).toMatchObject({ status: 'RUNNING', triggeredBy: 'MANUAL' });
    const [manual] = await conn.execute<{ dashboard_id: string; triggered_by: string }[]>('SELECT dashboard_id, triggered_by FROM exports WHERE id = ?', [run.data!.runScheduleNow.exportId]);
    expect(manual).toEqual({ dashboard_id: dashboardId, triggered_by: 'MANUAL' });
  }, 150_000);
});
