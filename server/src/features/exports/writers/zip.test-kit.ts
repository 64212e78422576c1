/**
 * Reading ZIP files back in tests (not used by production code), with two readers that share no
 * code with the writer's path through zip.js's ZipWriter: Python's zipfile (a separate
 * implementation, which must refuse AES entries it cannot decrypt) and zip.js's own ZipReader
 * (the one reader here that decrypts WinZip AES). Lives beside the server code so tests in test/
 * reach @zip.js/zip.js, a server dependency.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';

export interface PythonZipEntry {
  name: string;
  /** General purpose flag bits (bit 0: encrypted). */
  flags: number;
  /** 8: deflate; 99: WinZip AES. */
  compressType: number;
  /** base64 of the content, when Python could read it. */
  content?: string;
  /** `<Exception>: <message>` when it could not (an AES entry: RuntimeError, "password required"). */
  error?: string;
}

const PYTHON_READ_ZIP = `
import base64, json, sys, zipfile
out = []
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        entry = {"name": info.filename, "flags": info.flag_bits, "compressType": info.compress_type}
        try:
            entry["content"] = base64.b64encode(z.read(info)).decode()
        except Exception as e:
            entry["error"] = type(e).__name__ + ": " + str(e)
        out.append(entry)
print(json.dumps(out))`;

/** Every entry of `zip` as Python's zipfile reads it (no password given). */
export function pythonZipEntries(zip: Buffer): PythonZipEntry[] {
  const dir = mkdtempSync(join(tmpdir(), 'zip-kit-'));
  try {
    const path = join(dir, `${createHash('sha1').update(zip).digest('hex')}.zip`);
    writeFileSync(path, zip);
    return JSON.parse(execFileSync('python3', ['-c', PYTHON_READ_ZIP, path], { encoding: 'utf8', maxBuffer: 1 << 30 })) as PythonZipEntry[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file entry of `zip` read by zip.js, decrypted with `password` when given. */
export async function zipJsEntries(zip: Buffer, password?: string): Promise<{ name: string; encrypted: boolean; content: Buffer }[]> {
  const reader = new ZipReader(new BlobReader(new Blob([zip])));
  try {
    const out = [];
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue;
      const content = await entry.getData(new Uint8ArrayWriter(), password === undefined ? {} : { password });
      out.push({ name: entry.filename, encrypted: entry.encrypted, content: Buffer.from(content) });
    }
    return out;
  } finally {
    await reader.close();
  }
}
