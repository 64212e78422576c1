/**
 * Every MIME message we send (the .eml outbox and SMTP alike) is built here by nodemailer's
 * MailComposer: encoded-word headers (RFC 2047), folding, quoted-printable bodies, base64
 * attachments with RFC 2231 file names, and the multipart tree (mixed › alternative › related for
 * the inline chart). Nothing of that is written by hand.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import addressparser from 'nodemailer/lib/addressparser';
import { checkAddress } from './address.js';
import type { EmailMessage } from './message.js';
import { EmailSendError, validateExtraHeaders } from './transport.js';

export interface Mailbox {
  name: string;
  address: string;
}

/**
 * One mailbox, `addr@x` or `Display Name <addr@x>`, parsed by nodemailer's addressparser, its
 * address as sent (an international domain in its ASCII form, address.ts). Throws a permanent
 * EmailSendError for anything else (line breaks, lists, groups, undeliverable addresses).
 */
export function parseMailbox(mailbox: string, what = 'address'): Mailbox {
  if (/[\r\n]/.test(mailbox)) throw new EmailSendError(`${what} must not contain line breaks`, false);
  const parsed = addressparser(mailbox);
  const one = parsed.length === 1 && 'address' in parsed[0]! ? (parsed[0] as Mailbox) : null;
  const check = one ? checkAddress(one.address) : null;
  if (!one || !check?.ok) {
    throw new EmailSendError(`${what}: not a usable email address: ${JSON.stringify(mailbox)}`, false);
  }
  return { name: one.name, address: check.ascii };
}

export interface ComposeOptions {
  /** The Date header. */
  date: Date;
  /** Message-ID without angle brackets. */
  messageId: string;
}

/** The message-ID we give a message: a random UUID at the sender's domain. */
export function newMessageId(from: string): string {
  return `${crypto.randomUUID()}@${parseMailbox(from, 'from').address.split('@')[1]!.toLowerCase()}`;
}

/**
 * The whole RFC 5322 message (CRLF line ends, 7-bit) and its envelope. Invalid addresses, header
 * injection attempts and reserved header names fail permanently (EmailSendError, not retryable).
 */
export async function composeMessage(message: EmailMessage, options: ComposeOptions): Promise<{ raw: Buffer; envelope: { from: string; to: string[] } }> {
  const extra = validateExtraHeaders(message.headers);
  const from = parseMailbox(message.from, 'from');
  const to = parseMailbox(message.to, 'to');
  if (/[\r\n]/.test(message.subject)) throw new EmailSendError('subject must not contain line breaks', false);
  const composer = new MailComposer({
    from,
    to,
    subject: message.subject,
    date: options.date,
    messageId: `<${options.messageId}>`,
    text: message.text,
    html: message.html,
    // Quoted-printable keeps the bodies readable in the raw message whatever the script.
    textEncoding: 'quoted-printable',
    // CRLF everywhere, as RFC 5322 asks of a message at rest (the .eml) and SMTP on the wire.
    newline: 'windows',
    headers: { 'X-Reportcast-Delivery': message.deliveryId, ...extra },
    attachments: message.attachments.map((a) => ({
      filename: a.fileName,
      content: a.content,
      contentType: a.contentType,
      contentTransferEncoding: 'base64',
      ...(a.contentId ? { cid: a.contentId, contentDisposition: 'inline' } : { contentDisposition: 'attachment' }),
    })),
  });
  let raw: Buffer;
  try {
    raw = await composer.compile().build();
  } catch (error) {
    throw new EmailSendError(`message cannot be composed: ${(error as Error).message}`, false);
  }
  return { raw, envelope: { from: from.address, to: [to.address] } };
}
