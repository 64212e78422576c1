import 'reflect-metadata';
/**
 * Teams and SFTP destinations in the SPA, in real Chromium (issue 20): an editor adds a Teams URL
 * and an SFTP server in the schedule editor; a bad URL and a bad fingerprint are shown at their
 * fields; after saving, the Teams URL is shown redacted and the private key nowhere (the page keeps
 * neither), a reload shows the same; a run's history lists each delivery with its channel and
 * status. Screenshots at 1280 and 390 px.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startSftpServer, type SftpTestServer } from '../support/sftp-server.js';
import { startTeamsRecorder, type TeamsRecorder } from '../support/teams-recorder.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('Teams and SFTP in the browser', () => {
  let app: TestApp;
  let teams: TeamsRecorder;
  let sftp: SftpTestServer;
  let root: string;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const HOOK = '/webhookb2/abc@def/IncomingWebhook/BROWSERSECRET42/xyz';

  beforeAll(async () => {
    teams = await startTeamsRecorder();
    root = mkdtempSync(join(tmpdir(), 'sftp-browser-'));
    sftp = await startSftpServer(root);
    app = await startTestApp({ worker: true, seedRows: 5_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1300 } });
    collectConsoleErrors(page, consoleErrors);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await teams?.close();
    await sftp?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('an editor adds a Teams URL and an SFTP server: problems at their fields, then saved with the URL redacted and the key nowhere; a run shows both deliveries', async () => {
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/schedules/new`);
    await page.getByLabel('Name', { exact: true }).fill('Teams and SFTP');
    await page.getByLabel('Report', { exact: true }).selectOption({ label: 'Usage Summary' });
    await page.getByLabel('Microsoft Teams URLs').fill('ftp://teams.example.com/hook');
    await page.getByTestId('add-sftp').click();
    const target = page.getByTestId('sftp-target');
    await target.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await target.getByLabel('Port', { exact: true }).fill(String(sftp.port));
    await target.getByLabel('User', { exact: true }).fill(sftp.username);
    await target.getByLabel('Remote path').fill('outbox/{report}/{date}.{format}');
    await target.getByLabel('Host key fingerprint').fill('MD5:12:34');
    await target.getByLabel('Private key').fill(sftp.clientPrivateKey);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('teams-urls').locator('..').getByRole('alert').textContent()).toMatch(/must be an http\(s\):\/\/ URL/);
    await expect.poll(() => page.getByTestId('sftp-fingerprint').locator('..').getByRole('alert').textContent()).toMatch(/SHA256:/);
    await shot(page, 'teams-sftp-errors');

    await page.getByLabel('Microsoft Teams URLs').fill(`${teams.base}${HOOK}`);
    await target.getByLabel('Host key fingerprint').fill(sftp.hostKeyFingerprint);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Teams and SFTP' }).waitFor();
    // Saved: the URL shown redacted, the key box empty (kept on the server), neither secret in the page.
    await expect.poll(() => page.getByTestId('teams-urls').inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…\([0-9a-f]{8}\)$/);
    expect(await page.getByTestId('sftp-private-key').inputValue()).toBe('');
    const html = await page.content();
    expect(html).not.toContain('BROWSERSECRET42');
    expect(html).not.toContain('PRIVATE KEY-----\n');

    await page.reload();
    await page.getByRole('heading', { name: 'Teams and SFTP' }).waitFor();
    expect(await page.getByTestId('teams-urls').inputValue()).toMatch(/…\([0-9a-f]{8}\)$/);
    expect(await page.getByTestId('sftp-fingerprint').inputValue()).toBe(sftp.hostKeyFingerprint);
    expect(await page.getByTestId('sftp-private-key').getAttribute('placeholder')).toBe('(stored key kept)');

    // Saving again unchanged keeps both (the redacted URL and the stored key are sent back as they are).
    await page.getByLabel('Description').fill('Kept as is');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Saved.').count()).toBe(1);

    await page.getByRole('button', { name: 'Run now' }).click();
    const runDialog = page.getByRole('dialog');
    if (await runDialog.count()) await runDialog.getByRole('button', { name: /^Run/ }).click();
    const row = page.getByTestId('execution-row').first();
    await expect.poll(() => row.getByTestId('execution-status').textContent(), { timeout: 60_000 }).toBe('DELIVERED');
    const deliveries = await row.locator('.deliveries li').allTextContents();
    expect(deliveries.some((d) => /^SENT\s+Teams\s+http:\/\/127\.0\.0\.1:\d+\/…\([0-9a-f]{8}\)/.test(d))).toBe(true);
    expect(deliveries.some((d) => new RegExp(`^SENT\\s+SFTP\\s+sftp://reports@127\\.0\\.0\\.1:${sftp.port}/outbox/usage-summary/`).test(d))).toBe(true);
    expect(teams.calls.filter((c) => c.path === HOOK)).toHaveLength(1);
    await shot(page, 'teams-sftp-saved-1280');

    await page.setViewportSize({ width: 390, height: 1300 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'teams-sftp-saved-390');
    expect(consoleErrors).toEqual([]);
  }, 150_000);
});
