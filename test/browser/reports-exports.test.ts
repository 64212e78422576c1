import 'reflect-metadata';
/**
 * The analyst's path in real Chromium: sign in, open the Usage Summary, page through its preview,
 * download it as CSV and PDF watching the progress reach 100% and the file arrive, then build and
 * save a new report, and see the exports in the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('reports and exports in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 60_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
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

  it('lists reports and opens the Usage Summary with a paged preview', async () => {
    await shot(page, 'reports');
    const row = page.getByTestId('report-row').filter({ hasText: 'Usage Summary' });
    await row.getByRole('link', { name: 'Usage Summary' }).first().click();
    const table = page.getByTestId('preview-table');
    await table.waitFor();
    await expect.poll(() => page.getByTestId('preview-range').textContent()).toMatch(/Rows 1–50 of \d+/);
    const firstPage = await table.locator('tbody tr').first().textContent();
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByTestId('preview-range').textContent()).toMatch(/Rows 51–/);
    expect(await table.locator('tbody tr').first().textContent()).not.toBe(firstPage);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => page.getByTestId('preview-range').textContent()).toMatch(/Rows 1–50/);
    await shot(page, 'builder-usage-summary');
  });

  for (const format of ['CSV', 'PDF'] as const) {
    it(`downloads the report as ${format}, progress reaching 100%`, async () => {
      const panel = page.getByTestId('export-panel');
      await panel.getByLabel('Format').selectOption(format);
      const downloading = page.waitForEvent('download', { timeout: 60_000 });
      await panel.getByRole('button', { name: 'Download', exact: true }).click();
      await expect.poll(() => page.getByTestId('export-percent').textContent(), { timeout: 60_000 }).toBe('100%');
      const download = await downloading;
      // The report's own name (filename*, RFC 6266) and an unambiguous time part.
      expect(download.suggestedFilename()).toMatch(new RegExp(`^Usage Summary_\\d{4}-\\d{2}-\\d{2}_\\d{2}h\\d{2}\\.${format.toLowerCase()}$`));
      const body = readFileSync((await download.path())!);
      if (format === 'CSV') expect(body.toString('utf8').split('\r\n')[0]).toBe('date,event_type,total_events,unique_users,unique_devices');
      else expect(body.subarray(0, 5).toString()).toBe('%PDF-');
      await shot(page, `export-${format.toLowerCase()}`);
    });
  }

  it('builds and saves a new report', async () => {
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('link', { name: 'New report' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Events by platform');
    await page.getByLabel('Table').selectOption('usage_events');
    await page.getByRole('button', { name: '+ Add dimension' }).click();
    await page.getByLabel('Dimension 1 column').selectOption('platform');
    await page.getByRole('button', { name: '+ Add measure' }).click();
    await page.getByTestId('preview-table').waitFor();
    await expect.poll(() => page.getByTestId('preview-table').locator('tbody tr').count()).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/reports\/[0-9a-f-]{36}$/);
    await shot(page, 'builder-saved');
    // New reports are private to their creator (and admins).
    const list = await app.gql('{ reports(first: 50) { edges { node { name createdBy definition { dimensions { field } } } } } }', {}, await app.token('acme', 'admin'));
    const saved = list.data!.reports.edges.find((e: any) => e.node.name === 'Events by platform');
    expect(saved.node.definition.dimensions).toEqual([{ field: 'platform' }]);
    expect(saved.node.createdBy).toBe('editor@acme');
  });

  it('shows the exports in the history, filterable by format', async () => {
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    await expect.poll(() => page.getByTestId('export-row').count()).toBeGreaterThanOrEqual(2);
    await page.getByLabel('Format').selectOption('PDF');
    await expect.poll(async () => {
      const formats = await page.getByTestId('export-row').allTextContents();
      return formats.length > 0 && formats.every((t) => t.includes('PDF'));
    }).toBe(true);
    await shot(page, 'exports');
  });
});
