import 'reflect-metadata';
/**
 * The SPA draws every script with its own web fonts (web/src/fonts.ts, the @fontsource Noto
 * families), so a machine without CJK, Arabic or Hebrew fonts shows letters, not boxes. Which font
 * really drew a piece of text is read from Chromium itself (DevTools `CSS.getPlatformFontsForNode`),
 * not guessed from CSS. Run on a machine without such system fonts (the npm Chromium sees none, and
 * Debian's here has no CJK or Korean font: `fc-list :lang=ja` is empty), this is what a fresh
 * machine shows; the screenshot is kept for a human to look at.
 *
 * It caught that Debian's Chromium 156 draws CJK and Hangul as boxes when an installed font
 * (Liberation Sans for Arial, DejaVu Sans) comes before the CJK web font in `font-family`: the
 * slice is never even fetched. Hence the Noto families lead the stack in styles.css.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { chromiumBinary, collectConsoleErrors, devSignIn, hasChromium, launch, shot } from '../support/browser.js';

// Browser globals used inside page.evaluate callbacks: the test project is type-checked without the DOM lib.
interface ProbeElement { id: string; textContent: string | null; append(...nodes: (ProbeElement | string)[]): void }
declare const document: {
  fonts: { ready: Promise<unknown>; check(font: string, text: string): boolean; forEach(visit: (face: { family: string; status: string }) => void): void };
  createElement(tag: string): ProbeElement;
  body: ProbeElement;
};

const NAME = '東京レポート Ελληνικά العربية 한국어';
const DESCRIPTION = 'תיאור בעברית · 简体中文说明 · Русский';

interface PlatformFont { familyName: string; isCustomFont: boolean; glyphCount: number }

/** The fonts Chromium used to draw the text of the first element matching `selector`. */
async function fontsOf(cdp: CDPSession, selector: string): Promise<PlatformFont[]> {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  if (!nodeId) throw new Error(`no element ${selector}`);
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts as PlatformFont[];
}

/** The loaded @font-face families (CSS family names, unquoted) and how many slices of each. */
function loadedFaces(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const counts: Record<string, number> = {};
    document.fonts.forEach((face) => {
      if (face.status !== 'loaded') return;
      const family = face.family.replace(/^["']|["']$/g, '');
      counts[family] = (counts[family] ?? 0) + 1;
    });
    return counts;
  });
}

describe.runIf(hasChromium)('web fonts for every script', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  const errors: string[] = [];
  const fontResponses: { url: string; status: number; type: string }[] = [];

  beforeAll(async () => {
    app = await startTestApp({ seedRows: 2_000, env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    const editor = await app.token('acme', 'editor');
    const created = await app.gql(
      'mutation($i: CreateReportInput!) { createReport(input: $i) { id name description } }',
      { i: { name: NAME, description: DESCRIPTION, definition: { source: 'usage_events', measures: [{ fn: 'COUNT' }] } } },
      editor,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createReport).toMatchObject({ name: NAME, description: DESCRIPTION });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    collectConsoleErrors(page, errors);
    page.on('response', (r) => {
      if (/\.woff2?$/.test(new URL(r.url()).pathname)) fontResponses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? '' });
    });
    cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a Latin-only page fetches no CJK, Arabic or Hebrew slice', async () => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const faces = await loadedFaces(page);
    for (const family of ['Noto Sans JP', 'Noto Sans KR', 'Noto Sans SC', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Color Emoji']) {
      expect(faces[family], family).toBeUndefined();
    }
  });

  it('draws the report name and description in every script with the Noto web fonts, never a box', async () => {
    await devSignIn(page, app.url, 'acme', 'editor');
    const link = page.getByRole('link', { name: NAME, exact: true });
    await link.waitFor();
    expect(await link.textContent()).toBe(NAME);
    await expect.poll(async () => (await loadedFaces(page))['Noto Sans KR'] ?? 0).toBeGreaterThan(0);

    // One probe per script, styled like any text in the app (the :root font stack of styles.css).
    await page.evaluate((samples: Record<string, string>) => {
      const box = document.createElement('div');
      box.id = 'script-probes';
      for (const [id, text] of Object.entries(samples)) {
        const span = document.createElement('span');
        span.id = id;
        span.textContent = text;
        box.append(span, ' ');
      }
      document.body.append(box);
    }, { ja: '東京レポート', ko: '한국어', ar: 'العربية', he: 'עברית', zh: '说明', el: 'Ελληνικά', ru: 'Русский', latin: 'Reportcast', emoji: '📈🚀' });
    await page.evaluate(() => document.fonts.ready);
    await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Noto Sans JP"', '東京'))).toBe(true);

    // Every glyph is drawn by a web font, each script by its family; Han characters by the first
    // family in the stack that has them (Noto Sans JP), Simplified forms Japanese lacks by Noto
    // Sans SC. (Chromium names a font by the name inside the file: "Noto Sans JP Thin" is the
    // variable JP font's default instance, which the CSS family "Noto Sans JP" at 400 uses.)
    const families: Record<string, RegExp> = {
      ja: /^Noto Sans JP\b/, ko: /^Noto Sans KR\b/, ar: /^Noto Sans Arabic\b/, he: /^Noto Sans Hebrew\b/,
      zh: /^Noto Sans (JP|SC)\b/, el: /^Noto Sans$/, ru: /^Noto Sans$/, latin: /^Noto Sans$/,
      emoji: /^Noto Color Emoji$/,
    };
    for (const [id, family] of Object.entries(families)) {
      const fonts = await fontsOf(cdp, `#${id}`);
      expect(fonts.length, id).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.familyName, id).toMatch(family);
        expect(font.isCustomFont, `${id}: ${font.familyName} is a web font`).toBe(true);
      }
    }
    await expect.poll(async () => (await loadedFaces(page))['Noto Color Emoji'] ?? 0).toBeGreaterThan(0);
    await page.evaluate(() => document.fonts.ready);
    await shot(page, `web-fonts-every-script-${chromiumBinary!.source}-chromium`);
    // The report's own row, drawn while the slices were still loading, is redrawn with them too.
    await link.evaluate((a) => a.setAttribute('data-probe', 'report-name'));
    const rowFonts = await fontsOf(cdp, '[data-probe="report-name"]');
    for (const font of rowFonts) expect(font.isCustomFont, `report name: ${font.familyName} is a web font`).toBe(true);
    expect(rowFonts.map((f) => f.familyName).join(', ')).toMatch(/(?=.*Noto Sans JP\b)(?=.*Noto Sans KR\b)(?=.*Noto Sans Arabic\b)/);

    // The woff2 slices come from our own origin (CSP font-src 'self'), and only a few of them.
    expect(fontResponses.length).toBeGreaterThan(0);
    for (const r of fontResponses) {
      expect(new URL(r.url).origin).toBe(new URL(app.url).origin);
      expect(r.status).toBe(200);
      expect(r.type).toBe('font/woff2');
    }
    const faces = await loadedFaces(page);
    expect(faces['Noto Sans JP']).toBeLessThan(10); // of 124 slices
  });

  it('logged no errors in the browser console (no font refused by the Content-Security-Policy)', () => {
    expect(errors).toEqual([]);
  });
});
