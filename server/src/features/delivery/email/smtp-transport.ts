/**
 * Email through any SMTP server (a self-hoster's relay, Postfix, Mailgun/SES SMTP endpoints) with
 * nodemailer, configured by one URL: `smtp://user:pass@host:587` (STARTTLS when the server offers
 * it) or `smtps://…:465` (TLS from the first byte). The message is composed by compose.ts, the
 * same bytes the outbox would write, and handed to nodemailer as `raw` with an explicit envelope.
 *
 * Failures map onto EmailSendError like SendGrid's: a 4xx reply is retried, a 5xx reply fails at
 * once, no connection at all is retried, and a connection lost with no reply may have delivered.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransportType from 'nodemailer/lib/smtp-transport';
import { composeMessage, newMessageId } from './compose.js';
import type { EmailMessage } from './message.js';
import { EmailSendError, isNeverConnectedCode, type EmailSendResult, type EmailTransport } from './transport.js';

export interface SmtpTransportOptions {
  /** smtp:// or smtps:// URL, credentials percent-encoded in it. */
  url: string;
  /** Extra TLS options (tests: the self-signed certificate authority to trust). */
  tls?: SMTPTransportType.Options['tls'];
  /** Per connection, greeting and socket; default 30 s. */
  timeoutMs?: number;
  now?: () => Date;
}

export class SmtpTransport implements EmailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter<SMTPTransportType.SentMessageInfo>;
  private readonly now: () => Date;

  constructor(options: SmtpTransportOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP URL must be smtp:// or smtps://, got ${url.protocol}`);
    const timeout = options.timeoutMs ?? 30_000;
    this.transporter = nodemailer.createTransport({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      // Never send credentials in the clear: on smtp:// with a user, STARTTLS is required.
      requireTLS: url.protocol === 'smtp:' && !!url.username,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      tls: options.tls,
    });
    this.now = options.now ?? (() => new Date());
  }

  async send(message: EmailMessage): Promise<EmailSendResult> {
    const messageId = newMessageId(message.from);
    const { raw, envelope } = await composeMessage(message, { date: this.now(), messageId });
    try {
      const info = await this.transporter.sendMail({ envelope, raw });
      if (info.rejected?.length) throw new EmailSendError(`SMTP server rejected ${info.rejected.join(', ')}: ${info.response}`, false);
    } catch (error) {
      throw toSmtpSendError(error);
    }
    return { providerMessageId: messageId };
  }

  close(): void {
    this.transporter.close();
  }
}

/** nodemailer's SMTP errors (code, responseCode, command) as retryable or not, ambiguous or not. */
export function toSmtpSendError(error: unknown): EmailSendError {
  if (error instanceof EmailSendError) return error;
  const e = error as { message?: string; code?: string; originalCode?: string; responseCode?: number; command?: string };
  const detail = (e.message ?? String(error)).slice(0, 500);
  if (typeof e.responseCode === 'number') {
    // 4xx: try later (greylisting, mailbox busy, rate limits); 5xx: will never be accepted.
    const retryable = e.responseCode >= 400 && e.responseCode < 500;
    return new EmailSendError(`SMTP server answered ${e.responseCode}${e.command ? ` to ${e.command}` : ''}: ${detail}`, retryable, e.responseCode);
  }
  if (e.code === 'EDNS' || isNeverConnectedCode(e.originalCode) || isNeverConnectedCode(e.code) || e.code === 'ETLS') {
    return new EmailSendError(`SMTP connection failed (${e.originalCode ?? e.code}): ${detail}`, true);
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE' || e.code === 'EAUTH' || e.code === 'EREQUIRETLS') {
    return new EmailSendError(`SMTP refused the message (${e.code}): ${detail}`, false);
  }
  // A dropped connection or timeout without a reply: the server may have accepted the message.
  return new EmailSendError(`SMTP server did not answer (${e.code ?? 'no reply'}): ${detail}; it may have accepted the message`, true, undefined, undefined, true);
}
