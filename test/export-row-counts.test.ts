/**
 * What an export says about its rows is what its file holds (issue 18, point 4): a PDF past
 * PDF_ROW_CAP holds the cap's rows, so its `rowCount` is the cap, `truncated` is true and
 * `sourceRowCount` keeps the result's rows, in the API, in the events a subscriber is sent and in
 * the file's own note; a CSV of the same report holds them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createReport, exportAndFollow } from './support/exports.js';
import { pdfText } from './support/pdf-text.js';

const CAP = 25;
let app: TestApp;
let editor: string;
let reportId: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 3_000, worker: true, env: { PDF_ROW_CAP: String(CAP) } });
  editor = await app.token('acme', 'editor', 'ed@acme');
  // One row per (day, event type): far more than the cap, and under the report's row limit.
  reportId = await createReport(app, editor, 'Daily events by type', {
    source: 'usage_events', dimensions: [{ field: 'timestamp', grain: 'DAY' }, { field: 'event_type' }], measures: [{ fn: 'COUNT', alias: 'events' }],
    timeRange: { last: { n: 30, unit: 'DAY' } }, rowLimit: 100_000,
  });
}, 120_000);
afterAll(async () => app?.close());

const ROWS = 'query($id: ID!) { export(id: $id) { status rowCount sourceRowCount truncated progress { rowsWritten rowsTotal } } }';

describe('rows of an export', () => {
  it('a CSV holds every row of the result: rowCount = sourceRowCount, not truncated', async () => {
    const { id, final } = await exportAndFollow(app, editor, { reportId, format: 'CSV' });
    expect(final.status).toBe('COMPLETED');
    const csv = (await (await fetch(final.downloadUrl)).text()).trim().split(/\r?\n/);
    const rows = (await app.gql(ROWS, { id }, editor)).data!.export;
    expect(rows.rowCount).toBe(csv.length - 1);
    expect(rows.rowCount).toBeGreaterThan(CAP * 2);
    expect(rows).toMatchObject({ sourceRowCount: rows.rowCount, truncated: false });
  });

  it('a PDF past PDF_ROW_CAP: rowCount is the rows in the file, truncated, sourceRowCount the result; the same in its events and its note', async () => {
    const { id, final, states } = await exportAndFollow(app, editor, { reportId, format: 'PDF' });
    expect(final.status).toBe('COMPLETED');
    const csv = await exportAndFollow(app, editor, { reportId, format: 'CSV' });
    const total = csv.final.rowCount as number;
    expect(total).toBeGreaterThan(CAP);
    const read = (await app.gql(ROWS, { id }, editor)).data!.export;
    expect(read).toMatchObject({ status: 'COMPLETED', rowCount: CAP, sourceRowCount: total, truncated: true });
    // The event that said COMPLETED carried the same counts.
    expect(final).toMatchObject({ rowCount: CAP, truncated: true });
    expect(states.filter((s: any) => s.status === 'COMPLETED').every((s: any) => s.rowCount === CAP && s.truncated === true)).toBe(true);
    const text = await pdfText(Buffer.from(await (await fetch(final.downloadUrl)).arrayBuffer()));
    expect(text).toContain(`Showing the first ${CAP} of ${total} rows`);
  });

  it('a PDF within the cap holds all its rows and is not truncated', async () => {
    const small = await createReport(app, editor, 'Events by type', { source: 'usage_events', dimensions: [{ field: 'event_type' }], measures: [{ fn: 'COUNT' }] });
    const { id, final } = await exportAndFollow(app, editor, { reportId: small, format: 'PDF' });
    expect(final.status).toBe('COMPLETED');
    const read = (await app.gql(ROWS, { id }, editor)).data!.export;
    expect(read.rowCount).toBeGreaterThan(0);
    expect(read.rowCount).toBeLessThanOrEqual(CAP);
    expect(read).toMatchObject({ sourceRowCount: read.rowCount, truncated: false });
  });
});
