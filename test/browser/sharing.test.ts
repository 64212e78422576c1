import 'reflect-metadata';
/**
 * Issue 19, sharing in real Chromium: an editor opens the Share dialog of a private dashboard made
 * from the Weekly performance template, shares it with a viewer (VIEW) and with the editors' role
 * (EDIT), changes that level, removes it; the viewer then finds the dashboard in their list and
 * every tile loads (its private reports came along), with no Share or Edit button, and reading it
 * over the last 30 days changes every tile's rows. A refusal (a user
 * the tenant has never seen) is shown in the dialog. Screenshots at 1280 and 390 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

describe.runIf(hasChromium)('sharing in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let dashboardId: string;

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 5_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    browser = await launch();
    // The developer sign-in's users are `<role>@<tenant>`; the viewer has signed in once (a grant
    // may only name a user the tenant has seen).
    const editor = await app.token('acme', 'editor', 'editor@acme');
    expect((await app.gql('{ me { userId } }', {}, await app.token('acme', 'viewer', 'viewer@acme'))).errors).toBeUndefined();
    const made = await app.gql('mutation { createDashboardFromTemplate(template: "WEEKLY_PERFORMANCE", name: "Board for Vic 🚀") { id visibility } }', {}, editor);
    expect(made.errors).toBeUndefined();
    expect(made.data!.createDashboardFromTemplate.visibility).toBe('PRIVATE');
    dashboardId = made.data!.createDashboardFromTemplate.id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an editor shares a private dashboard with a viewer and a role; the viewer then sees it and its tiles', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/dashboards/${dashboardId}`);
    await page.getByTestId('share').click();
    const dialog = page.getByRole('dialog', { name: /Share “Board for Vic 🚀”/ });
    await dialog.waitFor();
    await dialog.getByTestId('share-empty').waitFor();

    // A user the tenant has never seen is refused, in the dialog, and nothing is added.
    await dialog.getByTestId('share-user').fill('stranger@acme');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => dialog.getByTestId('error-banner').textContent()).toContain('no user with this id has signed in to this tenant');
    await dialog.getByRole('button', { name: 'Dismiss' }).click();

    await dialog.getByTestId('share-user').fill('viewer@acme');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => dialog.getByTestId('share-grant').count()).toBe(1);
    await dialog.getByLabel('A role').check();
    await dialog.getByTestId('share-role').selectOption('EDITOR');
    await dialog.getByTestId('share-level').selectOption('EDIT');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => dialog.getByTestId('share-grant').count()).toBe(2);
    const rows = async () => dialog.getByTestId('share-grant').evaluateAll((els) => els.map((e) => e.textContent));
    expect((await rows()).join(' | ')).toMatch(/viewer@acme.*Can view.*\|.*Editors and admins.*Can edit/);
    await shot(page, 'share-dialog-1280');
    // The role's level changes in place, then it is removed.
    await dialog.getByLabel('Access for Editors and admins').selectOption('VIEW');
    await expect.poll(async () => (await app.gql(`query($id: ID!) { dashboard(id: $id) { grants { role level } } }`, { id: dashboardId },
      await app.token('acme', 'editor', 'editor@acme'))).data!.dashboard.grants).toEqual([{ role: null, level: 'VIEW' }, { role: 'EDITOR', level: 'VIEW' }]);
    await dialog.getByRole('button', { name: 'Remove Editors and admins' }).click();
    await expect.poll(() => dialog.getByTestId('share-grant').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(errors).toEqual([]);

    // Every change is in the audit log.
    const actions = await app.runtime.orm.em.fork().getConnection().execute<{ action: string }[]>(
      "SELECT action FROM audit_log WHERE target_id = ? AND action LIKE 'grant.%' ORDER BY id", [dashboardId]);
    expect(actions.map((a) => a.action)).toEqual(['grant.add', 'grant.add', 'grant.add', 'grant.revoke']);

    // The dialog on a phone: inside the screen, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('share').click();
    await dialog.getByTestId('share-grant').first().waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await shot(page, 'share-dialog-390');
    await context.close();

    // The viewer: the dashboard is in their list, every tile loads, nothing to share or edit.
    const viewerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const viewer = await viewerContext.newPage();
    const viewerErrors = collectConsoleErrors(viewer);
    await devSignIn(viewer, app.url, 'acme', 'viewer');
    await viewer.goto(`${app.url}/#/dashboards`);
    await viewer.getByRole('link', { name: 'Board for Vic 🚀' }).click();
    await expect.poll(() => viewer.getByTestId('tile-body').count(), { timeout: 30_000 }).toBe(3);
    // The viewer may read it over another period (not kept: they cannot change it): the rows change.
    const bodies = () => viewer.getByTestId('tile-body').allTextContents();
    const before = await bodies();
    await viewer.getByTestId('time-range').selectOption('last30');
    await expect.poll(async () => { const now = await bodies(); return now.length === 3 && now.every((t, i) => t !== before[i]); }, { timeout: 30_000 }).toBe(true);
    expect(await viewer.getByTestId('share').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Edit layout' }).count()).toBe(0);
    expect(await viewer.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(viewer, 'shared-dashboard-viewer-390');
    expect(viewerErrors).toEqual([]);
    await viewerContext.close();
  }, 180_000);

  it('an editor a report is shared with for viewing reads it in the builder without Save, Delete or Share', async () => {
    const olga = await app.token('acme', 'editor', 'olga@acme');
    const editor = await app.token('acme', 'editor', 'editor@acme');
    expect((await app.gql('{ me { userId } }', {}, editor)).errors).toBeUndefined();
    const made = await app.gql('mutation($i: CreateReportInput!) { createReport(input: $i) { id } }', { i: { name: 'Olga only', isPublic: false,
      definition: { source: 'usage_events', dimensions: [{ field: 'platform' }], measures: [{ fn: 'COUNT', alias: 'events' }] } } }, olga);
    const id = made.data!.createReport.id;
    const granted = await app.gql(`mutation($id: ID!) { grantAccess(objectType: REPORT, objectId: $id, principal: { userId: "editor@acme" }, level: VIEW) { level } }`, { id }, olga);
    expect(granted.errors).toBeUndefined();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await devSignIn(page, app.url, 'acme', 'editor');
    await page.goto(`${app.url}/#/reports/${id}`);
    await expect.poll(() => page.getByTestId('read-only-note').textContent(), { timeout: 30_000 }).toContain('shared with you for viewing');
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await page.getByTestId('share').count()).toBe(0);
    // Given EDIT, the same editor gets the builder's buttons back.
    await app.gql(`mutation($id: ID!) { grantAccess(objectType: REPORT, objectId: $id, principal: { userId: "editor@acme" }, level: EDIT) { level } }`, { id }, olga);
    await page.reload();
    await page.getByRole('button', { name: 'Save', exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('share').count()).toBe(1);
    expect(await page.getByTestId('read-only-note').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
