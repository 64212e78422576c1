/**
 * Development/demo "email": each message becomes a real RFC 5322 / MIME `.eml` file in a directory
 * (`$DATA_DIR/outbox`) that any mail client opens, attachments included.
 *
 * Files are named `<ISO timestamp>_<deliveryId>.eml` (colons as dashes, only [A-Za-z0-9._-]) and
 * written atomically: a hidden temporary file in the same directory, fsynced, then renamed, so a
 * reader or watcher never sees half a message.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { EmailMessage } from './message.js';
import { composeMessage, newMessageId } from './compose.js';
import { EmailSendError, type EmailSendResult, type EmailTransport } from './transport.js';

export interface OutboxTransportOptions {
  /** Clock for the Date header and the file name (tests). */
  now?: () => Date;
}

/** fs error codes that another attempt will not fix. */
const PERMANENT_FS_CODES = new Set(['EEXIST', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'EINVAL']);

export function outboxFileName(at: Date, deliveryId: string): string {
  const stamp = at.toISOString().replace(/:/g, '-');
  const id = deliveryId.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 100) || 'message';
  return `${stamp}_${id}.eml`;
}

export class OutboxTransport implements EmailTransport {
  readonly kind = 'outbox' as const;
  readonly dir: string;
  private readonly now: () => Date;

  constructor(dir: string, options: OutboxTransportOptions = {}) {
    this.dir = resolve(dir);
    this.now = options.now ?? (() => new Date());
  }

  /** The message as `.eml` text (CRLF line ends, composed by compose.ts) and its Message-ID without angle brackets. */
  async render(message: EmailMessage, at: Date = this.now()): Promise<{ eml: string; messageId: string }> {
    let messageId: string;
    try {
      messageId = newMessageId(message.from);
    } catch (error) {
      if (error instanceof EmailSendError) throw error;
      throw new EmailSendError(`message cannot be written: ${(error as Error).message}`, false);
    }
    const { raw } = await composeMessage(message, { date: at, messageId });
    return { eml: raw.toString('latin1'), messageId };
  }

  async send(message: EmailMessage): Promise<EmailSendResult> {
    const at = this.now();
    const { eml, messageId } = await this.render(message, at);
    const name = outboxFileName(at, message.deliveryId);
    const path = join(this.dir, name);
    const temp = join(this.dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      // Made once (and again should it be removed meanwhile): a mkdir per message was a system
      // call per email of a drain.
      const handle = await open(temp, 'wx', 0o644).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        await mkdir(this.dir, { recursive: true });
        return open(temp, 'wx', 0o644);
      });
      try {
        await handle.writeFile(eml, 'latin1');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new EmailSendError(
        `could not write ${path}: ${(error as Error).message}`,
        !(code && PERMANENT_FS_CODES.has(code)),
      );
    }
    return { providerMessageId: messageId, location: path };
  }
}
