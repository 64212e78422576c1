import type { Config } from '../../../config.js';
import { OutboxTransport } from './outbox-transport.js';
import { SendGridTransport } from './sendgrid-transport.js';
import { SmtpTransport } from './smtp-transport.js';
import type { EmailTransport } from './transport.js';

/** SendGrid if a key is set, else SMTP if SMTP_URL is set, else the .eml outbox. */
export function openTransport(config: Pick<Config, 'mail'>): EmailTransport {
  if (config.mail.sendgridApiKey) return new SendGridTransport({ apiKey: config.mail.sendgridApiKey, baseUrl: config.mail.sendgridBaseUrl });
  if (config.mail.smtpUrl) return new SmtpTransport({ url: config.mail.smtpUrl });
  return new OutboxTransport(config.mail.outboxDir);
}
