/**
 * Browser test files that run one after the other in one process, each in a describe named after
 * it with its own app, Chromium and hooks: loading the app into a fresh process per file cost more
 * than most of these files' tests (test/support/groups.ts).
 */
import { describe } from 'vitest';
// The browser helpers (Chromium): .ci/run's second pass, without system tools, picks this file by them.
import '../support/browser.js';

describe('alerts-suppressions.test.ts', async () => { await import('./alerts-suppressions.test.js'); });
describe('locale.test.ts', async () => { await import('./locale.test.js'); });
describe('masking-badge.test.ts', async () => { await import('./masking-badge.test.js'); });
describe('recipient-values.test.ts', async () => { await import('./recipient-values.test.js'); });
describe('sharing.test.ts', async () => { await import('./sharing.test.js'); });
