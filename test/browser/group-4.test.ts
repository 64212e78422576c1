/**
 * Browser test files that run one after the other in one process, each in a describe named after
 * it with its own app, Chromium and hooks: loading the app into a fresh process per file cost more
 * than most of these files' tests (test/support/groups.ts).
 */
import { describe } from 'vitest';
// The browser helpers (Chromium): .ci/run's second pass, without system tools, picks this file by them.
import '../support/browser.js';

describe('audit-page.test.ts', async () => { await import('./audit-page.test.js'); });
describe('schedule-runs.test.ts', async () => { await import('./schedule-runs.test.js'); });
describe('slack-webhooks.test.ts', async () => { await import('./slack-webhooks.test.js'); });
describe('time-zones.test.ts', async () => { await import('./time-zones.test.js'); });
