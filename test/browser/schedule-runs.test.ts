import 'reflect-metadata';
/**
 * A schedule's runs in real Chromium, delivering through a local SendGrid v3 recorder: "Run now"
 * puts an execution in the history, one recipient's email is refused (400) and shows as failed
 * with the provider's reason, "Resend failed" sends that one only, and the schedule is deleted
 * after an explicit confirmation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startSendGridRecorder, type SendGridRecorder } from '../support/sendgrid-recorder.js';
import { reportIdByName } from '../support/exports.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('schedule runs and deliveries in the browser', () => {
  let app: TestApp;
  let recorder: SendGridRecorder;
  let browser: Browser;
  let page: Page;
  let scheduleId: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    recorder = await startSendGridRecorder();
    app = await startTestApp({
      seedRows: 5_000,
      worker: true,
      env: { NODE_ENV: 'development', JWT_SECRET: '', SENDGRID_API_KEY: 'SG.test', SENDGRID_API_URL: recorder.baseUrl },
    });
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const reportId = await reportIdByName(app, editor, 'Usage Summary');
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Monday numbers', cron: '0 9 * * 1', timezone: 'Europe/Paris', format: 'CSV', recipients: ['ana@example.com', 'bo@example.com'] },
    }, editor);
    expect(created.errors).toBeUndefined();
    scheduleId = created.data!.createSchedule.id;

    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'editor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await recorder?.close();
  });

  it('runs now; a refused recipient shows as failed with the reason, and only it is resent', async () => {
    await page.goto(`${app.url}/#/schedules/${scheduleId}`);
    await page.getByRole('heading', { name: 'Monday numbers' }).waitFor();
    recorder.respondWith(400, 1); // the first email the worker sends is refused
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('status').filter({ hasText: 'Run queued' }).waitFor();

    const row = page.getByTestId('execution-row').first();
    await expect.poll(() => row.getByTestId('execution-status').textContent(), { timeout: 60_000 }).toBe('PARTIALLY DELIVERED');
    const text = await row.textContent();
    expect(text).toMatch(/FAILED\s*(ana|bo)@example\.com/);
    expect(text).toMatch(/SENT\s*(ana|bo)@example\.com/);
    expect(text).toContain('The from object must be provided'); // SendGrid's own message
    expect(text).toContain('Manual');
    await shot(page, 'schedule-run-partial');

    const accepted = () => recorder.requests.filter((r) => r.status === 202).length;
    expect(accepted()).toBe(1);
    await row.getByRole('button', { name: 'Resend failed' }).click();
    await expect.poll(() => row.getByTestId('execution-status').textContent(), { timeout: 60_000 }).toBe('DELIVERED');
    expect(await row.getByText('FAILED').count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Resend failed' }).count()).toBe(0);
    // Exactly one more email: the refused recipient's, not both again.
    expect(accepted()).toBe(2);
    const recipients = recorder.requests.filter((r) => r.status === 202)
      .map((r) => ((r.body as any).personalizations[0].to[0].email as string)).sort();
    expect(recipients).toEqual(['ana@example.com', 'bo@example.com']);
    await shot(page, 'schedule-run-resent');
  });

  it('deletes the schedule only after confirming', async () => {
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('group', { name: 'Confirm delete' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('group', { name: 'Confirm delete' }).count()).toBe(0);
    const still = await app.gql('query($id: ID!) { schedule(id: $id) { id } }', { id: scheduleId }, await app.token('acme', 'admin'));
    expect(still.data!.schedule.id).toBe(scheduleId);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('group', { name: 'Confirm delete' }).getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/schedules$/);
    const gone = await app.gql('query($id: ID!) { schedule(id: $id) { id } }', { id: scheduleId }, await app.token('acme', 'admin'));
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
