import 'reflect-metadata';
/**
 * Issue 19, report parameters, end to end with real PostgreSQL, chDB and the job worker: values
 * given at preview, export, schedule and run-now; refused with their paths before anything is
 * enqueued; bound as data (an injection corpus comes back as the engine reads it when the same
 * text is bound in a direct query, and the tables are intact); one parameter set drives a filter
 * and the time range; each run's snapshot holds the resolved values; the PDF shows them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runTick } from '../server/src/app.js';
import { parseCsv } from './support/csv.js';
import { createReport, downloadOk, exportAndFollow } from './support/exports.js';
import { pdfText } from './support/pdf-text.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { startSendGridRecorder } from './support/sendgrid-recorder.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let recorder: Awaited<ReturnType<typeof startSendGridRecorder>>;
let editor: string;
let reportId: string;
let range: { from: string; to: string };

const DEFINITION = {
  source: 'usage_events',
  dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'day' }],
  measures: [{ fn: 'COUNT', alias: 'events' }],
  parameters: [
    { name: 'platform', label: 'Platform', type: 'ENUM', multiple: true, optionsColumn: 'platform' },
    { name: 'period', label: 'Period', type: 'DATE_RANGE', required: true },
    { name: 'search', label: 'Feature contains', type: 'TEXT' },
  ],
  filters: [{ field: 'platform', op: 'IN', param: 'platform' }, { field: 'feature', op: 'CONTAINS', param: 'search' }],
  timeRange: { param: 'period' },
  orderBy: [{ key: 'day', direction: 'ASC' }],
};

const PREVIEW = `query($i: PreviewReportInput!) { previewReport(input: $i) { rows totalCount parameterValues window { from to } } }`;

/** Events per UTC day in [from, to] for the platforms, counted by ClickHouse directly (values bound). */
async function truth(platforms: string[] | null, from: string, to: string, search: string | null = null): Promise<[string, number][]> {
  const db = app.runtime.analytics.database;
  const res = await app.runtime.analytics.query(
    `SELECT toString(toDate(timestamp, 'UTC')) AS day, count() AS n FROM ${db}.usage_events
     WHERE tenant_id = 'acme' AND toDate(timestamp, 'UTC') BETWEEN toDate({from:String}) AND toDate({to:String})
       AND (length({platforms:Array(String)}) = 0 OR platform IN {platforms:Array(String)})
       AND ({search:String} = '' OR positionCaseInsensitiveUTF8(feature, {search:String}) > 0)
     GROUP BY day ORDER BY day`,
    { from, to, platforms: platforms ?? [], search: search ?? '' });
  return res.rows.map(([d, n]) => [String(d), Number(n)]);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  app = await startTestApp({
    seedRows: 20_000, worker: true,
    env: { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_URL: recorder.baseUrl, MAIL_FROM: 'reports@reportcast.test' },
  });
  editor = await app.token('acme', 'editor', 'eve@acme');
  reportId = await createReport(app, editor, 'Events by platform', DEFINITION);
  const today = Date.parse(day(app.seededAt.getTime()));
  range = { from: day(today - 7 * 86_400_000), to: day(today - 86_400_000) };
}, 180_000);

afterAll(async () => {
  await app?.close();
  await recorder?.close();
});

describe('preview with parameter values', () => {
  it('one set of values drives the filter and the time range, matching a direct ClickHouse count', async () => {
    const res = await app.gql(PREVIEW, { i: { reportId, first: 100, parameterValues: { platform: ['ios', 'android'], period: range } } }, editor);
    expect(res.errors).toBeUndefined();
    const page = res.data!.previewReport;
    const expected = await truth(['ios', 'android'], range.from, range.to);
    expect(expected.length).toBe(7);
    expect(page.rows).toEqual(expected);
    expect(page.window).toEqual({ from: `${range.from}T00:00:00.000Z`, to: new Date(Date.parse(range.to) + 86_400_000).toISOString() });
    expect(page.parameterValues).toEqual({ platform: ['ios', 'android'], period: range, search: null });
    // Without the platform filter every platform counts: more events on the same days.
    const all = await app.gql(PREVIEW, { i: { reportId, first: 100, parameterValues: { period: range } } }, editor);
    expect(all.data!.previewReport.rows).toEqual(await truth(null, range.from, range.to));
    const sum = (rows: [string, number][]) => rows.reduce((s, [, n]) => s + n, 0);
    expect(sum(all.data!.previewReport.rows)).toBeGreaterThan(sum(page.rows));
  });

  it('refuses bad values with their paths', async () => {
    const cases: [Record<string, unknown> | null, string][] = [
      [{ platform: ['ios'] }, 'input.parameterValues.period'],
      [{ period: { from: range.to, to: range.from } }, 'input.parameterValues.period.to'],
      [{ period: range, platform: 'ios' }, 'input.parameterValues.platform'],
      [{ period: range, plattform: ['ios'] }, 'input.parameterValues.plattform'],
      [{ period: { from: '2026-02-30', to: range.to } }, 'input.parameterValues.period.from'],
    ];
    for (const [values, path] of cases) {
      const res = await app.gql(PREVIEW, { i: { reportId, parameterValues: values } }, editor);
      expect(errorCode(res), JSON.stringify(values)).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.field).toBe(path);
    }
  });

  it('binds an injection corpus as data: each value finds what the same bound text finds directly', async () => {
    const corpus = [
      "' OR 1=1 --", "'; DROP TABLE usage_events; --", '{p_search:String}', '{tenant:String}', '\\', "\\'", '"', '`', '%', '_',
      ')) OR ((1=1', 'UNION SELECT * FROM system.tables', '\n\r\t', 'é', '東京', 'Ελλάδα', '😀', 'search',
    ];
    for (const search of corpus) {
      const res = await app.gql(PREVIEW, { i: { reportId, first: 100, parameterValues: { period: range, search } } }, editor);
      expect(res.errors, JSON.stringify(search)).toBeUndefined();
      expect(res.data!.previewReport.rows, JSON.stringify(search)).toEqual(await truth(null, range.from, range.to, search));
    }
    // NUL never gets as far: the API refuses unstorable text anywhere in its input, at its path.
    const nul = await app.gql(PREVIEW, { i: { reportId, parameterValues: { period: range, search: 'a\u0000b' } } }, editor);
    expect(errorCode(nul)).toBe('BAD_USER_INPUT');
    expect(nul.errors![0]!.extensions!.field).toBe('input.parameterValues.search');
    // A value that matches real features still finds them: the corpus above was not vacuous.
    const features = await app.runtime.analytics.query(`SELECT any(feature) FROM ${app.runtime.analytics.database}.usage_events WHERE tenant_id = 'acme'`, {});
    const real = String(features.rows[0]![0]).slice(0, 4);
    const found = await app.gql(PREVIEW, { i: { reportId, first: 100, parameterValues: { period: range, search: real } } }, editor);
    expect(found.data!.previewReport.totalCount).toBeGreaterThan(0);
    const tables = await app.runtime.analytics.query(`SELECT count() FROM ${app.runtime.analytics.database}.usage_events`, {});
    expect(Number(tables.rows[0]![0])).toBeGreaterThan(0);
  });
});

describe('exports with parameter values', () => {
  it('refuses bad values before enqueueing anything', async () => {
    const before = await app.runtime.orm.em.fork().getConnection().execute<{ n: number }[]>('SELECT count(*)::int AS n FROM exports');
    const res = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV', options: { parameterValues: { platform: [] } } } }, editor);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.errors.map((e: { path: string }) => e.path)).toEqual(['input.options.parameterValues.platform', 'input.options.parameterValues.period']);
    const after = await app.runtime.orm.em.fork().getConnection().execute<{ n: number }[]>('SELECT count(*)::int AS n FROM exports');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('a CSV holds the rows for the values; its snapshot keeps them; a PDF shows them', async () => {
    const values = { platform: ['web'], period: range };
    const { final } = await exportAndFollow(app, editor, { reportId, format: 'CSV', options: { parameterValues: values } });
    expect(final.status).toBe('COMPLETED');
    const [header, ...rows] = parseCsv((await downloadOk(final.downloadUrl)).body.toString('utf8'));
    expect(header).toEqual(['day', 'events']);
    expect(rows.map(([d, n]) => [d, Number(n)])).toEqual(await truth(['web'], range.from, range.to));
    const [snapshot] = await app.runtime.orm.em.fork().getConnection().execute<{ definition: any }[]>('SELECT definition FROM exports WHERE id = ?', [final.id]);
    expect(snapshot!.definition.parameterValues).toEqual({ platform: ['web'], period: range, search: null });

    const pdf = await exportAndFollow(app, editor, { reportId, format: 'PDF', options: { parameterValues: { platform: ['ios', 'web'], period: range, search: 'Ελλάδα 東京' } } });
    expect(pdf.final.status).toBe('COMPLETED');
    const text = (await pdfText((await downloadOk(pdf.final.downloadUrl)).body)).replace(/\s+/g, ' ');
    expect(text).toContain('Parameter: Platform: ios, web');
    expect(text).toContain(`Parameter: Period: ${range.from} to ${range.to} (both days included)`);
    expect(text).toContain('Parameter: Feature contains: Ελλάδα 東京');

    const xlsx = await exportAndFollow(app, editor, { reportId, format: 'XLSX', options: { parameterValues: { platform: ['android'], period: range, search: 'Ελλάδα 東京 😀' } } });
    expect(xlsx.final.status).toBe('COMPLETED');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadOk(xlsx.final.downloadUrl)).body as unknown as ExcelJS.Buffer);
    const about = new Map<string, string>();
    workbook.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(about.get('Parameter: Platform')).toBe('android');
    expect(about.get('Parameter: Period')).toBe(`${range.from} to ${range.to} (both days included)`);
    expect(about.get('Parameter: Feature contains')).toBe('Ελλάδα 東京 😀');
  });
});

describe('schedules with parameter values', () => {
  it('checks them with paths, and each run snapshots the resolved values (tick and run-now)', async () => {
    const bad = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Bad values', cron: '0 6 * * *', format: 'CSV', recipients: ['a@acme.example.com'], parameterValues: { platform: ['ios'], period: { from: range.from } } },
    }, editor);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.field).toBe('input.parameterValues.period.to');

    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id parameterValues } }', {
      i: { reportId, name: 'iOS weekly', cron: `${slot.getUTCMinutes()} * * * *`, format: 'CSV', recipients: ['a@acme.example.com'], parameterValues: { platform: ['ios'], period: range } },
    }, editor);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSchedule.parameterValues).toEqual({ platform: ['ios'], period: range });
    const id = created.data!.createSchedule.id;
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, id]);
    await runTick(app.runtime, new Date());
    const EXECUTIONS = 'query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { triggeredBy parameters export { id status downloadUrl } } } } } }';
    const ticked = await waitFor(async () => {
      const res = await app.gql(EXECUTIONS, { id }, editor);
      const e = res.data!.schedule.executions.edges.map((x: any) => x.node).find((n: any) => n.triggeredBy === 'SCHEDULE');
      return e?.export?.status === 'COMPLETED' ? e : undefined;
    }, 60_000);
    expect(ticked.parameters.definition.parameterValues).toEqual({ platform: ['ios'], period: range, search: null });
    expect(ticked.parameters.from).toBe(`${range.from}T00:00:00.000Z`);
    const [, ...tickRows] = parseCsv((await downloadOk(ticked.export.downloadUrl)).body.toString('utf8'));
    expect(tickRows.map(([d, n]) => [d, Number(n)])).toEqual(await truth(['ios'], range.from, range.to));
    // The email lists the run's values with its other details.
    const mail = await waitFor(async () => recorder.requests.find((r) => (r.body as any)?.personalizations?.[0]?.to?.[0]?.email === 'a@acme.example.com'), 60_000);
    const text = (mail.body as any).content.find((c: any) => c.type === 'text/plain').value as string;
    expect(text).toContain('Parameter: Platform: ios');
    expect(text).toContain(`Parameter: Period: ${range.from} to ${range.to} (both days included)`);
    expect(text).toContain('Parameter: Feature contains: (any)');

    // Run now with this run's own platform, over the schedule's period; a bad one is refused first.
    const refused = await app.gql('mutation($id: ID!, $v: JSON) { runScheduleNow(id: $id, parameterValues: $v) { id } }', { id, v: { platform: 'android' } }, editor);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions!.field).toBe('parameterValues.platform');
    const run = await app.gql('mutation($id: ID!, $v: JSON) { runScheduleNow(id: $id, parameterValues: $v) { id } }', { id, v: { platform: ['android'] } }, editor);
    expect(run.errors).toBeUndefined();
    const manual = await waitFor(async () => {
      const res = await app.gql(EXECUTIONS, { id }, editor);
      const e = res.data!.schedule.executions.edges.map((x: any) => x.node).find((n: any) => n.triggeredBy === 'MANUAL');
      return e?.export?.status === 'COMPLETED' ? e : undefined;
    }, 60_000);
    expect(manual.parameters.definition.parameterValues).toEqual({ platform: ['android'], period: range, search: null });
    const [, ...manualRows] = parseCsv((await downloadOk(manual.export.downloadUrl)).body.toString('utf8'));
    expect(manualRows.map(([d, n]) => [d, Number(n)])).toEqual(await truth(['android'], range.from, range.to));
  });
});

describe('a report without parameters', () => {
  it('previews as before, and refuses values it has no parameters for', async () => {
    const plain = await createReport(app, editor, 'Plain', { source: 'usage_events', measures: [{ fn: 'COUNT' }] });
    const res = await app.gql(PREVIEW, { i: { reportId: plain } }, editor);
    expect(res.errors).toBeUndefined();
    expect(res.data!.previewReport.parameterValues).toBeNull();
    const refused = await app.gql(PREVIEW, { i: { reportId: plain, parameterValues: { platform: ['ios'] } } }, editor);
    expect(refused.errors![0]!.extensions!.field).toBe('input.parameterValues.platform');
  });
});
