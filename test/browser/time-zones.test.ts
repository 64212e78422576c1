import 'reflect-metadata';
/**
 * Time as people read it, in real Chromium: a Los Angeles browser builds a new report, which reads
 * time in Los Angeles (the builder says so), asks for one day "between dates" and gets exactly that
 * day: one daily bucket, the window stated in Los Angeles, the count of the Los Angeles day (not the
 * UTC day). The saved report opened from a Tokyo browser still reads Los Angeles days, and its CSV,
 * read in a zone chosen for the file, says which zone it is in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

const LA = 'America/Los_Angeles';
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant on a zone's calendar. */
function dateIn(zone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The instant a day starts in a zone (midnight there), found by trying each whole-hour offset. */
function midnightIn(zone: string, date: string): Date {
  const base = Date.parse(`${date}T00:00:00Z`);
  for (let h = -14; h <= 14; h++) {
    const t = new Date(base - h * 3_600_000);
    const wall = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(t);
    if (wall.replace(',', '') === `${date} 00:00`) return t;
  }
  throw new Error(`no midnight for ${date} in ${zone}`);
}

/** "Dec 3, 2026" for `2026-12-03`. */
function readable(date: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

describe.runIf(hasChromium)('time zones in the builder', () => {
  let app: TestApp;
  let browser: Browser;
  let la: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  /** A day well inside the seeded data (the 30 days before seeding), on the Los Angeles calendar. */
  let day: string;
  let reportUrl: string;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 20_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    day = dateIn(LA, new Date(app.seededAt.getTime() - 3 * DAY_MS));
    browser = await launch();
    la = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: LA, acceptDownloads: true });
    page = await la.newPage();
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'editor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The count of acme's events in [from, to), asked of the API with explicit instants. */
  async function countBetween(from: Date, to: Date): Promise<number> {
    const res = await app.gql(
      'query($d: ReportDefinitionInput!) { previewReport(input: { definition: $d, first: 1 }) { rows } }',
      { d: { source: 'usage_events', measures: [{ fn: 'COUNT' }], timeZone: 'UTC', timeRange: { from: from.toISOString(), to: to.toISOString() } } },
      await app.token('acme', 'editor'),
    );
    expect(res.errors).toBeUndefined();
    return Number(res.data!.previewReport.rows[0][0]);
  }

  async function expectOneLosAngelesDay(p: Page): Promise<void> {
    const table = p.getByTestId('preview-table');
    await expect.poll(() => p.getByTestId('preview-window').textContent()).toContain(readable(day));
    const window = await p.getByTestId('preview-window').textContent();
    expect(window).toContain(LA);
    expect(window).toContain('1 whole day');
    await expect.poll(async () => (await table.locator('tbody tr').count())).toBe(1);
    // The bucket is the Los Angeles calendar day, shown as that date whatever the browser's zone.
    const bucket = table.locator('tbody tr').first().locator('td').first();
    expect(await bucket.getAttribute('data-value')).toBe(day);
    expect(await bucket.textContent()).toContain(readable(day));
    expect(await table.locator('thead th').first().textContent()).toContain(LA);
    // Its count is the Los Angeles day's, midnight to midnight there, not the UTC day's.
    const shown = Number((await table.locator('tbody tr').first().locator('td').nth(1).textContent())!.replace(/,/g, ''));
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    const laDay = await countBetween(midnightIn(LA, day), midnightIn(LA, next));
    const utcDay = await countBetween(new Date(`${day}T00:00:00Z`), new Date(`${next}T00:00:00Z`));
    expect(laDay).toBeGreaterThan(0);
    expect(laDay).not.toBe(utcDay); // the seed is dense enough that the two days differ
    expect(shown).toBe(laDay);
  }

  it('starts a new report in the browser’s zone and says so', async () => {
    await page.getByRole('link', { name: 'New report' }).click();
    const zone = page.getByLabel('Time zone', { exact: true });
    await zone.waitFor();
    expect(await zone.inputValue()).toBe(LA);
    expect(await page.getByTestId('time-section').textContent()).toMatch(/UTC−0[78]:00 now/);
  });

  it('asks for one day between dates and gets exactly that Los Angeles day', async () => {
    await page.getByLabel('Name', { exact: true }).fill('One Los Angeles day');
    await page.getByLabel('Table').selectOption('usage_events');
    await page.getByRole('button', { name: '+ Add dimension' }).click();
    await page.getByLabel('Dimension 1 column').selectOption('timestamp');
    expect(await page.getByLabel('Time grain').inputValue()).toBe('DAY');
    await page.getByRole('button', { name: '+ Add measure' }).click();
    await page.getByTestId('preview-table').waitFor();

    await page.getByLabel('Time range').selectOption({ label: 'Between dates' });
    await page.getByLabel('First day').fill(day);
    await page.getByLabel('Last day (included)').fill(day);
    expect(await page.getByTestId('between-zone').textContent()).toBe(`in ${LA}`);
    await expectOneLosAngelesDay(page);
    await shot(page, 'time-zones-one-day');
  });

  it('saves the range as plain dates in the report’s zone', async () => {
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/reports\/[0-9a-f-]{36}$/);
    reportUrl = page.url();
    const list = await app.gql('{ reports(first: 50) { edges { node { name definition { timeZone timeRange { from to } } } } } }', {}, await app.token('acme', 'editor'));
    const saved = list.data!.reports.edges.find((e: any) => e.node.name === 'One Los Angeles day');
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    expect(saved.node.definition).toEqual({ timeZone: LA, timeRange: { from: day, to: next } });
  });

  it('shows the saved report the same way in a Tokyo browser', async () => {
    const tokyo = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo' });
    const p = await tokyo.newPage();
    collectConsoleErrors(p, consoleErrors);
    await devSignIn(p, app.url, 'acme', 'editor');
    await p.goto(reportUrl);
    await p.getByTestId('preview-table').waitFor();
    expect(await p.getByLabel('Time zone', { exact: true }).inputValue()).toBe(LA);
    expect(await p.getByLabel('First day').inputValue()).toBe(day);
    expect(await p.getByLabel('Last day (included)').inputValue()).toBe(day);
    await expectOneLosAngelesDay(p);
    await tokyo.close();
  });

  it('exports the CSV in the report’s zone unless the file is given another', async () => {
    await page.goto(reportUrl);
    const panel = page.getByTestId('export-panel');
    await expect.poll(() => panel.getByTestId('export-zone').textContent()).toBe(`Times in the file: ${LA} (the report’s zone) Change for this file`);
    await panel.getByRole('button', { name: 'Change for this file' }).click();
    await panel.getByLabel('Time zone for this file').fill('Asia/Tokyo');
    await panel.getByLabel(/For programs/).check();
    expect(await panel.getByTestId('export-zone').textContent()).toContain(`Times in the file: Asia/Tokyo (the report reads ${LA})`);
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    const download = await downloading;
    expect(await panel.getByTestId('export-time-zone').textContent()).toBe('Asia/Tokyo');
    // The plain dates of the range are Tokyo's midnights now: still one day, that day.
    const lines = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(lines.length).toBe(2);
    expect(lines[1]!.startsWith(`${day},`)).toBe(true);
    await shot(page, 'time-zones-export');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
