/**
 * Reads a PDF's text with pdfjs-dist (npm), so PDF checks need nothing from the system. Text is laid
 * out like `pdftotext -layout` closely enough for our assertions: one line per baseline, pieces in
 * reading order separated by a space where the PDF leaves a gap, pages separated by a form feed.
 *
 * Poppler (`pdftotext`) stays as an optional second reader: `popplerText` runs it where it exists;
 * `poppler` says whether it does; whether its absence is an error is system-tools.ts's call.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/pdf.js';
import { checkSystemTool } from './system-tools.js';

export interface PdfPage {
  /** Width and height in points (pdfinfo's "Page size"). */
  width: number;
  height: number;
  text: string;
}

/** How to open a PDF: `password` for an encrypted one (without it pdfjs throws a PasswordException). */
export interface PdfOpenOptions {
  password?: string;
}

export interface PdfContent {
  /** All pages' text, joined with a form feed like pdftotext. */
  text: string;
  pages: number;
  pageList: PdfPage[];
}

interface Piece {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

const require = createRequire(import.meta.url);
/** pdfjs wants the standard fonts' metrics for non-embedded fonts (pdfkit's Helvetica). */
const STANDARD_FONTS = join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

/**
 * Opens a PDF with pdfjs and hands each page to `read`, in order; the document is closed after.
 * The one place tests load a PDF (this file's layout and the Unicode test kit's raw item order).
 */
export async function readPdfPages<T>(pdf: Uint8Array, read: (page: PDFPageProxy) => Promise<T>, options: PdfOpenOptions = {}): Promise<T[]> {
  // Node 20 needs the legacy build (the modern one uses APIs newer than Node 20 has).
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy, not the caller's bytes.
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl: STANDARD_FONTS,
    verbosity: VerbosityLevel.ERRORS,
    isEvalSupported: false,
    ...(options.password !== undefined ? { password: options.password } : {}),
  }).promise;
  try {
    const results: T[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      results.push(await read(page));
      page.cleanup();
    }
    return results;
  } finally {
    await doc.destroy();
  }
}

/** Extracts every page's text and size from a PDF. */
export async function pdfContent(pdf: Uint8Array, options: PdfOpenOptions = {}): Promise<PdfContent> {
  const pageList = await readPdfPages(pdf, async (page): Promise<PdfPage> => {
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const pieces: Piece[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [a, b, , , x, y] = item.transform as number[];
      pieces.push({ str: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(a!, b!) || item.height || 10 });
    }
    return { width: round2(x1 - x0), height: round2(y1 - y0), text: layOut(pieces) };
  }, options);
  return { text: pageList.map((p) => p.text).join('\f'), pages: pageList.length, pageList };
}

/** The text only (convenience for tests that need no page facts). */
export async function pdfText(pdf: Uint8Array, options: PdfOpenOptions = {}): Promise<string> {
  return (await pdfContent(pdf, options)).text;
}

/**
 * Groups pieces into lines by baseline (top to bottom), orders each line left to right and puts a
 * space where the gap between two pieces is wider than a fraction of the font size. Whitespace runs
 * are normalised to one space (pdfkit emits spaces inside strings and between words depending on
 * the font; assertions must not depend on that), so tests match with `\s+` as they did on poppler.
 */
function layOut(pieces: Piece[]): string {
  const lines: { y: number; pieces: Piece[] }[] = [];
  for (const p of [...pieces].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l.y - p.y) <= Math.max(1, p.size * 0.3));
    if (line) line.pieces.push(p);
    else lines.push({ y: p.y, pieces: [p] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      let out = '';
      let end = -Infinity;
      for (const p of l.pieces.sort((a, b) => a.x - b.x)) {
        if (out !== '' && p.x - end > p.size * 0.15) out += ' ';
        out += p.str;
        end = p.x + p.width;
      }
      return out.replace(/[ \t]+/g, ' ').trim();
    })
    .join('\n') + '\n';
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Poppler's pdftotext, when this machine has it (Debian's poppler-utils). */
export const POPPLER_PDFTOTEXT = '/usr/bin/pdftotext';
export const poppler = existsSync(POPPLER_PDFTOTEXT);
/** Appended to a real-client test's name when it cannot run here. */
export const popplerSkipReason = poppler ? '' : ' (skipped: pdftotext is not installed; apt-get install poppler-utils)';
checkSystemTool(`pdftotext (${POPPLER_PDFTOTEXT})`, poppler, 'apt-get install poppler-utils');

/** `pdftotext -layout` of a PDF (only where `poppler` is true). */
export function popplerText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rc-poppler-'));
  try {
    writeFileSync(join(dir, 'f.pdf'), pdf);
    return execFileSync(POPPLER_PDFTOTEXT, ['-layout', '-enc', 'UTF-8', join(dir, 'f.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Collapses whitespace, for comparing two readers' text regardless of layout. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
