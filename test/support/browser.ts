/**
 * The browser tests drive a real Chromium with playwright-core (never a browser playwright
 * downloads): Debian's when the machine has it, otherwise the one the npm package
 * @sparticuz/chromium ships (see chromium-binary.ts), so they run on a fresh machine too. Only
 * where neither can start (not Linux x64) are they reported as not run, saying why; in CI that is
 * an error, and whether Debian's Chromium must be there is decided by system-tools.ts.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../server/src/config.js';
import { npmChromium, SYSTEM_CHROMIUM, systemChromium, type ChromiumBinary } from './chromium-binary.js';
import { checkSystemTool, systemToolsExpectation } from './system-tools.js';

export const SCREENSHOTS = join(REPO_ROOT, '.data', 'screenshots');

const systemPresent = existsSync(SYSTEM_CHROMIUM);
checkSystemTool(`Chromium (${SYSTEM_CHROMIUM})`, systemPresent, 'apt-get install chromium');
const npmDir = process.env.REPORTCAST_NPM_CHROMIUM_DIR;

/** The Chromium these tests launch, or null when this machine has none that starts. */
export const chromiumBinary: ChromiumBinary | null = systemPresent ? systemChromium() : npmDir ? npmChromium(npmDir) : null;
export const hasChromium = chromiumBinary !== null;

if (!chromiumBinary) {
  const why = `no Chromium at ${SYSTEM_CHROMIUM}, and the npm Chromium (@sparticuz/chromium) cannot run here: ${
    process.env.REPORTCAST_NPM_CHROMIUM_ERROR ?? 'not unpacked (the global setup test/global-setup.ts did not run)'}`;
  if (systemToolsExpectation() !== 'optional') throw new Error(`browser tests must run in CI: ${why}`);
  console.warn(`browser tests not run: ${why}. Install Chromium (apt-get install chromium, or set CHROMIUM_PATH) to run them.`);
}

export async function launch(): Promise<Browser> {
  if (!chromiumBinary) throw new Error('no Chromium: guard the test with hasChromium');
  return chromium.launch({
    executablePath: chromiumBinary.executablePath,
    args: chromiumBinary.args,
    ...(chromiumBinary.env ? { env: { ...process.env, ...chromiumBinary.env } } : {}),
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

/** From the schedules list: opens the new-schedule form and gives it a name and a report. */
export async function startNewSchedule(page: Page, name: string, report = 'Usage Summary'): Promise<void> {
  await page.getByRole('link', { name: 'New schedule' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Report', { exact: true }).selectOption({ label: report });
}

/** Collects what the page logs as errors (console errors and uncaught exceptions), to assert none. */
export function collectConsoleErrors(page: Page, into: string[] = []): string[] {
  // A failed request's message ("Failed to load resource: … 404") names no URL; its location does.
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const source = m.location().url;
    into.push(`${page.url()}: ${m.text()}${source && source !== page.url() ? ` (${source})` : ''}`);
  });
  page.on('pageerror', (e) => into.push(`${page.url()}: ${e.message}`));
  return into;
}
