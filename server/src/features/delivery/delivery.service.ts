/**
 * From a finished export to delivered files. `execution__settle` (enqueued atomically with the
 * export's final state) decides the execution's fate and creates one delivery per recipient and S3
 * target, each its own job (`delivery__email`, `delivery__s3`, jobKey `delivery:<id>`). A delivery
 * is sent at most once: its row moves PENDING → SENT with a conditional UPDATE right after the
 * provider accepts, and a job finding it SENT does nothing.
 */
import { PassThrough } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../platform/logger.js';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import { signDownloadToken } from '../exports/download-token.js';
import { ExportEntity } from '../exports/export.entity.js';
import { formatInZone } from '../exports/parameters.js';
import { contentDisposition } from '../exports/writers/file-name.js';
import { DeliveryEntity, ExecutionEntity, ScheduleEntity } from '../schedules/schedule.entity.js';
import { renderFailureEmail, renderReportEmail } from './email/message.js';
import { EmailSendError, type EmailTransport } from './email/transport.js';
import { signUnsubscribeToken } from './unsubscribe.js';

/** SendGrid's hard limit is 30 MB per message; attachments above the configured limit become links. */
const ATTACH_HARD_LIMIT = 20 * 1024 * 1024;

export interface DeliveryDeps {
  em: EntityManager;
  storage: ExportStorage;
  transport: EmailTransport;
  /** Uploads a finished export to a schedule's own bucket. */
  s3Upload: ((bucket: string, key: string, body: NodeJS.ReadableStream, contentType: string) => Promise<void>) | null;
  from: string;
  baseUrl: string;
  secret: string;
  attachmentLimitBytes: number;
  linkTtlSeconds: number;
  autoPauseAfter: number;
  /** Rows a PDF holds at most (the email says "Showing N of M" when it applies). */
  pdfRowCap: number;
  log: Logger;
}

export class PermanentDeliveryError extends Error {}

/** A resend someone asked for goes before the deliveries of routine runs. */
export const DELIVERY_PRIORITY = { RESEND: 0, SCHEDULED: 5 } as const;

/** The job that sends one delivery (jobKey delivery:<id>), in the caller's transaction if any. */
export async function enqueueDelivery(em: EntityManager, delivery: { id: string; channel: string }, priority: number): Promise<void> {
  await em.getConnection().execute(
    `SELECT graphile_worker.add_job(?, json_build_object('deliveryId', ?::text), job_key => ?, max_attempts => 5, priority => ?)`,
    [delivery.channel === 'EMAIL' ? 'delivery__email' : 'delivery__s3', delivery.id, `delivery:${delivery.id}`, priority],
    'all', em.getTransactionContext());
}

export class DeliveryService {
  constructor(private readonly deps: DeliveryDeps) {}

  private sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.deps.em.getConnection().execute<T[]>(query, params);
  }

  async settle(exportId: string): Promise<void> {
    const em = this.deps.em.fork();
    const execution = await em.findOne(ExecutionEntity, { exportId });
    if (!execution || execution.status !== 'RUNNING') return;
    const record = await em.findOneOrFail(ExportEntity, { id: exportId });
    const schedule = await em.findOne(ScheduleEntity, { id: execution.scheduleId });
    if (!schedule) return;
    if (record.status !== 'COMPLETED') {
      await this.failExecution(execution, schedule, record.errorMessage ?? `The export ${record.status.toLowerCase()}`);
      return;
    }
    await this.sql('UPDATE schedules SET consecutive_failures = 0 WHERE id = ?', [schedule.id]);
    if (schedule.skipIfEmpty && (record.rowCount ?? 0) === 0) {
      await this.sql(`UPDATE schedule_executions SET status = 'SKIPPED_EMPTY', completed_at = now() WHERE id = ? AND status = 'RUNNING'`, [execution.id]);
      return;
    }
    const unsubscribed = new Set((await this.sql<{ email: string }>('SELECT email FROM schedule_unsubscribes WHERE schedule_id = ?', [schedule.id])).map((r) => r.email));
    const targets: { channel: 'EMAIL' | 'S3'; target: string; status: 'PENDING' | 'UNSUBSCRIBED' }[] = [];
    if (schedule.delivery !== 'S3') {
      for (const email of schedule.recipients) targets.push({ channel: 'EMAIL', target: email, status: unsubscribed.has(email) ? 'UNSUBSCRIBED' : 'PENDING' });
    }
    if (schedule.delivery !== 'EMAIL' && schedule.s3Config) {
      targets.push({ channel: 'S3', target: `s3://${schedule.s3Config.bucket}/${s3Key(schedule, record, execution)}`, status: 'PENDING' });
    }
    await em.transactional(async (tx) => {
      for (const t of targets) {
        const rows = await tx.getConnection().execute<{ id: string }[]>(
          `INSERT INTO deliveries (id, tenant_id, execution_id, channel, target, status) VALUES (gen_random_uuid(), ?, ?, ?, ?, ?)
           ON CONFLICT (execution_id, channel, target) DO NOTHING RETURNING id`,
          [schedule.tenantId, execution.id, t.channel, t.target, t.status], 'all', tx.getTransactionContext());
        if (rows[0] && t.status === 'PENDING') {
          await enqueueDelivery(tx, { id: rows[0].id, channel: t.channel }, DELIVERY_PRIORITY.SCHEDULED);
        }
      }
    });
    await this.recompute(execution.id);
  }

  /** Sends one delivery. Throws on retryable failures so the job is retried with backoff. */
  async deliver(deliveryId: string, attempt: { attempts: number; maxAttempts: number }): Promise<void> {
    const em = this.deps.em.fork();
    const delivery = await em.findOne(DeliveryEntity, { id: deliveryId });
    if (!delivery || delivery.status !== 'PENDING') return; // sent, failed or gone: never twice
    const execution = await em.findOneOrFail(ExecutionEntity, { id: delivery.executionId });
    const schedule = await em.findOneOrFail(ScheduleEntity, { id: execution.scheduleId });
    const record = await em.findOneOrFail(ExportEntity, { id: execution.exportId! });
    try {
      const providerMessageId = delivery.channel === 'EMAIL'
        ? await this.sendEmail(delivery, execution, schedule, record)
        : await this.uploadToS3(delivery, record);
      await this.sql(
        `UPDATE deliveries SET status = 'SENT', provider_message_id = ?, sent_at = now(), attempts = attempts + 1, last_error = NULL, updated_at = now()
         WHERE id = ? AND status = 'PENDING'`, [providerMessageId, delivery.id]);
    } catch (error) {
      const retryable = error instanceof EmailSendError ? error.retryable : !(error instanceof PermanentDeliveryError);
      const final = !retryable || attempt.attempts >= attempt.maxAttempts;
      const message = (error as Error).message.slice(0, 1000);
      await this.sql(`UPDATE deliveries SET attempts = attempts + 1, last_error = ?, status = ?, updated_at = now() WHERE id = ? AND status = 'PENDING'`,
        [message, final ? 'FAILED' : 'PENDING', delivery.id]);
      this.deps.log.warn('delivery attempt failed', { deliveryId, channel: delivery.channel, retryable, final, error: message });
      if (!final) throw error;
    }
    await this.recompute(execution.id);
  }

  private async sendEmail(delivery: DeliveryEntity, execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity): Promise<string | null> {
    const { deps } = this;
    const size = record.fileSize ?? 0;
    const policy = schedule.emailConfig.attachment ?? 'AUTO';
    const attach = policy !== 'LINK' && size <= (policy === 'ATTACH' ? ATTACH_HARD_LIMIT : deps.attachmentLimitBytes);
    let attachment: Buffer | null = null;
    if (attach && record.storageKey) {
      const file = await deps.storage.openRead(record.storageKey);
      if (!file) throw new PermanentDeliveryError('The export file is gone');
      attachment = await readAll(file.stream);
    }
    let downloadUrl: string | null = null;
    let linkExpiresAt: Date | null = null;
    if (!attachment && record.storageKey) {
      linkExpiresAt = new Date(Date.now() + deps.linkTtlSeconds * 1000);
      downloadUrl = await deps.storage.presignedGetUrl(record.storageKey, {
        expiresInSeconds: deps.linkTtlSeconds, fileName: record.fileName ?? 'export',
        contentDisposition: contentDisposition(record.fileName ?? 'export'), contentType: record.contentType ?? 'application/octet-stream',
      }) ?? `${deps.baseUrl}/exports/${record.id}/download?token=${encodeURIComponent(signDownloadToken(deps.secret, { exportId: record.id, tenantId: record.tenantId, expiresAt: linkExpiresAt }))}`;
    }
    const params = execution.parameters as { from?: string | null; to?: string | null };
    const periodLabel = params.from && params.to
      ? `${formatInZone(new Date(params.from), schedule.timeZone)} → ${formatInZone(new Date(params.to), schedule.timeZone)} ${schedule.timeZone}`
      : `as of ${formatInZone(execution.scheduledFor, schedule.timeZone)} ${schedule.timeZone}`;
    const message = renderReportEmail({
      reportName: record.reportName,
      scheduleName: schedule.name,
      tenantId: schedule.tenantId,
      periodLabel,
      rowCount: record.rowCount ?? 0,
      totalRows: record.rowsTotal ?? record.rowCount ?? 0,
      truncated: record.truncated ?? false,
      ...(record.format === 'PDF' && (record.rowCount ?? 0) > deps.pdfRowCap ? { pdfShown: deps.pdfRowCap } : {}),
      timeZone: schedule.timeZone,
      format: record.format,
      fileName: record.fileName ?? 'export',
      fileSize: size,
      attachment,
      contentType: record.contentType ?? 'application/octet-stream',
      downloadUrl,
      linkExpiresAt,
      unsubscribeUrl: `${deps.baseUrl}/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(deps.secret, schedule.id, delivery.target))}`,
      subjectTemplate: schedule.emailConfig.subject ?? null,
      messageTemplate: schedule.emailConfig.message ?? null,
    }, deps.from, delivery.target, delivery.id);
    const sent = await deps.transport.send(message);
    if (sent.location) deps.log.info(`email written to ${sent.location}`);
    return sent.providerMessageId;
  }

  private async uploadToS3(delivery: DeliveryEntity, record: ExportEntity): Promise<string | null> {
    if (!this.deps.s3Upload) throw new PermanentDeliveryError('S3 delivery needs S3 credentials (S3_* settings)');
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(delivery.target);
    if (!m || !record.storageKey) throw new PermanentDeliveryError('Bad S3 target');
    const file = await this.deps.storage.openRead(record.storageKey);
    if (!file) throw new PermanentDeliveryError('The export file is gone');
    const body = new PassThrough();
    file.stream.pipe(body);
    await this.deps.s3Upload(m[1]!, m[2]!, body, record.contentType ?? 'application/octet-stream');
    return null;
  }

  private async failExecution(execution: ExecutionEntity, schedule: ScheduleEntity, reason: string): Promise<void> {
    await this.sql(`UPDATE schedule_executions SET status = 'FAILED', error = ?, completed_at = now() WHERE id = ? AND status = 'RUNNING'`, [reason, execution.id]);
    const [updated] = await this.sql<{ consecutive_failures: number }>(
      `UPDATE schedules SET failure_count = failure_count + 1, consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures`, [schedule.id]);
    const autoPaused = (updated?.consecutive_failures ?? 0) >= this.deps.autoPauseAfter;
    if (autoPaused) {
      await this.sql(`UPDATE schedules SET status = 'PAUSED', paused_reason = ? WHERE id = ? AND status = 'ACTIVE'`,
        [`Paused after ${this.deps.autoPauseAfter} consecutive failed runs; last: ${reason}`.slice(0, 1000), schedule.id]);
    }
    if (schedule.ownerEmail) {
      const message = renderFailureEmail({
        scheduleName: schedule.name, reportName: execution.parameters.reportName as string ?? schedule.name, tenantId: schedule.tenantId,
        scheduledFor: execution.scheduledFor, timeZone: schedule.timeZone, reason, autoPaused,
      }, this.deps.from, schedule.ownerEmail, `failure-${execution.id}`);
      await this.deps.transport.send(message).catch((error: Error) => this.deps.log.warn('failure email not sent', { error: error.message }));
    }
  }

  /** Execution status from its deliveries, once none is pending. */
  private async recompute(executionId: string): Promise<void> {
    const counts = await this.sql<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM deliveries WHERE execution_id = ? GROUP BY status', [executionId]);
    const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
    if (n('PENDING') > 0) return;
    const status = n('FAILED') === 0 ? 'DELIVERED' : n('SENT') > 0 ? 'PARTIALLY_DELIVERED' : 'FAILED';
    await this.sql(`UPDATE schedule_executions SET status = ?, completed_at = now(), error = CASE WHEN ? = 'DELIVERED' THEN NULL ELSE 'Some deliveries failed' END
      WHERE id = ? AND status = 'RUNNING'`, [status, status, executionId]);
  }
}

export function s3Key(schedule: ScheduleEntity, record: ExportEntity, execution: ExecutionEntity): string {
  const date = formatInZone(execution.scheduledFor, schedule.timeZone).replace(' ', '_').replace(':', '');
  const slug = (v: string) => v.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'report';
  const ext = (record.fileName ?? '').split('.').pop() || record.format.toLowerCase();
  return schedule.s3Config!.keyTemplate
    .replaceAll('{tenant}', schedule.tenantId)
    .replaceAll('{report}', slug(record.reportName))
    .replaceAll('{schedule}', slug(schedule.name))
    .replaceAll('{date}', date)
    .replaceAll('{format}', ext);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
