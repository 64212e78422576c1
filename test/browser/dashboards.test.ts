import 'reflect-metadata';
/**
 * Issue 19 in real Chromium: an editor creates a dashboard from the Weekly performance template,
 * sees every tile draw its chart and rows, changes the dashboard's time range (every tile reads the
 * new period), moves a tile with the keyboard in edit mode and saves it (checked through the API),
 * marks the dashboard as a favourite (first in the list), downloads its PDF; at 390 px the tiles
 * stack and nothing scrolls sideways. Screenshots at 1280 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';
import { pdfText } from '../support/pdf-text.js';
import { readFileSync } from 'node:fs';

describe.runIf(hasChromium)('dashboards in the browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // The worker too: "Download PDF" goes through the export pipeline (createDashboardExport).
    app = await startTestApp({ seedRows: 5_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('from the Weekly performance template to a favourite, re-ranged, rearranged dashboard and its PDF', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Dashboards' }).click();
    await page.getByLabel('Name').fill('Monday review 東京');
    await page.getByLabel('Template').selectOption('WEEKLY_PERFORMANCE');
    await page.getByRole('button', { name: 'Create from template' }).click();
    await page.getByRole('heading', { level: 1, name: /Monday review 東京/ }).waitFor();
    const tiles = page.getByTestId('tile');
    await expect.poll(() => tiles.count()).toBe(3);
    // Every tile loads its rows and draws its chart.
    await expect.poll(() => page.getByTestId('tile-body').count(), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => page.locator('[data-testid="tile"] [data-testid="chart"]').count(), { timeout: 30_000 }).toBe(3);
    const id = page.url().split('/dashboards/')[1]!;
    const windows = async () => page.getByTestId('tile-window').allTextContents();
    const before = await windows();
    expect(before).toHaveLength(3);

    // The time range control: every tile reads the new period, and the dashboard keeps it.
    await page.getByTestId('time-range').selectOption('last30');
    // All three tiles reloaded, each with the same new period (one period for every tile).
    await expect.poll(async () => {
      const now = await windows();
      return now.length === 3 && new Set(now).size === 1 && now[0] !== before[0];
    }, { timeout: 30_000 }).toBe(true);
    const stored = async () => (await app.runtime.orm.em.fork().getConnection().execute<{ time_range: unknown; tiles: { id: string; x: number; y: number }[] }[]>(
      'SELECT time_range, tiles FROM dashboards WHERE id = ?', [id]))[0]!;
    expect((await stored()).time_range).toEqual({ last: { n: 30, unit: 'DAY' } });
    await shot(page, 'dashboard-1280');

    // Edit mode: the third tile (row 2, left) moves right with the arrow key, then is saved.
    await page.getByRole('button', { name: 'Edit layout' }).click();
    const third = tiles.nth(2);
    const tileId = await third.getAttribute('data-tile-id');
    expect(await third.getAttribute('data-x')).toBe('0');
    await third.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(`[data-tile-id="${tileId}"]`).getAttribute('data-x')).toBe('2');
    expect(await page.getByTestId('layout-announce').textContent()).toBe('Columns 3 to 8 of 12, rows 7 to 12');
    // Shift+ArrowLeft narrows it; moving up into the first row is refused (it would cover a tile).
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('ArrowUp');
    const moved = page.locator(`[data-tile-id="${tileId}"]`);
    expect([await moved.getAttribute('data-x'), await moved.getAttribute('data-y'), await moved.getAttribute('data-w')]).toEqual(['2', '6', '5']);
    await shot(page, 'dashboard-edit-1280');
    // With the pointer: the Move handle dragged two columns left puts it back at column 1.
    const cell = (await page.getByTestId('dashboard-grid').boundingBox())!.width / 12;
    const handle = (await moved.getByRole('button', { name: /Move/, includeHidden: true }).boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 - cell, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.move(handle.x + handle.width / 2 - 2 * cell, handle.y + handle.height / 2, { steps: 4 });
    await page.mouse.up();
    expect(await moved.getAttribute('data-x')).toBe('0');
    // And the keyboard again: two columns right.
    await moved.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await moved.getAttribute('data-x')).toBe('2');
    await page.getByRole('button', { name: 'Save layout' }).click();
    await page.getByRole('button', { name: 'Edit layout' }).waitFor();
    const saved = (await stored()).tiles.find((t) => t.id === tileId)!;
    expect([saved.x, saved.y]).toEqual([2, 6]);

    // Favourite: the star on the page, then first in the list with a filled star.
    await page.getByTestId('favorite').click();
    await expect.poll(async () => page.getByTestId('favorite').getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('link', { name: 'Dashboards' }).first().click();
    const first = page.getByTestId('dashboard-item').first();
    await first.waitFor();
    expect(await first.getByRole('link').textContent()).toBe('Monday review 東京');
    expect(await first.getByTestId('favorite').getAttribute('aria-pressed')).toBe('true');
    await shot(page, 'dashboards-list-1280');

    // Download PDF: every tile's title is in it.
    await first.getByRole('link').click();
    await page.getByTestId('tile-body').first().waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-pdf').click()]);
    // Through the export pipeline: the name as every export's, the dashboard's name and the time.
    expect(download.suggestedFilename()).toMatch(/^Monday review 東京_\d{4}-\d\d-\d\d_\d\dh\d\d\.pdf$/);
    expect(await page.getByTestId('dashboard-export-status').getAttribute('data-status')).toBe('COMPLETED');
    const text = await pdfText(new Uint8Array(readFileSync((await download.path())!)));
    for (const table of ['usage events', 'user sessions', 'device metrics']) expect(text).toContain(`Monday review 東京 · Weekly performance of ${table}`);
    expect(text).toContain('last 30 days');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('the schedule editor sends a dashboard: choose it, PDF or XLSX only, saved with dashboardId and no report', async () => {
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const made = await app.gql('mutation { createDashboard(input: { name: "Scheduled board 東京", visibility: TENANT }) { id } }', {}, editor);
    expect(made.errors).toBeUndefined();
    const dashboardId = made.data!.createDashboard.id;
    for (const [width, height] of [[1280, 1100], [390, 844]] as const) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const errors = collectConsoleErrors(page);
      await devSignIn(page, app.url, 'acme', 'editor');
      await page.goto(`${app.url}/#/schedules/new`);
      await page.getByLabel('Name', { exact: true }).fill(`Board by mail ${width}`);
      await page.getByTestId('target-dashboard').check();
      await page.getByTestId('schedule-dashboard').selectOption({ label: 'Scheduled board 東京' });
      await page.getByLabel('Recipients').fill('board@example.com');
      await page.getByLabel('Recipients').press('Enter');
      // CSV is refused for a dashboard before anything is sent.
      await page.getByLabel('Format').selectOption('CSV');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByText('A dashboard is sent as PDF or XLSX.').count()).toBe(1);
      await page.getByLabel('Format').selectOption('XLSX');
      if (width === 390) {
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
        await shot(page, 'schedule-dashboard-390');
      } else await shot(page, 'schedule-dashboard-1280');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('heading', { name: `Board by mail ${width}` }).waitFor();
      const saved = await app.gql('{ schedules(first: 100) { edges { node { name reportId dashboardId format recipients } } } }', {}, editor);
      expect(saved.data!.schedules.edges.map((e: any) => e.node).find((n: any) => n.name === `Board by mail ${width}`)).toEqual({
        name: `Board by mail ${width}`, reportId: null, dashboardId, format: 'XLSX', recipients: ['board@example.com'] });
      // Reloaded, the editor shows the dashboard it sends.
      await page.reload();
      await page.getByRole('heading', { name: `Board by mail ${width}` }).waitFor();
      expect(await page.getByTestId('target-dashboard').isChecked()).toBe(true);
      // The select takes the saved value once the dashboards list (its options) has loaded too.
      await expect.poll(() => page.getByTestId('schedule-dashboard').inputValue()).toBe(dashboardId);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 150_000);

  it('at 390 px the tiles stack in reading order and nothing scrolls sideways', async () => {
    // The developer sign-in's editor is `editor@acme`: the dashboard and its reports are theirs.
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const made = await app.gql('mutation { createDashboardFromTemplate(template: "DAILY_SUMMARY", name: "Phone check") { id } }', {}, editor);
    expect(made.errors).toBeUndefined();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/dashboards/${made.data!.createDashboardFromTemplate.id}`);
    await expect.poll(() => page.getByTestId('tile-body').count(), { timeout: 30_000 }).toBe(3);
    // Drawn, not just mounted: ECharts has put its points in each chart.
    await expect.poll(() => page.locator('[data-testid="chart"][data-points]').count(), { timeout: 30_000 }).toBe(3);
    const boxes = await page.getByTestId('tile').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width })));
    for (const b of boxes) expect(b.w).toBeLessThanOrEqual(390);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'dashboard-390');
    await context.close();
  }, 120_000);

  it('an empty dashboard gets two report tiles and a text tile in edit mode, and loses one', async () => {
    const editor = await app.token('acme', 'editor', 'editor@acme');
    for (const [name, source, time] of [['Events per day', 'usage_events', 'timestamp'], ['Sessions per day', 'user_sessions', 'started_at']]) {
      const res = await app.gql('mutation($input: CreateReportInput!) { createReport(input: $input) { id } }', { input: { name, definition: {
        source, dimensions: [{ field: time, grain: 'DAY' }], measures: [{ fn: 'COUNT', alias: 'n' }], timeRange: { last: { n: 7, unit: 'DAY' } } } } }, editor);
      expect(res.errors).toBeUndefined();
    }
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/dashboards`);
    await page.getByLabel('Name').fill('Two reports');
    await page.getByRole('button', { name: 'Create empty' }).click();
    await page.getByRole('heading', { level: 1, name: /Two reports/ }).waitFor();
    await page.getByRole('button', { name: 'Edit layout' }).click();
    for (const name of ['Events per day', 'Sessions per day']) {
      await page.getByLabel('Report to add').selectOption({ label: name });
      await page.getByRole('button', { name: 'Add report tile' }).click();
      await expect.poll(() => page.getByTestId('tile').count()).toBe(name === 'Events per day' ? 1 : 2);
    }
    await page.getByLabel('Text to add').fill('Κείμενο 東京 🚀');
    await page.getByRole('button', { name: 'Add text tile' }).click();
    await expect.poll(() => page.getByTestId('tile').count()).toBe(3);
    expect(await page.locator('.tile-text').first().textContent()).toBe('Κείμενο 東京 🚀');
    // Stacked under each other: rows 0, 6, 12.
    expect(await page.getByTestId('tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-y')))).toEqual(['0', '6', '12']);
    await page.getByRole('button', { name: 'Remove Sessions per day' }).click();
    await expect.poll(() => page.getByTestId('tile').count()).toBe(2);
    await page.getByRole('button', { name: 'Save layout' }).click();
    await expect.poll(() => page.getByTestId('tile-body').count(), { timeout: 30_000 }).toBe(1);
    await shot(page, 'dashboard-two-reports-1280');
    await context.close();
  }, 120_000);
});
