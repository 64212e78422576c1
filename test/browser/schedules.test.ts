import 'reflect-metadata';
/**
 * Schedules in real Chromium: the seeded weekly schedule is listed with its next run, a new
 * schedule built from a preset shows its next runs live and saves, and it can be paused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot, startNewSchedule } from '../support/browser.js';

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
    await startNewSchedule(page, 'Weekday morning CSV');
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

  it('takes recipients as typed: an international domain shown as written, a non-ASCII local part refused with why', async () => {
    await page.getByRole('link', { name: 'Schedules', exact: true }).click();
    await startNewSchedule(page, 'Bücher weekly');
    await page.getByLabel('Recipients').fill('θ@example.com');
    await page.getByLabel('Recipients').press('Enter');
    expect(await page.getByRole('alert').filter({ hasText: 'outside ASCII before the @' }).count()).toBe(1);
    expect(await page.getByTestId('recipient-chip').count()).toBe(0);
    await page.getByLabel('Recipients').fill('Info@Bücher.de');
    await page.getByLabel('Recipients').press('Enter');
    expect(await page.getByTestId('recipient-chip').allTextContents()).toEqual(['Info@Bücher.de×']);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/schedules\/[0-9a-f-]{36}$/);
    // Stored in one form: lower case, the domain in Unicode (sent as xn--bcher-kva.de).
    await expect.poll(() => page.getByTestId('recipient-chip').allTextContents()).toEqual(['info@bücher.de×']);
    await shot(page, 'schedule-international-recipient');
  });

  it('lists schedules at 390 px as blocks: nothing scrolls sideways, each field under its name', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'Asia/Tokyo' })).newPage();
    await devSignIn(phone, app.url, 'initech', 'editor');
    await phone.getByRole('link', { name: 'Schedules', exact: true }).click();
    const row = phone.getByTestId('schedule-row').filter({ hasText: 'Weekly Usage Summary Email' });
    await row.waitFor();
    const wide = () => phone.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
    expect(await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth'), JSON.stringify(await wide())).toBeLessThanOrEqual(0);
    // The card does not hide columns off to the right either: the row is one block, its fields stacked.
    expect(await phone.locator('.card.flush .table-scroll').first().evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const next = row.getByTestId('schedule-next-run');
    expect(await next.evaluate((el) => (globalThis as any).getComputedStyle(el, '::before').content)).toBe('"Next run: "');
    expect(await next.textContent()).toMatch(/UTC/);
    const [nameBox, nextBox] = [await row.locator('td').first().boundingBox(), await next.boundingBox()];
    expect(nextBox!.y).toBeGreaterThan(nameBox!.y);
    expect(nextBox!.x).toBeLessThan(40);
    await shot(phone, 'schedules-390');
    await phone.context().close();
  });
});
