import 'reflect-metadata';
/**
 * Issue 19 in real Chromium: the schedule editor's per-recipient values (a compact row per
 * recipient, a "Values" form that saves `recipientParameters`), and "Run now" opening a dialog
 * with the report's parameters prefilled (the schedule's values over the defaults) whose changed
 * values go with that run only. Screenshots at 1280 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createReport } from '../support/exports.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

const DEFINITION = {
  source: 'usage_events',
  dimensions: [{ field: 'platform', alias: 'platform' }],
  measures: [{ fn: 'COUNT', alias: 'events' }],
  parameters: [
    { name: 'country', label: 'Country', type: 'ENUM', options: ['US', 'DE', 'JP', 'FR'], default: 'US' },
    { name: 'period', label: 'Period', type: 'DATE_RANGE', default: { from: '2026-11-01', to: '2026-11-30' } },
  ],
  filters: [{ field: 'country', op: 'EQ', param: 'country' }],
  timeRange: { param: 'period' },
};

describe.runIf(hasChromium)('per-recipient values and run-now values in the schedule page', () => {
  let app: TestApp;
  let browser: Browser;
  let editor: string;
  let scheduleId: string;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 2_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    editor = await app.token('acme', 'editor');
    const reportId = await createReport(app, editor, 'Events by country', DEFINITION);
    const res = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }', { i: {
      reportId, name: 'Country managers', cron: '0 7 * * 1', timezone: 'Europe/Berlin', format: 'CSV',
      recipients: ['berlin@acme.example.com', 'tokyo@acme.example.com', 'hq@acme.example.com'],
      recipientParameters: [{ recipient: 'berlin@acme.example.com', parameterValues: { country: 'DE' } }],
    } }, editor);
    expect(res.errors).toBeUndefined();
    scheduleId = res.data!.createSchedule.id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function open(width: number): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/schedules/${scheduleId}`);
    await page.getByTestId('recipient-values').waitFor();
    return page;
  }

  it('sets a recipient\'s own values in the editor and saves them', async () => {
    const page = await open(1280);
    const errors = collectConsoleErrors(page);
    const editorBox = page.getByTestId('recipient-values');
    await expect.poll(() => editorBox.textContent()).toContain('Country: DE');
    const tokyo = editorBox.locator('li', { hasText: 'tokyo@acme.example.com' });
    expect(await tokyo.textContent()).toContain('schedule values');
    await tokyo.getByRole('button', { name: 'Values', exact: true }).click();
    await tokyo.getByLabel(/^Country/).selectOption('JP');
    await shot(page, 'schedule-recipient-values-1280');
    await tokyo.getByRole('button', { name: 'Done' }).click();
    expect(await tokyo.textContent()).toContain('Country: JP');
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await app.gql('query($id: ID!) { schedule(id: $id) { recipientParameters { recipient parameterValues } } }', { id: scheduleId }, editor);
    expect(saved.data!.schedule.recipientParameters).toEqual([
      { recipient: 'berlin@acme.example.com', parameterValues: { country: 'DE' } },
      { recipient: 'tokyo@acme.example.com', parameterValues: { country: 'JP' } },
    ]);
    expect(errors).toEqual([]);
  });

  it('runs now with values from a dialog prefilled with the defaults; the run snapshots them', async () => {
    const page = await open(1280);
    await page.getByRole('button', { name: 'Run now' }).click();
    const dialog = page.getByTestId('run-now-dialog');
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^Country/).inputValue()).toBe('US');
    expect(await dialog.getByLabel('Period from').inputValue()).toBe('2026-11-01');
    await dialog.getByLabel(/^Country/).selectOption('FR');
    await shot(page, 'schedule-run-now-dialog-1280');
    await dialog.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Run queued: it appears in the history below.').waitFor();
    const runs = await app.gql('query($id: ID!) { schedule(id: $id) { executions(first: 5) { edges { node { triggeredBy recipients parameters } } } } }', { id: scheduleId }, editor);
    const manual = runs.data!.schedule.executions.edges.map((e: any) => e.node).filter((n: any) => n.triggeredBy === 'MANUAL');
    // FR over every recipient's own country: one run, to all three.
    expect(manual).toHaveLength(1);
    expect(manual[0].parameters.definition.parameterValues).toEqual({ country: 'FR', period: { from: '2026-11-01', to: '2026-11-30' } });
    expect(manual[0].recipients).toHaveLength(3);
    await page.getByTestId('execution-recipients').first().waitFor();
  });

  it('fits a phone: the editor rows and the dialog at 390 px', async () => {
    const page = await open(390);
    const tokyo = page.getByTestId('recipient-values').locator('li', { hasText: 'tokyo@acme.example.com' });
    await tokyo.getByRole('button', { name: 'Values', exact: true }).click();
    await shot(page, 'schedule-recipient-values-390');
    const overflow = await (page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Run now' }).click();
    const dialog = page.getByTestId('run-now-dialog');
    await dialog.waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shot(page, 'schedule-run-now-dialog-390');
  });
});
