/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser). CI installs Chromium
 * and requires these tests; on a machine without it they are reported as not run, with how to
 * enable them, instead of failing the suite.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../server/src/config.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SCREENSHOTS = join(REPO_ROOT, '.data', 'screenshots');

if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium is required in CI (${CHROMIUM} missing): apt-get install chromium`);
  console.warn(`browser tests not run: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium, or set CHROMIUM_PATH) to run them.`);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a full-page screenshot to .data/screenshots (ignored by git) for a human to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The developer sign-in (embedded mode), as a user does it: pick tenant and role, press Sign in. */
export async function devSignIn(page: Page, appUrl: string, tenant: string, role: 'viewer' | 'editor' | 'admin'): Promise<void> {
  await page.goto(appUrl);
  await page.getByLabel('Tenant').selectOption(tenant);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

/** Collects what the page logs as errors (console errors and uncaught exceptions), to assert none. */
export function collectConsoleErrors(page: Page, into: string[] = []): string[] {
  page.on('console', (m) => { if (m.type() === 'error') into.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => into.push(`${page.url()}: ${e.message}`));
  return into;
}
