/**
 * How an export file is packaged on its way to storage: as it is, gzip-compressed (`name.csv.gz`),
 * or inside a ZIP (`name.zip` holding `name.csv`), optionally AES-256-encrypted. Streaming in
 * constant memory: the format writer writes into `input`, the packaged bytes come out on the
 * output it was given, and nothing holds the whole file.
 *
 * - GZIP: node:zlib's createGzip.
 * - ZIP: @zip.js/zip.js's ZipWriter over a web WritableStream bridged to the Node output, with the
 *   one entry added from a web ReadableStream of `input` (unknown size: zip.js writes a data
 *   descriptor and Zip64 local headers, which every current unzip reads). With a password the entry
 *   is WinZip AES-256 (`encryptionStrength: 3`), what 7-Zip, WinZip, PeaZip, The Unarchiver and
 *   zip.js open; Windows Explorer, macOS Archive Utility and Python's zipfile cannot (Python
 *   refuses without decrypting, as it should).
 * - A PDF with a password is not zipped for it: pdfkit encrypts the PDF itself (see pdfEncryption).
 *
 * Pure: no I/O beyond the streams it is given.
 */
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { createGzip, constants as zlibConstants } from 'node:zlib';
import { configure, ZipWriter } from '@zip.js/zip.js';
import type { ExportFormat } from './writer.js';

// zip.js would otherwise look for Web Workers (none in Node): compress on the main thread, with
// the platform's CompressionStream (native zlib underneath).
configure({ useWebWorkers: false });

export const COMPRESSIONS = ['GZIP', 'ZIP'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** Shortest password accepted for a protected file. */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest: far beyond any passphrase, short enough to never be a payload. */
export const MAX_PASSWORD_LENGTH = 256;
/** Longest PDF password (ASCII characters, see passwordProblem). */
export const MAX_PDF_PASSWORD_LENGTH = 32;

export interface Packaging {
  /** What wraps the format's bytes: NONE (the file itself), GZIP or ZIP. */
  container: 'NONE' | Compression;
  /** The ZIP entry is AES-256 encrypted with the password (CSV, XLSX, JSON with a password). */
  zipEncrypted: boolean;
  /** The PDF encrypts itself with the password (PDF with a password). */
  pdfEncrypted: boolean;
}

/**
 * What a format, a compression and the presence of a password make: a protected CSV, XLSX or
 * JSON goes inside an encrypted ZIP (with or without compression: ZIP); a protected PDF encrypts
 * itself, and is zipped or gzipped only when asked. GZIP cannot carry a password: the caller must
 * refuse that pair first (packagingProblem).
 */
export function packagingOf(format: ExportFormat, compression: Compression | null, passwordProtected: boolean): Packaging {
  const pdfEncrypted = passwordProtected && format === 'PDF';
  const zipEncrypted = passwordProtected && format !== 'PDF';
  const container = zipEncrypted ? 'ZIP' : compression ?? 'NONE';
  return { container, zipEncrypted, pdfEncrypted };
}

/** Why these options cannot be combined, or null. */
export function packagingProblem(format: ExportFormat, compression: Compression | null, passwordProtected: boolean): string | null {
  if (passwordProtected && format !== 'PDF' && compression === 'GZIP') {
    return 'gzip has no password protection: a protected CSV, XLSX or JSON file is an encrypted ZIP (choose ZIP, or no compression)';
  }
  return null;
}

/**
 * Why a password is refused, or null. A PDF password is stricter, from what readers do with
 * pdfkit's AES-256 files (revision 5 handler), measured here: pdf.js (Firefox's viewer) encodes a
 * revision-5 password as Latin-1 while pdfkit writes UTF-8, so only ASCII opens everywhere; and a
 * password over 32 bytes is written but opened by neither pdf.js nor poppler. A ZIP's AES password
 * may hold any character.
 */
export function passwordProblem(password: string, format?: ExportFormat): string | null {
  const length = Array.from(password).length;
  if (length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `at most ${MAX_PASSWORD_LENGTH} characters`;
  if (/[\u0000-\u001F\u007F-\u009F]/.test(password)) return 'no control characters';
  if (format === 'PDF') {
    if (!/^[\x20-\x7E]+$/.test(password)) return 'a PDF password is printable ASCII only (PDF readers encode other characters differently, so the file would not open everywhere)';
    if (password.length > MAX_PDF_PASSWORD_LENGTH) return `a PDF password is at most ${MAX_PDF_PASSWORD_LENGTH} characters (longer ones do not open)`;
  }
  return null;
}

/** `name.csv` → `name.csv.gz` (GZIP), `name.zip` (ZIP), `name.csv` (NONE). */
export function packagedFileName(fileName: string, packaging: Packaging): string {
  if (packaging.container === 'GZIP') return `${fileName}.gz`;
  if (packaging.container === 'ZIP') {
    const dot = fileName.lastIndexOf('.');
    return `${dot > 0 ? fileName.slice(0, dot) : fileName}.zip`;
  }
  return fileName;
}

/** The extension the packaged file is stored under: `csv`, `csv.gz`, `zip`. */
export function packagedExtension(ext: string, packaging: Packaging): string {
  if (packaging.container === 'GZIP') return `${ext}.gz`;
  if (packaging.container === 'ZIP') return 'zip';
  return ext;
}

export function packagedContentType(contentType: string, packaging: Packaging): string {
  if (packaging.container === 'GZIP') return 'application/gzip';
  if (packaging.container === 'ZIP') return 'application/zip';
  return contentType;
}

export interface PdfEncryption {
  pdfVersion: '1.7ext3';
  userPassword: string;
  ownerPassword: string;
  permissions: { printing: 'highResolution'; copying: boolean; modifying: boolean; annotating: boolean; fillingForms: boolean; contentAccessibility: boolean; documentAssembly: boolean };
}

/**
 * pdfkit's options for an AES-256 encrypted PDF (PDF 1.7 extension level 3, revision 6 handler)
 * that opens with `password` and may be printed and copied from, not changed.
 */
export function pdfEncryption(password: string): PdfEncryption {
  return {
    pdfVersion: '1.7ext3',
    userPassword: password,
    // Random and thrown away: with the user's password as owner password too, opening the file
    // would grant every permission and the ones below would mean nothing.
    ownerPassword: randomBytes(24).toString('base64url'),
    permissions: { printing: 'highResolution', copying: true, modifying: false, annotating: false, fillingForms: false, contentAccessibility: true, documentAssembly: false },
  };
}

export interface Packager {
  /** Where the format writer writes the file; ending it finishes the package. */
  input: Writable;
  /** Resolves once every packaged byte was written to the output and the output was ended. */
  done: Promise<void>;
  /** Stops early: releases the streams without finishing the package. */
  abort(error?: Error): void;
}

export interface PackagerOptions {
  packaging: Packaging;
  /** The name of the file inside a ZIP (`name.csv`), the format writer's own name. */
  entryName: string;
  /** For an encrypted ZIP entry. */
  password?: string | null;
  /** Deflate level 1..9 (default 6: zlib's and zip's usual balance of size and speed). */
  level?: number;
}

/**
 * Wraps `output` in the packaging. With NONE, `input` is `output` itself (no extra copy); `done`
 * then resolves when output finished.
 */
export function createPackager(output: Writable, options: PackagerOptions): Packager {
  const { packaging } = options;
  const level = options.level ?? 6;
  if (packaging.container === 'NONE') {
    return {
      input: output,
      done: observed(new Promise<void>((resolve, reject) => {
        output.once('finish', resolve);
        output.once('error', reject);
      })),
      abort: () => undefined,
    };
  }
  if (packaging.container === 'GZIP') {
    const gzip = createGzip({ level, flush: zlibConstants.Z_NO_FLUSH });
    gzip.pipe(output);
    return {
      input: gzip,
      done: observed(new Promise<void>((resolve, reject) => {
        output.once('finish', resolve);
        output.once('error', reject);
        gzip.once('error', reject);
        // Destroyed without an error (a cancel): never 'finish'; settle so no one waits forever.
        gzip.once('close', () => { if (!gzip.writableFinished) reject(new Error('compression stopped before the end')); });
      })),
      abort: (error) => gzip.destroy(error),
    };
  }
  if (packaging.zipEncrypted && !options.password) throw new Error('An encrypted ZIP needs the password');
  const input = new PassThrough();
  const zip = new ZipWriter(Writable.toWeb(output));
  const done = (async () => {
    await zip.add(options.entryName, Readable.toWeb(input) as ReadableStream<Uint8Array>, {
      level,
      ...(packaging.zipEncrypted ? { password: options.password!, encryptionStrength: 3 as const } : {}),
    });
    // Writes the central directory and closes the web stream, which ends `output`.
    await zip.close();
  })();
  return {
    input,
    done: observed(done),
    abort: (error) => {
      input.destroy(error);
      output.destroy(error);
    },
  };
}

/**
 * `done` is awaited on success only; after a cancel or failure nobody may, so its rejection must
 * not count as unhandled (Node would end the process). Callers that await it still see it.
 */
function observed(promise: Promise<void>): Promise<void> {
  promise.catch(() => undefined);
  return promise;
}
