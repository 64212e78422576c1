import 'reflect-metadata';
/**
 * Issue 21 in real Chromium: a tenant admin, on the Audit page, edits the masking policy, classifies
 * a column and schedules an admin report; each change is checked through the API as another role
 * sees it (an editor's preview of the newly classified column comes back hashed). At 390 px nothing
 * scrolls sideways but the tables, inside their cards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('masking, classification and admin-report schedules in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  const consoleErrors: string[] = [];

  async function signedIn(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'admin');
    await page.getByRole('link', { name: 'Audit', exact: true }).click();
    return page;
  }
  const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
  const wide = (page: Page) => page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((e) => !e.parentElement.closest('.table-scroll')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 2_000, worker: false, env: { NODE_ENV: 'development', JWT_SECRET: '', RATE_LIMIT_PER_MINUTE: '100000' } });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('edits the masking policy and classifies a column; the API and an editor\'s preview follow', async () => {
    const page = await signedIn();
    await page.getByRole('tab', { name: 'Masking & classification' }).click();
    await page.getByTestId('classification-row').first().waitFor();
    expect(await page.getByTestId('mode-editor-PII').inputValue()).toBe('HASHED');

    // Viewers no longer see INTERNAL columns at all.
    await page.getByTestId('mode-viewer-INTERNAL').selectOption('HIDDEN');
    await expect.poll(() => page.getByTestId('protection-saved').textContent()).toContain('INTERNAL is hidden for viewers');
    const admin = await app.token('acme', 'admin', 'api@acme');
    const policy = await app.gql('{ maskingPolicy { isDefault updatedBy rules { role classification mode } } }', {}, admin);
    expect(policy.data!.maskingPolicy).toMatchObject({ isDefault: false, updatedBy: expect.any(String) });
    expect(policy.data!.maskingPolicy.rules).toContainEqual({ role: 'viewer', classification: 'INTERNAL', mode: 'HIDDEN' });

    // The platform column becomes PII for this tenant: editors now get it hashed.
    const select = page.getByLabel('Class of usage_events.platform');
    expect(await select.inputValue()).toBe('PUBLIC');
    await select.selectOption('PII');
    await expect.poll(() => page.getByTestId('protection-saved').textContent()).toContain('usage_events.platform is PII');
    expect(await page.locator('[data-column="usage_events.platform"] .badge').textContent()).toBe('clear'); // the admin sees PII in clear
    await shot(page, 'governance-masking-1280');

    const editor = await app.token('acme', 'editor', 'ann@acme');
    const tables = await app.gql('{ table(name: "usage_events") { columns { name classification catalogClassification masking } } }', {}, editor);
    expect(tables.data!.table.columns.find((c: any) => c.name === 'platform')).toEqual({ name: 'platform', classification: 'PII', catalogClassification: 'PUBLIC', masking: 'HASHED' });
    const preview = await app.gql('query($i: PreviewReportInput!) { previewReport(input: $i) { rows } }',
      { i: { definition: { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT' }] }, first: 10 } }, editor);
    expect(preview.errors).toBeUndefined();
    const values = preview.data!.previewReport.rows.map((r: unknown[]) => r[0]);
    expect(values.length).toBeGreaterThan(1);
    expect(values.every((v: string) => /^[0-9A-F]{64}$/.test(v))).toBe(true);
    // Audited, and listed by the compliance summary.
    const compliance = await app.gql('{ auditCompliance(first: 10) { events { event action } } }', {}, admin);
    expect(compliance.data!.auditCompliance.events.map((e: any) => e.action)).toEqual(expect.arrayContaining(['catalog.classify', 'masking_policy.update']));

    // Back to the catalog's class: the API says so.
    await select.selectOption('PUBLIC');
    await expect.poll(() => page.getByTestId('protection-saved').textContent()).toContain('usage_events.platform is PUBLIC');
    const after = await app.gql('{ table(name: "usage_events") { columns { name classification masking } } }', {}, editor);
    expect(after.data!.table.columns.find((c: any) => c.name === 'platform')).toEqual({ name: 'platform', classification: 'PUBLIC', masking: 'CLEAR' });
    await page.context().close();
  });

  it('schedules the user-activity report from the Audit page; the API has it as an admin-report schedule', async () => {
    const page = await signedIn();
    await page.getByRole('tab', { name: 'Scheduled reports' }).click();
    await page.getByRole('heading', { name: 'No scheduled admin reports' }).waitFor();
    await page.getByLabel('Report', { exact: true }).selectOption('USER_ACTIVITY');
    await page.getByLabel('Name').fill('Weekly activity — 東京 ✓');
    await page.getByLabel('Time zone').fill('Asia/Tokyo');
    await page.getByLabel('Recipients').fill('ciso@example.com, audit@example.com');
    await page.getByTestId('admin-report-create').click();
    await expect.poll(() => page.getByTestId('admin-report-notice').textContent()).toMatch(/^Scheduled "Weekly activity — 東京 ✓": next run .* \(Asia\/Tokyo\)\.$/);
    await page.getByTestId('admin-report-row').first().waitFor();
    expect(await page.getByTestId('admin-report-row').first().textContent()).toContain('(Asia/Tokyo)');
    // A bad address is refused at its field, nothing added.
    await page.getByLabel('Recipients').fill('not-an-address');
    await page.getByTestId('admin-report-create').click();
    await page.getByText('Not scheduled').waitFor();
    expect(await page.getByTestId('admin-report-row').count()).toBe(1);
    await shot(page, 'governance-schedules-1280');

    const admin = await app.token('acme', 'admin', 'api@acme');
    const listed = await app.gql('{ schedules(first: 100) { edges { node { name adminReport reportId cron timezone recipients } } } }', {}, admin);
    expect(listed.data!.schedules.edges.map((e: any) => e.node).filter((s: any) => s.adminReport)).toEqual([
      { name: 'Weekly activity — 東京 ✓', adminReport: 'USER_ACTIVITY', reportId: null, cron: '0 7 * * 1', timezone: 'Asia/Tokyo', recipients: ['ciso@example.com', 'audit@example.com'] },
    ]);
    await page.context().close();
  });

  it('has no sideways scrolling at 390 px in either section', async () => {
    const page = await signedIn({ width: 390, height: 844 });
    await page.getByRole('tab', { name: 'Masking & classification' }).click();
    await page.getByTestId('classification-row').first().waitFor();
    expect(await overflow(page), JSON.stringify(await wide(page))).toBeLessThanOrEqual(0);
    await shot(page, 'governance-masking-390');
    await page.getByRole('tab', { name: 'Scheduled reports' }).click();
    await page.getByTestId('admin-report-row').first().waitFor();
    expect(await overflow(page), JSON.stringify(await wide(page))).toBeLessThanOrEqual(0);
    await shot(page, 'governance-schedules-390');
    await page.context().close();
    expect(consoleErrors).toEqual([]);
  });
});
