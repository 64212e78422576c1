/**
 * "Tell me when it's ready" (notifyWhenReady): the one email an on-demand export's creator gets
 * when it completes (with a download link) or fails (with the reason). The export runner records
 * the notice in the delivery ledger as a delivery of the export itself (execution_id NULL,
 * export_id set, unique per export) and enqueues `delivery__notice` in the statement that settles
 * the export (export-runner.ts SETTLE_AND_NOTIFY). The ledger makes it go out at most once, as for
 * scheduled email: PENDING → SENDING (recorded before the request leaves) → SENT | PENDING (retry)
 * | FAILED | UNCERTAIN (no answer; a job finding it still SENDING knows its predecessor died).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../platform/logger.js';
import { DeliverySendError } from '../delivery/send-error.js';
import { canonicalAddress } from '../delivery/email/address.js';
import { escapeHtml, type EmailMessage } from '../delivery/email/message.js';
import type { EmailTransport } from '../delivery/email/transport.js';
import { localeFormat } from './writers/locale-format.js';
import { downloadLinkUrl } from './download-token.js';

export interface ReadyNoticeDeps {
  em: EntityManager;
  transport: EmailTransport;
  from: string;
  baseUrl: string;
  secret: string;
  linkTtlSeconds: number;
  log: Logger;
}

export interface NoticeRow {
  id: string;
  status: string;
  target: string;
  export_id: string;
  tenant_id: string;
  report_name: string;
  export_status: string;
  format: string;
  file_name: string | null;
  row_count: number | null;
  error_message: string | null;
  storage_key: string | null;
  locale: string | null;
  time_zone: string | null;
  completed_at: Date | null;
}

/** The email itself: pure. */
export function renderReadyNotice(n: NoticeRow, from: string, downloadUrl: string | null, linkExpiresAt: Date | null, exportsUrl: string): EmailMessage {
  const ok = n.export_status === 'COMPLETED';
  const report = n.report_name.replace(/[\r\n]+/g, ' ').slice(0, 150) || 'Report';
  const zone = n.time_zone ?? 'UTC';
  const fmt = localeFormat(n.locale ?? 'en-US');
  const when = n.completed_at ? `${fmt.dateTime(new Date(n.completed_at).getTime(), zone)} (${zone})` : '';
  const subject = ok ? `Your export is ready: ${report}` : `Your export failed: ${report}`;
  const lines = ok
    ? [
      `Your ${n.format} export of “${report}” finished${when ? ` at ${when}` : ''}: ${n.row_count ?? 0} rows in ${n.file_name ?? 'the file'}.`,
      ...(downloadUrl ? [`Download it: ${downloadUrl}`, `The link works until ${fmt.dateTime(linkExpiresAt!.getTime(), zone)} (${zone}); afterwards download it from ${exportsUrl}.`] : [`Download it from ${exportsUrl}.`]),
    ]
    : [
      `Your ${n.format} export of “${report}” failed${when ? ` at ${when}` : ''}.`,
      `Reason: ${n.error_message ?? 'unknown'}`,
      `You can retry it from ${exportsUrl}.`,
    ];
  const text = [subject, '', ...lines, '', '--', 'You receive this email because you asked to be told when this export is ready (Reportcast).', ''].join('\n');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:system-ui,sans-serif;font-size:14px;line-height:20px;color:#1f2937">`
    + `<h1 style="font-size:18px">${escapeHtml(ok ? 'Your export is ready' : 'Your export failed')}</h1>`
    + (ok
      ? `<p>${escapeHtml(lines[0]!)}</p>${downloadUrl ? `<p><a href="${escapeHtml(downloadUrl)}" style="display:inline-block;padding:8px 14px;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none">Download ${escapeHtml(n.file_name ?? 'the file')}</a></p><p style="color:#6b7280">${escapeHtml(lines[2]!)}</p>` : `<p><a href="${escapeHtml(exportsUrl)}">Open your exports</a></p>`}`
      : `<p>${escapeHtml(lines[0]!)}</p><p><strong>Reason</strong><br>${escapeHtml(n.error_message ?? 'unknown')}</p><p><a href="${escapeHtml(exportsUrl)}">Open your exports</a></p>`)
    + `<p style="color:#6b7280;font-size:12px">You receive this email because you asked to be told when this export is ready (Reportcast).</p></body></html>`;
  return { from, to: n.target, subject, text, html, attachments: [], deliveryId: n.id };
}

/** Sends one notice delivery (the `delivery__notice` job). Throws on retryable failures so the job is retried. */
export async function sendReadyNotice(deps: ReadyNoticeDeps, deliveryId: string, attempt: { attempts: number; maxAttempts: number }): Promise<void> {
  const conn = deps.em.getConnection();
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[]) => conn.execute<T[]>(query, params);
  const [n] = await sql<NoticeRow>(
    `SELECT d.id, d.status, d.target, d.export_id, d.tenant_id, x.report_name, x.status AS export_status, x.format, x.file_name, x.row_count,
            x.error_message, x.storage_key, x.locale, x.time_zone, x.completed_at
       FROM deliveries d JOIN exports x ON x.id = d.export_id WHERE d.id = ? AND d.execution_id IS NULL`, [deliveryId]);
  if (!n) return;
  if (n.status === 'SENDING') {
    await sql(`UPDATE deliveries SET status = 'UNCERTAIN', last_error = ?, updated_at = now() WHERE id = ? AND status = 'SENDING'`,
      ['The worker sending this notice stopped before the provider answered; it may or may not have been delivered', n.id]);
    return;
  }
  if (n.status !== 'PENDING') return;
  // The tenant's suppression list holds for notices too: an address that bounced, was dropped or
  // reported spam gets nothing (an unsubscribe is from one schedule and does not apply here).
  const [suppressed] = await sql<{ reason: string }>(`SELECT reason FROM email_suppressions WHERE tenant_id = ? AND email = ? AND schedule_id IS NULL LIMIT 1`, [n.tenant_id, canonicalAddress(n.target)]);
  if (suppressed) {
    await sql(`UPDATE deliveries SET status = 'SUPPRESSED', last_error = ?, updated_at = now() WHERE id = ? AND status = 'PENDING'`, [`On the suppression list (${suppressed.reason})`, n.id]);
    return;
  }
  const linkExpiresAt = n.export_status === 'COMPLETED' && n.storage_key ? new Date(Date.now() + deps.linkTtlSeconds * 1000) : null;
  const downloadUrl = linkExpiresAt ? downloadLinkUrl(deps.baseUrl, deps.secret, { exportId: n.export_id, tenantId: n.tenant_id, expiresAt: linkExpiresAt, issuedTo: n.target }) : null;
  const message = renderReadyNotice(n, deps.from, downloadUrl, linkExpiresAt, `${deps.baseUrl}/#/exports`);
  const claimed = await sql(`UPDATE deliveries SET status = 'SENDING', attempts = attempts + 1, attempt_started_at = now(), updated_at = now()
    WHERE id = ? AND status = 'PENDING' RETURNING id`, [n.id]);
  if (claimed.length === 0) return;
  try {
    const sent = await deps.transport.send(message);
    await sql(`UPDATE deliveries SET status = 'SENT', provider_message_id = ?, sent_at = now(), last_error = NULL, updated_at = now() WHERE id = ? AND status = 'SENDING'`,
      [sent.providerMessageId, n.id]);
  } catch (error) {
    const text = (error as Error).message.slice(0, 1000);
    const ambiguous = error instanceof DeliverySendError && error.ambiguous;
    const retryable = error instanceof DeliverySendError ? error.retryable : true;
    const final = ambiguous || !retryable || attempt.attempts >= attempt.maxAttempts;
    await sql(`UPDATE deliveries SET last_error = ?, status = ?, updated_at = now() WHERE id = ? AND status = 'SENDING'`,
      [text, ambiguous ? 'UNCERTAIN' : final ? 'FAILED' : 'PENDING', n.id]);
    deps.log.warn('ready notice not sent', { deliveryId, retryable, ambiguous, error: text });
    if (!final) throw error;
  }
}
