import 'reflect-metadata';
/**
 * Slack and webhook destinations in the SPA, in real Chromium (issue 20): an admin connects Slack
 * from the Schedules page (a token Slack refuses is reported, a good one shows the workspace); an
 * editor makes a schedule that posts to a channel and a webhook, sees the signing secret once after
 * saving (and never after a reload), and rotates it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startSlackRecorder, type SlackRecorder } from '../support/slack-recorder.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('Slack and webhooks in the browser', () => {
  let app: TestApp;
  let slack: SlackRecorder;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const TOKEN = 'xoxb-7777-browser-0123456789';

  beforeAll(async () => {
    slack = await startSlackRecorder();
    slack.validTokens.add(TOKEN);
    app = await startTestApp({ seedRows: 5_000, env: { NODE_ENV: 'development', JWT_SECRET: '', SLACK_API_URL: slack.apiUrl } });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1300 } });
    collectConsoleErrors(page, consoleErrors);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await slack?.close();
  });

  it('an admin connects Slack on the Schedules page; a refused token is reported and nothing is stored', async () => {
    await devSignIn(page, app.url, 'acme', 'admin');
    await page.goto(`${app.url}/#/schedules`);
    const card = page.getByTestId('slack-connection');
    await card.getByLabel('Bot token').fill('xoxb-0000-wrong-token');
    await card.getByRole('button', { name: 'Connect Slack' }).click();
    await expect.poll(() => card.getByRole('alert').textContent()).toMatch(/Slack refused: invalid_auth/);
    await card.getByLabel('Bot token').fill(TOKEN);
    await card.getByRole('button', { name: 'Connect Slack' }).click();
    await expect.poll(() => card.textContent()).toMatch(/Connected to Acme 東京/);
    // The token is not in the page, and the input was cleared.
    expect(await page.content()).not.toContain(TOKEN);
    await shot(page, 'slack-connected');
  }, 60_000);

  it('an editor adds a channel and a webhook; the secret is shown once after saving, gone after a reload, and can be rotated', async () => {
    // A fresh browser context: signed in as an editor this time.
    await page.close();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 1300 } })).newPage();
    collectConsoleErrors(page, consoleErrors);
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/schedules/new`);
    await page.getByLabel('Name', { exact: true }).fill('Slack and hook');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Usage Summary' });
    await page.getByLabel('Slack channels').fill('#Reports\nC0123ABCD');
    await page.getByLabel('Webhook URLs').fill('ftp://example.com/x');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('webhook-urls').locator('..').getByRole('alert').textContent()).toMatch(/must be an http\(s\):\/\/ URL/);
    await page.getByLabel('Webhook URLs').fill('https://hooks.example.com/reportcast');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Slack and hook' }).waitFor();
    const secret = await page.getByTestId('webhook-secret-value').textContent();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await shot(page, 'webhook-secret-once');
    const editor = await app.token('acme', 'editor', 'editor@acme');
    const saved = await app.gql('{ schedules { edges { node { name slackChannels webhookUrls hasWebhookSecret webhookSecret recipients } } } }', {}, editor);
    expect(saved.data!.schedules.edges.map((e: any) => e.node).find((s: any) => s.name === 'Slack and hook')).toEqual({
      name: 'Slack and hook', slackChannels: ['#reports', 'C0123ABCD'], webhookUrls: ['https://hooks.example.com/reportcast'], hasWebhookSecret: true, webhookSecret: null, recipients: [],
    });

    await page.reload();
    await page.getByRole('heading', { name: 'Slack and hook' }).waitFor();
    expect(await page.getByTestId('webhook-secret-value').count()).toBe(0);
    expect(await page.getByLabel('Slack channels').inputValue()).toBe('#reports\nC0123ABCD');
    await page.getByRole('button', { name: 'Rotate secret…' }).click();
    await page.getByRole('button', { name: 'Make a new secret' }).click();
    const rotated = await page.getByTestId('webhook-secret-value').textContent();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
