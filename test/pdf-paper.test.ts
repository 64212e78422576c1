/**
 * PDF paper size and orientation end to end (issue 17): createExport's options and a schedule's
 * fields → the worker's PDF → the downloaded file's pages, read with pdfjs. Also the typed errors
 * for asking them of a format that is not PDF.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../server/src/app.js';
import { downloadOk, exportAndFollow, reportIdByName } from './support/exports.js';
import { pdfContent } from './support/pdf-text.js';
import { errorCode, startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let admin: string;
let usageId: string;

beforeAll(async () => {
  app = await startTestApp({ seedRows: 5_000, worker: true });
  admin = await app.token('acme', 'admin', 'ann@acme');
  usageId = await reportIdByName(app, admin, 'Usage Summary');
});
afterAll(async () => app?.close());

/** Width × height of every page of a completed export's file. */
async function pageSizes(downloadUrl: string): Promise<number[][]> {
  const { pageList } = await pdfContent((await downloadOk(downloadUrl)).body);
  return pageList.map((p) => [p.width, p.height]);
}

const SCHEDULE_FIELDS = 'id format paperSize orientation';

describe('createExport with paper and orientation', () => {
  it('paperSize LETTER, orientation LANDSCAPE gives 792 × 612 pages', async () => {
    const { final } = await exportAndFollow(app, admin, { reportId: usageId, format: 'PDF', options: { paperSize: 'LETTER', orientation: 'LANDSCAPE' } });
    expect(final.status).toBe('COMPLETED');
    const sizes = await pageSizes(final.downloadUrl);
    expect(sizes.length).toBeGreaterThan(0);
    for (const s of sizes) expect(s).toEqual([792, 612]);
  });

  it('A3 alone keeps the default orientation: portrait for the 5-column Usage Summary; no option at all is A4 portrait', async () => {
    const a3 = await exportAndFollow(app, admin, { reportId: usageId, format: 'PDF', options: { paperSize: 'A3' } });
    expect(await pageSizes(a3.final.downloadUrl)).toContainEqual([841.89, 1190.55]);
    expect(new Set((await pageSizes(a3.final.downloadUrl)).map(String))).toEqual(new Set(['841.89,1190.55']));
    const plain = await exportAndFollow(app, admin, { reportId: usageId, format: 'PDF' });
    expect(new Set((await pageSizes(plain.final.downloadUrl)).map(String))).toEqual(new Set(['595.28,841.89']));
  });

  it('asked of a CSV: BAD_USER_INPUT naming each option, and no export is made', async () => {
    const before = await app.gql('{ exports(first: 100) { edges { node { id } } } }', {}, admin);
    const res = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: usageId, format: 'CSV', options: { paperSize: 'A4', orientation: 'PORTRAIT' } } }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    const fields = (res.errors![0]!.extensions!.errors as { path: string }[] | undefined)?.map((e) => e.path) ?? [res.errors![0]!.extensions!.field];
    expect(fields).toEqual(expect.arrayContaining(['input.options.paperSize']));
    const after = await app.gql('{ exports(first: 100) { edges { node { id } } } }', {}, admin);
    expect(after.data!.exports.edges).toHaveLength(before.data!.exports.edges.length);
  });

  it('an unknown paper name is refused by the schema before anything runs', async () => {
    const res = await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId: usageId, format: 'PDF', options: { paperSize: 'A5' } } }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/PaperSize/);
    expect(res.data ?? null).toBeNull();
  });
});

describe('a schedule with paper and orientation', () => {
  it('stores them, runs with them (run now and the scheduler tick), and drops them when the format leaves PDF', async () => {
    const created = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { ${SCHEDULE_FIELDS} } }`, {
      i: { reportId: usageId, name: 'Letter portrait', cron: '0 6 * * *', format: 'PDF', paperSize: 'LETTER', orientation: 'PORTRAIT', recipients: ['paper@acme.example.com'], emailConfig: { attachment: 'LINK' } },
    }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createSchedule).toMatchObject({ format: 'PDF', paperSize: 'LETTER', orientation: 'PORTRAIT' });
    const id = created.data!.createSchedule.id as string;

    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, admin);
    expect(run.errors).toBeUndefined();
    const firstRun = await waitFor(async () => {
      const res = await app.gql('query($id: ID!) { schedule(id: $id) { executions(first: 1) { edges { node { export { status downloadUrl } } } } } }', { id }, admin);
      const e = res.data!.schedule.executions.edges[0]?.node;
      return e?.export?.status === 'COMPLETED' ? e.export : undefined;
    }, 60_000);
    for (const s of await pageSizes(firstRun.downloadUrl)) expect(s).toEqual([612, 792]);

    // Changed to A3 landscape, run by the scheduler's tick (its SQL path), one minute ago.
    const changed = await app.gql(`mutation($id: ID!) { updateSchedule(id: $id, input: { paperSize: A3, orientation: LANDSCAPE }) { ${SCHEDULE_FIELDS} } }`, { id }, admin);
    expect(changed.data!.updateSchedule).toMatchObject({ paperSize: 'A3', orientation: 'LANDSCAPE' });
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET cron = ?, next_run_at = ? WHERE id = ?', [`${slot.getUTCMinutes()} * * * *`, slot, id]);
    await runTick(app.runtime, new Date());
    const ticked = await waitFor(async () => {
      const res = await app.gql('query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { triggeredBy export { status downloadUrl } } } } } }', { id }, admin);
      const e = res.data!.schedule.executions.edges.map((x: any) => x.node).find((n: any) => n.triggeredBy === 'SCHEDULE');
      return e?.export?.status === 'COMPLETED' ? e.export : undefined;
    }, 60_000);
    for (const s of await pageSizes(ticked.downloadUrl)) expect(s).toEqual([1190.55, 841.89]);

    // Left out: unchanged; null: back to the default.
    const kept = await app.gql(`mutation($id: ID!) { updateSchedule(id: $id, input: { orientation: null }) { ${SCHEDULE_FIELDS} } }`, { id }, admin);
    expect(kept.data!.updateSchedule).toMatchObject({ paperSize: 'A3', orientation: null });
    const csv = await app.gql(`mutation($id: ID!) { updateSchedule(id: $id, input: { format: CSV }) { ${SCHEDULE_FIELDS} } }`, { id }, admin);
    expect(csv.data!.updateSchedule).toMatchObject({ format: 'CSV', paperSize: null, orientation: null });
  });

  it('asked of a CSV schedule: BAD_USER_INPUT naming input.paperSize, nothing created', async () => {
    const res = await app.gql(`mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }`, {
      i: { reportId: usageId, name: 'CSV on paper', cron: '0 6 * * *', format: 'CSV', paperSize: 'A4', recipients: ['paper@acme.example.com'] },
    }, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.errors![0]!.extensions)).toContain('input.paperSize');
    const list = await app.gql('{ schedules { edges { node { name } } } }', {}, admin);
    expect(JSON.stringify(list.data)).not.toContain('CSV on paper');
  });
});
