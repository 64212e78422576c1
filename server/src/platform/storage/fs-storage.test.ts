import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FsExportStorage, PARTIAL_MARKER, resolveInsideRoot } from './fs-storage.js';
import { generatedBody, MB, registerStorageContract, sha256Of } from './storage-contract.js';

const sandbox = mkdtempSync(path.join(tmpdir(), 'reportcast-fs-storage-'));
const root = path.join(sandbox, 'exports-root');
const outside = path.join(sandbox, 'outside');
mkdirSync(outside, { recursive: true });
writeFileSync(path.join(outside, 'secret.txt'), 'not yours');

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

registerStorageContract('fs', () => new FsExportStorage(root));

describe('FsExportStorage', () => {
  const storage = new FsExportStorage(root);

  it('resolveInsideRoot keeps every crafted key inside the root', () => {
    const escapes = ['../x', '../outside/secret.txt', '/etc/passwd', 'a/../../b', '..', 'a/..', '.', '', 'a\0b', `${root}/../outside/secret.txt`];
    for (const key of escapes) expect(resolveInsideRoot(root, key), JSON.stringify(key)).toBeNull();
    expect(resolveInsideRoot(root, 'exports/t/a.csv')).toBe(path.join(root, 'exports/t/a.csv'));
    // Lexically harmless even though assertSafeKey refuses them: they stay under the root.
    expect(resolveInsideRoot(root, 'a/../b')).toBe(path.join(root, 'b'));
    expect(resolveInsideRoot(root, '..a')).toBe(path.join(root, '..a'));
  });

  it('openRead does not follow symlinks out of the root (file or directory)', async () => {
    mkdirSync(path.join(root, 'exports/t-links'), { recursive: true });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'exports/t-links/link.csv'));
    symlinkSync(outside, path.join(root, 'exports/t-links/dir'));
    expect(await storage.openRead('exports/t-links/link.csv')).toBeNull();
    expect(await storage.openRead('exports/t-links/dir/secret.txt')).toBeNull();
    // Nor are they listed for cleanup (deleting through them is not ours to do).
    expect(await storage.listOlderThan('exports/t-links/', new Date(Date.now() + 60_000))).toEqual([]);
    // A directory is not a readable object.
    expect(await storage.openRead('exports')).toBeNull();
    expect(await storage.exists('exports')).toBe(false);
  });

  it('writes through a partial file and leaves only the final file', async () => {
    const key = 'exports/t-partial/a.csv';
    let sawPartial = false;
    const body = generatedBody(3 * MB, {
      onProgress: () => {
        const names = readdirSync(path.join(root, 'exports/t-partial'));
        if (names.some((n) => n.startsWith(`a.csv${PARTIAL_MARKER}`))) sawPartial = true;
        // While the upload runs, the key itself is never there.
        expect(names).not.toContain('a.csv');
      },
    });
    await storage.put(key, body.stream, 'text/csv');
    expect(sawPartial).toBe(true);
    expect(readdirSync(path.join(root, 'exports/t-partial'))).toEqual(['a.csv']);
    expect((await sha256Of((await storage.openRead(key))!.stream)).sha256).toBe(body.sha256());
  });

  it('listOlderThan returns stale partial files (crashed uploads) but not fresh ones', async () => {
    const dir = path.join(root, 'exports/t-stale');
    mkdirSync(dir, { recursive: true });
    const stale = `exports/t-stale/crashed.csv${PARTIAL_MARKER}0123456789abcdef`;
    const fresh = `exports/t-stale/running.csv${PARTIAL_MARKER}fedcba9876543210`;
    writeFileSync(path.join(root, stale), 'half a file');
    writeFileSync(path.join(root, fresh), 'still writing');
    await storage.put('exports/t-stale/old.csv', Readable.from([Buffer.from('old')]), 'text/csv');
    await storage.put('exports/t-stale/new.csv', Readable.from([Buffer.from('new')]), 'text/csv');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    utimesSync(path.join(root, stale), eightDaysAgo, eightDaysAgo);
    utimesSync(path.join(root, 'exports/t-stale/old.csv'), eightDaysAgo, eightDaysAgo);

    const cutoff = new Date(Date.now() - 7 * 24 * 3600 * 1000);
    const expired = await storage.listOlderThan('exports/', cutoff);
    expect(expired).toContain(stale);
    expect(expired).toContain('exports/t-stale/old.csv');
    expect(expired).not.toContain(fresh);
    expect(expired).not.toContain('exports/t-stale/new.csv');

    for (const key of expired) await storage.delete(key);
    expect(existsSync(path.join(root, stale))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['new.csv', path.basename(fresh)].sort());
  });
});
