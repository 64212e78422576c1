/**
 * Global-setup step: where the machine has no Chromium of its own, unpack the npm one and check it
 * starts, then tell the test processes (which inherit this environment) where it is, or exactly why
 * it cannot run (test/support/browser.ts reports that instead of running the browser tests).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { npmChromium, SYSTEM_CHROMIUM, unpackNpmChromium } from './chromium-binary.js';

export async function provideNpmChromium(): Promise<void> {
  if (existsSync(SYSTEM_CHROMIUM)) return;
  try {
    const dir = await unpackNpmChromium();
    const binary = npmChromium(dir);
    const browser = await chromium.launch({
      executablePath: binary.executablePath,
      args: binary.args,
      env: { ...process.env, ...binary.env },
      timeout: 60_000,
    });
    await browser.close();
    process.env.REPORTCAST_NPM_CHROMIUM_DIR = dir;
  } catch (error) {
    process.env.REPORTCAST_NPM_CHROMIUM_ERROR = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}
