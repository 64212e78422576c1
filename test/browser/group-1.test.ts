/**
 * Browser test files that run one after the other in one process, each in a describe named after
 * it with its own app, Chromium and hooks: loading the app into a fresh process per file cost more
 * than most of these files' tests (test/support/groups.ts).
 */
import { describe } from 'vitest';
// The browser helpers (Chromium): .ci/run's second pass, without system tools, picks this file by them.
import '../support/browser.js';

describe('builder-fixes.test.ts', async () => { await import('./builder-fixes.test.js'); });
describe('export-failures.test.ts', async () => { await import('./export-failures.test.js'); });
describe('reports-exports.test.ts', async () => { await import('./reports-exports.test.js'); });
describe('signin.test.ts', async () => { await import('./signin.test.js'); });
