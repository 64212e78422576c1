/**
 * Export files on local disk, under one root directory (`$DATA_DIR/exports` by default).
 *
 * Writes go to `<root>/<key>.partial-<hex>` and are renamed over `<root>/<key>` only once the body
 * has been fully written and fsynced, so the download route can never serve half a file: rename is
 * atomic within a file system, and a crash leaves at most a stale partial for retention to sweep.
 *
 * Every path is resolved under the root and checked twice: the key itself (`assertSafeKey`), then
 * the resolved path, and for reads the real path after symlinks, so a key that slipped past the
 * first check, or a symlink planted in the tree, still cannot read outside the root.
 */
import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import { lstat, mkdir, open, opendir, realpath, rename, rm, stat, unlink } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  abortError,
  assertSafeKey,
  assertSafePrefix,
  isSafeKey,
  type ExportStorage,
  type StoredObject,
} from './export-storage.js';

/** Marks an in-progress write: `<key>.partial-<16 hex>`. Still a safe key, so cleanup can delete it. */
export const PARTIAL_MARKER = '.partial-';

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/**
 * The absolute path of key under root, or null when it would land outside root (or on root
 * itself). Lexical only: the second line of defence behind `assertSafeKey`, exported for tests.
 */
export function resolveInsideRoot(root: string, key: string): string | null {
  if (typeof key !== 'string' || key.length === 0 || key.includes('\0')) return null;
  const absRoot = path.resolve(root);
  const target = path.resolve(absRoot, key);
  return isInside(absRoot, target) ? target : null;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'EISDIR';
}

export class FsExportStorage implements ExportStorage {
  readonly kind = 'fs' as const;
  readonly root: string;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  private pathFor(key: string): string {
    assertSafeKey(key);
    const target = resolveInsideRoot(this.root, key);
    // Unreachable for a safe key; kept so the invariant does not rest on one regular expression.
    if (target === null) throw new Error('storage key resolves outside the export root');
    return target;
  }

  async put(key: string, body: Readable, _contentType: string, signal?: AbortSignal): Promise<StoredObject> {
    let target: string;
    try {
      target = this.pathFor(key);
      await mkdir(path.dirname(target), { recursive: true });
    } catch (error) {
      body.destroy();
      throw error;
    }
    const partial = `${target}${PARTIAL_MARKER}${randomBytes(8).toString('hex')}`;
    // 'wx': the partial is ours alone. flush: fsync before close, so what is renamed is on disk.
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o640, flush: true });
    try {
      // Wait for the open so cleanup below cannot run before the file exists.
      await once(out, 'open');
      await pipeline(body, out, { signal });
      const { size } = await stat(partial);
      signal?.throwIfAborted();
      await rename(partial, target);
      return { size };
    } catch (error) {
      body.destroy();
      out.destroy();
      if (!out.closed) await once(out, 'close').catch(() => undefined);
      await rm(partial, { force: true });
      if (signal?.aborted) throw abortError(signal);
      throw error;
    }
  }

  async openRead(key: string): Promise<{ stream: Readable; size: number } | null> {
    const target = this.pathFor(key);
    try {
      const [realRoot, realTarget] = await Promise.all([realpath(this.root), realpath(target)]);
      if (!isInside(realRoot, realTarget)) return null;
      // O_NOFOLLOW: a symlink swapped in after the realpath check is refused, not followed.
      const handle = await open(realTarget, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        const info = await handle.stat();
        if (!info.isFile()) {
          await handle.close();
          return null;
        }
        return { stream: handle.createReadStream(), size: info.size };
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathFor(key));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
    // Empty parent directories are left in place: removing one could race a concurrent put that
    // has just created it.
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathFor(key))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  async presignedGetUrl(): Promise<string | null> {
    return null;
  }

  async abortIncompleteUploads(): Promise<number> {
    return 0;
  }

  async listOlderThan(prefix: string, before: Date): Promise<string[]> {
    assertSafePrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const baseKey = slash >= 0 ? prefix.slice(0, slash) : '';
    const baseDir = baseKey === '' ? this.root : resolveInsideRoot(this.root, baseKey);
    if (baseDir === null) return [];
    const found: string[] = [];
    await this.walk(baseDir, baseKey, prefix, before.getTime(), found);
    return found.sort();
  }

  /** Depth-first over real directories only: symlinks are neither followed nor listed. */
  private async walk(dir: string, dirKey: string, prefix: string, beforeMs: number, found: string[]): Promise<void> {
    let entries;
    try {
      entries = await opendir(dir);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for await (const entry of entries) {
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) {
        const asDir = `${key}/`;
        if (asDir.startsWith(prefix) || prefix.startsWith(asDir)) {
          await this.walk(path.join(dir, entry.name), key, prefix, beforeMs, found);
        }
      } else if (entry.isFile() && key.startsWith(prefix) && isSafeKey(key)) {
        try {
          const info = await lstat(path.join(dir, entry.name));
          if (info.mtimeMs < beforeMs) found.push(key);
        } catch (error) {
          if (!isMissing(error)) throw error; // deleted or renamed meanwhile
        }
      }
    }
  }
}
