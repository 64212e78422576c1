/**
 * Browser test files that run one after the other in one process, each in a describe named after
 * it with its own app, Chromium and hooks: loading the app into a fresh process per file cost more
 * than most of these files' tests (test/support/groups.ts).
 */
import { describe } from 'vitest';
// The browser helpers (Chromium): .ci/run's second pass, without system tools, picks this file by them.
import '../support/browser.js';

describe('charts.test.ts', async () => { await import('./charts.test.js'); });
describe('content-security-policy.test.ts', async () => { await import('./content-security-policy.test.js'); });
describe('keyboard.test.ts', async () => { await import('./keyboard.test.js'); });
describe('report-delete.test.ts', async () => { await import('./report-delete.test.js'); });
