/**
 * The SFTP upload against a real SFTP server (test/support/sftp-server.ts, built with ssh2):
 * key login, the bytes as sent (sha256), the temporary name written and renamed (the final name
 * never opened), a replaced file, and each failure classified as the ledger needs it.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshKeyPair, startSftpServer, type SftpTestServer } from '../../../../../test/support/sftp-server.js';
import { DeliverySendError } from '../send-error.js';
import { privateKeyProblem, sshFingerprint, normaliseFingerprint } from './sftp-key.js';
import { uploadBySftp, type SftpUpload } from './sftp-sender.js';

let server: SftpTestServer;
let root: string;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sftp-root-'));
  server = await startSftpServer(root);
});
afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

function upload(over: Partial<SftpUpload>): SftpUpload {
  return {
    host: '127.0.0.1', port: server.port, username: server.username, privateKey: server.clientPrivateKey,
    remotePath: 'out/acme/report.csv', hostKeyFingerprint: server.hostKeyFingerprint, body: Buffer.from('a,b\n1,2\n'),
    allowPrivate: true, readyTimeoutMs: 5000, ...over,
  };
}

async function failure(p: Promise<unknown>): Promise<DeliverySendError> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DeliverySendError);
  return error as DeliverySendError;
}

describe('uploadBySftp', () => {
  it('logs in with the key, writes a temporary name, renames it into place: the final name holds the bytes and was never opened', async () => {
    server.ops.length = 0;
    const bytes = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `${i},東京,${i * 7}\n`).join(''));
    const answer = await uploadBySftp(upload({ remotePath: 'out/acme/2026-12-07_09h00.csv', body: Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]) }));
    expect(answer).toBe(`out/acme/2026-12-07_09h00.csv on 127.0.0.1:${server.port}, host key ${server.hostKeyFingerprint}`);
    expect(sha(readFileSync(join(root, 'out/acme/2026-12-07_09h00.csv')))).toBe(sha(bytes));
    const final = '/out/acme/2026-12-07_09h00.csv';
    const writes = server.ops.filter((o) => o.op === 'OPEN' || o.op === 'WRITE');
    expect(writes.length).toBeGreaterThan(2);
    expect(writes.every((o) => /^\/out\/acme\/\.2026-12-07_09h00\.csv\.[0-9a-f]{12}\.part$/.test(o.path))).toBe(true);
    expect(server.ops.filter((o) => o.path === final || o.to === final)).toEqual([{ op: 'RENAME', path: writes[0]!.path, to: final }]);
    expect(server.ops.filter((o) => o.op === 'RENAME')).toEqual([{ op: 'RENAME', path: writes[0]!.path, to: final }]);
    expect(readdirSync(join(root, 'out/acme'))).toEqual(['2026-12-07_09h00.csv']);
  });

  it('replaces an existing file (SFTP v3 rename refuses to: removed, then renamed) with no temporary file left', async () => {
    await uploadBySftp(upload({ remotePath: 'same.csv', body: Buffer.from('first\n') }));
    server.ops.length = 0;
    await uploadBySftp(upload({ remotePath: 'same.csv', body: Buffer.from('second\n') }));
    expect(server.ops.filter((o) => o.op === 'RENAME' || o.op === 'REMOVE').map((o) => o.op)).toEqual(['RENAME', 'REMOVE', 'RENAME']);
    expect(readFileSync(join(root, 'same.csv'), 'utf8')).toBe('second\n');
    expect(readdirSync(root).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('a host key other than the pinned one: permanent, both fingerprints named, nothing written', async () => {
    server.ops.length = 0;
    const pinned = `SHA256:${'A'.repeat(43)}`;
    const error = await failure(uploadBySftp(upload({ hostKeyFingerprint: pinned })));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`Host key mismatch for reports@127.0.0.1:${server.port}: expected ${pinned}, the server presented ${server.hostKeyFingerprint}`);
    expect(server.ops).toEqual([]);
  });

  it('a key the server does not accept: permanent, with the server\'s refusal', async () => {
    const other = sshKeyPair().private;
    const refused = server.refusedLogins;
    const error = await failure(uploadBySftp(upload({ privateKey: other })));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^SFTP login refused for reports@127\.0\.0\.1:\d+: .*All configured authentication methods failed/);
    expect(server.refusedLogins).toBeGreaterThan(refused);
  });

  it('a server that is down: retryable', async () => {
    await server.stop();
    try {
      const error = await failure(uploadBySftp(upload({})));
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/refused connection|ECONNREFUSED/);
    } finally {
      await server.start();
    }
    await uploadBySftp(upload({ remotePath: 'after-restart.csv' }));
    expect(readFileSync(join(root, 'after-restart.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('in production a loopback host is refused before connecting (the webhooks\' address rules)', async () => {
    const error = await failure(uploadBySftp(upload({ allowPrivate: false })));
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Refused: 127.0.0.1 resolves to 127.0.0.1 is a loopback address (SFTP targets may only be public addresses)');
  });
});

describe('sftp keys and fingerprints', () => {
  it('accepts OpenSSH ed25519 and ECDSA private keys; refuses a public key, an encrypted key and text', async () => {
    const { utils } = (await import('node:module')).createRequire(new URL('../../../../package.json', import.meta.url))('ssh2') as typeof import('ssh2');
    const pair = sshKeyPair();
    expect(privateKeyProblem(pair.private)).toBeNull();
    expect(privateKeyProblem(utils.generateKeyPairSync('ecdsa', { bits: 256 }).private)).toBeNull();
    expect(privateKeyProblem(pair.public)).toBe('a public key: give the private key');
    expect(privateKeyProblem(sshKeyPair({ passphrase: 'secret words', cipher: 'aes256-ctr', rounds: 4 }).private)).toMatch(/^an encrypted \(passphrase-protected\) key is not supported/);
    expect(privateKeyProblem('hello')).toMatch(/^not a private key/);
  });

  it('fingerprints read as OpenSSH prints them, with or without the prefix and padding', () => {
    const fp = sshFingerprint(Buffer.from('key blob'));
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(normaliseFingerprint(fp)).toBe(fp);
    expect(normaliseFingerprint(` ${fp.slice(7)}= `)).toBe(fp);
    expect(normaliseFingerprint(`sha256:${fp.slice(7)}`)).toBe(fp);
    expect(normaliseFingerprint('MD5:12:34')).toBeNull();
  });
});
