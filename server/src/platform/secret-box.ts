/**
 * Sealing small secrets we must keep but never show (file passwords): AES-256-GCM from node:crypto
 * under a key derived from SECRETS_KEY. A sealed value is `v1.<iv>.<tag>.<ciphertext>` (base64url)
 * and is bound to what it belongs to (`context`, e.g. `schedule:<id>`) as additional authenticated
 * data: a ciphertext copied onto another record does not open there. Tampering, a wrong key or a
 * wrong context all fail the same way (SecretUnreadableError), without saying which.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

export class SecretUnreadableError extends Error {
  constructor() {
    super('A sealed secret could not be opened (another SECRETS_KEY, or it was altered)');
    this.name = 'SecretUnreadableError';
  }
}

export class SecretBox {
  private readonly key: Buffer;

  /** `secret`: SECRETS_KEY (32+ characters), or a key derived from another secret in development. */
  constructor(secret: string) {
    if (secret.length < 32) throw new Error('SecretBox needs a secret of 32+ characters');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'reportcast-secret-box', 'aes-256-gcm v1', 32));
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, iv, tag, data, ...rest] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined || rest.length) throw new SecretUnreadableError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError();
    }
  }
}
