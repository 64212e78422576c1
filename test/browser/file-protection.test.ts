import 'reflect-metadata';
/**
 * Compressed and password-protected files in real Chromium: the export panel downloads a CSV as a
 * password-protected ZIP (opened back with the password), and the schedule editor saves
 * compression, a password and a file-name template; the stored password is never shown again.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot, startNewSchedule } from '../support/browser.js';
import { pythonZipEntries, zipJsEntries } from '../../server/src/features/exports/writers/zip.test-kit.js';

const PASSWORD = 'Zürich-東京-horse 42';

describe.runIf(hasChromium)('file compression and protection in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 20_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true })).newPage();
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.getByTestId('report-row').first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('downloads a CSV as a password-protected ZIP from the export panel', async () => {
    const row = page.getByTestId('report-row').filter({ hasText: 'Usage Summary' });
    await row.getByRole('link', { name: 'Usage Summary' }).first().click();
    const panel = page.getByTestId('export-panel');
    await panel.getByLabel('Format').selectOption('CSV');
    await panel.getByTestId('compression').selectOption('GZIP');
    await panel.getByTestId('file-password').fill('short');
    // The rules are shown before the server is asked: too short, and gzip cannot carry a password.
    await expect.poll(() => panel.getByRole('alert').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/At least 8/), expect.stringMatching(/gzip cannot carry a password/)]));
    expect(await panel.getByRole('button', { name: 'Download', exact: true }).isDisabled()).toBe(true);
    await panel.getByTestId('compression').selectOption('ZIP');
    await panel.getByTestId('file-password').fill(PASSWORD);
    expect(await panel.getByTestId('packaging-note').textContent()).toMatch(/ZIP \(\.zip\) holding the \.csv file, encrypted with AES-256/);
    await shot(page, 'export-protected-zip');
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^Usage Summary_\d{4}-\d{2}-\d{2}_\d{2}h\d{2}\.zip$/);
    const zip = readFileSync((await download.path())!);
    expect(pythonZipEntries(zip)[0]!.error).toMatch(/password required/);
    const [entry] = await zipJsEntries(zip, PASSWORD);
    expect(entry!.name).toMatch(/^usage-summary_.*\.csv$/);
    expect(entry!.content.toString('utf8').split('\r\n')[0]).toBe('date,event_type,total_events,unique_users,unique_devices');
  });

  it('saves a schedule with compression, a password and a file-name template; the password is not shown again', async () => {
    await page.getByRole('link', { name: 'Schedules', exact: true }).click();
    await startNewSchedule(page, 'Protected weekly CSV');
    await page.getByLabel('Format').selectOption('CSV');
    await page.getByLabel('Recipients').fill('ops@example.com');
    await page.getByLabel('Recipients').press('Enter');
    await page.getByTestId('compression').selectOption('ZIP');
    await page.getByTestId('file-password').fill('schedule-secret-42');
    await page.getByLabel('File name').fill('{report} {period_start:yyyy-MM-dd}');
    await shot(page, 'schedule-protected-new');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/schedules\/[0-9a-f-]{36}$/);
    await page.getByTestId('file-protection').waitFor();
    expect(await page.getByTestId('file-password').inputValue()).toBe('');
    expect(await page.getByTestId('file-password').getAttribute('placeholder')).toBe('unchanged');
    expect(await page.getByText('Remove the password').count()).toBe(1);
    await shot(page, 'schedule-protected-saved');
    const res = await app.gql('{ schedules { edges { node { name compression passwordProtected fileNameTemplate } } } }', {}, await app.token('acme', 'viewer'));
    const saved = res.data!.schedules.edges.map((e: any) => e.node).find((s: any) => s.name === 'Protected weekly CSV');
    expect(saved).toEqual({ name: 'Protected weekly CSV', compression: 'ZIP', passwordProtected: true, fileNameTemplate: '{report} {period_start:yyyy-MM-dd}' });
    expect(await page.content()).not.toContain('schedule-secret-42');
  });
});
