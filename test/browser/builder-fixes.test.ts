import 'reflect-metadata';
/**
 * The builder's fixes of issue 17 in real Chromium: what a viewer is offered, the question before
 * unsaved edits are lost, the preview that stays (dimmed) while a filter is unfinished, messages in
 * the form's words, a filter value picked from the column's list, preview columns that sort the
 * report, the export's progress beside its button, and no sideways scrolling at 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('builder fixes in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function signedIn(role: 'viewer' | 'editor', viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    await devSignIn(page, app.url, 'acme', role);
    await page.getByTestId('report-row').first().waitFor();
    return page;
  }

  async function openUsageSummary(page: Page): Promise<void> {
    await page.getByTestId('report-row').filter({ hasText: 'Usage Summary' }).getByRole('link', { name: 'Usage Summary' }).first().click();
    await page.getByTestId('preview-table').waitFor();
  }

  let privateReportName: string;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 20_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    // Another user's private report, exported: a viewer sees the export but may not open the report.
    privateReportName = 'Erin’s private platforms';
    const erin = await app.token('acme', 'editor', 'erin@acme');
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
      i: { name: privateReportName, definition: { source: 'usage_events', dimensions: [{ field: 'platform' }] } },
    }, erin);
    expect(created.errors).toBeUndefined();
    const exported = await app.gql('mutation($r: ID!) { createExport(input: { reportId: $r, format: CSV }) { id } }', { r: created.data!.createReport.id }, erin);
    expect(exported.errors).toBeUndefined();
    // And one of a report every viewer may read, so the viewer's export list has something to show.
    const reports = await app.gql('{ reports(first: 50) { edges { node { id name } } } }', {}, erin);
    const usage = reports.data!.reports.edges.map((e: any) => e.node).find((r: any) => r.name === 'Usage Summary');
    const shared = await app.gql('mutation($r: ID!) { createExport(input: { reportId: $r, format: CSV }) { id } }', { r: usage.id }, erin);
    expect(shared.errors).toBeUndefined();
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('offers a viewer no Save, Save as, Delete or editing controls, and lists only exports of reports it may open', async () => {
    const page = await signedIn('viewer');
    expect(await page.getByRole('link', { name: 'New report' }).count()).toBe(0);
    await openUsageSummary(page);
    await page.getByTestId('read-only-note').waitFor();
    for (const name of ['Save', 'Save as…', 'Delete', '+ Add filter', '+ Add measure']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await page.getByLabel('Name', { exact: true }).isDisabled()).toBe(true);
    await shot(page, 'builder-viewer-1280');

    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    // Sharing (issue 19): an export of a report the viewer may not read is not theirs to see.
    const sharedRow = page.getByTestId('export-row').filter({ hasText: 'Usage Summary' });
    await sharedRow.first().waitFor();
    expect(await page.getByTestId('export-row').filter({ hasText: privateReportName }).count()).toBe(0);
    // Not theirs: no Retry or Delete either.
    expect(await sharedRow.first().getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    await shot(page, 'exports-viewer-1280');
  });

  it('asks before unsaved edits are lost: a refusal keeps the page and the edit', async () => {
    const page = await signedIn('editor');
    await openUsageSummary(page);
    const builderUrl = page.url();
    await page.getByLabel('Name', { exact: true }).fill('Usage Summary (edited)');
    const questions: string[] = [];
    page.once('dialog', (d) => { questions.push(d.message()); void d.dismiss(); });
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toMatch(/unsaved changes will be lost/);
    expect(page.url()).toBe(builderUrl);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Usage Summary (edited)');

    page.once('dialog', (d) => { questions.push(d.message()); void d.accept(); });
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/exports$/);
    expect(questions).toHaveLength(2);
    await page.getByRole('heading', { name: 'Exports', exact: true }).waitFor();

    // A page without edits leaves without a question.
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await openUsageSummary(page);
    await page.getByRole('link', { name: 'Schedules', exact: true }).click();
    await expect.poll(() => page.url()).toMatch(/#\/schedules$/);
    expect(questions).toHaveLength(2);
  });

  it('keeps the preview, dimmed and out of date, while a new filter is unfinished; a value picked from the list completes it', async () => {
    const page = await signedIn('editor');
    await openUsageSummary(page);
    const before = await page.getByTestId('preview-range').textContent();
    await page.getByRole('button', { name: '+ Add filter' }).click();
    await page.getByTestId('preview-stale').waitFor();
    expect(await page.getByTestId('preview-stale').textContent()).toBe('Preview out of date: finish the filter.');
    expect(await page.getByTestId('preview-table').isVisible()).toBe(true);
    expect(await page.getByTestId('preview-range').textContent()).toBe(before);
    const problems = await page.getByTestId('validation-summary').textContent();
    expect(problems).toContain('Filter 1');
    expect(problems).not.toMatch(/\b(EQ|SUM|BAD_USER_INPUT|must be a column name)\b|filters\.0/);
    await shot(page, 'builder-stale-preview-1280');

    await page.getByLabel('Filter 1 column').selectOption('platform');
    const options = page.getByTestId('filter-row').getByTestId('value-options').locator('option');
    await expect.poll(async () => (await options.evaluateAll((els) => els.map((e) => e.getAttribute('value')))).sort()).toEqual(['android', 'api', 'ios', 'web']);
    // Still unfinished (no value): the message is the form's, not the API's.
    await expect.poll(() => page.getByTestId('validation-summary').textContent()).toBe('Filter 1 (Platform): choose a value');
    // Picking from the list: the option's value goes into the input as the datalist does.
    const iosOption = await options.evaluateAll((els) => els.map((e) => e.getAttribute('value')).find((v) => v === 'ios'));
    await page.getByLabel('Filter 1 value').fill(iosOption!);
    await expect.poll(() => page.getByTestId('preview-stale').count()).toBe(0);
    await expect.poll(() => page.getByTestId('preview-range').textContent()).not.toBe(before);
    await shot(page, 'builder-filter-picked-1280');
  });

  it('sorts the report by a clicked preview column, re-queried in the definition’s order', async () => {
    const page = await signedIn('editor');
    await openUsageSummary(page);
    const header = page.getByTestId('sort-column').filter({ hasText: 'Total events' });
    await header.click();
    await expect.poll(() => page.getByTestId('order-row').first().locator('select').first().inputValue()).toBe('total_events');
    expect(await page.getByTestId('order-row').first().locator('select').nth(1).inputValue()).toBe('DESC');
    const column = async () => {
      const th = await page.getByTestId('preview-table').locator('thead th').allTextContents();
      const j = th.findIndex((t) => t.startsWith('Total events'));
      return page.getByTestId('preview-table').locator(`tbody tr td:nth-child(${j + 1})`).allTextContents();
    };
    const descending = async () => {
      const v = (await column()).map((t) => Number(t.replace(/,/g, '')));
      return v.length > 1 && v.every((x, i) => i === 0 || v[i - 1]! >= x);
    };
    await expect.poll(descending).toBe(true);
    // The whole report is ordered, not this page: the first row holds the largest count of all pages.
    const top = Number((await column())[0]!.replace(/,/g, ''));
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByTestId('preview-range').textContent()).toMatch(/^Rows 51–/);
    for (const t of await column()) expect(Number(t.replace(/,/g, ''))).toBeLessThanOrEqual(top);
    expect(await page.getByTestId('preview-table').locator('th[aria-sort="descending"]').count()).toBe(1);
    await header.click();
    await expect.poll(() => page.getByTestId('order-row').first().locator('select').nth(1).inputValue()).toBe('ASC');
  });

  it('shows the export’s progress right under Download, and forgets it when the format changes', async () => {
    const page = await signedIn('editor');
    await openUsageSummary(page);
    const panel = page.getByTestId('export-panel');
    await panel.getByRole('button', { name: 'Download', exact: true }).scrollIntoViewIfNeeded();
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    await expect.poll(() => page.getByTestId('export-percent').textContent(), { timeout: 60_000 }).toBe('100%');
    await downloading;
    const button = (await panel.getByRole('button', { name: 'Download', exact: true }).boundingBox())!;
    const progress = (await page.getByTestId('export-progress').boundingBox())!;
    // Directly below the button, and on screen.
    expect(progress.y - (button.y + button.height)).toBeLessThan(60);
    expect(progress.y + progress.height).toBeLessThanOrEqual(800);
    await shot(page, 'builder-export-progress-1280');
    await panel.getByLabel('Format').selectOption('PDF');
    expect(await page.getByTestId('export-progress').count()).toBe(0);
  });

  it('asks before switching the table wipes the definition', async () => {
    const page = await signedIn('editor');
    await openUsageSummary(page);
    const questions: string[] = [];
    page.once('dialog', (d) => { questions.push(d.message()); void d.dismiss(); });
    await page.getByLabel('Table').selectOption('user_sessions');
    await expect.poll(() => questions.length).toBe(1);
    expect(questions[0]).toMatch(/^Switch to User sessions\? The dimensions, measures, filters and sorts/);
    expect(await page.getByLabel('Table').inputValue()).toBe('usage_events');
    expect(await page.getByTestId('measure-row').count()).toBe(3);
    page.once('dialog', (d) => { questions.push(d.message()); void d.accept(); });
    await page.getByLabel('Table').selectOption('user_sessions');
    await expect.poll(() => page.getByTestId('measure-row').count()).toBe(0);
    expect(await page.getByLabel('Table').inputValue()).toBe('user_sessions');
  });

  it('schedule editor: errors go once fixed, leaving or closing with unsaved edits asks', async () => {
    const page = await signedIn('editor');
    await page.getByRole('link', { name: 'Schedules', exact: true }).click();
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.getByRole('heading', { name: 'New schedule' }).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const errors = page.locator('.schedule-form .field-error');
    await expect.poll(() => errors.allTextContents()).toContain('Give the schedule a name.');
    await page.getByLabel('Name', { exact: true }).fill('Platforms weekly');
    // Fixed: its message is gone at once; the others stay until their fields change.
    await expect.poll(() => errors.allTextContents()).not.toContain('Give the schedule a name.');
    expect(await errors.allTextContents()).toContain('Pick a report to run.');
    await shot(page, 'schedule-errors-cleared-1280');

    const questions: string[] = [];
    page.once('dialog', (d) => { questions.push(d.message()); void d.dismiss(); });
    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await expect.poll(() => questions).toEqual(['Leave this schedule? Your unsaved changes will be lost.']);
    expect(page.url()).toMatch(/#\/schedules\/new$/);
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Platforms weekly');
    // Closing the tab (or reloading) gets the browser's own question.
    const unload = new Promise<string>((resolve) => page.once('dialog', (d) => { resolve(d.type()); void d.accept(); }));
    await page.close({ runBeforeUnload: true });
    expect(await unload).toBe('beforeunload');
  });

  it('words a schedule\'s exports by the schedule\'s name, never its id', async () => {
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const reports = await app.gql('{ reports(first: 50) { edges { node { id name } } } }', {}, editor);
    const reportId = reports.data!.reports.edges.find((e: any) => e.node.name === 'Usage Summary').node.id;
    const created = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', {
      i: { reportId, name: 'Monday platforms', cron: '0 9 * * 1', timezone: 'Europe/Paris', format: 'CSV', recipients: ['ana@example.com'] },
    }, editor);
    expect(created.errors).toBeUndefined();
    const ran = await app.gql('mutation($id: ID!) { runScheduleNow(id: $id) { id } }', { id: created.data!.createSchedule.id }, editor);
    expect(ran.errors).toBeUndefined();
    const page = await signedIn('editor');
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    await expect.poll(() => page.getByTestId('export-initiator').allTextContents()).toContain('Run now of Monday platforms');
    expect(await page.locator('table[aria-label="Export history"]').textContent()).not.toMatch(/schedule:/);
  });

  it('has no sideways scrolling at 390 px on Reports, Builder, Exports and Schedules', async () => {
    const page = await signedIn('editor', { width: 390, height: 844 });
    const overflow = async () => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
    // Names what sticks out when the page is too wide (for the failure message).
    const wide = async () => page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((e) => !e.parentElement.closest('.table-scroll')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
    const fits = async (name: string) => expect(await overflow(), `${name}: ${JSON.stringify(await wide())}`).toBeLessThanOrEqual(0);
    await fits('reports');
    await shot(page, 'reports-390');
    await openUsageSummary(page);
    // One column: the preview is a tab, first for a saved report, not under the form.
    const previewTop = (await page.getByTestId('preview-table').boundingBox())!.y;
    expect(previewTop).toBeLessThan(844 * 1.5);
    await fits('builder preview');
    await shot(page, 'builder-preview-390');
    await page.getByRole('tab', { name: 'Definition' }).click();
    await page.getByLabel('Name', { exact: true }).waitFor();
    await fits('builder definition');
    await shot(page, 'builder-definition-390');
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    await page.getByTestId('export-row').first().waitFor();
    await fits('exports');
    // The table scrolls inside its card, its first column staying put.
    const scroller = page.locator('.table-scroll').first();
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await shot(page, 'exports-390');
    await page.getByRole('link', { name: 'Schedules', exact: true }).click();
    await page.getByRole('heading', { name: 'Schedules' }).waitFor();
    await fits('schedules');
    await shot(page, 'schedules-390');
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.getByRole('heading', { name: 'New schedule' }).waitFor();
    await fits('new schedule');
    await shot(page, 'schedule-new-390');
  });
});
