/**
 * Packaging read back by other programs: gzip by node:zlib, ZIP by Python's zipfile (a separate
 * implementation), AES ZIPs by @zip.js/zip.js's reader (Python's zipfile cannot decrypt AES: it must
 * refuse), encrypted PDFs by pdfjs-dist (and poppler's pdfinfo where installed). Every unpacked
 * file must be byte for byte the file written without packaging.
 */
import { execFileSync } from 'node:child_process';
import { Transform } from 'node:stream';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../../test/support/pdf-text.js';
import { createWriter } from './create-writer.js';
import {
  createPackager, packagedContentType, packagedExtension, packagedFileName, packagingOf, packagingProblem, passwordProblem, type Compression, type Packaging,
} from './packaging.js';
import type { ExportFormat, WriterOptions } from './writer.js';
import { collector, COLUMNS, META, ROWS, volumeRows, VOLUME_COLUMNS } from './writer-test-kit.js';
import { pythonZipEntries, zipJsEntries } from './zip.test-kit.js';

const PASSWORD = 'horse 東京 Ελληνικά'; // any text for a ZIP
const PDF_PASSWORD = 'Correct-Horse 42!';
const dir = mkdtempSync(join(tmpdir(), 'packaging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Written {
  /** The packaged file. */
  file: Buffer;
  /** What the format writer wrote into the packager (tee'd): the unpackaged file of the same run. */
  raw: Buffer;
}

async function writeBoth(format: ExportFormat, packaging: Packaging, opts: { password?: string; rows?: unknown[][]; columns?: typeof COLUMNS; options?: WriterOptions } = {}): Promise<Written> {
  const sink = collector();
  const packager = createPackager(sink.output, { packaging, entryName: `Usage Summary 東京.${format.toLowerCase()}`, password: opts.password ?? null });
  const raw: Buffer[] = [];
  // A tee in front of the packager: the very bytes the writer produced, to compare the unpacked ones with.
  const tee = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      raw.push(Buffer.from(chunk));
      cb(null, chunk);
    },
  });
  tee.pipe(packager.input);
  const writer = createWriter(format, {
    output: tee,
    columns: opts.columns ?? COLUMNS,
    meta: META,
    options: { ...(packaging.pdfEncrypted ? { pdfPassword: opts.password } : {}), ...opts.options },
  });
  const rows = opts.rows ?? ROWS;
  for (let i = 0; i < rows.length; i += 500) await writer.write(rows.slice(i, i + 500));
  await writer.finish();
  await packager.done;
  return { file: sink.bytes(), raw: Buffer.concat(raw) };
}

async function writeFile(...args: Parameters<typeof writeBoth>): Promise<Buffer> {
  return (await writeBoth(...args)).file;
}

const plainOf = (format: ExportFormat, opts: Parameters<typeof writeFile>[2] = {}) => writeFile(format, packagingOf(format, null, false), opts);

const pythonZip = pythonZipEntries;
const zipJsRead = zipJsEntries;

describe('GZIP', () => {
  it.each(['CSV', 'JSON'] as const)('%s: gunzips to the bytes of the uncompressed export', async (format) => {
    const plain = await plainOf(format);
    const gz = await writeFile(format, packagingOf(format, 'GZIP', false));
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(gz).equals(plain)).toBe(true);
  });

  it.each(['XLSX', 'PDF'] as const)('%s: gunzips to the bytes the writer wrote (these formats stamp the time, so compare one run)', async (format) => {
    const { file, raw } = await writeBoth(format, packagingOf(format, 'GZIP', false));
    expect(raw.length).toBeGreaterThan(1000);
    expect(gunzipSync(file).equals(raw)).toBe(true);
  });

  it('a large CSV gunzips identical, and is much smaller', async () => {
    const rows = volumeRows(0, 50_000);
    const plain = await plainOf('CSV', { rows, columns: VOLUME_COLUMNS });
    const gz = await writeFile('CSV', packagingOf('CSV', 'GZIP', false), { rows, columns: VOLUME_COLUMNS });
    expect(gunzipSync(gz).equals(plain)).toBe(true);
    expect(gz.length).toBeLessThan(plain.length / 3);
  });
});

describe('ZIP', () => {
  it.each(['CSV', 'JSON', 'XLSX', 'PDF'] as const)('%s: Python zipfile finds the one file, with its proper name, identical to the uncompressed export', async (format) => {
    const { file: zip, raw } = await writeBoth(format, packagingOf(format, 'ZIP', false));
    const entries = pythonZip(zip);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.name).toBe(`Usage Summary 東京.${format.toLowerCase()}`);
    expect(entries[0]!.compressType).toBe(8); // deflate
    expect(entries[0]!.error).toBeUndefined();
    const content = Buffer.from(entries[0]!.content!, 'base64');
    expect(content.equals(raw)).toBe(true);
    // CSV and JSON are deterministic: identical to a separate uncompressed export, too.
    if (format === 'CSV' || format === 'JSON') expect(content.equals(await plainOf(format))).toBe(true);
    if (format === 'PDF') expect(await pdfText(content)).toContain('Usage Summary');
  });

  it('a large CSV unzips identical (Python), in a Zip64-capable archive', async () => {
    const rows = volumeRows(0, 50_000);
    const plain = await plainOf('CSV', { rows, columns: VOLUME_COLUMNS });
    const zip = await writeFile('CSV', packagingOf('CSV', 'ZIP', false), { rows, columns: VOLUME_COLUMNS });
    const [entry] = pythonZip(zip);
    expect(Buffer.from(entry!.content!, 'base64').equals(plain)).toBe(true);
    expect(zip.length).toBeLessThan(plain.length / 3);
  });
});

describe('ZIP read by Info-ZIP', () => {
  it.runIf(existsSync('/usr/bin/unzip'))('unzip -p extracts the streamed (Zip64, data descriptor) entry unchanged', async () => {
    const rows = volumeRows(0, 20_000);
    const { file, raw } = await writeBoth('CSV', packagingOf('CSV', 'ZIP', false), { rows, columns: VOLUME_COLUMNS });
    const path = join(dir, 'info-zip.zip');
    writeFileSync(path, file);
    expect(execFileSync('/usr/bin/unzip', ['-p', path], { maxBuffer: 1 << 30 }).equals(raw)).toBe(true);
  });
});

describe('password-protected ZIP (AES-256)', () => {
  it.each(['CSV', 'JSON', 'XLSX'] as const)('%s: Python zipfile refuses without a password; zip.js opens it with the password to the same bytes', async (format) => {
    const packaging = packagingOf(format, null, true);
    expect(packaging).toEqual({ container: 'ZIP', zipEncrypted: true, pdfEncrypted: false });
    const { file: zip, raw } = await writeBoth(format, packaging, { password: PASSWORD });
    const [py] = pythonZip(zip);
    expect(py!.name).toBe(`Usage Summary 東京.${format.toLowerCase()}`);
    expect(py!.flags & 1).toBe(1); // the "encrypted" flag
    expect(py!.compressType).toBe(99); // WinZip AES
    expect(py!.error).toMatch(/RuntimeError: .*encrypted, password required/);
    expect(py!.content).toBeUndefined();

    const [entry] = await zipJsRead(zip, PASSWORD);
    expect(entry!.encrypted).toBe(true);
    expect(entry!.content.equals(raw)).toBe(true);
    if (format !== 'XLSX') expect(entry!.content.equals(await plainOf(format))).toBe(true);
    await expect(zipJsRead(zip, 'wrong password')).rejects.toThrow(/password/i);
    await expect(zipJsRead(zip)).rejects.toThrow(/encrypted|password/i);
  });

  it('records AES strength 3 (256-bit) in the entry', async () => {
    const zip = await writeFile('CSV', packagingOf('CSV', 'ZIP', true), { password: PASSWORD });
    // The WinZip AES extra field (0x9901): vendor "AE", strength byte 3 = AES-256.
    const at = zip.indexOf(Buffer.from([0x01, 0x99, 0x07, 0x00]));
    expect(at).toBeGreaterThan(0);
    expect(zip.subarray(at + 6, at + 8).toString('latin1')).toBe('AE');
    expect(zip[at + 8]).toBe(3);
  });

  it('never writes the password into the file', async () => {
    const zip = await writeFile('CSV', packagingOf('CSV', 'ZIP', true), { password: 'plaintextpassword' });
    expect(zip.includes(Buffer.from('plaintextpassword'))).toBe(false);
  });
});

describe('password-protected PDF (pdfkit AES-256)', () => {
  it('pdfjs refuses without the password (PasswordException) and reads the text with it', async () => {
    const packaging = packagingOf('PDF', null, true);
    expect(packaging).toEqual({ container: 'NONE', zipEncrypted: false, pdfEncrypted: true });
    const pdf = await writeFile('PDF', packaging, { password: PDF_PASSWORD });
    expect(pdf.includes(Buffer.from('/Encrypt'))).toBe(true);
    await expect(pdfText(pdf)).rejects.toMatchObject({ name: 'PasswordException' });
    await expect(pdfText(pdf, { password: 'wrong password' })).rejects.toMatchObject({ name: 'PasswordException' });
    const text = await pdfText(pdf, { password: PDF_PASSWORD });
    expect(text).toContain('Usage Summary');
    expect(text).toContain(await pdfText(await plainOf('PDF')).then((t) => t.split('\n')[0]!));
    expect(pdf.includes(Buffer.from('Usage Summary'))).toBe(false); // not even the title in clear
  });

  it.runIf(existsSync('/usr/bin/pdfinfo'))('poppler\'s pdfinfo says AES-256', async () => {
    const pdf = await writeFile('PDF', packagingOf('PDF', null, true), { password: PDF_PASSWORD });
    const path = join(dir, 'protected.pdf');
    writeFileSync(path, pdf);
    const info = execFileSync('/usr/bin/pdfinfo', ['-upw', PDF_PASSWORD, path], { encoding: 'utf8' });
    expect(info).toMatch(/Encrypted:\s+yes \(.*algorithm:AES-256\)/);
    expect(info).toMatch(/print:yes copy:yes change:no/);
  });

  it('a protected PDF may still be zipped (unencrypted ZIP around the encrypted PDF)', async () => {
    const packaging = packagingOf('PDF', 'ZIP', true);
    expect(packaging).toEqual({ container: 'ZIP', zipEncrypted: false, pdfEncrypted: true });
    const zip = await writeFile('PDF', packaging, { password: PDF_PASSWORD });
    const [py] = pythonZip(zip);
    const pdf = Buffer.from(py!.content!, 'base64');
    await expect(pdfText(pdf)).rejects.toMatchObject({ name: 'PasswordException' });
    expect(await pdfText(pdf, { password: PDF_PASSWORD })).toContain('Usage Summary');
  });
});

describe('stopping early (cancel, failed upload)', () => {
  it.each(['GZIP', 'ZIP'] as const)('%s: abort mid-file settles done with an error, nothing unhandled, nothing waits forever', async (compression) => {
    const sink = collector();
    const packager = createPackager(sink.output, { packaging: packagingOf('CSV', compression, false), entryName: 'x.csv' });
    const writer = createWriter('CSV', { output: packager.input, columns: VOLUME_COLUMNS, meta: META, options: {} });
    await writer.write(volumeRows(0, 5_000));
    writer.abort();
    packager.abort(new Error('cancelled'));
    await expect(packager.done).rejects.toThrow();
  });

  it('GZIP: a cancel without an error still settles done', async () => {
    const sink = collector();
    const packager = createPackager(sink.output, { packaging: packagingOf('CSV', 'GZIP', false), entryName: 'x.csv' });
    packager.input.write('a,b\r\n');
    packager.abort();
    await expect(packager.done).rejects.toThrow(/stopped before the end/);
  });
});

describe('names, types and rules', () => {
  it.each<[ExportFormat, Compression | null, boolean, string, string, string]>([
    ['CSV', null, false, 'r_2026.csv', 'csv', 'text/csv; charset=utf-8'],
    ['CSV', 'GZIP', false, 'r_2026.csv.gz', 'csv.gz', 'application/gzip'],
    ['CSV', 'ZIP', false, 'r_2026.zip', 'zip', 'application/zip'],
    ['CSV', null, true, 'r_2026.zip', 'zip', 'application/zip'],
    ['XLSX', 'ZIP', true, 'r_2026.zip', 'zip', 'application/zip'],
    ['PDF', null, true, 'r_2026.pdf', 'pdf', 'application/pdf'],
    ['PDF', 'GZIP', true, 'r_2026.pdf.gz', 'pdf.gz', 'application/gzip'],
    ['JSON', 'GZIP', false, 'r_2026.json.gz', 'json.gz', 'application/gzip'],
  ])('%s compression=%s protected=%s → %s', (format, compression, protectedFile, name, ext, type) => {
    const packaging = packagingOf(format, compression, protectedFile);
    const base = format === 'CSV' ? 'text/csv; charset=utf-8' : format === 'PDF' ? 'application/pdf' : 'x/base';
    expect(packagedFileName(`r_2026.${format.toLowerCase()}`, packaging)).toBe(name);
    expect(packagedExtension(format.toLowerCase(), packaging)).toBe(ext);
    if (format === 'CSV' || format === 'PDF' || packaging.container !== 'NONE') expect(packagedContentType(base, packaging)).toBe(type);
  });

  it('refuses GZIP with a password for CSV, XLSX, JSON (gzip cannot encrypt), not for PDF', () => {
    for (const format of ['CSV', 'XLSX', 'JSON'] as const) expect(packagingProblem(format, 'GZIP', true)).toMatch(/gzip has no password protection/);
    expect(packagingProblem('PDF', 'GZIP', true)).toBeNull();
    expect(packagingProblem('CSV', 'GZIP', false)).toBeNull();
    expect(packagingProblem('CSV', 'ZIP', true)).toBeNull();
  });

  it('a PDF password is 8..32 printable ASCII characters; a ZIP password may be any text', async () => {
    for (const password of ['rocket 🚀 launch', 'Zürich passé', 'horse 東京 Ελληνικά']) {
      expect(passwordProblem(password, 'PDF')).toMatch(/printable ASCII/);
      expect(passwordProblem(password, 'CSV')).toBeNull();
    }
    expect(passwordProblem('abcdefghijklmnopqrstuvwxyz012345', 'PDF')).toBeNull();
    expect(passwordProblem('abcdefghijklmnopqrstuvwxyz0123456', 'PDF')).toMatch(/at most 32/);
    expect(passwordProblem('abcdefghijklmnopqrstuvwxyz0123456', 'XLSX')).toBeNull();
    // The longest accepted one opens the file.
    const pdf = await writeFile('PDF', packagingOf('PDF', null, true), { password: 'abc def~ghijklmnopqrstuvwxyz0123' });
    expect(await pdfText(pdf, { password: 'abc def~ghijklmnopqrstuvwxyz0123' })).toContain('Usage Summary');
  });

  it.each([
    ['short', /at least 8/],
    ['1234567', /at least 8/],
    ['東京東京東京東', /at least 8/], // 7 code points
    ['x'.repeat(257), /at most 256/],
    ['tab\tinside!', /control/],
  ])('refuses the password %j', (password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it.each(['12345678', '東京東京東京東京', 'correct horse battery staple'])('accepts the password %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });
});
