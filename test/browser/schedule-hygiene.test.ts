import 'reflect-metadata';
/**
 * Delivery hygiene in the schedule editor, in real Chromium (issue 20): a business-days schedule
 * names a holiday calendar and the next-runs preview marks Christmas (US) as skipped, by name; an
 * unknown country is refused at its field; "send only if changed" is saved; and the schedule page
 * shows the recipients the provider reported as bounced or as spam.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { reportIdByName } from '../support/exports.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('holidays, onlyIfChanged and bounced recipients in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 5_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'editor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('previews Christmas (US) as skipped by name, refuses an unknown country at its field, saves the calendar and onlyIfChanged', async () => {
    await page.goto(`${app.url}/#/schedules/new`);
    await page.getByLabel('Name', { exact: true }).fill('Christmas check');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Usage Summary' });
    await page.getByLabel('Cadence').selectOption('CUSTOM');
    await page.getByLabel('Cron').fill('0 9 25 12 *');
    await page.getByLabel('Time zone').fill('America/New_York');
    await page.getByLabel('Recipients').fill('ops@example.com');
    await page.getByLabel('Recipients').press('Enter');
    await page.getByLabel('Business days only (skip weekends)').check();
    await page.getByLabel('Also skip public holidays of').fill('us');
    // 25 December 2026 is a Friday: Christmas Day (US); 2027 is a Saturday: a weekend.
    const skips = page.getByTestId('run-skip');
    await expect.poll(() => skips.allTextContents(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['Skipped: Christmas Day (US)', 'Skipped: Weekend']));
    expect(await page.getByTestId('next-runs').locator('li').first().textContent()).toMatch(/Skipped: Christmas Day \(US\)/);
    await page.getByLabel('Send only if the rows changed since the last delivered run').check();
    await shot(page, 'schedule-holidays-preview');

    await page.getByLabel('Also skip public holidays of').fill('XX');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('holiday-calendar').getByRole('alert').allTextContents()).toEqual([expect.stringMatching(/unknown holiday country "XX"/)]);

    await page.getByLabel('Also skip public holidays of').fill('US');
    await page.getByLabel('Region (optional)').fill('ca');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Christmas check' }).waitFor();
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const list = await app.gql('{ schedules { edges { node { name holidayCountry holidayRegion onlyIfChanged businessDaysOnly } } } }', {}, editor);
    expect(list.data!.schedules.edges.map((e: any) => e.node).find((s: any) => s.name === 'Christmas check'))
      .toEqual({ name: 'Christmas check', holidayCountry: 'US', holidayRegion: 'CA', onlyIfChanged: true, businessDaysOnly: true });
    // Reloaded, the form shows what was saved.
    await page.reload();
    await expect.poll(() => page.getByLabel('Also skip public holidays of').inputValue()).toBe('US');
    expect(await page.getByLabel('Region (optional)').inputValue()).toBe('CA');
    expect(await page.getByLabel('Send only if the rows changed since the last delivered run').isChecked()).toBe(true);
  }, 90_000);

  it('shows the recipients the provider reported as bounced or as spam above the history', async () => {
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const reportId = await reportIdByName(app, editor, 'Usage Summary');
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Bounce watch', cron: '0 9 * * 1', format: 'CSV', recipients: ['ana@example.com', 'bo@example.com', 'cy@example.com'] },
    }, editor);
    const id = created.data!.createSchedule.id;
    const run = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id }, editor);
    const executionId = run.data!.runScheduleNow.id;
    const sql = (q: string, p: unknown[] = []) => app.runtime.orm.em.getConnection().execute(q, p);
    await expect.poll(async () => (await sql(`SELECT count(*)::int AS n FROM deliveries WHERE execution_id = ? AND status = 'SENT'`, [executionId]))[0]?.n, { timeout: 60_000 }).toBe(3);
    // What POST /webhooks/sendgrid records (its signed path is tested in test/delivery-hygiene.test.ts).
    await sql(`UPDATE deliveries SET provider_status = 'BOUNCED', provider_detail = '550 5.1.1 no such user' WHERE execution_id = ? AND target = 'bo@example.com'`, [executionId]);
    await sql(`UPDATE deliveries SET provider_status = 'SPAM_REPORT' WHERE execution_id = ? AND target = 'cy@example.com'`, [executionId]);
    await sql(`UPDATE deliveries SET provider_status = 'DELIVERED' WHERE execution_id = ? AND target = 'ana@example.com'`, [executionId]);

    await page.goto(`${app.url}/#/schedules/${id}`);
    const banner = page.getByTestId('provider-problems');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/2 recipients get no more mail/);
    expect(await banner.getByRole('listitem').allTextContents()).toEqual(['bo@example.com: bounced (550 5.1.1 no such user)', 'cy@example.com: reported as spam']);
    const row = page.getByTestId('execution-row').first();
    expect(await row.getByTestId('provider-status').allTextContents()).toEqual(expect.arrayContaining(['BOUNCED', 'SPAM REPORT']));
    expect(await row.getByTestId('provider-status').count()).toBe(2);
    await shot(page, 'schedule-bounced-recipients');
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
