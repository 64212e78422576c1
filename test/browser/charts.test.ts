import 'reflect-metadata';
/**
 * The builder's chart in real Chromium: the demo Usage Summary (days × event types) opens with a
 * line chart, one line per event type and one point per day of its rows (counted from what ECharts
 * holds after drawing, exposed as data attributes, against the rows the API returns); choosing Bar
 * and saving persists it (the API says BAR, a reload draws bars); at 390 px the chart fits its card
 * and the screen. Screenshots at 1280×800 and 390×844 go to .data/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, SCREENSHOTS, shot } from '../support/browser.js';

describe.runIf(hasChromium)('charts in the builder', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let token: string;
  let reportId: string;
  /** From the API: distinct days and event types among the rows the chart covers. */
  let days: number;
  let eventTypes: number;
  let totalRows: number;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 20_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    token = await app.token('acme', 'editor');
    const list = await app.gql('{ reports(first: 100) { edges { node { id name visualization { type } } } } }', {}, token);
    const summary = list.data!.reports.edges.map((e: { node: { id: string; name: string; visualization: unknown } }) => e.node).find((n: { name: string }) => n.name === 'Usage Summary');
    reportId = summary.id;
    expect(summary.visualization).toBeNull(); // no choice stored: the default chart for the definition
    const preview = await app.gql('query($id: ID!) { previewReport(input: { reportId: $id, first: 500 }) { rows totalCount columns { name } } }', { id: reportId }, token);
    const { rows, totalCount, columns } = preview.data!.previewReport as { rows: unknown[][]; totalCount: number; columns: { name: string }[] };
    expect(columns.map((c) => c.name).slice(0, 2)).toEqual(['date', 'event_type']);
    days = new Set(rows.map((r) => r[0])).size;
    eventTypes = new Set(rows.map((r) => r[1])).size;
    totalRows = totalCount;
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'editor');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws the Usage Summary as a line chart: a line per event type, a point per day', async () => {
    expect(days).toBeGreaterThanOrEqual(7);
    expect(eventTypes).toBeGreaterThan(1);
    expect(totalRows).toBeLessThanOrEqual(500); // so the chart covers every row and says nothing about coverage
    await page.goto(`${app.url}/#/reports/${reportId}`);
    const chart = page.getByTestId('chart');
    await expect.poll(() => chart.getAttribute('data-points'), { timeout: 30_000 }).toBe(String(days));
    expect(await chart.getAttribute('data-chart-type')).toBe('LINE');
    expect(await chart.getAttribute('data-series')).toBe(String(Math.min(eventTypes, 12)));
    expect(await page.getByLabel('Chart type').inputValue()).toBe('AUTO');
    expect(await page.getByLabel('Chart type').locator('option:checked').textContent()).toBe('Automatic (line)');
    expect(await page.getByTestId('chart-coverage').count()).toBe(0);
    // Drawn as SVG: one path per line (plus axes), and the legend names the event types.
    const svg = chart.locator('svg');
    expect(await svg.count()).toBe(1);
    expect(await svg.locator('path').count()).toBeGreaterThanOrEqual(eventTypes);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    expect(box!.height).toBeGreaterThan(200);
    await shot(page, 'chart-line-1280');

    // The chart follows its box when the window changes (ResizeObserver), both ways.
    const width = async () => (await svg.boundingBox())!.width;
    const wide = await width();
    await page.setViewportSize({ width: 1000, height: 800 });
    await expect.poll(width).toBeLessThan(wide - 100);
    const card = (await page.getByTestId('chart-card').boundingBox())!;
    expect(await width()).toBeLessThanOrEqual(card.width);
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(width).toBe(wide);
  });

  it('sets the chart\'s text in the app\'s Noto fonts, so a Japanese axis name shows as written', async () => {
    const def = { source: 'usage_events', dimensions: [{ field: 'event_type' }], measures: [{ fn: 'COUNT', alias: 'events' }], timeRange: { last: { n: 7, unit: 'DAY' } } };
    const created = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', {
      i: { name: '東京レポート', definition: def, visualization: { type: 'BAR', yAxisLabel: '東京のイベント 📈' } },
    }, token);
    expect(created.errors).toBeUndefined();
    await page.goto(`${app.url}/#/reports/${created.data!.createReport.id}`);
    await expect.poll(() => chart().getAttribute('data-chart-type'), { timeout: 30_000 }).toBe('BAR');
    const name = chart().locator('svg text', { hasText: '東京のイベント 📈' });
    expect(await name.count()).toBe(1);
    expect(await name.evaluate((el) => el.getAttribute('style') ?? '')).toContain('Noto Sans JP');
    await shot(page, 'chart-japanese-1280');
  });

  it('says when the chart covers only the first rows', async () => {
    await page.goto(`${app.url}/#/reports/${reportId}`);
    await expect.poll(() => chart().getAttribute('data-chart-type'), { timeout: 30_000 }).toBe('LINE');
    await page.getByLabel('Chart type').selectOption('PIE');
    await expect.poll(() => chart().getAttribute('data-chart-type')).toBe('PIE');
    // A pie covers the first 12 rows: their days are its slices.
    await expect.poll(() => page.getByTestId('chart-coverage').textContent()).toBe(`The chart shows the first 12 of ${totalRows} rows.`);
    await page.getByLabel('Donut').check();
    await shot(page, 'chart-donut-1280');
  });

  it('saves Bar as the report\'s chart, and a reload draws bars', async () => {
    await page.getByLabel('Chart type').selectOption('BAR');
    await page.getByLabel('Stacked').check();
    await expect.poll(() => chart().getAttribute('data-chart-type')).toBe('BAR');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    const saved = await app.gql('query($id: ID!) { report(id: $id) { visualization { type stacked donut series } } }', { id: reportId }, token);
    expect(saved.data!.report.visualization).toEqual({ type: 'BAR', stacked: true, donut: null, series: null });

    await page.reload();
    await expect.poll(() => chart().getAttribute('data-chart-type'), { timeout: 30_000 }).toBe('BAR');
    expect(await page.getByLabel('Chart type').inputValue()).toBe('BAR');
    expect(await page.getByLabel('Stacked').isChecked()).toBe(true);
    // A bar chart covers the first 50 rows: the days among them, and the card says so when there are more.
    expect(Number(await chart().getAttribute('data-points'))).toBeGreaterThan(0);
    if (totalRows > 50) expect(await page.getByTestId('chart-coverage').textContent()).toBe(`The chart shows the first 50 of ${totalRows} rows.`);
    await shot(page, 'chart-bar-1280');
  });

  it('keeps the last chart, dimmed, while a filter is unfinished', async () => {
    const points = await chart().getAttribute('data-points');
    await page.getByRole('button', { name: '+ Add filter' }).click();
    await expect.poll(() => page.getByTestId('chart-body').getAttribute('class'), { timeout: 15_000 }).toContain('stale');
    expect(await chart().getAttribute('data-points')).toBe(points);
    await shot(page, 'chart-stale-1280');
  });

  it('shows a viewer the saved chart without its controls', async () => {
    const viewer = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    collectConsoleErrors(viewer, consoleErrors);
    await devSignIn(viewer, app.url, 'acme', 'viewer');
    await viewer.goto(`${app.url}/#/reports/${reportId}`);
    await expect.poll(() => viewer.getByTestId('chart').getAttribute('data-chart-type'), { timeout: 30_000 }).toBe('BAR');
    expect(await viewer.getByTestId('chart-controls').count()).toBe(0);
    await viewer.close();
  });

  it('fits a 390 px phone screen without overflowing', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    collectConsoleErrors(phone, consoleErrors);
    await devSignIn(phone, app.url, 'acme', 'editor');
    await phone.goto(`${app.url}/#/reports/${reportId}`);
    const canvas = phone.getByTestId('chart');
    await expect.poll(() => canvas.getAttribute('data-chart-type'), { timeout: 30_000 }).toBe('BAR');
    await canvas.scrollIntoViewIfNeeded();
    const card = phone.getByTestId('chart-card');
    const c = (await card.boundingBox())!;
    const s = (await canvas.locator('svg').boundingBox())!;
    expect(await card.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(s.x).toBeGreaterThanOrEqual(c.x);
    expect(s.x + s.width).toBeLessThanOrEqual(c.x + c.width);
    expect(c.x + c.width).toBeLessThanOrEqual(390);
    expect(s.width).toBeGreaterThan(250); // it shrank to the phone, not to nothing
    await phone.getByTestId('chart-card').screenshot({ path: join(SCREENSHOTS, 'chart-card-390.png') });
    await shot(phone, 'chart-bar-390');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });

  function chart() {
    return page.getByTestId('chart');
  }
});
