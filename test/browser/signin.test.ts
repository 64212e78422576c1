import 'reflect-metadata';
/**
 * The SPA in real Chromium against the real server on embedded services: the developer sign-in
 * issues a token for the chosen tenant and role, the session survives a reload, sign-out ends it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('sign-in', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Development mode without JWT_SECRET: the dev sign-in is on, as in `pnpm start`.
    app = await startTestApp({ seedRows: 5_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in as a chosen tenant and role, keeps the session on reload, signs out', async () => {
    await page.goto(app.url);
    await page.getByLabel('Tenant').selectOption('globex');
    await page.getByLabel('Role').selectOption('editor');
    await shot(page, 'signin');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('who').textContent()).toContain('globex');
    expect(await page.getByTestId('who').textContent()).toContain('editor');
    await page.reload();
    await expect.poll(() => page.getByTestId('who').textContent()).toContain('globex');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
  });

  it('refuses a token that is not one', async () => {
    await page.getByLabel('token', { exact: true }).fill('not-a-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/not a valid/);
  });
});
