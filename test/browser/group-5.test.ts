/**
 * Browser test files that run one after the other in one process, each in a describe named after
 * it with its own app, Chromium and hooks: loading the app into a fresh process per file cost more
 * than most of these files' tests (test/support/groups.ts).
 */
import { describe } from 'vitest';
// The browser helpers (Chromium): .ci/run's second pass, without system tools, picks this file by them.
import '../support/browser.js';

describe('file-protection.test.ts', async () => { await import('./file-protection.test.js'); });
describe('governance-page.test.ts', async () => { await import('./governance-page.test.js'); });
describe('schedules.test.ts', async () => { await import('./schedules.test.js'); });
describe('teams-sftp.test.ts', async () => { await import('./teams-sftp.test.js'); });
describe('web-fonts.test.ts', async () => { await import('./web-fonts.test.js'); });
