import 'reflect-metadata';
/**
 * Schedules in real Chromium: the seeded weekly schedule is listed with its next run, a new
 * schedule built from a preset shows its next runs live and saves, and it can be paused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('schedules in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 5_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' })).newPage();
    await devSignIn(page, app.url, 'initech', 'editor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('lists the weekly Usage Summary schedule with its next run', async () => {
    await page.getByRole('link', { name: 'Schedules', exact: true }).click();
    const row = page.getByTestId('schedule-row').filter({ hasText: 'Weekly Usage Summary Email' });
    await row.waitFor();
    expect(await row.getByTestId('schedule-status').textContent()).toContain('ACTIVE');
    expect(await row.getByTestId('schedule-next-run').textContent()).toMatch(/UTC/);
    await shot(page, 'schedules');
  });

  it('creates a schedule from a preset, showing the next runs live, and pauses it', async () => {
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Weekday morning CSV');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Usage Summary' });
    await page.getByLabel('Cadence').selectOption('WEEKDAYS');
    await page.getByLabel('Time zone').fill('Asia/Kathmandu');
    await page.getByLabel('Recipients').fill('ops@example.com');
    await page.getByLabel('Recipients').press('Enter');
    await expect.poll(() => page.getByTestId('recipient-chip').count()).toBe(1);
    // Weekdays 09:00 in Kathmandu (+05:45) is 03:15 UTC: the list follows the zone typed.
    await expect.poll(async () => {
      const runs = await page.getByTestId('next-runs').locator('li').allTextContents();
      return runs.length === 5 && runs.every((r) => /03:15 UTC/.test(r));
    }).toBe(true);
    await shot(page, 'schedule-new');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/schedules\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('schedule-status').first().textContent()).toContain('PAUSED');
    await shot(page, 'schedule-paused');
    const res = await app.gql('{ schedules { edges { node { name cron timezone status recipients } } } }', {}, await app.token('initech', 'viewer'));
    const saved = res.data!.schedules.edges.map((e: any) => e.node).find((s: any) => s.name === 'Weekday morning CSV');
    expect(saved).toMatchObject({ timezone: 'Asia/Kathmandu', status: 'PAUSED', recipients: ['ops@example.com'] });
    expect(saved.cron).toMatch(/ \* \* 1-5$/);
  });
});
