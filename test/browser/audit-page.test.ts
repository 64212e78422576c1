import 'reflect-metadata';
/**
 * The audit page in real Chromium (issue 21): only admins see its link; the filters narrow the
 * table to what the API returns for the same filter; "Download" starts a CSV of the filtered log
 * through the export pipeline (its rows equal the table's); at 390 px nothing scrolls sideways but
 * the table, inside its card.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';
import { reportIdByName } from '../support/exports.js';
import { parseCsv } from '../support/csv.js';

describe.runIf(hasChromium)('audit page in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  const consoleErrors: string[] = [];

  async function signedIn(role: 'editor' | 'admin', viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', role);
    return page;
  }

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 2_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '', RATE_LIMIT_PER_MINUTE: '100000' } });
    browser = await launch();
    // Some history: previews and exports by an editor.
    const editor = await app.token('acme', 'editor', 'ann@acme');
    const reportId = await reportIdByName(app, editor, 'Usage Summary');
    for (let i = 0; i < 3; i++) await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { totalCount } }', { i: { reportId, first: 5 } }, editor);
    for (const format of ['CSV', 'JSON']) await app.gql('mutation($i: CreateExportInput!) { createExport(input: $i) { id } }', { i: { reportId, format } }, editor);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the Audit link to admins only; anyone else reaching the page is told it is for admins', async () => {
    const page = await signedIn('editor');
    await page.getByRole('link', { name: 'Reports', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'Audit', exact: true }).count()).toBe(0);
    await page.goto(`${app.url}/#/audit`);
    await page.getByRole('heading', { name: 'Admins only' }).waitFor();
    await page.context().close();
  });

  it('filters the log as the API does, and Download starts a CSV holding exactly the filtered rows', async () => {
    const page = await signedIn('admin');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    await page.getByTestId('audit-row').first().waitFor();
    await shot(page, 'audit-log');

    await page.getByLabel('Action').fill('report.preview');
    await page.getByLabel('Actor').fill('ann@acme');
    await page.getByTestId('audit-apply').click();
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('3 entries matching');
    expect(new Set(await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))))).toEqual(new Set(['report.preview']));

    // A family: every export.* action, as many rows as the API counts for it.
    await page.getByLabel('Actor').fill('');
    await page.getByLabel('Action').fill('export.*');
    await page.getByTestId('audit-apply').click();
    const admin = await app.token('acme', 'admin', 'api@acme');
    const api = await app.gql('query($f: AuditLogFilter) { auditLog(filter: $f, first: 100) { totalCount edges { node { id action } } } }', { f: { action: 'export.*' } }, admin);
    const apiIds = api.data!.auditLog.edges.map((e: any) => e.node.id);
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(apiIds.length);
    expect(apiIds.length).toBeGreaterThanOrEqual(2);

    // Outcome FAILURE: nothing failed here.
    await page.getByLabel('Outcome').selectOption('FAILURE');
    await page.getByTestId('audit-apply').click();
    await page.getByRole('heading', { name: 'Nothing matches' }).waitFor();
    await page.getByLabel('Outcome').selectOption('');

    // From after To is refused in the form, before any request.
    await page.getByLabel(/^From/).fill('2026-12-05T10:00');
    await page.getByLabel(/^To/).fill('2026-12-05T09:00');
    await page.getByTestId('audit-apply').click();
    await page.getByRole('alert').filter({ hasText: 'To must be after From' }).waitFor();
    await page.getByLabel(/^From/).fill('');
    await page.getByLabel(/^To/).fill('');
    await page.getByTestId('audit-apply').click();
    await page.getByTestId('audit-row').first().waitFor();

    await page.getByTestId('audit-format').selectOption('CSV');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('audit-download').click()]);
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8')).filter((r) => r.length > 1);
    expect(rows[0]![0]).toBe('id');
    expect(rows.slice(1).map((r) => r[0])).toEqual(apiIds);
    expect(await page.getByTestId('audit-export-status').getAttribute('data-status')).toBe('COMPLETED');
    await shot(page, 'audit-filtered-download');
    // The file is in the Exports history like any other.
    await page.getByRole('link', { name: 'Exports history' }).click();
    await page.getByTestId('export-row').filter({ hasText: 'Audit log' }).first().waitFor();
    await page.context().close();
  });

  it('has no sideways scrolling at 390 px; the table scrolls inside its card', async () => {
    const page = await signedIn('admin', { width: 390, height: 844 });
    await page.goto(`${app.url}/#/audit`);
    await page.getByTestId('audit-row').first().waitFor();
    const overflow = async () => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
    const wide = async () => page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((e) => !e.parentElement.closest('.table-scroll')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
    expect(await overflow(), JSON.stringify(await wide())).toBeLessThanOrEqual(0);
    const card = page.getByTestId('audit-table-card');
    expect(await card.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await shot(page, 'audit-390');
    await page.getByRole('tab', { name: 'User activity' }).click();
    await page.getByTestId('activity-row').first().waitFor();
    expect(await overflow(), JSON.stringify(await wide())).toBeLessThanOrEqual(0);
    await shot(page, 'audit-activity-390');
    await page.context().close();
    expect(consoleErrors).toEqual([]);
  });
});
