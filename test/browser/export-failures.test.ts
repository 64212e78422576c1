import 'reflect-metadata';
/**
 * When an export fails, in real Chromium: the Download panel shows the error and a Retry button;
 * an Exports history open in another tab updates live (`exportsChanged`) without a reload; once the
 * cause is gone, Retry runs the export to 100% and the file arrives; the history can delete it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('export failure, retry and live history in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let builder: Page;
  let history: Page;
  const consoleErrors: string[] = [];

  async function signIn(page: Page): Promise<void> {
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'globex', 'editor');
  }

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 20_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '', EXPORT_MAX_ATTEMPTS: '1' } });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    history = await context.newPage();
    await signIn(history);
    await history.goto(`${app.url}/#/exports`);
    await history.getByRole('heading', { name: 'No exports yet' }).waitFor();
    builder = await context.newPage();
    await signIn(builder);
    const row = builder.getByTestId('report-row').filter({ hasText: 'Usage Summary' });
    await row.getByRole('link', { name: 'Usage Summary' }).first().click();
    await builder.getByTestId('export-panel').waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a failed export with its reason and a Retry button, and the history updates live', async () => {
    // The export store's root becomes a plain file: every write fails (even for root, unlike chmod).
    const root = app.config.exports.dir;
    rmSync(root, { recursive: true, force: true });
    writeFileSync(root, 'not a directory');

    const panel = builder.getByTestId('export-panel');
    await panel.getByLabel('Format').selectOption('CSV');
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    await expect.poll(() => builder.getByTestId('export-status').textContent(), { timeout: 60_000 }).toBe('failed');
    const alert = panel.getByRole('alert');
    expect(await alert.textContent()).toContain('The export storage is not writable (ENOTDIR)');
    expect(await alert.textContent()).not.toContain(root);
    await shot(builder, 'export-failed');

    // The other tab was never reloaded: the subscription brought the row in and its final status.
    const failedRow = history.getByTestId('export-row').first();
    await expect.poll(() => failedRow.getAttribute('data-status'), { timeout: 30_000 }).toBe('FAILED');
    expect(await failedRow.textContent()).toContain('The export storage is not writable (ENOTDIR)');
    await history.getByRole('button', { name: 'Retry Usage Summary CSV' }).waitFor();
    await shot(history, 'exports-failed-live');
  });

  it('retries once the cause is gone: progress reaches 100% and the file arrives', async () => {
    const root = app.config.exports.dir;
    rmSync(root, { force: true });
    mkdirSync(root, { recursive: true });

    const panel = builder.getByTestId('export-panel');
    const downloading = builder.waitForEvent('download', { timeout: 60_000 });
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => builder.getByTestId('export-percent').textContent(), { timeout: 60_000 }).toBe('100%');
    const download = await downloading;
    // The report's own name (filename*, RFC 6266) and an unambiguous time part.
    expect(download.suggestedFilename()).toMatch(/^Usage Summary_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toBe('date,event_type,total_events,unique_users,unique_devices');
    expect(lines.length).toBeGreaterThan(2);

    // History: the retry is a new row ("Retry by <user>", never a raw trigger code), completed, beside the failed one.
    await expect.poll(async () => (await history.getByTestId('export-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).sort().join(','), { timeout: 30_000 })
      .toBe('COMPLETED,FAILED');
    const completed = history.locator('[data-testid="export-row"][data-status="COMPLETED"]');
    expect(await completed.getByTestId('export-initiator').textContent()).toBe('Retry by editor@globex');
    await completed.getByRole('button', { name: 'Download Usage Summary CSV' }).waitFor();
    await shot(history, 'exports-retried-live');
  });

  it('deletes an export from the history after confirmation', async () => {
    history.once('dialog', (dialog) => void dialog.accept());
    await history.locator('[data-testid="export-row"][data-status="FAILED"]').getByRole('button', { name: 'Delete Usage Summary CSV' }).click();
    await expect.poll(() => history.getByTestId('export-row').count()).toBe(1);
    const left = await app.gql('{ exports(first: 10) { totalCount edges { node { status } } } }', {}, await app.token('globex', 'admin'));
    expect(left.data!.exports.totalCount).toBe(1);
    expect(left.data!.exports.edges[0].node.status).toBe('COMPLETED');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
