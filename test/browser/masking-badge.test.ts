import 'reflect-metadata';
/**
 * Issue 21 in real Chromium: the builder's field picker says what the role sees of a sensitive
 * column. An editor picking User gets the badge "PII · hashed" and the option reads
 * "User (PII · hashed)"; an admin sees "PII" (clear); a column hidden from a role is offered but
 * cannot be chosen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('sensitivity badges in the builder', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 2_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    // globex's editors may not see user and device ids at all.
    const admin = await app.token('globex', 'admin');
    const set = await app.gql('mutation { updateMaskingPolicy(rules: [{ role: editor, classification: PII, mode: HIDDEN }]) { isDefault } }', {}, admin);
    expect(set.errors).toBeUndefined();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function newReport(tenant: string, role: 'editor' | 'admin'): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await devSignIn(page, app.url, tenant, role);
    await page.getByRole('link', { name: 'New report' }).click();
    await page.getByLabel('Table').selectOption('usage_events');
    await page.getByRole('button', { name: '+ Add dimension' }).click();
    return page;
  }

  it('an editor sees User marked PII · hashed, in the option and as a badge', async () => {
    const page = await newReport('acme', 'editor');
    const picker = page.getByLabel('Dimension 1 column');
    expect((await picker.locator('option[value="user_id"]').textContent())!.trim()).toBe('User (PII · hashed)');
    expect((await picker.locator('option[value="session_id"]').textContent())!.trim()).toBe('Session (INTERNAL)');
    expect((await picker.locator('option[value="platform"]').textContent())!.trim()).toBe('Platform');
    await picker.selectOption('user_id');
    const badge = page.getByTestId('sensitivity-badge');
    expect((await badge.textContent())!.trim()).toBe('PII · hashed');
    expect(await badge.getAttribute('title')).toBe('PII: shown hashed');
    await shot(page, 'builder-sensitivity-editor');
    await picker.selectOption('platform');
    expect(await page.getByTestId('sensitivity-badge').count()).toBe(0);
  });

  it('an admin sees PII in clear; a column hidden from the role cannot be chosen', async () => {
    const admin = await newReport('acme', 'admin');
    await admin.getByLabel('Dimension 1 column').selectOption('user_id');
    expect((await admin.getByTestId('sensitivity-badge').textContent())!.trim()).toBe('PII');
    const editor = await newReport('globex', 'editor');
    const option = editor.getByLabel('Dimension 1 column').locator('option[value="device_id"]');
    expect((await option.textContent())!.trim()).toBe('Device (PII · hidden)');
    expect(await option.isDisabled()).toBe(true);
    await shot(editor, 'builder-sensitivity-hidden');
  });
});
