/**
 * Uploading one run's file to one SFTP server with ssh2-sftp-client: key authentication, the
 * server's host key checked against the pinned fingerprint before anything is sent (a mismatch is
 * permanent and names both fingerprints), then an atomic write: the bytes go to a hidden temporary
 * name beside the final one (`.name.<random>.part`), which is renamed over the final name only once
 * complete (posix-rename@openssh.com where the server offers it, which replaces atomically; else a
 * v3 rename, and when the final name is taken, remove + rename: briefly absent, never partial).
 *
 * The same SSRF rules as webhooks: in production the host must resolve only to public addresses,
 * and the connection goes to the address checked. An upload replaces the same path, so (as with
 * S3) an attempt whose answer was lost is simply made again: never UNCERTAIN.
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import SftpClient from 'ssh2-sftp-client';
import { DeliverySendError } from '../send-error.js';
import { resolvePinnedAddress } from '../webhooks/webhook-sender.js';
import { sshFingerprint } from './sftp-key.js';

export interface SftpUpload {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  /** Relative to the login directory, or absolute. */
  remotePath: string;
  /** `SHA256:…` the server's host key must have. */
  hostKeyFingerprint: string;
  body: Readable | Buffer;
  allowPrivate: boolean;
  readyTimeoutMs?: number;
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

/** Uploads and renames into place; returns what the ledger records (the host key seen, the address, the path). */
export async function uploadBySftp(u: SftpUpload): Promise<string> {
  let pinned: { address: string };
  try {
    pinned = await resolvePinnedAddress(u.host, u.allowPrivate, u.resolve);
  } catch (error) {
    const e = error as DeliverySendError;
    throw new DeliverySendError(e.message.replace('(webhooks may only reach public addresses)', '(SFTP targets may only be public addresses)'), e.retryable);
  }
  const where = `${u.username}@${u.host}:${u.port}`;
  let presented: string | null = null;
  const client = new SftpClient('reportcast');
  const dir = posix.dirname(u.remotePath);
  const temp = posix.join(dir, `.${posix.basename(u.remotePath)}.${randomBytes(6).toString('hex')}.part`);
  let uploaded = false;
  try {
    await client.connect({
      host: pinned.address, port: u.port, username: u.username, privateKey: u.privateKey,
      readyTimeout: u.readyTimeoutMs ?? 20_000,
      // No retries of its own: the delivery ledger decides.
      retries: 0,
      hostVerifier: (key: Buffer) => {
        presented = sshFingerprint(key);
        return presented === u.hostKeyFingerprint;
      },
    });
    // One SFTP WRITE is in flight at a time: without this, Nagle's algorithm holds each small request back.
    (client as unknown as { client: { setNoDelay(on: boolean): void } }).client.setNoDelay(true);
    if (dir !== '.' && dir !== '/') await client.mkdir(dir, true);
    await client.put(u.body, temp);
    uploaded = true;
    try {
      await client.posixRename(temp, u.remotePath);
    } catch (error) {
      if (!/does not support/i.test((error as Error).message)) throw error;
      // SFTP v3 RENAME will not replace a file: only when the final name is taken, remove it first.
      try {
        await client.rename(temp, u.remotePath);
      } catch {
        await client.delete(u.remotePath, true);
        await client.rename(temp, u.remotePath);
      }
    }
    uploaded = false;
    return `${u.remotePath} on ${pinned.address}:${u.port}, host key ${presented}`;
  } catch (error) {
    if (uploaded) await client.delete(temp, true).catch(() => undefined);
    throw sftpSendError(error, where, u.hostKeyFingerprint, presented);
  } finally {
    // A body not (fully) read, after a failure: release the export file it streams from.
    if (!Buffer.isBuffer(u.body) && !u.body.readableEnded) u.body.destroy();
    await client.end().catch(() => undefined);
  }
}

/** An SFTP failure as the ledger needs it: retryable (not reachable, dropped, timed out) or permanent (host key, login, permissions). */
export function sftpSendError(error: unknown, where: string, expected: string, presented: string | null): DeliverySendError {
  if (error instanceof DeliverySendError) return error;
  const e = error as { message: string; code?: string | number };
  if (presented !== null && presented !== expected) {
    return new DeliverySendError(`Host key mismatch for ${where}: expected ${expected}, the server presented ${presented}. Nothing was sent; if the server's key really changed, update the schedule's fingerprint.`, false);
  }
  const message = e.message.replace(/^[\w.]+(?:->[\w.]+)*: /, '');
  if (/authentication methods failed|cannot parse privatekey|unsupported key format/i.test(e.message)) {
    return new DeliverySendError(`SFTP login refused for ${where}: ${message}`, false);
  }
  const code = typeof e.code === 'string' ? e.code : undefined;
  // SFTP status codes: 2 no such file, 3 permission denied, 8 unsupported: the target's configuration.
  if (e.code === 2 || e.code === 3 || e.code === 8 || code === 'EACCES' || code === 'ENOENT' || code === 'ERR_BAD_PATH' || /permission denied/i.test(e.message)) {
    return new DeliverySendError(`SFTP upload to ${where} refused: ${message}`, false);
  }
  if (code === 'ENOTFOUND') return new DeliverySendError(`SFTP host of ${where} not found`, false);
  // Not reachable, dropped, timed out, or a passing server failure: another attempt may succeed.
  return new DeliverySendError(`SFTP upload to ${where} failed: ${message}`, true);
}
