import 'reflect-metadata';
/**
 * Issue 14, "Time as people read it", end to end with real PostgreSQL, chDB, the job worker and a
 * SendGrid v3 endpoint that records requests. Every expectation is computed here from the raw
 * events (ClickHouse counting whole days of the zone directly) and from the platform's Intl, never
 * from the product's range resolver or bucketing:
 * - the weekly Usage Summary run at Monday 09:00 New York covers Monday to Sunday of the week
 *   before in New York: exactly 7 whole-day buckets per event type, none partial;
 * - the same report exported with `timeZone: "Asia/Tokyo"` as CSV, JSON, XLSX and PDF agrees on
 *   every bucket (the 7 whole Tokyo days before the export's day), and a raw listing agrees on
 *   every instant (Tokyo wall time in CSV and XLSX, ISO with +09:00 in JSON);
 * - a preview of fixed dates in a Los Angeles report is that Los Angeles day, one bucket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runTick, startRuntimeWorker } from '../server/src/app.js';
import type { WorkerHandle } from '../server/src/jobs/worker.js';
import { runsBetween } from '../server/src/features/schedules/planner.js';
import { parseCsv } from './support/csv.js';
import { createReport, downloadOk, exportAndFollow, reportIdByName } from './support/exports.js';
import { startSendGridRecorder } from './support/sendgrid-recorder.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';
import { pdfText } from './support/pdf-text.js';

const NY = 'America/New_York';
const TOKYO = 'Asia/Tokyo';
const LA = 'America/Los_Angeles';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tokyo has kept UTC+9 all year since 1951. */
const TOKYO_OFFSET = 9 * HOUR;
const EVENT_TYPES = ['api_call', 'click', 'error', 'export', 'login', 'logout', 'page_view', 'purchase', 'search'];


let recorder: Awaited<ReturnType<typeof startSendGridRecorder>>;
let app: TestApp;
let worker: WorkerHandle | undefined;
let admin: string;
let usageId: string;

/** The calendar day (YYYY-MM-DD) in `zone` at an instant, by the platform's Intl. */
function dayIn(zone: string, at: Date | number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The UTC offset (`-08:00`) of `zone` at an instant, by the platform's Intl. */
function offsetIn(zone: string, at: Date | number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  return name === 'GMT' ? '+00:00' : name.slice(3);
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** `n` consecutive calendar days from `first`. */
function daysFrom(first: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDays(first, i));
}

/** Events of acme per (day in `zone`, event type), for the days first..last: ClickHouse counting whole days itself. */
async function eventsPerDay(zone: string, first: string, last: string): Promise<Map<string, number>> {
  const db = app.runtime.analytics.database;
  const res = await app.runtime.analytics.query(
    `SELECT toString(toDate(timestamp, {zone:String})) AS day, event_type, count() AS n FROM ${db}.usage_events
     WHERE tenant_id = 'acme' AND toDate(timestamp, {zone:String}) BETWEEN toDate({first:String}) AND toDate({last:String})
     GROUP BY day, event_type`,
    { zone, first, last });
  return new Map(res.rows.map(([day, type, n]) => [`${day}|${type}`, Number(n)]));
}

/** [date, event type, total events] of each Usage Summary row, in file order. */
type Bucket = [date: string, eventType: string, totalEvents: number];

function bucketCounts(buckets: Bucket[]): Map<string, number> {
  return new Map(buckets.map(([d, t, n]) => [`${d}|${t}`, n]));
}

/** Exactly 7 rows per event type, one per day of `days`, each the whole day's count from ClickHouse. */
function expectWholeDays(buckets: Bucket[], days: string[], truth: Map<string, number>): void {
  expect([...new Set(buckets.map((b) => b[0]))].sort()).toEqual(days);
  for (const type of EVENT_TYPES) {
    expect(buckets.filter((b) => b[1] === type).map((b) => b[0]).sort(), type).toEqual(days);
  }
  expect(buckets).toHaveLength(days.length * EVENT_TYPES.length);
  expect(bucketCounts(buckets)).toEqual(truth);
}

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  // 200,000 events: even the rarest type (error, 1%) happens every day of the week in New York
  // and Tokyo, weekends included, so every type has its 7 buckets.
  app = await startTestApp({
    seedRows: 200_000,
    env: { SENDGRID_API_KEY: 'SG.test-key', SENDGRID_API_URL: recorder.baseUrl, MAIL_FROM: 'reports@reportcast.test' },
  });
  admin = await app.token('acme', 'admin', 'ann@acme');
  usageId = await reportIdByName(app, admin, 'Usage Summary');
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await app?.close();
  await recorder?.close();
});

describe('the weekly Usage Summary at Monday 09:00 New York', () => {
  const EXECUTIONS = `query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { id scheduledFor status parameters
    deliveries { target status } export { status timeZone rowCount } } } } } }`;
  /** The latest Monday 09:00 New York before now: the slot the schedule runs at. */
  let slot: Date;
  let scheduleId: string;

  beforeAll(async () => {
    slot = runsBetween('0 9 * * 1', NY, new Date(Date.now() - 8 * DAY), new Date(), 5).at(-1)!;
    const created = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }`, {
      i: { reportId: usageId, name: 'Weekly Usage Summary CSV', cron: '0 9 * * 1', timezone: NY, format: 'CSV', recipients: ['weekly@acme.example.com'] },
    }, admin);
    expect(created.errors).toBeUndefined();
    scheduleId = created.data!.createSchedule.id;
    // As if saved a week ago: due at the slot. The tick runs before any worker is up, so no
    // real-time tick can take the (long past) slot first and record it as missed.
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [slot, scheduleId]);
    expect(await runTick(app.runtime, slot)).toEqual({ started: 1, missed: 0, skipped: 0 });
    worker = await startRuntimeWorker(app.runtime);
  });

  it('delivers exactly 7 daily rows per event type, Monday to Sunday of the week before in New York, each a whole New York day', async () => {
    const execution = await waitFor(async () => {
      const e = (await app.gql(EXECUTIONS, { id: scheduleId }, admin)).data!.schedule.executions.edges[0]?.node;
      return e?.status === 'DELIVERED' ? e : undefined;
    });
    expect(new Date(execution.scheduledFor).getTime()).toBe(slot.getTime());
    expect(execution.deliveries).toEqual([expect.objectContaining({ target: 'weekly@acme.example.com', status: 'SENT' })]);

    // The run read time in the schedule's zone: Monday 00:00 to Monday 00:00 New York.
    const mondays = runsBetween('0 0 * * 1', NY, new Date(slot.getTime() - 15 * DAY), slot, 5);
    const [weekStart, weekEnd] = [mondays.at(-2)!, mondays.at(-1)!];
    expect(weekEnd.getTime()).toBe(slot.getTime() - 9 * HOUR); // the slot's own day, at midnight
    expect(execution.parameters).toMatchObject({ timeZone: NY, from: weekStart.toISOString(), to: weekEnd.toISOString() });
    expect(execution.export).toMatchObject({ status: 'COMPLETED', timeZone: NY, rowCount: 7 * EVENT_TYPES.length });

    const mail = recorder.requests.find((r) => (r.body as any)?.personalizations?.[0]?.to?.[0]?.email === 'weekly@acme.example.com');
    expect(mail).toBeDefined();
    const attachment = (mail!.body as any).attachments[0];
    expect(attachment.filename).toMatch(/\.csv$/);
    const [header, ...rows] = parseCsv(Buffer.from(attachment.content, 'base64').toString('utf8'));
    expect(header).toEqual(['date', 'event_type', 'total_events', 'unique_users', 'unique_devices']);

    // Monday to Sunday of the previous week, as New York's calendar has them.
    const monday = dayIn(NY, weekStart);
    const days = daysFrom(monday, 7);
    expect(new Date(`${monday}T12:00:00Z`).getUTCDay()).toBe(1);
    expect(addDays(days.at(-1)!, 1)).toBe(dayIn(NY, slot));
    // The email states that period, in New York.
    expect((mail!.body as any).subject).toContain(`${monday} 00:00 → ${dayIn(NY, slot)} 00:00 ${NY}`);
    const buckets = rows.map(([d, t, n]) => [d, t, Number(n)] as Bucket);
    expectWholeDays(buckets, days, await eventsPerDay(NY, days[0]!, days.at(-1)!));
    // Newest day first, as the report orders it.
    expect(buckets.map((b) => b[0])).toEqual([...buckets.map((b) => b[0])].sort().reverse());
  });
});

describe('the Usage Summary exported with timeZone Asia/Tokyo', () => {
  const FORMATS = ['CSV', 'JSON', 'XLSX', 'PDF'] as const;
  const files = {} as Record<(typeof FORMATS)[number], { final: any; body: Buffer }>;
  /** The 7 whole Tokyo days before the export's as-of day. */
  let days: string[];
  let truth: Map<string, number>;

  beforeAll(async () => {
    // All four exports must share one Tokyo day: start clear of Tokyo midnight (15:00 UTC).
    const toMidnight = DAY - ((Date.now() + TOKYO_OFFSET) % DAY);
    if (toMidnight < 120_000) await new Promise((r) => setTimeout(r, toMidnight + 2_000));
    for (const format of FORMATS) {
      const { final } = await exportAndFollow(app, admin, { reportId: usageId, format, options: { timeZone: TOKYO } });
      expect(final).toMatchObject({ status: 'COMPLETED', timeZone: TOKYO });
      files[format] = { final, body: (await downloadOk(final.downloadUrl)).body };
    }
    const asOfDays = FORMATS.map((f) => dayIn(TOKYO, new Date(files[f].final.asOf)));
    expect(new Set(asOfDays).size).toBe(1);
    days = daysFrom(addDays(asOfDays[0]!, -7), 7);
    truth = await eventsPerDay(TOKYO, days[0]!, days.at(-1)!);
  }, 180_000);

  function csvBuckets(): Bucket[] {
    const [header, ...rows] = parseCsv(files.CSV.body.toString('utf8'));
    expect(header).toEqual(['date', 'event_type', 'total_events', 'unique_users', 'unique_devices']);
    return rows.map(([d, t, n]) => [d!, t!, Number(n)]);
  }

  it('CSV, JSON and XLSX hold the same buckets: the 7 whole Tokyo days before the export\'s day', async () => {
    const csv = csvBuckets();
    expectWholeDays(csv, days, truth);

    const json = JSON.parse(files.JSON.body.toString('utf8')) as Record<string, unknown>[];
    expect(json.map((r) => [r.date, r.event_type, r.total_events])).toEqual(csv);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(files.XLSX.body as unknown as ArrayBuffer);
    const data = book.getWorksheet('Data')!;
    const xlsx: Bucket[] = [];
    data.eachRow((row, n) => {
      if (n === 1) return;
      const date = row.getCell(1).value;
      expect(date).toBeInstanceOf(Date); // a real date cell holding the Tokyo calendar day
      xlsx.push([(date as Date).toISOString().slice(0, 10), row.getCell(2).value as string, row.getCell(3).value as number]);
    });
    expect(xlsx).toEqual(csv);
    // The About sheet states the zone and the window, as Tokyo wall times.
    const about = JSON.stringify(book.getWorksheet('About')!.getSheetValues());
    expect(about).toContain(`Times are in ${TOKYO}`);
    expect(about).toContain(`${days[0]} 00:00 → ${addDays(days.at(-1)!, 1)} 00:00 ${TOKYO}`);
  });

  it('PDF holds the same buckets and states the Tokyo window', async () => {
    const text = await pdfText(files.PDF.body);
    expect(text).toContain(`Generated ${new Date(Date.parse(files.PDF.final.asOf) + TOKYO_OFFSET).toISOString().slice(0, 16).replace('T', ' ')} (${TOKYO})`);
    expect(text).toContain(`${days[0]} 00:00 → ${addDays(days.at(-1)!, 1)} 00:00 ${TOKYO}`);
    expect(text).toContain(`Dates are calendar days in ${TOKYO}.`);
    const rows = [...text.matchAll(/^\s*(\d{4}-\d{2}-\d{2})\s+([a-z_]+)\s+([\d,]+)\s+[\d,]+\s+[\d,]+\s*$/gm)]
      .map((m) => [m[1]!, m[2]!, Number(m[3]!.replaceAll(',', ''))] as Bucket);
    expect(rows).toEqual(csvBuckets());
    expectWholeDays(rows, days, truth);
  });

  it('a raw listing shows the same instants in CSV, JSON and XLSX: the Tokyo wall time of each event', async () => {
    // Two busy hours of one Tokyo day, read in the export's zone (the report's own is UTC).
    const day = days[3]!;
    const reportId = await createReport(app, admin, 'Raw events, two Tokyo hours', {
      source: 'usage_events',
      dimensions: [{ field: 'timestamp' }, { field: 'event_type' }],
      raw: true,
      timeRange: { from: `${day}T18:00:00`, to: `${day}T20:00:00` },
      orderBy: [{ key: 'timestamp', direction: 'ASC' }, { key: 'event_type', direction: 'ASC' }],
      rowLimit: 50,
    });
    const db = app.runtime.analytics.database;
    const direct = await app.runtime.analytics.query(
      `SELECT toUnixTimestamp64Milli(timestamp) AS ms, event_type FROM ${db}.usage_events
       WHERE tenant_id = 'acme' AND timestamp >= {from:DateTime64(3, 'UTC')} AND timestamp < {to:DateTime64(3, 'UTC')}
       ORDER BY timestamp, event_type LIMIT 50`,
      // 18:00 and 20:00 in Tokyo are 09:00 and 11:00 UTC.
      { from: `${day} 09:00:00.000`, to: `${day} 11:00:00.000` });
    expect(direct.rows).toHaveLength(50); // busy hours: the row limit cuts the listing
    const expected = direct.rows.map(([ms, type]) => [new Date(Number(ms) + TOKYO_OFFSET).toISOString().slice(0, 23), type]);
    expect(expected[0]![0]).toMatch(new RegExp(`^${day}T18:`));

    const exported: Record<string, { final: any; body: Buffer }> = {};
    for (const format of ['CSV', 'JSON', 'XLSX']) {
      const { final } = await exportAndFollow(app, admin, { reportId, format, options: { timeZone: TOKYO } });
      expect(final).toMatchObject({ status: 'COMPLETED', timeZone: TOKYO, rowCount: 50, truncated: true });
      exported[format] = { final, body: (await downloadOk(final.downloadUrl)).body };
    }
    // CSV: the local wall time, `YYYY-MM-DDTHH:MM:SS.mmm` with no zone suffix.
    const [header, ...csv] = parseCsv(exported.CSV!.body.toString('utf8'));
    expect(header).toEqual(['timestamp', 'event_type']);
    expect(csv).toEqual(expected);
    // JSON: the same wall time with Tokyo's offset.
    const json = JSON.parse(exported.JSON!.body.toString('utf8')) as { timestamp: string; event_type: string }[];
    expect(json.map((r) => [r.timestamp, r.event_type])).toEqual(expected.map(([local, type]) => [`${local}+09:00`, type]));
    // XLSX: date/time cells holding the same wall time.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.XLSX!.body as unknown as ArrayBuffer);
    const xlsx: unknown[][] = [];
    book.getWorksheet('Data')!.eachRow((row, n) => {
      if (n === 1) return;
      const at = row.getCell(1).value;
      expect(at).toBeInstanceOf(Date);
      xlsx.push([(at as Date).toISOString().slice(0, 23), row.getCell(2).value]);
    });
    expect(xlsx).toEqual(expected);
  });
});

describe('a preview of fixed dates in a Los Angeles report', () => {
  const PREVIEW = `query($input: PreviewReportInput!) { previewReport(input: $input) {
    columns { name type } rows totalCount timeZone window { from to fromLocal toLocal } } }`;

  it('is that Los Angeles day: one DAY bucket holding the whole day, the window from its midnight there', async () => {
    // A day well inside the seeded 30 days, as Los Angeles' calendar has it.
    const day = dayIn(LA, app.seededAt.getTime() - 10 * DAY);
    const next = addDays(day, 1);
    const res = await app.gql(PREVIEW, { input: { definition: {
      source: 'usage_events',
      timeZone: LA,
      dimensions: [{ field: 'timestamp', grain: 'DAY', alias: 'date' }],
      measures: [{ fn: 'COUNT', alias: 'events' }],
      timeRange: { from: day, to: next },
    } } }, admin);
    expect(res.errors).toBeUndefined();
    const preview = res.data!.previewReport;
    expect(preview.timeZone).toBe(LA);
    expect(preview.columns).toEqual([{ name: 'date', type: 'DATE' }, { name: 'events', type: 'NUMBER' }]);
    const truth = await eventsPerDay(LA, day, day);
    const whole = [...truth.values()].reduce((a, b) => a + b, 0);
    expect(preview.rows).toEqual([[day, whole]]);
    expect(preview.totalCount).toBe(1);

    // Midnight to midnight in Los Angeles (-08:00 in winter, -07:00 in summer), not in UTC.
    const from = new Date(`${day}T00:00:00.000${offsetIn(LA, Date.parse(`${day}T12:00:00Z`))}`);
    const to = new Date(`${next}T00:00:00.000${offsetIn(LA, Date.parse(`${next}T12:00:00Z`))}`);
    expect(preview.window.fromLocal).toBe(`${day}T00:00:00.000${offsetIn(LA, from)}`);
    expect(preview.window.toLocal).toBe(`${next}T00:00:00.000${offsetIn(LA, to)}`);
    expect(preview.window.fromLocal).toMatch(/T00:00:00\.000-0[78]:00$/);
    expect(new Date(preview.window.from).getTime()).toBe(from.getTime());
    expect(new Date(preview.window.to).getTime()).toBe(to.getTime());
  });
});
