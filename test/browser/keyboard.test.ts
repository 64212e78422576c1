import 'reflect-metadata';
/**
 * The SPA without a mouse, in real Chromium: sign in with Tab, arrows and Enter; skip the
 * navigation; edit a report and save it with Ctrl+S; add, reject and remove recipient chips with
 * Enter and Backspace. Focus must always be visible and nothing may log an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, hasChromium, launch, shot } from '../support/browser.js';

// Browser globals used inside page.evaluate callbacks: the test project is type-checked without the DOM lib.
type Element = { tagName: string; textContent: string | null; closest(selector: string): Element | null };
declare const document: { activeElement: (Element & { id: string; getAttribute(name: string): string | null; blur(): void }) | null };
declare function getComputedStyle(element: unknown): { outlineStyle: string };

describe.runIf(hasChromium)('keyboard only', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  /** Presses Tab until the focused element matches, so the test follows the real tab order. */
  async function tabTo(describe: (el: Element) => boolean, max = 40): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(`(${describe.toString()})(document.activeElement)`)) return;
    }
    throw new Error(`not reached with ${max} tabs; focus is on ${await focused()}`);
  }
  const focused = () => page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''} ${a.getAttribute('aria-label') ?? a.textContent?.trim().slice(0, 40) ?? ''}` : 'none';
  });

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 5_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    collectConsoleErrors(page, consoleErrors);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in with Tab, arrow keys and Enter', async () => {
    await page.goto(app.url);
    await page.getByLabel('Tenant').waitFor();
    await tabTo((el) => el.tagName === 'SELECT' && el.closest('label')?.textContent?.startsWith('Tenant') === true);
    await page.keyboard.press('ArrowDown'); // acme → globex
    await tabTo((el) => el.tagName === 'SELECT' && el.closest('label')?.textContent?.startsWith('Role') === true);
    await page.keyboard.press('ArrowDown'); // admin → editor
    await tabTo((el) => el.tagName === 'BUTTON' && el.textContent === 'Sign in');
    // The focused control shows a visible outline (focus-visible after keyboard navigation).
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('who').textContent()).toBe('editor@globex · globex · editor');
  });

  it('skips the navigation with the first Tab', async () => {
    await page.getByTestId('report-row').first().waitFor();
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^a Skip to content/);
    await shot(page, 'keyboard-skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(page.url()).toMatch(/#\/reports$|\/$/);
    // The next Tab lands inside the page, not in the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
  });

  it('edits a report and saves it with Ctrl+S', async () => {
    await tabTo((el) => el.tagName === 'A' && el.textContent === 'Usage Summary');
    await page.keyboard.press('Enter');
    await page.getByTestId('preview-table').waitFor();
    await tabTo((el) => el.tagName === 'INPUT' && el.closest('label')?.textContent?.startsWith('Name') === true);
    await page.keyboard.press('End');
    await page.keyboard.type(' (keyboard)');
    await expect.poll(() => page.getByText('unsaved changes').count()).toBe(1);
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    const reports = await app.gql('{ reports(first: 50) { edges { node { name } } } }', {}, await app.token('globex', 'admin'));
    expect(reports.data!.reports.edges.map((e: any) => e.node.name)).toContain('Usage Summary (keyboard)');
  });

  it('adds, refuses and removes recipient chips with Enter and Backspace', async () => {
    await page.goto(`${app.url}/#/schedules/new`);
    const recipients = page.getByLabel('Recipients');
    await recipients.waitFor();
    await recipients.focus();
    await page.keyboard.type('ops@example.com');
    await page.keyboard.press('Enter');
    await page.keyboard.type('cfo@example.com,');
    expect(await page.getByTestId('recipient-chip').allTextContents()).toEqual(['ops@example.com×', 'cfo@example.com×']);
    await page.keyboard.type('not-an-address');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('alert').filter({ hasText: 'is not an email address' }).count()).toBe(1);
    expect(await page.getByTestId('recipient-chip').count()).toBe(2);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace'); // clears the draft
    await page.keyboard.press('Backspace'); // removes the last chip
    expect(await page.getByTestId('recipient-chip').allTextContents()).toEqual(['ops@example.com×']);
    // The chip's remove button is reachable and works with the keyboard too.
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatch(/Remove ops@example\.com/);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('recipient-chip').count()).toBe(0);
    await shot(page, 'keyboard-recipients');
  });

  it('logged no errors in the browser console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
