/**
 * The schema's conventions (issue 18, point 6), through the API: `node(id)` finds a Report, Export,
 * Schedule or Execution by id alone and never another tenant's (nor a report the viewer may not
 * open); errors are typed by the `ExportErrorCode` enum (`ExportError.errorCode`) on exports and on
 * executions alike (`Execution.failure`), the deprecated String fields still answering; the role
 * comes upper case as `Me.roleName`, `Me.role` still answering.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { runTick, startRuntimeWorker } from '../server/src/app.js';
import type { WorkerHandle } from '../server/src/jobs/worker.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createReport } from './support/exports.js';
import { waitFor } from './support/wait.js';

let app: TestApp;
let editor: string;
let worker: WorkerHandle | undefined;

const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on Report { name } ... on Export { format status } ... on Schedule { name cron } ... on Execution { scheduledFor executionStatus: status } } }`;
const COUNT = { source: 'usage_events', measures: [{ fn: 'COUNT' }] };

beforeAll(async () => {
  // No worker at first: an export waits in the queue while its report goes away.
  app = await startTestApp({ seedRows: 1_000 });
  editor = await app.token('acme', 'editor', 'ed@acme');
}, 120_000);
afterAll(async () => {
  await worker?.stop();
  await app?.close();
});

describe('node(id)', () => {
  it('finds each kind by id alone, typed, and nothing for another tenant, a hidden report or a bad id', async () => {
    const reportId = (await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Node report', definition: COUNT, isPublic: true } }, editor)).data!.createReport.id;
    const privateId = (await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Private to ed', definition: COUNT, isPublic: false } }, editor)).data!.createReport.id;
    const exportId = (await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV' } }, editor)).data!.createExport.id;
    const scheduleId = (await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Node schedule', cron: '0 9 * * 1', recipients: ['n@example.com'] } }, editor)).data!.createSchedule.id;
    const executionId = (await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: scheduleId }, editor)).data!.runScheduleNow.id;

    const node = async (id: string, token = editor) => {
      const res = await app.gql(NODE, { id }, token);
      expect(res.errors).toBeUndefined();
      return res.data!.node;
    };
    expect(await node(reportId)).toEqual({ __typename: 'Report', id: reportId, name: 'Node report' });
    expect(await node(exportId)).toMatchObject({ __typename: 'Export', id: exportId, format: 'CSV' });
    expect(await node(scheduleId)).toEqual({ __typename: 'Schedule', id: scheduleId, name: 'Node schedule', cron: '0 9 * * 1' });
    expect(await node(executionId)).toMatchObject({ __typename: 'Execution', id: executionId });
    expect(await node(privateId)).toMatchObject({ __typename: 'Report', id: privateId });

    // Another tenant, even its admin: null for every one, exactly as for an id nobody has.
    const globex = await app.token('globex', 'admin');
    for (const id of [reportId, exportId, scheduleId, executionId, privateId, randomUUID()]) expect(await node(id, globex), id).toBeNull();
    // A viewer of acme: the public report, not the private one (as report(id) answers).
    const viewer = await app.token('acme', 'viewer', 'vi@acme');
    expect(await node(reportId, viewer)).toMatchObject({ __typename: 'Report' });
    expect(await node(privateId, viewer)).toBeNull();
    expect((await app.gql('query($id: ID!) { report(id: $id) { id } }', { id: privateId }, viewer)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    for (const bad of ['', 'not-an-id', `${reportId}x`]) expect(await node(bad)).toBeNull();
    // Without a token: refused, as every other read.
    expect((await app.gql(NODE, { id: reportId }, null)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('typed error codes', () => {
  it('an export that failed: errorCode is the enum, code the same text (deprecated, still answered)', async () => {
    const reportId = await createReport(app, editor, 'Short-lived', COUNT);
    const exportId = (await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format: 'CSV' } }, editor)).data!.createExport.id;
    expect((await app.gql('mutation($id: ID!) { deleteReport(id: $id) }', { id: reportId }, editor)).errors).toBeUndefined();
    worker = await startRuntimeWorker(app.runtime);
    const failed = await waitFor(async () => {
      const e = (await app.gql('query($id: ID!) { export(id: $id) { status error { code errorCode message } } }', { id: exportId }, editor)).data!.export;
      return e.status === 'FAILED' ? e : undefined;
    });
    expect(failed.error).toEqual({ code: 'REPORT_DELETED', errorCode: 'REPORT_DELETED', message: expect.stringMatching(/deleted/) });
  });

  it('executions give the same error object: MISSED slots, and a run whose export failed carries its code', async () => {
    const reportId = await createReport(app, editor, 'Hourly source', COUNT);
    const scheduleId = (await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId, name: 'Hourly, down for a while', cron: '0 * * * *', recipients: ['h@example.com'] } }, editor)).data!.createSchedule.id;
    // Down since 5 hours ago: the older slots are MISSED (the latest runs within the grace period).
    await app.runtime.orm.em.getConnection().execute('UPDATE schedules SET next_run_at = ? WHERE id = ?', [new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 5 * 3_600_000), scheduleId]);
    await runTick(app.runtime, new Date());
    const EXECUTIONS = 'query($id: ID!) { schedule(id: $id) { executions(first: 20) { edges { node { id status error failure { code errorCode message } } } } } }';
    const runs = (await app.gql(EXECUTIONS, { id: scheduleId }, editor)).data!.schedule.executions.edges.map((e: any) => e.node);
    const missed = runs.filter((r: any) => r.status === 'MISSED');
    expect(missed.length).toBeGreaterThanOrEqual(3);
    for (const r of missed) expect(r.failure).toEqual({ code: 'MISSED', errorCode: 'MISSED', message: r.error });

    // The report's table goes away: the next run's export fails, and the execution says why with the export's code.
    const broken = await createReport(app, editor, 'Metrics', { source: 'device_metrics', measures: [{ fn: 'AVG', field: 'cpu_percent' }] });
    const doomed = (await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
      { i: { reportId: broken, name: 'Doomed', cron: '0 9 * * 1', recipients: ['d@example.com'] } }, editor)).data!.createSchedule.id;
    await app.runtime.analytics.exec(`DROP TABLE ${app.runtime.analytics.database}.device_metrics`);
    const executionId = (await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: doomed }, editor)).data!.runScheduleNow.id;
    const failed = await waitFor(async () => {
      // There is no execution(id) query: node(id) is how a client reads one again.
      const e = (await app.gql('query($id: ID!) { node(id: $id) { ... on Execution { status error failure { code errorCode message } export { error { errorCode message } } } } }', { id: executionId }, editor)).data!.node;
      return e.status === 'FAILED' ? e : undefined;
    }, 60_000);
    expect(failed.failure).toEqual({ code: 'EXPORT_FAILED', errorCode: 'EXPORT_FAILED', message: failed.export.error.message });
    expect(failed.export.error.errorCode).toBe('EXPORT_FAILED');
    // A run that went well has no failure.
    const ok = runs.find((r: any) => r.status !== 'MISSED');
    expect(ok.failure).toBeNull();
  }, 90_000);
});

describe('Me.roleName', () => {
  it('is the role upper case; the deprecated role still answers lower case', async () => {
    for (const role of ['viewer', 'editor', 'admin'] as const) {
      const me = (await app.gql('{ me { role roleName } }', {}, await app.token('acme', role))).data!.me;
      expect(me).toEqual({ role, roleName: role.toUpperCase() });
    }
  });
});
