import 'reflect-metadata';
/**
 * Deleting a report that schedules export, in real Chromium (issue 18, point 4): the builder's
 * Delete asks, the server refuses while schedules export the report, and a second question names
 * every schedule that would go; declining keeps report and schedules, accepting deletes them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch } from '../support/browser.js';

describe.runIf(hasChromium)('deleting a scheduled report in the builder', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let editor: string;
  let reportId: string;
  const scheduleIds: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 1_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    editor = await app.token('acme', 'editor', 'editor@acme');
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }',
      { i: { name: 'Platforms weekly', isPublic: true, definition: { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT' }] } } }, editor);
    reportId = created.data!.createReport.id;
    for (const name of ['Monday numbers', 'Friday 週報']) {
      const s = await app.gql('mutation($i: CreateScheduleInput!) { createSchedule(input: $i) { id } }',
        { i: { reportId, name, cron: '0 9 * * 1', recipients: ['ana@example.com'] } }, editor);
      expect(s.errors).toBeUndefined();
      scheduleIds.push(s.data!.createSchedule.id);
    }
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'editor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const exists = async (query: string, id: string) => !(await app.gql(query, { id }, editor)).errors;
  const reportExists = () => exists('query($id: ID!) { report(id: $id) { id } }', reportId);
  const scheduleExists = (id: string) => exists('query($id: ID!) { schedule(id: $id) { id } }', id);

  /** Clicks Delete, answers the questions in turn, and returns what they asked. */
  async function deleteAnswering(answers: boolean[]): Promise<string[]> {
    const asked: string[] = [];
    const onDialog = (dialog: import('playwright-core').Dialog) => {
      asked.push(dialog.message());
      void (answers[asked.length - 1] ? dialog.accept() : dialog.dismiss());
    };
    page.on('dialog', onDialog);
    try {
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(answers.length);
      await page.waitForTimeout(300); // nothing more is asked
      expect(asked).toHaveLength(answers.length);
      return asked;
    } finally {
      page.off('dialog', onDialog);
    }
  }

  it('names the schedules that would go; declining keeps report and schedules', async () => {
    await page.goto(`${app.url}/#/reports/${reportId}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).waitFor();
    const asked = await deleteAnswering([true, false]);
    expect(asked[0]).toContain('Delete the report “Platforms weekly”?');
    expect(asked[1]).toContain('“Platforms weekly” is exported by 2 schedules');
    expect(asked[1]).toContain('• Friday 週報');
    expect(asked[1]).toContain('• Monday numbers');
    expect(asked[1]).toMatch(/Delete the report and these 2 schedules\?$/);
    expect(await reportExists()).toBe(true);
    for (const id of scheduleIds) expect(await scheduleExists(id)).toBe(true);
    expect(page.url()).toContain(`#/reports/${reportId}`);
  });

  it('accepting deletes the report with its schedules and goes back to the list', async () => {
    await deleteAnswering([true, true]);
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/#\/reports$/);
    expect(await reportExists()).toBe(false);
    for (const id of scheduleIds) expect(await scheduleExists(id)).toBe(false);
    expect(consoleErrors.filter((e) => !/status of 400|BAD_USER_INPUT/.test(e))).toEqual([]);
  });
});
