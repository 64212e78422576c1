import 'reflect-metadata';
/**
 * Alerts, the suppression list and "tell me when it's ready" in real Chromium (issue 20): an editor
 * sets an alert condition with typed inputs (an unknown column refused at its field), runs the
 * schedule and the history shows the verdict; the schedule page lists the bounced recipients; an
 * admin reads the suppression list (reason, time in a stated zone) and removes an entry, which
 * lets mail go to the address again; the export panel's "Email me a link" checkbox reaches the
 * server (a sign-in without an address is told so). Screenshots at 1280 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { reportIdByName } from '../support/exports.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('alerts, suppression list and notify-when-ready in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let scheduleId: string;
  let executionId: string;
  const consoleErrors: string[] = [];
  const sql = <T = Record<string, any>>(q: string, p: unknown[] = []) => app.runtime.orm.em.getConnection().execute<T[]>(q, p);

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 5_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    collectConsoleErrors(page, consoleErrors);
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const reportId = await reportIdByName(app, editor, 'Usage Summary');
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Spike watch', cron: '0 9 * * 1', format: 'CSV', recipients: ['ana@example.com', 'bo@example.com'] },
    }, editor);
    expect(created.errors).toBeUndefined();
    scheduleId = created.data!.createSchedule.id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an editor sets an alert condition with typed inputs; the history shows each run\'s verdict and the bounced recipients', async () => {
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/schedules/${scheduleId}`);
    await page.getByRole('heading', { name: 'Spike watch' }).waitFor();
    await page.getByLabel('Send only when a condition holds (alert)').check();
    await page.getByLabel('Condition', { exact: true }).selectOption('FIRST_ROW');
    await page.getByLabel('Measure (column)').fill('nope');
    await page.getByLabel('Comparison').selectOption('ABOVE');
    expect(await page.getByLabel('Threshold').getAttribute('type')).toBe('number');
    await page.getByLabel('Threshold').fill('0');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const block = page.getByTestId('alert-condition');
    await expect.poll(() => block.getByRole('alert').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringMatching(/unknown column "nope"; the report's columns are date, event_type, total_events/)]);
    await page.getByLabel('Measure (column)').fill('total_events');
    await page.getByLabel('Notify only the first time, until it clears').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const saved = await app.gql('query($id: ID!) { schedule(id: $id) { alertCondition { kind column comparison threshold changePercent notifyOnce } } }', { id: scheduleId }, editor);
    expect(saved.data!.schedule.alertCondition).toEqual({ kind: 'FIRST_ROW', column: 'total_events', comparison: 'ABOVE', threshold: 0, changePercent: null, notifyOnce: true });

    // Two runs: the first is met and sent, the second still met and skipped (notifyOnce).
    for (const expected of ['DELIVERED', 'SKIPPED_CONDITION']) {
      const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: scheduleId }, editor);
      const id = run.data!.runScheduleNow.id as string;
      await expect.poll(async () => (await sql('SELECT status FROM schedule_executions WHERE id = ?', [id]))[0]?.status, { timeout: 60_000 }).toBe(expected);
      if (expected === 'DELIVERED') executionId = id;
    }
    // What POST /webhooks/sendgrid records for a bounce (its signed path: test/delivery-hygiene.test.ts).
    await sql(`UPDATE deliveries SET provider_status = 'BOUNCED', provider_detail = '550 5.1.1 no such user', provider_event_at = now() WHERE execution_id = ? AND target = 'bo@example.com'`, [executionId]);
    await page.reload();
    const conditions = page.getByTestId('execution-condition');
    await expect.poll(() => conditions.allTextContents(), { timeout: 15_000 }).toEqual([
      expect.stringMatching(/^Condition still met \(already notified\): total_events of the first row = \d+, above 0\?: still met, already notified/),
      expect.stringMatching(/^Condition met: total_events of the first row = \d+, above 0\?: met$/),
    ]);
    expect(await page.getByTestId('execution-status').allTextContents()).toEqual(['SKIPPED CONDITION', 'DELIVERED']);
    expect(await page.getByTestId('provider-problems').getByRole('listitem').allTextContents()).toEqual(['bo@example.com: bounced (550 5.1.1 no such user)']);
    await shot(page, 'schedule-alert-1280');
    await page.setViewportSize({ width: 390, height: 900 });
    await page.getByTestId('alert-condition').scrollIntoViewIfNeeded();
    expect(await (page.evaluate('document.documentElement.scrollWidth') as Promise<number>)).toBeLessThanOrEqual(390);
    await shot(page, 'schedule-alert-390');
    await page.setViewportSize({ width: 1280, height: 1000 });
  }, 150_000);

  it('the export panel asks the server to email when ready; a sign-in without an address is told so', async () => {
    const reportId = await reportIdByName(app, await app.token('acme', 'editor', 'editor@acme'), 'Usage Summary');
    await page.goto(`${app.url}/#/reports/${reportId}`);
    const panel = page.getByTestId('export-panel');
    await panel.waitFor();
    await panel.getByLabel('Email me a link when it’s ready').check();
    await panel.getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => panel.getByRole('alert').allTextContents(), { timeout: 15_000 }).toEqual([expect.stringMatching(/email address/)]);
    await shot(page, 'export-notify-when-ready');
  }, 60_000);

  it('an admin reads the suppression list (reason, time in a stated zone) and removes an entry', async () => {
    await sql(`INSERT INTO email_suppressions (tenant_id, email, schedule_id, reason, detail, created_at) VALUES
      ('acme', 'bo@example.com', NULL, 'BOUNCED', '550 5.1.1 no such user', '2026-12-01T10:15:00Z'),
      ('acme', 'cy@example.com', NULL, 'SPAM_REPORT', NULL, '2026-12-02T08:00:00Z'),
      ('acme', 'ana@example.com', ?, 'UNSUBSCRIBED', NULL, '2026-12-03T12:30:00Z'),
      ('globex', 'zed@example.com', NULL, 'BOUNCED', NULL, '2026-12-03T12:30:00Z')`, [scheduleId]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await devSignIn(page, app.url, 'acme', 'admin');
    await page.getByRole('link', { name: 'Suppressions' }).click();
    const rows = page.getByTestId('suppression-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toMatch(/^ana@example\.com.*Unsubscribed.*Spike watch.*2026-12-03 12:30 UTC/);
    expect(texts[1]).toMatch(/^cy@example\.com.*Reported as spam.*Every schedule/);
    expect(texts[2]).toMatch(/^bo@example\.com.*Bounced.*550 5\.1\.1 no such user.*Every schedule.*2026-12-01 10:15 UTC/);
    expect(texts.join(' ')).not.toContain('zed@example.com');
    expect(await page.getByText(/Times in [A-Za-z_/]+\./).count()).toBe(1);
    await shot(page, 'suppressions-1280');

    await page.getByRole('button', { name: 'Remove bo@example.com from the list' }).click();
    await page.getByRole('button', { name: 'Yes, send mail again' }).click();
    await page.getByText('bo@example.com gets mail again.').waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await sql(`SELECT email FROM email_suppressions WHERE tenant_id = 'acme' ORDER BY email`)).toEqual([{ email: 'ana@example.com' }, { email: 'cy@example.com' }]);
    const audit = await sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'suppression.remove'`).catch(() => [{ n: -1 }]);
    expect(audit[0]!.n).not.toBe(0);

    await page.setViewportSize({ width: 390, height: 900 });
    await rows.first().waitFor();
    expect(await (page.evaluate('document.documentElement.scrollWidth') as Promise<number>)).toBeLessThanOrEqual(390);
    await shot(page, 'suppressions-390');
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
