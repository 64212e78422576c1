/**
 * Browser test files that run one after the other in one process, each in a describe named after
 * it with its own app, Chromium and hooks: loading the app into a fresh process per file cost more
 * than most of these files' tests (test/support/groups.ts).
 */
import { describe } from 'vitest';
// The browser helpers (Chromium): .ci/run's second pass, without system tools, picks this file by them.
import '../support/browser.js';

describe('dashboards.test.ts', async () => { await import('./dashboards.test.js'); });
describe('pdf-paper.test.ts', async () => { await import('./pdf-paper.test.js'); });
describe('schedule-hygiene.test.ts', async () => { await import('./schedule-hygiene.test.js'); });
describe('template-gallery.test.ts', async () => { await import('./template-gallery.test.js'); });
