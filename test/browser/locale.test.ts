import 'reflect-metadata';
/**
 * Locale in real Chromium: a report saved in de-DE opens with its locale in the builder, its
 * preview writes numbers the German way, and a PDF downloaded with the locale changed to fr-FR for
 * that file is written in fr-FR (the export says so, and so does the PDF). Editing the locale to a
 * tag no browser knows is flagged at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createReport } from '../support/exports.js';
import { pdfText } from '../support/pdf-text.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('locale in the builder and the export panel', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let reportId: string;
  /** The report's total duration, from the API, which the preview must show in de-DE. */
  let total: number;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 20_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    const token = await app.token('acme', 'editor');
    const definition = { source: 'usage_events', measures: [{ fn: 'SUM', field: 'duration_ms', alias: 'duration' }], timeRange: { rolling: { n: 40, unit: 'DAY' } }, locale: 'de-DE' };
    reportId = await createReport(app, token, 'Dauer gesamt', definition);
    const res = await app.gql('query($d: ReportDefinitionInput!) { previewReport(input: { definition: $d, first: 1 }) { rows } }', { d: definition }, token);
    total = Number(res.data!.previewReport.rows[0][0]);
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'editor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the report\'s locale and previews numbers in it', async () => {
    await page.goto(`${app.url}/#/reports/${reportId}`);
    const locale = page.getByTestId('locale-input').first();
    await expect.poll(() => locale.inputValue()).toBe('de-DE');
    expect(await page.getByTestId('locale-sample').first().textContent()).toBe('1.234,5 · 6. Dezember 2026');
    expect(total).toBeGreaterThan(1000);
    const cell = page.getByTestId('preview-table').locator('tbody td').first();
    await expect.poll(() => cell.textContent()).toBe(new Intl.NumberFormat('de-DE').format(total));
  });

  it('downloads a PDF in fr-FR when the locale is changed for the file', async () => {
    const panel = page.getByTestId('export-panel');
    await panel.getByLabel('Format').selectOption('PDF');
    await expect.poll(() => panel.getByTestId('export-locale').textContent()).toContain('de-DE (the report’s locale)');
    await panel.getByTestId('export-locale').getByRole('button', { name: 'Change for this file' }).click();
    await panel.getByLabel('Locale for this file').fill('fr-FR');
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    const download = await downloading;
    expect(await panel.getByTestId('export-locale-used').textContent()).toBe('fr-FR');
    const text = (await pdfText(readFileSync((await download.path())!))).replace(/[\s\u202f\u00a0]+/g, ' ');
    expect(text).toContain('Locale: fr-FR');
    expect(text).toContain(new Intl.NumberFormat('fr-FR').format(total).replace(/[\s\u202f\u00a0]+/g, ' '));
    await shot(page, 'locale-export');
  });

  it('flags a locale no browser knows', async () => {
    const locale = page.getByTestId('locale-input').first();
    await locale.fill('de_DE');
    await expect.poll(() => locale.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'locale-builder-invalid');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
