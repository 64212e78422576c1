import 'reflect-metadata';
/**
 * One chart definition, drawn the same way in the PDF and the scheduled email (issue 17), end to
 * end: a report's saved visualization (BAR, PIE) reaches the PDF export as vector text pdfjs reads
 * (axis names, the platforms as categories, a Japanese axis name), and the scheduled email's HTML
 * shows the chart as an inline PNG referenced by cid:, recorded at a local SendGrid stand-in.
 * KEEP_CHARTS=1 keeps the PDFs, their pdftoppm PNGs and the email's PNG for a look.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfContent, poppler } from './support/pdf-text.js';
import { exportAndFollow } from './support/exports.js';
import { startSendGridRecorder, type SendGridRecorder } from './support/sendgrid-recorder.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let recorder: SendGridRecorder;
let editor: string;
const keep = process.env.KEEP_CHARTS ? mkdtempSync(join(tmpdir(), 'charts-e2e-')) : null;

const BY_PLATFORM = {
  source: 'usage_events',
  dimensions: [{ field: 'platform' }],
  measures: [{ fn: 'COUNT', alias: 'events' }],
  timeRange: { rolling: { n: 40, unit: 'DAY' } },
  orderBy: [{ key: 'platform' }],
};
const PLATFORMS = ['android', 'api', 'ios', 'web'];

async function createReport(name: string, visualization: Record<string, unknown>): Promise<string> {
  const res = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id visualization { type } } }', { i: { name, definition: BY_PLATFORM, visualization } }, editor);
  expect(res.errors).toBeUndefined();
  return res.data!.createReport.id as string;
}

async function pdfOf(reportId: string, name: string): Promise<string> {
  const { final } = await exportAndFollow(app, editor, { reportId, format: 'PDF' });
  expect(final.status).toBe('COMPLETED');
  const pdf = Buffer.from(await (await fetch(final.downloadUrl)).arrayBuffer());
  if (keep) {
    writeFileSync(join(keep, `${name}.pdf`), pdf);
    if (poppler) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', join(keep, `${name}.pdf`), join(keep, name)]);
  }
  const { text } = await pdfContent(pdf);
  // The chart's text: page 1 above the table's header line.
  const header = text.search(/^[ \t]*Platform[ \t]+Events[ \t]*$/m);
  expect(header).toBeGreaterThan(0);
  return text.slice(0, header);
}

beforeAll(async () => {
  recorder = await startSendGridRecorder();
  app = await startTestApp({ seedRows: 5_000, worker: true, env: { SENDGRID_API_KEY: 'SG.test', SENDGRID_API_URL: recorder.baseUrl } });
  editor = await app.token('acme', 'editor', 'ed@acme');
}, 120_000);
afterAll(async () => {
  await app?.close();
  await recorder?.close();
  if (keep) console.log(`charts kept in ${keep}`);
});

describe('the report\'s chart in its PDF export', () => {
  it('a bar chart: the platforms as category labels and both axis names, a Japanese one included, are text', async () => {
    const id = await createReport('Platforms as bars', { type: 'BAR', xAxisLabel: 'プラットフォーム', yAxisLabel: 'Events per platform' });
    const chart = await pdfOf(id, 'bar');
    expect(chart).toContain('Events by Platform');
    expect(chart).toMatch(new RegExp(PLATFORMS.join('\\s+')));
    expect(chart).toContain('プラットフォーム');
    expect(chart).toContain('Events per platform');
  }, 60_000);

  it('a pie chart: one slice label per platform with its share', async () => {
    const id = await createReport('Platforms as a pie', { type: 'PIE' });
    const chart = await pdfOf(id, 'pie');
    for (const platform of PLATFORMS) expect(chart).toMatch(new RegExp(`${platform}: \\d+(\\.\\d+)?%`));
    const shares = [...chart.matchAll(/: (\d+(?:\.\d+)?)%/g)].map((m) => Number(m[1]));
    expect(shares).toHaveLength(4);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
  }, 60_000);
});

describe('the report\'s chart in the scheduled email', () => {
  it('is an inline PNG the HTML shows by cid:, beside the attached PDF', async () => {
    const reportId = await createReport('Platforms emailed', { type: 'BAR', xAxisLabel: 'プラットフォーム' });
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Chart by email', cron: '0 9 * * 1', recipients: ['charts@example.com'], format: 'PDF' } }, editor);
    expect(created.errors).toBeUndefined();
    const before = recorder.requests.length;
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: created.data!.createSchedule.id }, editor);
    expect(run.errors).toBeUndefined();
    const mail = await waitFor(async () => recorder.requests.slice(before).find((r) => (r.body as any).personalizations?.[0]?.to?.[0]?.email === 'charts@example.com'));
    const body = mail.body as { attachments: { content: string; filename: string; type: string; disposition: string; content_id?: string }[]; content: { type: string; value: string }[] };
    const image = body.attachments.find((a) => a.disposition === 'inline')!;
    expect(image).toMatchObject({ type: 'image/png', filename: 'chart.png' });
    expect(image.content_id).toMatch(/\S+@\S+/);
    expect(body.attachments.find((a) => a.disposition === 'attachment')).toMatchObject({ type: 'application/pdf' });
    const html = body.content.find((c) => c.type === 'text/html')!.value;
    expect(html).toContain(`<img src="cid:${image.content_id}"`);
    expect(html).toContain('alt="Chart: Events by Platform"');
    const png = Buffer.from(image.content, 'base64');
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1088, 600]);
    if (keep) writeFileSync(join(keep, 'email-chart.png'), png);
  }, 90_000);
});
