/**
 * A chart as PNG, for email bodies (mail clients do not show SVG): the ECharts SVG (chart-svg.ts)
 * rasterised by resvg with the Noto fonts the PDF embeds, loaded from their npm packages, never from
 * the system: the image is the same on a bare container and Japanese, Chinese, Korean, Arabic,
 * Hebrew and Greek labels have their glyphs (resvg falls back across the loaded faces per glyph).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderAsync } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The faces pdf-fonts.ts draws with, by npm package and file stem; Noto Sans first (the default). */
const FACES: [pkg: string, stem: string][] = [
  ['@expo-google-fonts/noto-sans', 'NotoSans'],
  ['@expo-google-fonts/noto-sans-jp', 'NotoSansJP'],
  ['@expo-google-fonts/noto-sans-sc', 'NotoSansSC'],
  ['@expo-google-fonts/noto-sans-kr', 'NotoSansKR'],
  ['@expo-google-fonts/noto-sans-arabic', 'NotoSansArabic'],
  ['@expo-google-fonts/noto-sans-hebrew', 'NotoSansHebrew'],
  ['@expo-google-fonts/noto-emoji', 'NotoEmoji'],
];

let fontFiles: string[] | undefined;

/** Paths of the regular and bold TTFs of every face (each weight ships an index.js beside its .ttf). */
export function chartFontFiles(): string[] {
  fontFiles ??= FACES.flatMap(([pkg, stem]) => ['400Regular', '700Bold'].map((weight) => join(dirname(require.resolve(`${pkg}/${weight}`)), `${stem}_${weight}.ttf`)));
  return fontFiles;
}

/**
 * PNG bytes of `svg` at `scale` × its size (2: sharp on high-density screens while the HTML shows
 * it at 1×), on a white background. Runs on libuv's thread pool, not the event loop.
 */
export async function renderChartPng(svg: string, scale = 2): Promise<Buffer> {
  const width = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 600);
  const image = await renderAsync(svg, {
    background: '#ffffff',
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: 'Noto Sans', sansSerifFamily: 'Noto Sans' },
    logLevel: 'off',
  });
  return image.asPng();
}

const PNG_CACHE = 32;
const pngs = new Map<string, Promise<Buffer>>();

/**
 * The PNG made by `make`, shared by every caller giving the same `key` (the chart's inputs: its
 * definition, visualization, rows, zone, locale and size), among the last 32: ten thousand
 * scheduled runs of one report at one instant email one image, drawn once, instead of loading the
 * fonts and rasterising the same chart ten thousand times. A failed drawing is not kept.
 */
export function sharedChartPng(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  const digest = createHash('sha256').update(key).digest('hex');
  let png = pngs.get(digest);
  if (png) {
    // Most recently used last: the oldest entry is the first to go.
    pngs.delete(digest);
    pngs.set(digest, png);
    return png;
  }
  png = make();
  pngs.set(digest, png);
  png.catch(() => { if (pngs.get(digest) === png) pngs.delete(digest); });
  if (pngs.size > PNG_CACHE) pngs.delete(pngs.keys().next().value!);
  return png;
}
