/**
 * From a finished export to delivered files. `execution__settle` (enqueued atomically with the
 * export's final state) decides the execution's fate and creates one delivery per recipient and S3
 * target, each its own job (`delivery__email`, `delivery__s3`, jobKey `delivery:<id>`).
 *
 * The deliveries table is the ledger that makes an email go out at most once (SendGrid has no
 * idempotency key, and graphile-worker forgets finished jobs). Unique per (execution, channel,
 * target); every attempt is recorded before the request leaves:
 *   PENDING → SENDING (claimed, attempts + 1) → SENT                 the provider accepted
 *                                              → PENDING | FAILED     the provider refused (retryable or not)
 *                                              → UNCERTAIN            no answer: it may have been accepted
 * A job that finds its email delivery still SENDING knows its predecessor died mid-send and marks
 * it UNCERTAIN. UNCERTAIN is never resent automatically (a duplicate report in someone's inbox
 * cannot be taken back); resendFailedDeliveries resends it on an editor's word. An S3 upload
 * overwrites the same key, so a SENDING S3 delivery is simply tried again.
 *
 * Slack (`delivery__slack`, one per channel) is treated as email: a SENDING one found again is
 * UNCERTAIN. Its summary's `channel:ts` is recorded as soon as it is posted, so a retry after a
 * failed upload does not post it twice. A webhook (`delivery__webhook`, one per URL) carries the
 * delivery id as `webhook-id`, which receivers dedupe on, so a SENDING one is sent again.
 *
 * Teams (`delivery__teams`, one per URL; the target is the redacted URL, the sealed one is opened
 * to send) has no idempotency key: a SENDING one found again is UNCERTAIN, as Slack. SFTP
 * (`delivery__sftp`, one per server and path) writes a temporary name and renames it over the same
 * path, so, as S3, a SENDING one is simply uploaded again.
 */
import { PassThrough } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../platform/logger.js';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import { downloadLinkUrl } from '../exports/download-token.js';
import { chartImageUrl, fileKeptUntil, storeChartPng } from '../exports/chart-file.js';
import { describeParameterValues } from '../reports/parameters/bind.js';
import { ExportEntity } from '../exports/export.entity.js';
import { localeFormat } from '../exports/writers/locale-format.js';
import { DeliveryEntity, ExecutionEntity, ScheduleEntity, type DeliveryChannel } from '../schedules/schedule.entity.js';
import type { SecretBox } from '../../platform/secret-box.js';
import { DeliverySendError } from './send-error.js';
import { slackSummary, webhookBody, type RunFacts } from './destination-content.js';
import { postToSlack, slackClient, type SlackFile } from './slack/slack-sender.js';
import { slackTokenFor } from './slack/slack-connection.service.js';
import { sendWebhook } from './webhooks/webhook-sender.js';
import { renderFailureEmail, renderReportEmail } from './email/message.js';
import type { EmailChart, EmailMessage } from './email/message.js';
import type { EmailTransport } from './email/transport.js';
import { shouldAttach } from './attachment-policy.js';
import { keyFromTemplate, s3Key } from './s3-key.js';
import { teamsMessage } from './teams/teams-card.js';
import { postToTeams } from './teams/teams-sender.js';
import { uploadBySftp } from './sftp/sftp-sender.js';
import { signUnsubscribeToken } from './unsubscribe.js';
import { passesCondition } from '../schedules/condition-gate.js';
import { alertMessage } from '../schedules/alert-condition.js';
import { sendReadyNotice } from '../exports/ready-notice.js';
import { storedMaskingColumns, storedMaskingPolicy, type StoredMaskingRow } from '../catalog/masking-policy.service.js';
import type { ChartInputs } from '../charts/chart-image.service.js';
import { suppressionQuery, suppressionsFor, type SuppressionReason } from './suppressions/suppression.service.js';
import { canonicalAddress } from './email/address.js';

/** A suppressed recipient's delivery: UNSUBSCRIBED from this schedule, or SUPPRESSED tenant-wide. */
function deliveryStatusOf(reason: SuppressionReason | null): 'PENDING' | 'UNSUBSCRIBED' | 'SUPPRESSED' {
  return reason === null ? 'PENDING' : reason === 'UNSUBSCRIBED' ? 'UNSUBSCRIBED' : 'SUPPRESSED';
}

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
  /** EXPORT_RETENTION_DAYS: a Teams card's chart URL works as long as the file is kept. */
  retentionDays: number;
  autoPauseAfter: number;
  /** Rows a PDF holds at most (the email says "Showing N of M" when it applies). */
  pdfRowCap: number;
  /** The report's chart for the email body (charts/chart-image.service.ts); absent or null: none. */
  /** `inputs`: the report's visualization and the tenant's masking, when the caller read them already. */
  chartImage?: (record: ExportEntity, inputs?: ChartInputs) => Promise<EmailChart | null>;
  /** Slack and webhook destinations; absent: such deliveries fail at once, saying why. */
  destinations?: DestinationDeps;
  log: Logger;
}

export interface DestinationDeps {
  /** Opens the tenants' Slack tokens and the schedules' webhook secrets (SECRETS_KEY). */
  secrets: SecretBox;
  slackApiUrl: string;
  /** Larger files are linked, not uploaded, in Slack. */
  slackFileLimitBytes: number;
  /** Outside production: webhooks may reach private and loopback addresses. */
  allowPrivateWebhooks: boolean;
  /** Extra trusted CA for webhook receivers (tests' self-signed receiver); absent: the system's. */
  webhookCa?: string;
  webhookTimeoutMs?: number;
  /** How long an SFTP server has to finish the SSH handshake and login (default 20 s). */
  sftpReadyTimeoutMs?: number;
}

export class PermanentDeliveryError extends Error {}

export interface DeliveryAttempt {
  attempts: number;
  maxAttempts: number;
  /** Sent by the run's export job right after its settle (jobs/worker.ts): a SENT outcome also removes the delivery's stand-by job. */
  inline?: boolean;
  /** Told once how an attempt that began PENDING ended (the status it recorded; PENDING: to be retried). */
  onOutcome?: (outcome: { channel: string; status: string }) => void;
}

/**
 * How long the job of a delivery sent inline (by its run's export job) stands by before it runs
 * on its own: only if that job died mid-send (it then finds SENDING: UNCERTAIN) or never got to
 * it. Longer than any send's timeouts, so a send in progress is never run twice.
 */
export const INLINE_STANDBY_SECONDS = 600;

/** Attempts of a delivery's job (the inline attempt counts as the first: jobs/worker.ts). */
export const DELIVERY_MAX_ATTEMPTS = 5;

/** A resend someone asked for goes before the deliveries of routine runs. */
export const DELIVERY_PRIORITY = { RESEND: 0, SCHEDULED: 5 } as const;

/** The job that sends one delivery (jobKey delivery:<id>), in the caller's transaction if any. */
export async function enqueueDelivery(em: EntityManager, delivery: { id: string; channel: string }, priority: number): Promise<void> {
  await em.getConnection().execute(
    `SELECT graphile_worker.add_job(?, json_build_object('deliveryId', ?::text), job_key => ?, max_attempts => ?, priority => ?)`,
    [`delivery__${delivery.channel.toLowerCase()}`, delivery.id, `delivery:${delivery.id}`, DELIVERY_MAX_ATTEMPTS, priority],
    'all', em.getTransactionContext());
}

/** What a run's chart is drawn from, beside its export `x` (ChartInputs): loadRun's last columns. */
const CHART_INPUT_COLUMNS = `(SELECT r.visualization FROM reports r WHERE r.id = x.report_id AND r.tenant_id = x.tenant_id) AS visualization, ${storedMaskingColumns('x.tenant_id')}`;

/** A run's rows as loadRun reads them. */
interface LoadedRun {
  delivery: DeliveryEntity | null;
  execution: ExecutionEntity | null;
  schedule: ScheduleEntity | null;
  record: ExportEntity | null;
  chartInputs?: ChartInputs | undefined;
}

/** A delivery for settle's caller to send now (DeliveryService.deliverInline). */
export interface InlineDelivery {
  id: string;
  /** The run's rows as settle read them, with the new delivery row; absent: read them again. */
  prepared?: LoadedRun;
}

export class DeliveryService {
  constructor(private readonly deps: DeliveryDeps) {}

  private sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
    return this.deps.em.getConnection().execute<T[]>(query, params);
  }

  /**
   * Tells a schedule's owner that a run was not made because a tenant quota refused it
   * (SKIPPED_QUOTA, recorded by the tick): the failure notice, with the quota's words as the
   * reason. Not counted as a failure: the schedule is not the cause, and is not paused for it.
   */
  async noticeSkipped(executionId: string): Promise<void> {
    const em = this.deps.em.fork();
    const execution = await em.findOne(ExecutionEntity, { id: executionId });
    if (!execution || execution.status !== 'SKIPPED_QUOTA') return;
    const schedule = await em.findOne(ScheduleEntity, { id: execution.scheduleId });
    if (!schedule?.ownerEmail) return;
    const message = renderFailureEmail({
      scheduleName: schedule.name, reportName: (execution.parameters.reportName as string | undefined) ?? schedule.name, tenantId: schedule.tenantId,
      scheduledFor: execution.scheduledFor, timeZone: schedule.timeZone, reason: `Not run: ${execution.error ?? 'a quota was exceeded'}`, autoPaused: false,
      locale: schedule.locale ?? undefined,
    }, this.deps.from, schedule.ownerEmail, `quota-${execution.id}`);
    // Thrown: the job retries, so a notice is not lost to a passing mail failure.
    await this.deps.transport.send(message);
  }

  /** An on-demand export's "ready" (or failure) notice to its creator (notifyWhenReady; exports/ready-notice.ts). */
  notice(deliveryId: string, attempt: { attempts: number; maxAttempts: number }): Promise<void> {
    const { em, transport, from, baseUrl, secret, linkTtlSeconds, log } = this.deps;
    return sendReadyNotice({ em: em.fork(), transport, from, baseUrl, secret, linkTtlSeconds, log }, deliveryId, attempt);
  }

  /**
   * A run's rows in one read (each table's row as one jsonb value, so their columns stay apart),
   * hydrated as the entities findOne would give: a settle or delivery of a drain costs one round
   * trip here, not three or four.
   */
  private async loadRun(em: EntityManager, by: 'export' | 'delivery', id: string): Promise<LoadedRun | null> {
    const [row] = await em.getConnection().execute<({ d: Record<string, unknown> | null; e: Record<string, unknown> | null; s: Record<string, unknown> | null; x: Record<string, unknown> | null; visualization: unknown } & StoredMaskingRow)[]>(
      // Both also read what the run's chart is drawn from (its report's visualization, the tenant's
      // masking as it is now): the chart of an email, a Slack or a Teams post; a settle's for the
      // deliveries its caller sends at once (settle's `inline`).
      by === 'export'
        ? `SELECT NULL::jsonb AS d, to_jsonb(e) AS e, to_jsonb(s) AS s, to_jsonb(x) AS x, ${CHART_INPUT_COLUMNS}
             FROM schedule_executions e
             LEFT JOIN schedules s ON s.id = e.schedule_id LEFT JOIN exports x ON x.id = e.export_id WHERE e.export_id = ? LIMIT 1`
        : `SELECT to_jsonb(d) AS d, to_jsonb(e) AS e, to_jsonb(s) AS s, to_jsonb(x) AS x, ${CHART_INPUT_COLUMNS}
             FROM deliveries d
             LEFT JOIN schedule_executions e ON e.id = d.execution_id LEFT JOIN schedules s ON s.id = e.schedule_id
             LEFT JOIN exports x ON x.id = e.export_id WHERE d.id = ?`, [id]);
    if (!row) return null;
    const record = row.x ? em.map(ExportEntity, row.x) : null;
    return {
      delivery: row.d ? em.map(DeliveryEntity, row.d) : null,
      execution: row.e ? em.map(ExecutionEntity, row.e) : null,
      schedule: row.s ? em.map(ScheduleEntity, row.s) : null,
      record,
      chartInputs: record ? { visualization: row.visualization ?? null, masking: storedMaskingPolicy(record.tenantId, row) } : undefined,
    };
  }

  /**
   * Settles a run whose export ended: its deliveries recorded and their jobs enqueued, or the run
   * failed, skipped or settled at once. `inline`: how many of the new deliveries the caller sends
   * itself right away (the export's job: jobs/worker.ts); their jobs are enqueued on stand-by
   * (INLINE_STANDBY_SECONDS), to run only if the caller dies or the send is to be retried. Returns
   * the deliveries the caller is to send.
   */
  async settle(exportId: string, options: { inline?: number } = {}): Promise<InlineDelivery[]> {
    const em = this.deps.em.fork();
    const run = await this.loadRun(em, 'export', exportId);
    const execution = run?.execution;
    if (!execution || execution.status !== 'RUNNING') return [];
    const record = run.record;
    if (!record) throw new Error(`Export ${exportId} not found`);
    const schedule = run.schedule;
    if (!schedule) return [];
    if (record.status !== 'COMPLETED') {
      await this.failExecution(execution, schedule, record.errorMessage ?? `The export ${record.status.toLowerCase()}`);
      return [];
    }
    // Read just now: a schedule with no failures in a row (the usual case) needs no write.
    if (schedule.consecutiveFailures !== 0) await this.sql('UPDATE schedules SET consecutive_failures = 0 WHERE id = ?', [schedule.id]);
    // An alerting schedule delivers only when its condition holds (and is armed): judged and recorded here.
    if (!(await passesCondition(em, { scheduleId: schedule.id, executionId: execution.id, exportId, condition: schedule.alertCondition }))) return [];
    if (schedule.skipIfEmpty && (record.rowCount ?? 0) === 0) {
      await this.sql(`UPDATE schedule_executions SET status = 'SKIPPED_EMPTY', completed_at = now() WHERE id = ? AND status = 'RUNNING'`, [execution.id]);
      return [];
    }
    if (schedule.onlyIfChanged && (await this.sameAsLastDelivered(execution, record))) {
      await this.sql(`UPDATE schedule_executions SET status = 'SKIPPED_UNCHANGED', completed_at = now(), error = ? WHERE id = ? AND status = 'RUNNING'`,
        ['The rows and parameters are the same as the last delivered run\'s (onlyIfChanged)', execution.id]);
      return [];
    }
    // The suppression list, consulted once here for the whole run and again before each send.
    // A run with per-recipient values (recipients set) goes to its own recipients only, and only
    // the schedule-level run (variant '') goes to S3, Slack, webhooks and other destinations.
    const emails = execution.recipients ? schedule.recipients.filter((r) => execution.recipients!.includes(r)) : schedule.recipients;
    const suppressed = await suppressionsFor(em, schedule.tenantId, schedule.id, schedule.delivery !== 'S3' ? emails : []);
    const targets: { channel: DeliveryChannel; target: string; status: 'PENDING' | 'UNSUBSCRIBED' | 'SUPPRESSED' }[] = [];
    if (schedule.delivery !== 'S3') {
      for (const email of emails) targets.push({ channel: 'EMAIL', target: email, status: deliveryStatusOf(suppressed.get(canonicalAddress(email)) ?? null) });
    }
    if (schedule.delivery !== 'EMAIL' && schedule.s3Config) {
      targets.push({ channel: 'S3', target: `s3://${schedule.s3Config.bucket}/${s3Key(schedule, record, execution)}`, status: 'PENDING' });
    }
    for (const channel of schedule.slackChannels ?? []) targets.push({ channel: 'SLACK', target: channel, status: 'PENDING' });
    for (const url of schedule.webhookUrls ?? []) targets.push({ channel: 'WEBHOOK', target: url, status: 'PENDING' });
    for (const hook of schedule.teamsWebhooks ?? []) targets.push({ channel: 'TEAMS', target: hook.redacted, status: 'PENDING' });
    for (const sftp of schedule.sftpTargets ?? []) targets.push({ channel: 'SFTP', target: sftpTargetName(sftp, keyFromTemplate(sftp.pathTemplate, schedule, record, execution)), status: 'PENDING' });
    if (execution.variantKey) targets.splice(0, targets.length, ...targets.filter((t) => t.channel === 'EMAIL'));
    // The ledger rows and their jobs in one statement, in a transaction of its own: a worker that dies
    // while it waits (a lock on the execution) commits nothing, and a target the run already has (a
    // settle run again) is left alone.
    // The first `inline` pending ones get their job on stand-by: the caller sends them now.
    const { pending, inline } = targets.length === 0 ? { pending: 0, inline: [] } : await em.transactional(async (tx) => {
      const [row] = await tx.getConnection().execute<{ pending: number; inline: Record<string, unknown>[] }[]>(
        `WITH t AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS t(channel text, target text, status text)),
         ins AS (
           INSERT INTO deliveries (id, tenant_id, execution_id, channel, target, status)
           SELECT gen_random_uuid(), ?, ?, t.channel, t.target, t.status FROM t
           ON CONFLICT (execution_id, channel, target) DO NOTHING RETURNING *),
         queued AS (
           SELECT p.id, p.inline, graphile_worker.add_job('delivery__' || lower(p.channel), json_build_object('deliveryId', p.id::text),
               job_key => 'delivery:' || p.id::text, max_attempts => ?::int, priority => ?::int,
               run_at => now() + make_interval(secs => CASE WHEN p.inline THEN ?::int ELSE 0 END)) AS job
             FROM (SELECT ins.*, row_number() OVER () <= ?::int AS inline FROM ins WHERE ins.status = 'PENDING') p)
         SELECT (SELECT count(*)::int FROM queued) AS pending,
           (SELECT coalesce(json_agg(to_jsonb(i)), '[]'::json) FROM ins i WHERE i.id IN (SELECT q.id FROM queued q WHERE q.inline)) AS inline`,
        [JSON.stringify(targets), schedule.tenantId, execution.id, DELIVERY_MAX_ATTEMPTS, DELIVERY_PRIORITY.SCHEDULED, INLINE_STANDBY_SECONDS, options.inline ?? 0],
        'all', tx.getTransactionContext());
      return { pending: row?.pending ?? 0, inline: row?.inline ?? [] };
    });
    // A delivery enqueued now settles the execution when it ends (its own recompute); with none
    // (every recipient suppressed, no target, a settle run again) the execution settles here.
    if (pending === 0) await this.recompute(execution.id);
    // Sent with the rows read here (no second read), unless the settle changed what a message says:
    // an alert's verdict is recorded on the execution by passesCondition above.
    const prepared = schedule.alertCondition ? undefined : { execution, schedule, record, chartInputs: run.chartInputs };
    return inline.map((row) => ({ id: row.id as string, ...(prepared ? { prepared: { ...prepared, delivery: em.map(DeliveryEntity, row) } } : {}) }));
  }

  /** Sends one delivery. Throws on retryable failures so the job is retried with backoff. */
  async deliver(deliveryId: string, attempt: DeliveryAttempt): Promise<void> {
    const em = this.deps.em.fork();
    return this.deliverRun(em, await this.loadRun(em, 'delivery', deliveryId), attempt);
  }

  /** A delivery settle returned to send at once (its `inline`), with the rows settle read when it could keep them. */
  async deliverInline(inline: InlineDelivery, attempt: DeliveryAttempt): Promise<void> {
    if (!inline.prepared) return this.deliver(inline.id, attempt);
    return this.deliverRun(this.deps.em.fork(), inline.prepared, attempt);
  }

  private async deliverRun(em: EntityManager, run: LoadedRun | null, attempt: DeliveryAttempt): Promise<void> {
    const delivery = run?.delivery;
    if (!run || !delivery) return;
    // The attempt's outcome for the metrics (jobs/job-metrics.ts): told of an attempt that began PENDING.
    let told = false;
    const outcome = (status: string) => {
      if (told || delivery.status !== 'PENDING') return;
      told = true;
      attempt.onOutcome?.({ channel: delivery.channel, status });
    };
    try {
      await this.attemptDelivery(em, run, delivery, attempt, outcome);
    } catch (error) {
      outcome('PENDING'); // thrown: the job tries again (if it recorded a final status first, that one was told)
      throw error;
    }
  }

  private async attemptDelivery(em: EntityManager, run: Omit<LoadedRun, 'delivery'>,
    delivery: DeliveryEntity, attempt: DeliveryAttempt, outcome: (status: string) => void): Promise<void> {
    const deliveryId = delivery.id;
    if (delivery.status === 'SENDING' && (delivery.channel === 'EMAIL' || delivery.channel === 'SLACK' || delivery.channel === 'TEAMS')) {
      // Claimed, and no outcome recorded: the worker that sent it died (or lost its lock) mid-send.
      await this.sql(`UPDATE deliveries SET status = 'UNCERTAIN', last_error = ?, updated_at = now() WHERE id = ? AND status = 'SENDING'`,
        [delivery.channel === 'EMAIL' ? 'The worker sending this email stopped before SendGrid answered; it may or may not have been delivered'
          : `The worker posting to ${delivery.channel === 'TEAMS' ? 'Teams' : 'Slack'} stopped before ${delivery.channel === 'TEAMS' ? 'Teams' : 'Slack'} answered; it may or may not have been posted`, delivery.id]);
      this.deps.log.warn('delivery uncertain: its previous attempt never finished', { deliveryId });
      await this.recompute(delivery.executionId);
      return;
    }
    // An S3 or SFTP upload overwrites its key; a webhook is deduped by its receiver on webhook-id: safe to send again.
    const resumable = delivery.status === 'PENDING' || (delivery.status === 'SENDING' && (delivery.channel === 'S3' || delivery.channel === 'WEBHOOK' || delivery.channel === 'SFTP'));
    if (!resumable) return; // sent, failed, uncertain or unsubscribed: never again from here
    // As findOneOrFail would: a run whose rows are gone fails the attempt.
    const { execution, schedule, record } = run;
    if (!execution || !schedule || !record) throw new Error(`Delivery ${deliveryId}: its ${!execution ? 'execution' : !schedule ? 'schedule' : 'export'} is gone`);
    let claimed = false;
    // Recorded before the request leaves: from here on a crash leaves SENDING, never a silent PENDING.
    // An email is claimed only while its address is not suppressed: it may have unsubscribed,
    // bounced or complained since the run began (checked in the same statement, before every send).
    const suppression: { reason: SuppressionReason | null } = { reason: null };
    const claim = async () => {
      const [check, checkParams] = delivery.channel === 'EMAIL' ? suppressionQuery(schedule.tenantId, schedule.id, delivery.target) : ['SELECT NULL::text AS reason WHERE false', []];
      const [row] = await this.sql<{ reason: SuppressionReason | null; claimed: boolean }>(
        `WITH sup AS (${check}),
         claimed AS (UPDATE deliveries SET status = 'SENDING', attempts = attempts + 1, attempt_started_at = now(), updated_at = now()
           WHERE id = ? AND status IN ('PENDING', 'SENDING') AND NOT EXISTS (SELECT 1 FROM sup) RETURNING id)
         SELECT (SELECT reason FROM sup) AS reason, EXISTS (SELECT 1 FROM claimed) AS claimed`, [...checkParams, delivery.id]);
      suppression.reason = row?.reason ?? null;
      claimed = row?.claimed === true;
      return claimed;
    };
    const recordSuppressed = async (reason: SuppressionReason) => {
      await this.sql(`UPDATE deliveries SET status = ?, updated_at = now() WHERE id = ? AND status IN ('PENDING', 'SENDING')`, [deliveryStatusOf(reason), delivery.id]);
      outcome(deliveryStatusOf(reason));
      await this.recompute(execution.id);
    };
    try {
      let providerMessageId: string | null;
      if (delivery.channel === 'EMAIL') {
        const message = await this.buildEmail(delivery, execution, schedule, record, run.chartInputs);
        if (!(await claim())) {
          if (suppression.reason) await recordSuppressed(suppression.reason);
          return;
        }
        const sent = await this.deps.transport.send(message);
        if (sent.location) this.deps.log.info(`email written to ${sent.location}`);
        providerMessageId = sent.providerMessageId;
      } else if (delivery.channel === 'SLACK') {
        const { client, post } = await this.buildSlackPost(delivery, execution, schedule, record);
        if (!(await claim())) return;
        providerMessageId = await postToSlack(client, {
          ...post,
          posted: delivery.providerMessageId,
          onPosted: async (posted) => { await this.sql('UPDATE deliveries SET provider_message_id = ?, updated_at = now() WHERE id = ?', [posted, delivery.id]); },
        });
      } else if (delivery.channel === 'WEBHOOK') {
        const request = await this.buildWebhook(delivery, execution, schedule, record);
        if (!(await claim())) return;
        const answer = await sendWebhook(request);
        providerMessageId = `HTTP ${answer.status} from ${answer.address}`;
      } else if (delivery.channel === 'TEAMS') {
        const post = await this.buildTeamsPost(delivery, execution, schedule, record);
        if (!(await claim())) return;
        providerMessageId = await postToTeams(post);
      } else if (delivery.channel === 'SFTP') {
        const upload = await this.buildSftpUpload(delivery, execution, schedule, record);
        if (!(await claim())) return;
        providerMessageId = await uploadBySftp(upload);
      } else {
        if (!(await claim())) return;
        providerMessageId = await this.uploadToS3(delivery, record);
      }
      // Sent inline: its stand-by job goes in the same statement.
      await this.sql(
        `WITH sent AS (UPDATE deliveries SET status = 'SENT', provider_message_id = ?, sent_at = now(), last_error = NULL, updated_at = now()
           WHERE id = ? AND status = 'SENDING' RETURNING id)
         SELECT CASE WHEN ?::boolean THEN (SELECT graphile_worker.remove_job('delivery:' || sent.id::text) IS NOT NULL) END AS removed FROM sent`,
        [providerMessageId, delivery.id, attempt.inline === true]);
      outcome('SENT');
    } catch (error) {
      const message = (error as Error).message.slice(0, 1000);
      const ambiguous = error instanceof DeliverySendError && error.ambiguous;
      const retryable = error instanceof DeliverySendError ? error.retryable : !(error instanceof PermanentDeliveryError);
      const final = ambiguous || !retryable || attempt.attempts >= attempt.maxAttempts;
      const status = ambiguous ? 'UNCERTAIN' : final ? 'FAILED' : 'PENDING';
      await this.sql(`UPDATE deliveries SET attempts = attempts + ?, last_error = ?, status = ?, updated_at = now() WHERE id = ? AND status IN ('PENDING', 'SENDING')`,
        [claimed ? 0 : 1, message, status, delivery.id]);
      if (final) outcome(status);
      this.deps.log.warn('delivery attempt failed', { deliveryId, channel: delivery.channel, retryable, ambiguous, status, error: message });
      if (!final) throw error;
    }
    await this.recompute(execution.id);
  }

  private async buildEmail(delivery: DeliveryEntity, execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity, chartInputs?: ChartInputs): Promise<EmailMessage> {
    const { deps } = this;
    const size = record.fileSize ?? 0;
    const attach = shouldAttach(size, schedule.emailConfig.attachment ?? 'AUTO', deps.attachmentLimitBytes);
    let attachment: Buffer | null = null;
    if (attach && record.storageKey) {
      const file = await deps.storage.openRead(record.storageKey);
      if (!file) throw new PermanentDeliveryError('The export file is gone');
      attachment = await readAll(file.stream);
    }
    let downloadUrl: string | null = null;
    let linkExpiresAt: Date | null = null;
    if (!attachment && record.storageKey) {
      // Our own route, whatever the store: the recipient's download is audited under their address.
      linkExpiresAt = new Date(Date.now() + deps.linkTtlSeconds * 1000);
      downloadUrl = downloadLinkUrl(deps.baseUrl, deps.secret, { exportId: record.id, tenantId: record.tenantId, expiresAt: linkExpiresAt, issuedTo: delivery.target });
    }
    const periodLabel = this.periodLabel(execution, schedule, record);
    // Made once per run and shared by its recipients; never a reason not to send. Not for a
    // password-protected file: a chart of its rows in the email body would show in clear what the
    // password protects.
    const chart = deps.chartImage && !record.passwordProtected ? await deps.chartImage(record, chartInputs).catch(() => null) : null;
    return renderReportEmail({
      // The run's parameter values from its export's snapshot, as the PDF and XLSX list them.
      parameters: describeParameterValues(record.definition),
      chart,
      reportName: record.reportName,
      scheduleName: schedule.name,
      tenantId: schedule.tenantId,
      periodLabel,
      rowCount: record.rowCount ?? 0,
      totalRows: record.rowsTotal ?? record.rowCount ?? 0,
      truncated: record.truncated ?? false,
      ...(record.format === 'PDF' && (record.rowCount ?? 0) > deps.pdfRowCap ? { pdfShown: deps.pdfRowCap } : {}),
      timeZone: schedule.timeZone,
      locale: record.locale,
      format: record.format,
      fileName: record.fileName ?? 'export',
      fileSize: size,
      attachment,
      contentType: record.contentType ?? 'application/octet-stream',
      passwordProtected: record.passwordProtected,
      downloadUrl,
      linkExpiresAt,
      unsubscribeUrl: `${deps.baseUrl}/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(deps.secret, schedule.id, delivery.target))}`,
      subjectTemplate: schedule.emailConfig.subject ?? null,
      // An alert's email says why it was sent (the condition's verdict) above the schedule's message.
      messageTemplate: alertMessage(execution.condition, schedule.emailConfig.message ?? null),
    }, deps.from, delivery.target, delivery.id);
  }

  /** The run's period in the schedule's zone, written for the run's locale (decided when it was enqueued, run-locale.ts). */
  private periodLabel(execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity): string {
    const params = execution.parameters as { from?: string | null; to?: string | null };
    const wall = (at: Date) => localeFormat(record.locale).dateTime(at.getTime(), schedule.timeZone);
    return params.from && params.to
      ? `${wall(new Date(params.from))} → ${wall(new Date(params.to))} ${schedule.timeZone}`
      : `as of ${wall(execution.scheduledFor)} ${schedule.timeZone}`;
  }

  /** What Slack and webhooks say about the run; the download link is issued to the target (audited under it). */
  private runFacts(delivery: DeliveryEntity, execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity, withLink: boolean): RunFacts {
    const params = execution.parameters as { from?: string | null; to?: string | null };
    const linkExpiresAt = withLink && record.storageKey ? new Date(Date.now() + this.deps.linkTtlSeconds * 1000) : null;
    const issuedTo = `${delivery.channel.toLowerCase()}:${delivery.target}`;
    return {
      scheduleId: schedule.id, scheduleName: schedule.name, reportName: record.reportName, executionId: execution.id,
      scheduledFor: execution.scheduledFor, triggeredBy: execution.triggeredBy,
      periodLabel: this.periodLabel(execution, schedule, record), periodStart: params.from ?? null, periodEnd: params.to ?? null, timeZone: schedule.timeZone,
      // The values by name, as the run resolved them (its export's snapshot).
      parameters: (record.definition as { parameterValues?: Record<string, unknown> | null }).parameterValues ?? {},
      rowCount: record.rowCount ?? 0, totalRows: record.rowsTotal ?? record.rowCount ?? 0, truncated: record.truncated ?? false,
      format: record.format, fileName: record.fileName ?? 'export', fileSize: record.fileSize ?? 0,
      contentType: record.contentType ?? 'application/octet-stream', sha256: record.checksum, passwordProtected: record.passwordProtected,
      downloadUrl: linkExpiresAt ? downloadLinkUrl(this.deps.baseUrl, this.deps.secret, { exportId: record.id, tenantId: record.tenantId, expiresAt: linkExpiresAt, issuedTo }) : null,
      linkExpiresAt,
      // An alert's run says why it was sent, as its email does.
      condition: execution.condition,
    };
  }

  private destinations(): DestinationDeps {
    if (!this.deps.destinations) throw new PermanentDeliveryError('Slack, webhook, Teams and SFTP deliveries are not configured in this process');
    return this.deps.destinations;
  }

  private async buildSlackPost(delivery: DeliveryEntity, execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity) {
    const dest = this.destinations();
    const token = await slackTokenFor(this.deps.em.fork(), dest.secrets, schedule.tenantId);
    if (!token) throw new PermanentDeliveryError('Slack is not connected for this tenant (connectSlack)');
    const size = record.fileSize ?? 0;
    const upload = record.storageKey !== null && size <= dest.slackFileLimitBytes;
    const facts = this.runFacts(delivery, execution, schedule, record, !upload);
    const files: SlackFile[] = [];
    // Not for a password-protected file: a chart of its rows would show in clear what the password protects.
    const chart = this.deps.chartImage && !record.passwordProtected ? await this.deps.chartImage(record).catch(() => null) : null;
    if (chart) files.push({ filename: 'chart.png', title: chart.alt.slice(0, 200) || 'Chart', data: chart.png });
    if (upload) {
      const file = await this.deps.storage.openRead(record.storageKey!);
      if (!file) throw new PermanentDeliveryError('The export file is gone');
      files.push({ filename: record.fileName ?? 'export', title: record.fileName ?? record.reportName, data: await readAll(file.stream) });
    }
    const summary = slackSummary(facts, upload, record.locale);
    return { client: slackClient(token, dest.slackApiUrl), post: { channel: delivery.target, text: summary.text, blocks: summary.blocks, files } };
  }

  private async buildWebhook(delivery: DeliveryEntity, execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity) {
    const dest = this.destinations();
    if (!schedule.webhookSecretCiphertext) throw new PermanentDeliveryError('The schedule has no webhook secret (rotateWebhookSecret makes one)');
    const secret = dest.secrets.open(schedule.webhookSecretCiphertext, `webhook:${schedule.id}`);
    const facts = this.runFacts(delivery, execution, schedule, record, true);
    return {
      url: delivery.target, secret, id: delivery.id, body: webhookBody(facts, delivery.id, new Date()),
      allowPrivate: dest.allowPrivateWebhooks, timeoutMs: dest.webhookTimeoutMs ?? 10_000, ...(dest.webhookCa ? { ca: dest.webhookCa } : {}),
    };
  }

  private async buildTeamsPost(delivery: DeliveryEntity, execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity) {
    const dest = this.destinations();
    const hook = (schedule.teamsWebhooks ?? []).find((h) => h.redacted === delivery.target);
    if (!hook) throw new PermanentDeliveryError('This Teams URL is no longer on the schedule');
    const url = dest.secrets.open(hook.ciphertext, `teams:${schedule.id}`);
    const facts = this.runFacts(delivery, execution, schedule, record, true);
    // Not for a password-protected file: a chart of its rows would show in clear what the password protects.
    const chart = this.deps.chartImage && !record.passwordProtected ? await this.deps.chartImage(record).catch(() => null) : null;
    const { message } = teamsMessage(facts, record.locale, chart ? await this.teamsChart(record, chart) : null);
    return {
      url, message, allowPrivate: dest.allowPrivateWebhooks, timeoutMs: dest.webhookTimeoutMs ?? 10_000, ...(dest.webhookCa ? { ca: dest.webhookCa } : {}),
    };
  }

  /**
   * The card's chart: the PNG stored beside the export's file (once per run; the run's other Teams
   * URLs reuse it) and our URL for it, valid while the file is kept (exports/chart-file.ts). A
   * store that refuses it costs the card its image, never the delivery.
   */
  private async teamsChart(record: ExportEntity, chart: EmailChart): Promise<{ url: string; alt: string } | null> {
    if (!record.storageKey || !record.completedAt) return null;
    try {
      await storeChartPng(this.deps.storage, record.storageKey, chart.png);
    } catch (error) {
      this.deps.log.warn('chart image not stored for Teams', { exportId: record.id, error: (error as Error).message });
      return null;
    }
    const expiresAt = fileKeptUntil(record.completedAt, this.deps.retentionDays);
    return { url: chartImageUrl(this.deps.baseUrl, this.deps.secret, { exportId: record.id, tenantId: record.tenantId, expiresAt }), alt: chart.alt };
  }

  private async buildSftpUpload(delivery: DeliveryEntity, execution: ExecutionEntity, schedule: ScheduleEntity, record: ExportEntity) {
    const dest = this.destinations();
    const match = (schedule.sftpTargets ?? []).map((t) => ({ t, path: keyFromTemplate(t.pathTemplate, schedule, record, execution) }))
      .find(({ t, path }) => sftpTargetName(t, path) === delivery.target);
    if (!match) throw new PermanentDeliveryError('This SFTP target is no longer on the schedule');
    if (!record.storageKey) throw new PermanentDeliveryError('The run has no file');
    const file = await this.deps.storage.openRead(record.storageKey);
    if (!file) throw new PermanentDeliveryError('The export file is gone');
    const body = new PassThrough();
    file.stream.pipe(body);
    const { t, path } = match;
    return {
      host: t.host, port: t.port, username: t.username, privateKey: dest.secrets.open(t.privateKeyCiphertext, `sftp:${schedule.id}`),
      remotePath: path, hostKeyFingerprint: t.hostKeyFingerprint, body, allowPrivate: dest.allowPrivateWebhooks,
      ...(dest.sftpReadyTimeoutMs ? { readyTimeoutMs: dest.sftpReadyTimeoutMs } : {}),
    };
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
    const failed = await this.sql(`UPDATE schedule_executions SET status = 'FAILED', error = ?, completed_at = now() WHERE id = ? AND status = 'RUNNING' RETURNING id`, [reason, execution.id]);
    // Settled by a concurrent settle (the export's job and a cancel's settle job): counted and told once.
    if (failed.length === 0) return;
    const [updated] = await this.sql<{ consecutive_failures: number }>(
      `UPDATE schedules SET failure_count = failure_count + 1, consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures`, [schedule.id]);
    const autoPaused = (updated?.consecutive_failures ?? 0) >= this.deps.autoPauseAfter;
    if (autoPaused) {
      await this.sql(`UPDATE schedules SET status = 'PAUSED', paused_reason = ?, next_run_at = NULL WHERE id = ? AND status = 'ACTIVE'`,
        [`Paused after ${this.deps.autoPauseAfter} consecutive failed runs; last: ${reason}`.slice(0, 1000), schedule.id]);
    }
    if (schedule.ownerEmail) {
      const message = renderFailureEmail({
        scheduleName: schedule.name, reportName: execution.parameters.reportName as string ?? schedule.name, tenantId: schedule.tenantId,
        scheduledFor: execution.scheduledFor, timeZone: schedule.timeZone, reason, autoPaused,
        // The run's locale from its snapshot (absent when it never started: the schedule's own).
        locale: (execution.parameters.locale as string | undefined) ?? schedule.locale ?? undefined,
      }, this.deps.from, schedule.ownerEmail, `failure-${execution.id}`);
      await this.deps.transport.send(message).catch((error: Error) => this.deps.log.warn('failure email not sent', { error: error.message }));
    }
  }

  /**
   * onlyIfChanged: this run's rows and parameters fingerprint (export runner, rows-fingerprint.ts)
   * equals that of the schedule's latest run that delivered something. A run without a fingerprint
   * (an older export) is never "the same".
   */
  private async sameAsLastDelivered(execution: ExecutionEntity, record: ExportEntity): Promise<boolean> {
    if (!record.rowsFingerprint) return false;
    const [last] = await this.sql<{ rows_fingerprint: string | null }>(
      `SELECT x.rows_fingerprint FROM schedule_executions e JOIN exports x ON x.id = e.export_id
        WHERE e.schedule_id = ? AND e.variant_key = ? AND e.id <> ? AND e.status IN ('DELIVERED', 'PARTIALLY_DELIVERED')
        ORDER BY e.completed_at DESC NULLS LAST, e.scheduled_for DESC LIMIT 1`, [execution.scheduleId, execution.variantKey, execution.id]);
    return last?.rows_fingerprint === record.rowsFingerprint;
  }

  /**
   * Execution status from its deliveries, once none is pending: counted and written in one
   * statement. Each caller runs it after its own delivery's outcome committed, so of two deliveries
   * ending at once the later statement sees both.
   */
  private async recompute(executionId: string): Promise<void> {
    await this.sql(
      `WITH c AS (
         SELECT count(*) FILTER (WHERE status IN ('PENDING', 'SENDING')) AS open, count(*) FILTER (WHERE status = 'FAILED') AS failed,
                count(*) FILTER (WHERE status = 'UNCERTAIN') AS uncertain, count(*) FILTER (WHERE status = 'SENT') AS sent
           FROM deliveries WHERE execution_id = ?)
       UPDATE schedule_executions e SET completed_at = now(),
         status = CASE WHEN c.failed + c.uncertain = 0 THEN 'DELIVERED' WHEN c.sent > 0 THEN 'PARTIALLY_DELIVERED' ELSE 'FAILED' END,
         error = CASE WHEN c.failed + c.uncertain > 0 THEN 'Deliveries: ' || concat_ws(', ',
           CASE WHEN c.failed > 0 THEN c.failed || ' failed' END, CASE WHEN c.uncertain > 0 THEN c.uncertain || ' uncertain (may have been delivered)' END) END
       FROM c WHERE e.id = ? AND e.status = 'RUNNING' AND c.open = 0`, [executionId, executionId]);
  }
}

/** The ledger's target of an SFTP upload: no secret in it. */
export function sftpTargetName(t: { username: string; host: string; port: number }, path: string): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `sftp://${t.username}@${host}:${t.port}/${path.replace(/^\/+/, '')}`;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
