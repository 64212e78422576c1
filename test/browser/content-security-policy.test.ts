import 'reflect-metadata';
/**
 * Issue 15, class 4 in Chromium: the built SPA under the server's Content-Security-Policy raises no
 * violation through a whole session: sign-in, the report list, the builder with a live preview,
 * an export followed over the WebSocket to its download, the export history and the schedules.
 * Violations are read two ways: the `securitypolicyviolation` events of every document, and the
 * console, where Chromium reports each refusal. A planted violation first proves the listener hears.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('15.4 the SPA under its Content-Security-Policy', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const violations: string[] = [];
  const consoleMessages: string[] = [];
  const sockets: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 20_000, worker: true, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await context.exposeBinding('reportViolation', (_source, v: string) => { violations.push(v); });
    // Runs in every document before its own scripts (the CSP does not apply to injected init scripts).
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (e) => {
        window.reportViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber);
      });`,
    });
    page = await context.newPage();
    page.on('console', (m) => consoleMessages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleMessages.push(`pageerror: ${e.message}`));
    page.on('websocket', (ws) => sockets.push(ws.url()));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const cspMessages = () => consoleMessages.filter((m) => /Content Security Policy|Refused to/i.test(m));

  it('the page is served with the policy, and a planted violation is heard (the listener works)', async () => {
    const response = await page.goto(app.url);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await page.evaluate(`(() => {
      const img = document.createElement('img');
      img.src = 'https://third-party.invalid/pixel.png';
      document.body.append(img);
    })()`);
    await expect.poll(() => violations.length).toBe(1);
    expect(violations[0]).toMatch(/^img-src blocked https:\/\/third-party\.invalid/);
    await expect.poll(() => cspMessages().length).toBeGreaterThan(0);
    violations.length = 0;
    consoleMessages.length = 0;
  });

  it('signs in, opens the builder with a preview, follows an export to its download, lists exports and schedules: no violation', async () => {
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.getByTestId('report-row').first().waitFor();
    const row = page.getByTestId('report-row').filter({ hasText: 'Usage Summary' });
    await row.getByRole('link', { name: 'Usage Summary' }).first().click();
    await page.getByTestId('preview-table').waitFor();
    await expect.poll(() => page.getByTestId('preview-range').textContent()).toMatch(/Rows 1–/);

    // The export's progress arrives over the WebSocket (connect-src), the file over a download link.
    const panel = page.getByTestId('export-panel');
    await panel.getByLabel('Format').selectOption('CSV');
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    await expect.poll(() => page.getByTestId('export-percent').textContent(), { timeout: 60_000 }).toBe('100%');
    expect((await downloading).suggestedFilename()).toMatch(/\.csv$/);

    await page.getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('link', { name: 'New report' }).click();
    await page.getByLabel('Table').selectOption('usage_events');
    await page.getByRole('button', { name: '+ Add measure' }).click();
    await page.getByTestId('preview-table').waitFor();

    // The new report is unsaved: leaving it asks first (the builder's leave guard); leave.
    const leaving = page.waitForEvent('dialog').then(async (d) => { const message = d.message(); await d.accept(); return message; });
    await page.getByRole('link', { name: 'Exports', exact: true }).click();
    expect(await leaving).toMatch(/^Leave this report\?/);
    await page.getByTestId('export-row').first().waitFor();
    await page.getByRole('link', { name: 'Schedules', exact: true }).click();
    await page.waitForLoadState('networkidle');
    await shot(page, 'csp-session');

    expect(violations).toEqual([]);
    expect(cspMessages()).toEqual([]);
    // The session did use its socket, so connect-src was exercised.
    expect(sockets).toContain(`${app.url.replace(/^http/, 'ws')}/graphql`);
  });
});
