/**
 * Defence in depth: with `assertSafeKey` switched off (as if a bad key slipped past it), the fs
 * store must still never read, write, probe or delete outside its root.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('./export-storage.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./export-storage.js')>();
  return { ...original, assertSafeKey: () => undefined };
});

const { assertSafeKey } = await import('./export-storage.js');
const { FsExportStorage } = await import('./fs-storage.js');

const sandbox = mkdtempSync(path.join(tmpdir(), 'reportcast-fs-traversal-'));
const root = path.join(sandbox, 'root');
mkdirSync(path.join(root, 'exports/t'), { recursive: true });
writeFileSync(path.join(sandbox, 'secret.txt'), 'not yours');

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const crafted = ['../secret.txt', 'exports/../../secret.txt', 'exports/t/../../../secret.txt', path.join(sandbox, 'secret.txt'), '..', ''];

describe('FsExportStorage with assertSafeKey bypassed', () => {
  const storage = new FsExportStorage(root);

  it('really has the first check switched off', () => {
    expect(() => assertSafeKey('../secret.txt')).not.toThrow();
  });

  it('never reads outside the root', async () => {
    for (const key of crafted) {
      const result = await storage.openRead(key).catch(() => null);
      expect(result, key).toBeNull();
    }
  });

  it('never reports, writes or deletes outside the root', async () => {
    for (const key of crafted) {
      expect(await storage.exists(key).catch(() => false), key).toBe(false);
      await storage.delete(key).catch(() => undefined);
      await storage.put(key, Readable.from([Buffer.from('overwritten')]), 'text/plain').catch(() => undefined);
    }
    expect(readFileSync(path.join(sandbox, 'secret.txt'), 'utf8')).toBe('not yours');
    expect(existsSync(path.join(sandbox, 'secret.txt'))).toBe(true);
  });
});
