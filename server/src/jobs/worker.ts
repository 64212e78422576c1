/**
 * The job worker: graphile-worker over the metadata Postgres, with the task list, the crontab, and
 * the liveness protocol that makes a crashed worker's jobs run again.
 *
 * Liveness: each worker process writes a heartbeat row per graphile worker id every
 * `heartbeatSeconds`. Every worker also reaps: heartbeats silent for 3 intervals are deleted, and
 * any job lock held by a worker id without a live heartbeat (older than the same grace) is forcibly
 * released, so another worker retries the job at once instead of after graphile-worker's 4 hours.
 *
 * Losing Postgres: graphile-worker's pool shuts itself down when it cannot fetch, complete or fail
 * a job. The worker then starts a new runner once Postgres answers (see `recycle`), so the process
 * keeps working after a database restart.
 *
 * Shutdown (stop(), on SIGTERM): no new jobs are taken; running ones get `shutdownGraceMs` (SHUTDOWN_GRACE_SECONDS) to finish,
 * then their abort signal fires. An interrupted export goes back to PENDING and its job back to the
 * queue without using up an attempt, so the process leaves no job locked behind it.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Logger as GraphileLogger, run, type Runner, type Task, type WorkerEvents } from 'graphile-worker';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';
import { ExportReleased, ExportRunner, type ClaimedExport, type ExportRunnerDeps } from '../features/exports/export-runner.js';
import { DeliverySendError } from '../features/delivery/send-error.js';
import { retryDelaySeconds } from '../features/delivery/retry-delay.js';
import { cleanupExpiredExports } from '../features/exports/export-cleanup.js';
import { RetentionService, type RetentionPolicy } from '../features/retention/retention.service.js';
import type { Metrics } from '../platform/metrics.js';
import { measureDelivery, measureExport } from './job-metrics.js';
import { DELIVERY_MAX_ATTEMPTS, type DeliveryService, type InlineDelivery } from '../features/delivery/delivery.service.js';
import { isUuid } from '../graphql/ids.js';

export interface WorkerConfig {
  databaseUrl: string;
  concurrency: number;
  pollIntervalMs: number;
  heartbeatSeconds: number;
  retentionDays: number;
  retention: RetentionPolicy;
  /** On stop, running jobs get this long before their abort signal fires (exports are then released). */
  shutdownGraceMs: number;
}

export interface WorkerHandle {
  processId: string;
  stop(): Promise<void>;
}


/** Deliveries a run's export job sends itself right after its settle; more go to their own jobs, sent in parallel. */
const INLINE_DELIVERIES = 3;
/** graphile-worker's backoff after a job's first failed attempt (exp(1) s): a retry of an inline attempt waits as long. */
const firstBackoffSeconds = Math.ceil(Math.exp(1));

/**
 * A retryable provider answer's wait before the next attempt: not before it said to come back
 * (429 X-RateLimit-Reset, Retry-After), plus jitter. Null for any other error.
 */
function providerRetryDelay(error: unknown, attempts: number): number | null {
  return error instanceof DeliverySendError && error.retryable && !error.ambiguous ? retryDelaySeconds(attempts, error.retryAfterMs) : null;
}

export const CRONTAB = [
  // The scheduler: fires due schedules (exactly once per slot, see tick.service.ts).
  '* * * * * schedules__tick ?max=1&jobKey=schedules__tick&jobKeyMode=preserve_run_at',
  // Retention: remove export files past their days; records stay for history.
  '*/15 * * * * exports__cleanup ?max=1',
  // Retention of history: export records, schedule executions, audit log (features/retention).
  '41 * * * * retention__prune ?max=1&jobKey=retention__prune&jobKeyMode=preserve_run_at',
].join('\n');

function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger(() => (level, message, meta) => {
    // graphile-worker puts whole pg clients and jobs in its meta; an error's message is what helps.
    const fields = meta && typeof meta === 'object'
      ? Object.fromEntries(Object.entries(meta as Record<string, unknown>).map(([k, v]) => [k, v instanceof Error ? v.message : v]))
      : undefined;
    if (level === 'error') log.error(`worker: ${message}`, fields);
    else if (level === 'warning') log.warn(`worker: ${message}`, fields);
    else log.debug(`worker: ${message}`, fields);
  });
}

export interface ScheduleTasks {
  tick(at: Date): Promise<unknown>;
  delivery: DeliveryService;
}

export async function startWorker(config: WorkerConfig, deps: ExportRunnerDeps & { em: EntityManager; metrics?: Metrics }, schedules: ScheduleTasks, log: Logger): Promise<WorkerHandle> {
  const processId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const exportRunner = new ExportRunner(deps);
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => deps.em.getConnection().execute<T[]>(query, params);

  const exportRun: Task = async (payload, helpers) => {
    const exportId = (payload as { exportId?: unknown } | null)?.exportId;
    if (typeof exportId !== 'string' || !isUuid(exportId)) {
      helpers.logger.error(`export__run: invalid payload ${JSON.stringify(payload)}; dropped`);
      return;
    }
    let released = false;
    let claimed: ClaimedExport | null = null;
    await measureExport(sql, deps.metrics, exportId, async (hooks) => {
      try {
        // An on-demand export's file password travels sealed in the payload, and goes with the job.
        const sealed = (payload as { password?: unknown }).password;
        await exportRunner.run(exportId, {
          attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts, shutdown: helpers.abortSignal,
          sealedPassword: typeof sealed === 'string' ? sealed : null, ...hooks,
          onClaimed: (claim) => {
            claimed = claim;
            hooks.onClaimed?.(claim);
          },
        });
      } catch (error) {
        if (error instanceof ExportReleased) {
          released = true;
          releasedJobKeys.add(`export:${exportId}`);
          log.info('export released for retry at shutdown', { exportId });
        }
        throw error;
      }
    }, () => released);
    // The attempt ended (completed, failed for good, cancelled; a retry threw above): a scheduled
    // run's execution is settled here, in the same job (export-runner.ts SETTLE_AND_NOTIFY). An
    // attempt that claimed nothing may be this job run again after a crash between the export's
    // end and its settle: settle finds out (one read; nothing to do for an on-demand export).
    const claim = claimed as ClaimedExport | null;
    if (claim === null || claim.scheduleId !== null) await settleRun(exportId);
  };
  /**
   * Settles a run and sends its first deliveries (INLINE_DELIVERIES) at once, in this job: no
   * queue hop between a file stored and its email. Should the settle fail, its settle job takes
   * over (retried apart from the export's attempts).
   */
  const settleRun = async (exportId: string) => {
    let inline: InlineDelivery[];
    try {
      inline = await schedules.delivery.settle(exportId, { inline: INLINE_DELIVERIES });
    } catch (error) {
      log.warn('settling the run failed; its settle job retries it', { exportId, error: (error as Error).message });
      await sql(`SELECT graphile_worker.add_job('execution__settle', json_build_object('exportId', ?::text), job_key => 'settle:' || ?::text, max_attempts => 10)`, [exportId, exportId]);
      return;
    }
    for (const delivery of inline) await deliverInline(delivery);
  };
  /**
   * One delivery sent by the export's job (attempt 1 of its job's max_attempts), its job standing
   * by (delivery.service.ts INLINE_STANDBY_SECONDS). Sent: the SENT statement removed the job. Any
   * other end (failed for good, suppressed, uncertain): the job goes. To be retried: the job
   * becomes the retry, attempt 1 counted, after the delay the provider asked for.
   */
  const deliverInline = async (inline: InlineDelivery) => {
    const deliveryId = inline.id;
    const key = `delivery:${deliveryId}`;
    let ended: string | null = null;
    try {
      await measureDelivery(deps.metrics, async (onOutcome) => {
        await schedules.delivery.deliverInline(inline, {
          attempts: 1, maxAttempts: DELIVERY_MAX_ATTEMPTS, inline: true,
          onOutcome: (o) => { ended = o.status; onOutcome(o); },
        });
      });
      if (ended !== 'SENT') await sql('SELECT graphile_worker.remove_job(?)', [key]);
    } catch (error) {
      log.warn('delivery will be retried by its job', { deliveryId, error: (error as Error).message });
      const delay = (providerRetryDelay(error, 1) ?? retryDelaySeconds(1, undefined)) + firstBackoffSeconds;
      await sql(`UPDATE graphile_worker._private_jobs SET attempts = greatest(attempts, 1), last_error = ?, run_at = now() + make_interval(secs => ?)
        WHERE key = ? AND locked_at IS NULL`, [(error as Error).message.slice(0, 1000), delay, key])
        .catch((e: Error) => log.warn('could not schedule the delivery\'s retry; its job runs when it stands by no longer', { deliveryId, error: e.message }));
    }
  };
  const idOf = (payload: unknown, field: string): string | null => {
    const value = (payload as Record<string, unknown> | null)?.[field];
    return typeof value === 'string' && isUuid(value) ? value : null;
  };
  const scheduleTick: Task = async (payload) => {
    // Cron jobs carry the slot they were scheduled for; tick as of that instant.
    const fire = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
    await schedules.tick(fire ? new Date(fire) : new Date());
  };
  const executionSettle: Task = async (payload, helpers) => {
    const exportId = idOf(payload, 'exportId');
    if (!exportId) return helpers.logger.error('execution__settle: invalid payload; dropped');
    await schedules.delivery.settle(exportId);
  };
  const quotaNotice: Task = async (payload, helpers) => {
    const executionId = idOf(payload, 'executionId');
    if (!executionId) return helpers.logger.error('execution__quota_notice: invalid payload; dropped');
    await schedules.delivery.noticeSkipped(executionId);
  };
  const deliver: Task = async (payload, helpers) => {
    const deliveryId = idOf(payload, 'deliveryId');
    if (!deliveryId) return helpers.logger.error('delivery: invalid payload; dropped');
    await measureDelivery(deps.metrics, async (onOutcome) => {
      try {
        await schedules.delivery.deliver(deliveryId, { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts, onOutcome });
      } catch (error) {
        const delay = providerRetryDelay(error, helpers.job.attempts);
        // graphile-worker adds its backoff on top of this run_at when it records the failure.
        if (delay !== null) await sql('UPDATE graphile_worker._private_jobs SET run_at = now() + make_interval(secs => ?) WHERE id = ?', [delay, helpers.job.id]);
        throw error;
      }
    });
  };
  const notice: Task = async (payload, helpers) => {
    const deliveryId = idOf(payload, 'deliveryId');
    if (!deliveryId) return helpers.logger.error('delivery__notice: invalid payload; dropped');
    await schedules.delivery.notice(deliveryId, { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts });
  };
  const exportsCleanup: Task = async () => {
    const removed = await cleanupExpiredExports(deps.em.fork(), deps.storage, config.retentionDays, new Date(), (message) => log.warn(`retention: ${message}`));
    if (removed > 0) log.info(`retention: removed ${removed} export file(s) older than ${config.retentionDays} days`);
    deps.metrics?.retentionDeleted.inc({ kind: 'export_files' }, removed);
  };
  const retentionPrune: Task = async () => {
    const deleted = await new RetentionService(deps.em.fork(), deps.storage, config.retention).prune();
    for (const [kind, n] of Object.entries(deleted)) deps.metrics?.retentionDeleted.inc({ kind }, n);
    if (Object.values(deleted).some((n) => n > 0)) log.info('retention: pruned', deleted);
  };
  // Exports released at shutdown: graphile-worker failed their jobs (attempt counted, backoff);
  // after it stops, they are made runnable at once with the attempt given back.
  const releasedJobKeys = new Set<string>();

  // graphile-worker locks jobs with its worker *pool* id, so that is what a heartbeat must name.
  // Our own emitter, so the listener is in place before run() creates the pool.
  const events = new EventEmitter() as WorkerEvents;
  let poolId: string | null = null;
  events.on('pool:create', ({ workerPool }) => {
    poolId = workerPool.id;
    void sql('INSERT INTO worker_heartbeats (worker_id, process_id) VALUES (?, ?) ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now()',
      [workerPool.id, processId]).catch((error: Error) => log.warn('heartbeat insert failed', { error: error.message }));
  });
  const startRunner = (): Promise<Runner> => run({
    events,
    connectionString: config.databaseUrl,
    concurrency: config.concurrency,
    pollInterval: config.pollIntervalMs,
    noHandleSignals: true,
    gracefulShutdownAbortTimeout: config.shutdownGraceMs,
    // Unbatched, graphile-worker 0.17 fires completeJob/failJob without awaiting them, so a job that
    // ends during shutdown could stay locked once the pool is gone. Batched (even with no delay),
    // the pool flushes them before it terminates.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    logger: graphileLogger(log),
    taskList: {
      export__run: exportRun,
      exports__cleanup: exportsCleanup,
      retention__prune: retentionPrune,
      schedules__tick: scheduleTick,
      execution__settle: executionSettle,
      execution__quota_notice: quotaNotice,
      delivery__email: deliver,
      delivery__notice: notice,
      delivery__s3: deliver,
      delivery__slack: deliver,
      delivery__webhook: deliver,
      delivery__teams: deliver,
      delivery__sftp: deliver,
    },
    crontab: CRONTAB,
  });

  // graphile-worker's pool gives up when it loses its database: a failed getJob, completeJob or
  // failJob shuts the pool down (and may leave it hanging on its own retries). The process must not
  // be left without a worker. As soon as the pool starts going down on its own, abandon it (kill:
  // its running tasks are aborted after the drain), wait for Postgres, drop the dead pool's
  // heartbeat so the reaper frees the jobs it still holds, and start a new runner.
  let stopping = false;
  let recycling = false;
  let runner: Runner = await startRunner();
  const recycle = async (reason: string) => {
    if (stopping || recycling) return;
    recycling = true;
    const dead = runner;
    const deadPool = poolId;
    log.error(`the job runner is going down on its own (${reason}); starting a new one once Postgres answers`);
    void dead.kill().catch(() => undefined);
    for (let delay = 1000; !stopping; delay = Math.min(delay * 2, 30_000)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) break;
      try {
        if (deadPool) await sql('DELETE FROM worker_heartbeats WHERE worker_id = ?', [deadPool]);
        runner = await startRunner();
        if (stopping) {
          await runner.stop().catch(() => undefined); // stop() came while it was starting
          break;
        }
        supervise(runner);
        log.info('job runner restarted');
        break;
      } catch (error) {
        log.warn('job runner restart failed; retrying', { error: (error as Error).message });
      }
    }
    recycling = false;
  };
  const supervise = (current: Runner) => {
    void current.promise.catch(() => undefined).then(async () => {
      if (current === runner) await recycle('the runner stopped');
    });
  };
  events.on('pool:gracefulShutdown', ({ workerPool, message }) => {
    if (workerPool.id === poolId) void recycle(message);
  });
  supervise(runner);

  const graceSeconds = config.heartbeatSeconds * 3;
  const beat = async () => {
    await sql('UPDATE worker_heartbeats SET heartbeat_at = now() WHERE process_id = ?', [processId]);
    await reapDeadWorkers(sql, graceSeconds, async (ids) => {
      log.warn(`unlocking jobs of ${ids.length} dead worker(s)`, { workerIds: ids });
      await sql('SELECT graphile_worker.force_unlock_workers(ARRAY(SELECT json_array_elements_text(?::json)))', [JSON.stringify(ids)]);
    });
    // Their subscribers hear of it from the database (the exports trigger).
    await failLostExports(sql, graceSeconds);
  };
  const timer = setInterval(() => void beat().catch((error: Error) => log.warn('heartbeat failed', { error: error.message })), config.heartbeatSeconds * 1000);
  // At start-up too: a worker restarting after a crash frees what its previous life held.
  await beat().catch((error: Error) => log.warn('initial reaping failed', { error: error.message }));
  log.info(`worker started (concurrency ${config.concurrency})`);

  return {
    processId,
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await runner.stop().catch((error: Error) => log.debug('runner already stopped', { error: error.message }));
      if (releasedJobKeys.size > 0) {
        await sql(`UPDATE graphile_worker._private_jobs SET run_at = now(), attempts = greatest(attempts - 1, 0)
          WHERE key IN (SELECT json_array_elements_text(?::json)) AND locked_at IS NULL`, [JSON.stringify([...releasedJobKeys])])
          .catch((error: Error) => log.warn('could not requeue released exports', { error: error.message }));
      }
      await sql('DELETE FROM worker_heartbeats WHERE process_id = ?', [processId]).catch(() => undefined);
    },
  };
}

type Sql = <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;

/** Frees job locks held by workers that stopped beating; see the header. */
export async function reapDeadWorkers(sql: Sql, graceSeconds: number, unlock: (workerIds: string[]) => Promise<void>): Promise<string[]> {
  await sql(`DELETE FROM worker_heartbeats WHERE heartbeat_at < now() - make_interval(secs => ?)`, [graceSeconds]);
  const rows = await sql<{ locked_by: string }>(
    `SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
     WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => ?)
       AND locked_by NOT IN (SELECT worker_id FROM worker_heartbeats)`, [graceSeconds]);
  const ids = rows.map((r) => r.locked_by);
  if (ids.length) await unlock(ids);
  return ids;
}

/**
 * An export whose job is gone or used up its attempts (its last worker died mid-run) would stay
 * PENDING or PROCESSING forever: it fails, saying why.
 */
export async function failLostExports(sql: Sql, graceSeconds: number): Promise<{ id: string; tenant_id: string }[]> {
  return sql<{ id: string; tenant_id: string }>(
    `UPDATE exports e SET status = 'FAILED', error_code = 'WORKER_LOST',
       error_message = 'The worker running this export stopped and no attempts are left', completed_at = now(), updated_at = now()
     WHERE e.status IN ('PENDING', 'PROCESSING') AND e.updated_at < now() - make_interval(secs => ?)
       AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j
                       WHERE j.key = 'export:' || e.id::text AND (j.attempts < j.max_attempts OR j.locked_at IS NOT NULL))
     RETURNING e.id, e.tenant_id`, [graceSeconds]);
}
