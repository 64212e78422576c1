/**
 * The behaviour every ExportStorage must have, as one vitest suite run against each store
 * (`fs-storage.test.ts`, `s3-storage.test.ts`). Test-only: imported by tests, never by the app.
 */
import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnsafeStorageKeyError, type ExportStorage } from './export-storage.js';

export const MB = 1024 * 1024;
const CHUNK = 64 * 1024;

export interface GeneratedBody {
  stream: Readable;
  /** Bytes handed to the consumer so far. */
  produced(): number;
  /** sha256 (hex) of everything produced so far: of the whole body once it has been read. */
  sha256(): string;
}

/**
 * A body of `totalBytes` random bytes, generated as it is read (never held in memory).
 * `failAfter`: the stream errors once that many bytes are out. `onProgress`: called after each chunk.
 */
export function generatedBody(
  totalBytes: number,
  options: { failAfter?: number; onProgress?: (produced: number) => void } = {},
): GeneratedBody {
  const hash = createHash('sha256');
  let produced = 0;
  let digest: string | undefined;
  const stream = new Readable({
    read() {
      if (options.failAfter !== undefined && produced >= options.failAfter) {
        this.destroy(new Error('body failed midway'));
        return;
      }
      if (produced >= totalBytes) {
        this.push(null);
        return;
      }
      const chunk = randomFillSync(Buffer.allocUnsafe(Math.min(CHUNK, totalBytes - produced)));
      hash.update(chunk);
      produced += chunk.length;
      this.push(chunk);
      options.onProgress?.(produced);
    },
  });
  return {
    stream,
    produced: () => produced,
    sha256: () => (digest ??= hash.copy().digest('hex')),
  };
}

export async function sha256Of(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export const UNSAFE_KEYS: readonly string[] = [
  '../x',
  '/abs',
  'a/../../b',
  'a\\b',
  'a%2f..',
  'a\0b',
  'exports/t/a\0.csv',
  `exports/${'a'.repeat(600)}.csv`,
  '',
  '..',
  'a/./b',
  'a//b',
  'a/',
  'exports/t/ü.csv',
  'exports/t/a b.csv',
];

const FUTURE = () => new Date(Date.now() + 60_000);
const PAST = () => new Date(Date.now() - 60_000);

export function registerStorageContract(name: string, makeStorage: () => ExportStorage | Promise<ExportStorage>): void {
  describe(`ExportStorage contract: ${name}`, () => {
    let storage: ExportStorage;
    const tenant = `tenant-${randomUUID()}`;
    const newKey = (ext = 'csv') => `exports/${tenant}/${randomUUID()}.${ext}`;

    beforeAll(async () => {
      storage = await makeStorage();
    });

    it('round-trips a 20 MB streamed body: put, exists, openRead, delete', async () => {
      const key = newKey();
      const body = generatedBody(20 * MB);
      expect(await storage.exists(key)).toBe(false);

      const stored = await storage.put(key, body.stream, 'text/csv', undefined);
      expect(stored.size).toBe(20 * MB);
      expect(await storage.exists(key)).toBe(true);

      const opened = await storage.openRead(key);
      expect(opened).not.toBeNull();
      expect(opened!.size).toBe(20 * MB);
      const read = await sha256Of(opened!.stream);
      expect(read.bytes).toBe(20 * MB);
      expect(read.sha256).toBe(body.sha256());

      await storage.delete(key);
      expect(await storage.exists(key)).toBe(false);
      expect(await storage.openRead(key)).toBeNull();
    });

    it('stores small and empty bodies too', async () => {
      const key = newKey('json');
      await expect(storage.put(key, Readable.from([Buffer.from('[1,2,3]')]), 'application/json')).resolves.toEqual({ size: 7 });
      const opened = await storage.openRead(key);
      expect((await sha256Of(opened!.stream)).sha256).toBe(createHash('sha256').update('[1,2,3]').digest('hex'));

      const empty = newKey();
      await expect(storage.put(empty, Readable.from([]), 'text/csv')).resolves.toEqual({ size: 0 });
      expect(await storage.exists(empty)).toBe(true);
      await storage.delete(key);
      await storage.delete(empty);
    });

    it('replaces an existing object on a second put', async () => {
      const key = newKey();
      await storage.put(key, Readable.from([Buffer.from('first')]), 'text/csv');
      await storage.put(key, Readable.from([Buffer.from('second!')]), 'text/csv');
      const opened = await storage.openRead(key);
      expect(opened!.size).toBe(7);
      expect((await sha256Of(opened!.stream)).sha256).toBe(createHash('sha256').update('second!').digest('hex'));
      await storage.delete(key);
    });

    it('a body that errors midway: put rejects with that error and nothing is visible', async () => {
      const key = newKey();
      const prefix = key.slice(0, key.lastIndexOf('.'));
      const body = generatedBody(20 * MB, { failAfter: 12 * MB });
      await expect(storage.put(key, body.stream, 'text/csv')).rejects.toThrow('body failed midway');
      expect(await storage.exists(key)).toBe(false);
      expect(await storage.openRead(key)).toBeNull();
      // No leftovers of any kind under the key (fs: no partial file).
      expect(await storage.listOlderThan(prefix, FUTURE())).toEqual([]);
    });

    it('an abort midway: put rejects with AbortError, the body is destroyed, nothing is visible', async () => {
      const key = newKey();
      const prefix = key.slice(0, key.lastIndexOf('.'));
      const controller = new AbortController();
      // Endless unless the store honours the abort (capped so a broken store fails, not hangs).
      const body = generatedBody(400 * MB, {
        onProgress: (produced) => {
          if (produced >= 12 * MB && !controller.signal.aborted) controller.abort();
        },
      });
      const started = Date.now();
      const error = await storage.put(key, body.stream, 'text/csv', controller.signal).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error?.name).toBe('AbortError');
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(body.produced()).toBeLessThan(40 * MB);
      expect(body.stream.destroyed).toBe(true);
      expect(await storage.exists(key)).toBe(false);
      expect(await storage.openRead(key)).toBeNull();
      expect(await storage.listOlderThan(prefix, FUTURE())).toEqual([]);
    });

    it('an already aborted signal: put rejects at once and stores nothing', async () => {
      const key = newKey();
      const controller = new AbortController();
      controller.abort();
      const body = generatedBody(1 * MB);
      await expect(storage.put(key, body.stream, 'text/csv', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
      expect(await storage.exists(key)).toBe(false);
    });

    it('delete is idempotent, also for keys that never existed', async () => {
      const key = newKey();
      await storage.put(key, Readable.from([Buffer.from('x')]), 'text/csv');
      await storage.delete(key);
      await expect(storage.delete(key)).resolves.toBeUndefined();
      await expect(storage.delete(`exports/never-${randomUUID()}/nested/missing.csv`)).resolves.toBeUndefined();
      expect(await storage.exists(key)).toBe(false);
    });

    it('listOlderThan lists keys under a prefix modified before the cut-off', async () => {
      const base = `exports/${tenant}/list-${randomUUID()}`;
      const keys = [`${base}/a1.csv`, `${base}/a2.pdf`, `${base}/b.csv`, `${base}/deep/a3.csv`];
      const elsewhere = `exports/${tenant}/other-${randomUUID()}/a1.csv`;
      for (const key of [...keys, elsewhere]) await storage.put(key, Readable.from([Buffer.from(key)]), 'text/csv');

      expect(await storage.listOlderThan(`${base}/`, FUTURE())).toEqual([...keys].sort());
      expect(await storage.listOlderThan(`${base}/a`, FUTURE())).toEqual([`${base}/a1.csv`, `${base}/a2.pdf`]);
      expect(await storage.listOlderThan(`${base}/`, PAST())).toEqual([]);
      expect(await storage.listOlderThan(`exports/nobody-${randomUUID()}/`, FUTURE())).toEqual([]);
      const all = await storage.listOlderThan('exports/', FUTURE());
      expect(all).toEqual(expect.arrayContaining([...keys, elsewhere]));

      for (const key of [...keys, elsewhere]) await storage.delete(key);
      expect(await storage.listOlderThan(`${base}/`, FUTURE())).toEqual([]);
    });

    it('every operation rejects unsafe keys before touching storage', async () => {
      for (const key of UNSAFE_KEYS) {
        await expect(storage.put(key, Readable.from([Buffer.from('x')]), 'text/csv'), key).rejects.toBeInstanceOf(UnsafeStorageKeyError);
        await expect(storage.openRead(key), key).rejects.toBeInstanceOf(UnsafeStorageKeyError);
        await expect(storage.exists(key), key).rejects.toBeInstanceOf(UnsafeStorageKeyError);
        await expect(storage.delete(key), key).rejects.toBeInstanceOf(UnsafeStorageKeyError);
      }
      await expect(storage.listOlderThan('../', FUTURE())).rejects.toBeInstanceOf(UnsafeStorageKeyError);
    });
  });
}
