import 'reflect-metadata';
/**
 * Issue 16, "Locale", end to end with real PostgreSQL, chDB, the job worker and a SendGrid v3
 * endpoint that records requests. A report in de-DE (Berlin days) is exported as PDF in its own
 * locale and with an fr-FR override, as XLSX, and as CSV (locale-neutral); a schedule in ja-JP runs
 * and mails. Expected figures come from ClickHouse counting Berlin days itself, written with the
 * platform's Intl, never from the product's formatters; bad tags are refused with BAD_USER_INPUT
 * naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runTick } from '../server/src/app.js';
import { parseCsv } from './support/csv.js';
import { createReport, downloadOk, exportAndFollow } from './support/exports.js';
import { pdfText } from './support/pdf-text.js';
import { startSendGridRecorder } from './support/sendgrid-recorder.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

const BERLIN = 'Europe/Berlin';
const DAY = 86_400_000;

let recorder: Awaited<ReturnType<typeof startSendGridRecorder>>;
let app: TestApp;
let admin: string;
let reportId: string;

const DEFINITION = {
  source: 'usage_events',
  dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'day' }],
  measures: [{ fn: 'COUNT' }, { fn: 'SUM', field: 'duration_ms', alias: 'duration' }],
  timeRange: { last: { n: 3, unit: 'DAY' } },
  orderBy: [{ key: 'day', direction: 'ASC' }],
  timeZone: BERLIN,
  locale: 'de-de',
};

/** [day, events, summed duration] per Berlin day of the 3 whole days before `asOf`'s Berlin day, from ClickHouse. */
async function truth(asOf: Date): Promise<[day: string, count: number, duration: number][]> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: BERLIN, year: 'numeric', month: '2-digit', day: '2-digit' }).format(asOf);
  const first = new Date(Date.parse(`${today}T00:00:00Z`) - 3 * DAY).toISOString().slice(0, 10);
  const db = app.runtime.analytics.database;
  const res = await app.runtime.analytics.query(
    `SELECT toString(toDate(timestamp, {zone:String})) AS day, count() AS n, sum(duration_ms) AS d FROM ${db}.usage_events
     WHERE tenant_id = 'acme' AND toDate(timestamp, {zone:String}) BETWEEN toDate({first:String}) AND toDate({today:String}) - 1
     GROUP BY day ORDER BY day`,
    { zone: BERLIN, first, today });
  return res.rows.map(([day, n, d]) => [String(day), Number(n), Number(d)]);
}

/** A day and numbers as `locale` writes them, by the platform's Intl; whitespace as pdfjs reads it back (one plain space). */
function written(locale: string, [day, count, duration]: [string, number, number]): string {
  const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.parse(`${day}T00:00:00Z`));
  const nf = new Intl.NumberFormat(locale);
  return [date, nf.format(count), nf.format(duration)].join(' ').replace(/[\s\u202f\u00a0]+/g, ' ');
}

const flat = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ');

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  app = await startTestApp({
    seedRows: 30_000,
    worker: true,
    env: { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_URL: recorder.baseUrl, MAIL_FROM: 'reports@reportcast.test' },
  });
  admin = await app.token('acme', 'admin', 'ann@acme');
  reportId = await createReport(app, admin, 'Umsatz nach Tag', DEFINITION);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await recorder?.close();
});

describe('a report in de-DE', () => {
  it('keeps the locale in its canonical spelling', async () => {
    const res = await app.gql('query($id: ID!) { report(id: $id) { definition { locale timeZone } } }', { id: reportId }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.report.definition).toEqual({ locale: 'de-DE', timeZone: BERLIN });
  });

  it('exports a PDF written the German way, stating the locale', async () => {
    const { final } = await exportAndFollow(app, admin, { reportId, format: 'PDF' });
    expect(final).toMatchObject({ status: 'COMPLETED', timeZone: BERLIN });
    const read = await app.gql('query($id: ID!) { export(id: $id) { locale } }', { id: final.id }, admin);
    expect(read.data!.export.locale).toBe('de-DE');
    const text = flat(await pdfText((await downloadOk(final.downloadUrl)).body));
    expect(text).toContain('Locale: de-DE');
    expect(text).toContain('Row limit: 10.000');
    const rows = await truth(new Date(final.asOf));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(text).toContain(written('de-DE', row));
    expect(rows.some(([, , d]) => d >= 1000)).toBe(true); // so the grouping separator is really tested
  });

  it('exports a PDF in fr-FR when the export overrides the locale', async () => {
    const { final } = await exportAndFollow(app, admin, { reportId, format: 'PDF', options: { locale: 'fr-fr' } });
    expect(final.status).toBe('COMPLETED');
    const read = await app.gql('query($id: ID!) { export(id: $id) { locale } }', { id: final.id }, admin);
    expect(read.data!.export.locale).toBe('fr-FR');
    const text = flat(await pdfText((await downloadOk(final.downloadUrl)).body));
    expect(text).toContain('Locale: fr-FR');
    expect(text).not.toContain('Locale: de-DE');
    for (const row of await truth(new Date(final.asOf))) expect(text).toContain(written('fr-FR', row));
  });

  it('exports XLSX with day-first date formats and the locale on the About sheet', async () => {
    const { final } = await exportAndFollow(app, admin, { reportId, format: 'XLSX' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadOk(final.downloadUrl)).body as unknown as ExcelJS.Buffer);
    const cell = workbook.getWorksheet('Data')!.getRow(2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.numFmt).toBe('dd.mm.yyyy');
    let locale = '';
    workbook.getWorksheet('About')!.eachRow((row) => {
      if (row.getCell(1).value === 'Locale') locale = String(row.getCell(2).value);
    });
    expect(locale).toMatch(/^de-DE: /);
  });

  it('keeps CSV locale-neutral whatever the locale', async () => {
    const { final } = await exportAndFollow(app, admin, { reportId, format: 'CSV', options: { locale: 'fr-FR' } });
    const read = await app.gql('query($id: ID!) { export(id: $id) { locale } }', { id: final.id }, admin);
    expect(read.data!.export.locale).toBe('fr-FR');
    const [header, ...rows] = parseCsv((await downloadOk(final.downloadUrl)).body.toString('utf8'));
    expect(header).toEqual(['day', 'count', 'duration']);
    expect(rows.map(([d, n, s]) => [d, Number(n), Number(s)])).toEqual(await truth(new Date(final.asOf)));
    for (const [d, n, s] of rows) {
      expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(`${n},${s}`).toMatch(/^\d+,\d+$/);
    }
  });
});

describe('a schedule in ja-JP', () => {
  it('runs and mails in its own locale, and snapshots it', async () => {
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id locale } }', {
      i: { reportId, name: 'Täglich ja', cron: '0 6 * * *', timezone: BERLIN, format: 'PDF', locale: 'ja-jp', recipients: ['ja@acme.example.com'], emailConfig: { attachment: 'LINK' } },
    }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSchedule.locale).toBe('ja-JP');
    const id = created.data!.createSchedule.id;
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, admin);
    expect(run.errors).toBeUndefined();
    const execution = await waitFor(async () => {
      const res = await app.gql('query($id: ID!) { schedule(id: $id) { executions(first: 1) { edges { node { status parameters export { locale fileSize } } } } } }', { id }, admin);
      const e = res.data!.schedule.executions.edges[0]?.node;
      return e?.status === 'DELIVERED' ? e : undefined;
    }, 60_000);
    expect(execution.parameters.locale).toBe('ja-JP');
    expect(execution.export.locale).toBe('ja-JP');
    const mail = recorder.requests.find((r) => (r.body as any)?.personalizations?.[0]?.to?.[0]?.email === 'ja@acme.example.com');
    const body = (mail!.body as any).content.find((c: any) => c.type === 'text/plain').value as string;
    // The link expiry in Berlin, year first as Japanese writes it.
    expect(body).toMatch(/This link expires on \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} \(Europe\/Berlin\)\./);

    // null goes back to the report's locale.
    const cleared = await app.gql('mutation($id: ID!) { updateSchedule(id: $id, input: { locale: null }) { locale } }', { id }, admin);
    expect(cleared.data!.updateSchedule.locale).toBeNull();
  });
});

describe('a schedule without a locale of its own', () => {
  it('runs from the scheduler tick in the report\'s locale, and snapshots it', async () => {
    // An hourly slot one minute ago: well inside the catch-up grace, so the tick runs it (or the
    // app's own scheduler did a moment earlier: either way one execution, not a missed one).
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id locale } }', {
      i: { reportId, name: 'Stündlich', cron: `${slot.getUTCMinutes()} * * * *`, timezone: BERLIN, format: 'XLSX', recipients: ['de@acme.example.com'] },
    }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSchedule.locale).toBeNull();
    const id = created.data!.createSchedule.id;
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, id]);
    await runTick(app.runtime, new Date());
    const execution = await waitFor(async () => {
      const res = await app.gql('query($id: ID!) { schedule(id: $id) { executions(first: 1) { edges { node { status scheduledFor triggeredBy parameters export { locale status } } } } } }', { id }, admin);
      const e = res.data!.schedule.executions.edges[0]?.node;
      return e?.export?.status === 'COMPLETED' ? e : undefined;
    }, 60_000);
    expect(execution).toMatchObject({ triggeredBy: 'SCHEDULE', scheduledFor: slot.toISOString() });
    expect(execution.parameters.locale).toBe('de-DE');
    expect(execution.export.locale).toBe('de-DE');
  });
});

describe('bad locale tags', () => {
  it('are refused with BAD_USER_INPUT naming the field', async () => {
    const report = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Bad', definition: { ...DEFINITION, locale: 'xx-YY' } } }, admin);
    expect(errorCode(report)).toBe('BAD_USER_INPUT');
    expect(report.errors![0]!.extensions!.field).toBe('input.definition.locale');
    expect(report.errors![0]!.message).toMatch(/locale "xx-YY" is not supported/);

    const exp = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'PDF', options: { locale: 'de_DE' } } }, admin);
    expect(errorCode(exp)).toBe('BAD_USER_INPUT');
    expect(exp.errors![0]!.extensions!.field).toBe('input.options.locale');

    const schedule = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Klingon', cron: '0 6 * * *', locale: 'tlh', recipients: ['x@acme.example.com'] },
    }, admin);
    expect(errorCode(schedule)).toBe('BAD_USER_INPUT');
    expect(schedule.errors![0]!.extensions!.field).toBe('input.locale');
  });
});
