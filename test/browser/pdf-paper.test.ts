import 'reflect-metadata';
/**
 * PDF paper and orientation in real Chromium: the Download panel shows Paper and Orientation only
 * for PDF, and a US Letter landscape download has 792 × 612 pt pages; the schedule editor offers
 * the same for a PDF schedule, saves A3 portrait, shows it again on reload, and hides it for CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot, startNewSchedule } from '../support/browser.js';
import { pdfContent } from '../support/pdf-text.js';

describe.runIf(hasChromium)('PDF paper and orientation in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 5_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.getByTestId('report-row').first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a PDF download on US Letter, landscape, has 792 × 612 pages', async () => {
    const row = page.getByTestId('report-row').filter({ hasText: 'Usage Summary' });
    await row.getByRole('link', { name: 'Usage Summary' }).first().click();
    const panel = page.getByTestId('export-panel');
    await panel.getByLabel('Format').selectOption('CSV');
    expect(await panel.getByTestId('pdf-page-options').count()).toBe(0);
    await panel.getByLabel('Format').selectOption('PDF');
    await panel.getByLabel('Paper', { exact: true }).selectOption('LETTER');
    await panel.getByLabel('Orientation', { exact: true }).selectOption('LANDSCAPE');
    await shot(page, 'export-pdf-paper');
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    const download = await downloading;
    const { pageList } = await pdfContent(readFileSync((await download.path())!));
    expect(pageList.length).toBeGreaterThan(0);
    for (const p of pageList) expect([p.width, p.height]).toEqual([792, 612]);
  });

  it('a PDF schedule saves A3 portrait; a CSV schedule shows no paper', async () => {
    await page.goto(`${app.url}/#/schedules`);
    await startNewSchedule(page, 'A3 weekly');
    await page.getByLabel('Recipients').fill('paper@example.com');
    await page.getByLabel('Recipients').press('Enter');
    await page.getByLabel('Format').selectOption('PDF');
    await page.getByLabel('Paper', { exact: true }).selectOption('A3');
    await page.getByLabel('Orientation', { exact: true }).selectOption('PORTRAIT');
    await shot(page, 'schedule-pdf-paper');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/schedules\/[0-9a-f-]{36}$/);
    const res = await app.gql('{ schedules { edges { node { name paperSize orientation } } } }', {}, await app.token('acme', 'viewer'));
    expect(res.data!.schedules.edges.map((e: any) => e.node).find((s: any) => s.name === 'A3 weekly')).toMatchObject({ paperSize: 'A3', orientation: 'PORTRAIT' });
    await page.reload();
    await expect.poll(() => page.getByLabel('Paper', { exact: true }).inputValue()).toBe('A3');
    expect(await page.getByLabel('Orientation', { exact: true }).inputValue()).toBe('PORTRAIT');
    await page.getByLabel('Format').selectOption('CSV');
    expect(await page.getByTestId('pdf-page-options').count()).toBe(0);
  });
});
