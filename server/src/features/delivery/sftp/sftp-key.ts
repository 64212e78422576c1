/**
 * SFTP credentials checked at save: the private key parsed by the very ssh2 that
 * ssh2-sftp-client connects with (resolved through it, so the two never disagree on what is a
 * key), and the host key fingerprint in OpenSSH's own form (`SHA256:` + unpadded base64 of the
 * SHA-256 of the key blob, as `ssh-keygen -lf` and `ssh-keyscan host | ssh-keygen -lf -` print it).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ParsedKey } from 'ssh2';

const requireFromSftpClient = createRequire(createRequire(import.meta.url).resolve('ssh2-sftp-client'));
const ssh2Utils = (requireFromSftpClient('ssh2') as typeof import('ssh2')).utils;

/** Why `pem` is not a usable private key, as words; null when it is. */
export function privateKeyProblem(pem: string): string | null {
  if (pem.length > 16_384) return 'at most 16 KB';
  const parsed = ssh2Utils.parseKey(pem);
  if (parsed instanceof Error) {
    return /encrypted/i.test(parsed.message) ? 'an encrypted (passphrase-protected) key is not supported: give an unencrypted key for this upload user' : `not a private key (${parsed.message})`;
  }
  const key = (Array.isArray(parsed) ? parsed[0] : parsed) as ParsedKey | undefined;
  if (!key || !key.isPrivateKey()) return 'a public key: give the private key';
  return null;
}

/** `SHA256:…` of a raw SSH public key blob, as OpenSSH prints it. */
export function sshFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** The fingerprint as stored (`SHA256:` + 43 base64 characters), or null when `raw` is not one. */
export function normaliseFingerprint(raw: string): string | null {
  const trimmed = raw.trim().replace(/=+$/, '');
  const value = /^sha256:/i.test(trimmed) ? `SHA256:${trimmed.slice(7)}` : `SHA256:${trimmed}`;
  return FINGERPRINT.test(value) ? value : null;
}
