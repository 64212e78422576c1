/**
 * Runs one export: the body of the `export__run` job. Streams the compiled report from ClickHouse
 * into storage in constant memory (CSV as the engine formats it, other formats through a format
 * writer: see export-body.ts), recording progress at most 4 times a second, and stops within a
 * second of a cancel. Every visible change of the row is announced to subscribers by the database
 * itself (migration 0006: a trigger NOTIFYs in the committing transaction).
 *
 * State machine (the database row is the truth; every transition is a conditional UPDATE, so a
 * cancel racing a completion cannot produce both):
 *   PENDING → PROCESSING (claim; also PROCESSING → PROCESSING when a dead worker's job is retried)
 *   PROCESSING → COMPLETED | FAILED | CANCELLED (by cancelExport) | PENDING (transient error, retried)
 */
import { createHash } from 'node:crypto';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsStore } from '../../platform/analytics-store.js';
import type { Logger } from '../../platform/logger.js';
import type { ExportStorage } from '../../platform/storage/export-storage.js';
import { compileCount, compileCsvReport, compileReport, compileXlsxReport, DefinitionRejected, resolveTimeWindow, type CompiledQuery, type CsvCompileResult, type XlsxCompileResult } from '../reports/compile-query.js';
import type { DefinitionLimits } from '../reports/definition.js';
import { validateDefinition, type NormalizedDefinition } from '../reports/validate-definition.js';
import { exportBody } from './export-body.js';
import { ExportEntity } from './export.entity.js';
import { describeParameters } from './parameters.js';
import { planExportFile, type ExportFileInput, type TemplateContext } from './export-file.js';
import { createPackager } from './writers/packaging.js';
import { rowsInFile } from './writers/rows-in-file.js';
import { RowsFingerprint } from './rows-fingerprint.js';
import { SecretUnreadableError, type SecretBox } from '../../platform/secret-box.js';
import { isDatabaseUnavailable } from '../../platform/database-errors.js';
import { chartDefinitionOf } from '../charts/chart-definition.js';
import { storedVisualization } from '../reports/stored-visualization.js';
import type { ExportChart, ExportColumn, ExportParameter, WriterFactoryInput } from './writers/writer.js';
import type { ExportBody } from './export-body.js';
import { auditExportBody, auditExportColumns, countAuditRows, describeAuditQuery, storedAuditQuery } from '../audit/audit-export.js';
import type { ColumnMasking } from '../catalog/masking.js';
import { exportMasking, storedMaskingColumns, storedMaskingPolicy, type StoredMaskingRow } from '../catalog/masking-policy.service.js';
import { DashboardDeletedError, DashboardExportFile } from '../dashboards/dashboard-export.js';
import { readableCondition } from '../sharing/readable.js';
import type { Role } from '../auth/viewer.js';
import { measureColumn } from './alert-measure.js';
import { needsColumn, storedAlertCondition, type AlertMeasure } from '../schedules/alert-condition.js';

const PROGRESS_INTERVAL_MS = 250;

/**
 * Appended to the UPDATE that settles an export (as the CTE `done`): a scheduled export's
 * execution is settled by a job enqueued in the same statement, so a crash cannot finish the export
 * and forget its delivery.
 */
export const SETTLE_SCHEDULED = `SELECT d.id, CASE WHEN d.schedule_id IS NOT NULL THEN
    (SELECT graphile_worker.add_job('execution__settle', json_build_object('exportId', d.id::text), job_key => 'settle:' || d.id::text, max_attempts => 10) IS NOT NULL)
  END AS settled FROM done d`;

/**
 * The runner's settle (the CTE `done` returns id, schedule_id, status, notify_email): an on-demand
 * export whose creator asked to be told (notifyWhenReady) gets its one notice delivery, recorded
 * in the ledger and enqueued in the same statement, once it is COMPLETED or FAILED (a transient
 * failure going back to PENDING tells no one). A scheduled export's execution is settled by the
 * export's own job right after this statement (jobs/worker.ts): the job is not done until the run
 * is settled, so a crash in between runs the job again, which finds the export finished and
 * settles it then. One job per run instead of two: the drain's fetch, lock and delete of a settle
 * job per run were a fifth of its statements.
 */
export const SETTLE_AND_NOTIFY = `, notice AS (
    INSERT INTO deliveries (id, tenant_id, execution_id, export_id, channel, target, status)
    SELECT gen_random_uuid(), x.tenant_id, NULL, d.id, 'EMAIL', d.notify_email, 'PENDING'
      FROM done d JOIN exports x ON x.id = d.id
     WHERE d.notify_email IS NOT NULL AND d.status IN ('COMPLETED', 'FAILED')
    ON CONFLICT (export_id) WHERE execution_id IS NULL DO NOTHING RETURNING id)
  SELECT d.id, d.schedule_id,
  (SELECT count(graphile_worker.add_job('delivery__notice', json_build_object('deliveryId', n.id::text), job_key => 'delivery:' || n.id::text, max_attempts => 5)) FROM notice n) AS noticed
  FROM done d`;

/** An error retrying cannot fix: the export fails at once. */
export class PermanentExportError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'PermanentExportError';
  }
}

class Cancelled extends Error {}

/**
 * The worker is shutting down and the export did not finish within the grace period: its row went
 * back to PENDING (the attempt not counted) and its partial file was removed; thrown so the job
 * stays queued for another worker.
 */
export class ExportReleased extends Error {
  constructor(readonly exportId: string) {
    super('Released for retry: the worker shut down before the export finished');
    this.name = 'ExportReleased';
  }
}

export interface ExportRunnerDeps {
  em: EntityManager;
  analytics: AnalyticsStore;
  storage: ExportStorage;
  limits: DefinitionLimits;
  pdfRowCap: number;
  /** Opens file passwords sealed with SECRETS_KEY (job payloads, schedules). */
  secrets: SecretBox;
  /** Root of the tenants' masking keys (catalog/masking.ts). */
  maskingSecret: string;
  log: Logger;
}

export interface JobAttempt {
  attempts: number;
  maxAttempts: number;
  /** Fires when the worker's shutdown grace period is over: release the export instead of finishing it. */
  shutdown?: AbortSignal;
  /** An on-demand export's file password, sealed (context `export:<id>`): it lives only in the job's payload. */
  sealedPassword?: string | null;
  /** Told when the attempt claimed the export (for the metrics: jobs/job-metrics.ts). */
  onClaimed?: (claim: ClaimedExport) => void;
  /** Told the status this attempt wrote (COMPLETED, FAILED, or PENDING for a retry); not told: read it back. */
  onSettled?: (settled: SettledExport) => void;
}

export interface ClaimedExport {
  format: string;
  /** Its first start (not a retry, nor one released before): how late a scheduled run began counts once. */
  firstStart: boolean;
  /** A scheduled run's slot (the export's as-of instant); null for any other trigger. */
  scheduledFor: Date | null;
  /** The export's schedule (a scheduled, run-now or backfill run): its execution is settled after the attempt. */
  scheduleId: string | null;
}

export interface SettledExport { status: string; rowsWritten: number; bytesWritten: number }

/** The columns of the schedules row a scheduled run reads, once per attempt (with the claim). */
interface RunSchedule { created_by: string; owner_role: Role; alert_condition: unknown; /** The owner may still read the run's report or dashboard; null: no target to check. */ mayRead: boolean | null }

/** What the claim statement reads besides the export's row: one round trip for what every run needs first. */
type ClaimRow = Record<string, unknown> & StoredMaskingRow & {
  first_start: boolean;
  run_owner: string | null;
  run_owner_role: Role | null;
  run_alert_condition: unknown;
  run_owner_may_read: boolean | null;
};

const [READABLE_REPORT, READABLE_REPORT_PARAMS] = readableCondition('REPORT', { id: 'c.report_id', tenant: 'c.tenant_id' }, { user: 's.created_by', role: 's.owner_role' });
const [READABLE_DASHBOARD, READABLE_DASHBOARD_PARAMS] = readableCondition('DASHBOARD', { id: 'c.dashboard_id', tenant: 'c.tenant_id' }, { user: 's.created_by', role: 's.owner_role' });

/**
 * The claim (PENDING or PROCESSING → PROCESSING), returning the row the run works from and, in
 * the same round trip, a scheduled run's schedule (its owner, role and alert condition), whether
 * that owner may still read what the run reads (sharing/readable.ts), and the tenant's masking
 * policy as it is now. started_at = now() only on its first start (now() is the statement's
 * transaction time).
 */
const CLAIM = `WITH c AS (
    UPDATE exports SET status = 'PROCESSING', attempts = attempts + 1, started_at = coalesce(started_at, now()),
      rows_written = 0, bytes_written = 0, error_code = NULL, error_message = NULL, updated_at = now()
    WHERE id = ? AND status IN ('PENDING', 'PROCESSING') RETURNING *)
  SELECT c.*, c.started_at = now() AS first_start,
    s.created_by AS run_owner, s.owner_role AS run_owner_role, s.alert_condition AS run_alert_condition,
    CASE WHEN s.id IS NULL THEN NULL
         WHEN c.report_id IS NOT NULL THEN ${READABLE_REPORT}
         WHEN c.dashboard_id IS NOT NULL THEN ${READABLE_DASHBOARD} END AS run_owner_may_read,
    ${storedMaskingColumns('c.tenant_id')}
  FROM c LEFT JOIN schedules s ON c.audit_query IS NULL AND s.id = c.schedule_id AND s.tenant_id = c.tenant_id`;
const CLAIM_PARAMS = [...READABLE_REPORT_PARAMS, ...READABLE_DASHBOARD_PARAMS];

/** Counts and hashes the bytes on their way to storage. */
class Meter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    cb(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** `exports/<tenant>/<id>.<ext>`, the extension the packaged file's (`csv.gz`, `zip`): see export-file.ts. */
export function storageKey(e: ExportFileInput): string {
  return planExportFile(e).storageKey;
}

/** Where an export's rows come from: a report's query (ClickHouse) or a view of the audit log (PostgreSQL). */
interface RowSource {
  /** What a file-name template reads beyond the record. */
  templateContext(): Promise<TemplateContext>;
  /** Rows the file will hold and whether a row limit cut them: known before the first row. */
  count(signal: AbortSignal): Promise<{ rowsTotal: number; truncated: boolean }>;
  columns: ExportColumn[];
  /** The file's parameters block. */
  parameters: ExportParameter[];
  /** The report's row limit; null: none (every row is written; the file states the row count). */
  rowLimit: number | null;
  /** The chart a PDF or XLSX draws; undefined: none. */
  chart(): Promise<ExportChart | undefined>;
  /** An alerting schedule's measure of `column` over the same query (alert-measure.ts); absent: not measurable. */
  measure?(column: string, signal: AbortSignal): Promise<AlertMeasure | null>;
  /** The rows, streamed through the format's writer into `writer.output`. */
  body(writer: WriterFactoryInput, signal: AbortSignal, fingerprint?: RowsFingerprint | null): ExportBody;
}

export class ExportRunner {
  constructor(private readonly deps: ExportRunnerDeps) {}

  private sql<T = Record<string, unknown>>(query: string, params: unknown[]): Promise<T[]> {
    return this.deps.em.getConnection().execute<T[]>(query, params);
  }

  /**
   * The chart a PDF or XLSX draws: the report's visualization as it is when the file is made (a
   * deleted report's, or none: the default chart for the definition), over the snapshot's columns.
   */
  private async chartOf(record: ExportEntity, definition: NormalizedDefinition, compiled: CompiledQuery): Promise<ExportChart> {
    const stored = record.reportId
      ? await this.sql<{ visualization: unknown }>('SELECT visualization FROM reports WHERE id = ? AND tenant_id = ?', [record.reportId, record.tenantId])
      : [];
    return { definition: chartDefinitionOf(definition, compiled.columns), visualization: storedVisualization(stored[0]?.visualization ?? null) };
  }

  /** `job.shutdown` aborts when the worker stops: the export is put back (ExportReleased is thrown). */
  async run(exportId: string, job: JobAttempt): Promise<void> {
    const [claimed] = await this.sql<ClaimRow>(CLAIM, [exportId, ...CLAIM_PARAMS]);
    if (!claimed) return; // cancelled, finished or deleted meanwhile: nothing to do
    const { first_start: firstStart, run_owner: owner, run_owner_role: ownerRole, run_alert_condition: alertCondition, run_owner_may_read: mayRead, masking_policy, masking_classes, ...row } = claimed;
    const record = this.deps.em.fork().map(ExportEntity, row);
    job.onClaimed?.({ format: record.format, firstStart, scheduledFor: record.triggeredBy === 'SCHEDULE' ? record.asOf : null, scheduleId: record.scheduleId });
    const started = performance.now();
    try {
      // A scheduled run's schedule row (null when gone, or not a scheduled report or dashboard run).
      const schedule: RunSchedule | null = owner !== null && ownerRole !== null ? { created_by: owner, owner_role: ownerRole, alert_condition: alertCondition, mayRead } : null;
      this.assertOwnerMayRead(record, schedule);
      // Masked for the role recorded when it was enqueued (the requester's, or the schedule owner's),
      // under the tenant's policy as it is now: a policy tightened after the request still applies.
      const masking = exportMasking(storedMaskingPolicy(record.tenantId, { masking_policy, masking_classes }), record.maskRole, this.deps.maskingSecret, record.tenantId);
      await this.produce(record, started, job, schedule, masking);
    } catch (error) {
      // Aborted by shutdown wherever it was (count query included): released, not failed.
      if (error instanceof ExportReleased || (job.shutdown?.aborted && !(error instanceof PermanentExportError))) {
        await this.sql(`UPDATE exports SET status = 'PENDING', attempts = greatest(attempts - 1, 0), rows_written = 0, bytes_written = 0, updated_at = now()
          WHERE id = ? AND status = 'PROCESSING'`, [record.id]);
        throw error instanceof ExportReleased ? error : new ExportReleased(record.id);
      }
      await this.settleFailure(record, error, job);
    }
  }

  /**
   * A scheduled run reads its report or dashboard as the schedule's owner (sharing/access.ts): an
   * owner who may no longer view it (a grant revoked, the report made private) gets nothing made
   * or delivered; the run fails at once with ACCESS_REVOKED, which the execution reports.
   */
  private assertOwnerMayRead(record: ExportEntity, owner: RunSchedule | null): void {
    if (!record.scheduleId || record.auditQuery || !owner || owner.mayRead !== false) return;
    const target = record.reportId ? 'report' : 'dashboard';
    throw new PermanentExportError('ACCESS_REVOKED', `The schedule's owner (${owner.created_by}) may no longer view this ${target}: nothing was made or delivered`);
  }

  /**
   * Where a report export's rows come from: its definition, validated and compiled (masked for the
   * export's role) into a ClickHouse query, counted first, then streamed (export-body.ts).
   */
  private async reportSource(record: ExportEntity, masking: ColumnMasking): Promise<RowSource> {
    const { analytics, limits } = this.deps;
    if (!record.reportId && !record.scheduleId) throw new PermanentExportError('REPORT_DELETED', 'The report was deleted before the export ran');
    const checked = validateDefinition(record.definition, limits);
    if (!checked.valid) throw new PermanentExportError('INVALID_DEFINITION', `Invalid report definition: ${checked.errors[0]!.path} ${checked.errors[0]!.message}`);
    const definition = checked.definition;
    let compiled: CompiledQuery;
    let csv: CsvCompileResult | null = null;
    let xlsx: XlsxCompileResult | null = null;
    try {
      // record.timeZone is the run's effective zone, decided when it was enqueued (run-zone.ts).
      const ctx = { tenantId: record.tenantId, asOf: record.asOf, database: analytics.database, maxRangeDays: limits.maxRangeDays, timeZone: record.timeZone, masking };
      compiled = compileReport(definition, ctx);
      if (record.format === 'CSV') csv = compileCsvReport(definition, ctx, record.options.csvTimestamps);
      if (record.format === 'XLSX') xlsx = compileXlsxReport(definition, ctx);
    } catch (error) {
      if (error instanceof DefinitionRejected) throw new PermanentExportError('INVALID_DEFINITION', error.message);
      throw error;
    }
    const timeZone = record.timeZone;
    return {
      templateContext: () => this.templateContext(record, definition),
      count: async (signal) => {
        const countQuery = compileCount(compiled, definition.rowLimit);
        const counted = Number((await analytics.query(countQuery.sql, countQuery.params, { signal })).rows[0]?.[0] ?? 0);
        return { rowsTotal: Math.min(counted, definition.rowLimit), truncated: counted > definition.rowLimit };
      },
      columns: compiled.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
      parameters: [
        ...describeParameters(definition, resolveTimeWindow(definition, record.asOf, timeZone), timeZone, record.locale),
        { label: 'Masked for role', value: `${masking.role} (${record.scheduleId ? 'the schedule owner' : 'who asked for it'})` },
      ],
      rowLimit: definition.rowLimit,
      measure: (column, signal) => measureColumn(analytics, compiled, column, signal),
      chart: () => this.chartOf(record, definition, compiled),
      body: (writer, signal, fingerprint) => {
        if (csv && !csv.ok) this.deps.log.info('CSV export through the JS writer', { exportId: record.id, reason: csv.reason });
        if (xlsx && !xlsx.ok) this.deps.log.info('XLSX export through the JS writer', { exportId: record.id, reason: xlsx.reason });
        return exportBody({ analytics, format: record.format, compiled, csv, xlsx, signal, writer, fingerprint });
      },
    };
  }

  /**
   * Where an audit export's rows come from: a view of the tenant's audit log (audit-export.ts),
   * read from PostgreSQL in keyset pages into the same writers. Every row is written: no row limit.
   */
  private auditSource(record: ExportEntity): RowSource {
    const query = storedAuditQuery(record.auditQuery);
    if (!query) throw new PermanentExportError('INVALID_DEFINITION', 'The audit export names no view or filter this server reads');
    const em = this.deps.em.fork();
    return {
      templateContext: () => Promise.reject(new PermanentExportError('INVALID_DEFINITION', 'An audit export has no file-name template')),
      count: async () => {
        const rowsTotal = await countAuditRows(em, record.tenantId, query);
        return { rowsTotal, truncated: false };
      },
      columns: auditExportColumns(query.view),
      parameters: describeAuditQuery(query),
      rowLimit: null,
      chart: async () => undefined,
      body: (writer, signal, fingerprint) => auditExportBody({ em, tenantId: record.tenantId, query, format: record.format, writer, signal, fingerprint }),
    };
  }

  /**
   * Where a dashboard export's file comes from (dashboards/dashboard-export.ts): every tile's rows
   * read as the page reads them (count), then one PDF or XLSX drawn from them (body). The rows
   * counted are the tiles' rows the file holds; truncated when a tile had more.
   */
  private dashboardSource(record: ExportEntity): RowSource {
    const file = new DashboardExportFile(this.deps, record);
    const load = async () => {
      try {
        return await file.load();
      } catch (error) {
        if (error instanceof DashboardDeletedError) throw new PermanentExportError('REPORT_DELETED', error.message);
        throw error;
      }
    };
    return {
      templateContext: async () => {
        const [row] = record.scheduleId ? await this.sql<{ name: string }>('SELECT name FROM schedules WHERE id = ?', [record.scheduleId]) : [];
        return { scheduleName: row?.name ?? '', definition: { filters: [] } as unknown as NormalizedDefinition, window: null };
      },
      count: load,
      columns: [],
      get parameters() {
        return file.parameters();
      },
      rowLimit: null,
      chart: async () => undefined,
      body: (writer, signal, fingerprint) => {
        let aborted = false;
        return {
          via: 'writer' as const,
          run: async (onRows) => {
            // onlyIfChanged: the tiles' titles and rows, in order.
            for (const tile of file.tiles) fingerprint?.rows([[tile.kind, tile.title, tile.text ?? null], ...(tile.rows ?? [])]);
            const bytes = await file.render();
            if (aborted || signal.aborted) throw signal.reason ?? new Error('aborted');
            await new Promise<void>((resolve, reject) => {
              writer.output.once('error', reject);
              writer.output.end(bytes, () => resolve());
            });
            onRows(file.tiles.reduce((n, t) => n + (t.rows?.length ?? 0), 0));
          },
          abort: () => {
            aborted = true;
            writer.output.destroy();
          },
        };
      },
    };
  }

  private async produce(record: ExportEntity, started: number, job: JobAttempt, schedule: RunSchedule | null, masking: ColumnMasking): Promise<void> {
    const { storage } = this.deps;
    const { shutdown, sealedPassword } = job;
    const source = record.auditQuery ? this.auditSource(record)
      : record.dashboardId || record.dashboard ? this.dashboardSource(record)
      : await this.reportSource(record, masking);
    // The file's name, type and packaging, and its password: decided before any work, so a
    // password that cannot be read fails the export at once, and never yields an unprotected file.
    const file = planExportFile(record, record.fileNameTemplate ? await source.templateContext() : null);
    const password = record.passwordProtected ? await this.filePassword(record, sealedPassword) : null;
    const abort = new AbortController();
    const release = () => abort.abort(new ExportReleased(record.id));
    if (shutdown?.aborted) release();
    shutdown?.addEventListener('abort', release, { once: true });
    // Written with the first progress update, or with the completion when the file is done before
    // it (the usual scheduled run): not a round trip of its own.
    const { rowsTotal, truncated } = await source.count(abort.signal);
    // An alerting schedule's measure, taken now over the same query: its settle judges the condition.
    const alertMeasure = await this.alertMeasure(record, source, abort.signal, schedule);

    const key = file.storageKey;
    const contentType = file.contentType;
    const timeZone = record.timeZone;
    const meter = new Meter();
    const body = new PassThrough();
    meter.pipe(body);
    // Compression or an encrypted ZIP between the writer and the meter: the meter counts (and
    // hashes) the bytes stored, so progress, size and checksum are the packaged file's.
    const packager = createPackager(meter, { packaging: file.packaging, entryName: file.entryName, password });
    const upload = storage.put(key, body, contentType, abort.signal);
    // A failed upload stops the query; its error, not the abort it causes, is the reason to report.
    let uploadError: unknown = null;
    upload.catch((error: unknown) => {
      uploadError = error ?? new Error('upload failed');
      abort.abort(uploadError);
    });
    const chart = record.format === 'PDF' || record.format === 'XLSX' ? await source.chart() : undefined;
    // A scheduled run's rows and parameters, hashed as they pass: onlyIfChanged compares them.
    const fingerprint = record.scheduleId
      ? new RowsFingerprint({ format: record.format, locale: record.locale, timeZone, columns: source.columns, parameters: source.parameters })
      : null;
    const exportFile = source.body({
      output: packager.input,
      columns: source.columns,
      meta: {
        reportName: record.reportName,
        tenantId: record.tenantId,
        generatedAt: record.asOf,
        timeZone,
        // record.locale is the run's effective locale, decided when it was enqueued (run-locale.ts).
        locale: record.locale,
        parameters: source.parameters,
        rowLimit: source.rowLimit ?? rowsTotal,
        totalRows: rowsTotal,
        truncated,
      },
      options: { bom: record.options.bom, ndjson: record.options.ndjson, csvTimestamps: record.options.csvTimestamps, pdfRowCap: this.deps.pdfRowCap, pdfPaperSize: record.options.paperSize, pdfOrientation: record.options.orientation, ...(file.packaging.pdfEncrypted && password ? { pdfPassword: password } : {}) },
      ...(chart ? { chart } : {}),
    }, abort.signal, fingerprint);

    let rowsWritten = 0;
    let cancelled = false;
    // Progress flush doubles as the cancel check: the conditional UPDATE finds no PROCESSING row
    // once cancelExport has run, whatever process it ran in.
    const flush = async () => {
      const rows = await this.sql('UPDATE exports SET rows_total = ?, truncated = ?, rows_written = ?, bytes_written = ?, updated_at = now() WHERE id = ? AND status = ? RETURNING id',
        [rowsTotal, truncated, rowsWritten, meter.bytes, record.id, 'PROCESSING']);
      if (rows.length === 0) {
        cancelled = true;
        abort.abort(new Cancelled('cancelled'));
      }
    };
    let flushing: Promise<void> = Promise.resolve();
    const ticker = setInterval(() => {
      flushing = flushing.then(flush).catch((error: Error) => this.deps.log.warn('progress update failed', { error: error.message }));
    }, PROGRESS_INTERVAL_MS);

    try {
      await exportFile.run((rows) => {
        rowsWritten += rows;
      });
      await packager.done;
      const stored = await upload;
      clearInterval(ticker);
      await flushing;
      const fileName = file.fileName;
      // rowCount is the rows the file holds (a PDF at most PDF_ROW_CAP), and a file the cap cut is
      // truncated like one the row limit cut; rows_total keeps the result's rows (sourceRowCount).
      const held = rowsInFile(record.format, rowsWritten, this.deps.pdfRowCap);
      const done = await this.sql(
        `WITH done AS (
           UPDATE exports SET status = 'COMPLETED', rows_total = ?, rows_written = ?, row_count = ?, truncated = ?::boolean OR ?::boolean, bytes_written = ?, file_size = ?, checksum = ?,
             file_name = ?, content_type = ?, storage_kind = ?, storage_key = ?, rows_fingerprint = ?, alert_measure = ?::jsonb, completed_at = now(), execution_time_ms = ?, updated_at = now()
           WHERE id = ? AND status = 'PROCESSING' RETURNING id, schedule_id, status, notify_email)
         ${SETTLE_AND_NOTIFY}`,
        [rowsTotal, rowsWritten, held.rowCount, truncated, held.cutByFormat, meter.bytes, stored.size, meter.digest(), fileName, contentType, storage.kind, key, fingerprint?.digest() ?? null,
          alertMeasure ? JSON.stringify(alertMeasure) : null,
          Math.round(performance.now() - started), record.id]);
      if (done.length === 0) {
        // Cancelled between the last row and now: the file must not outlive the record's state.
        await storage.delete(key);
        return;
      }
      job.onSettled?.({ status: 'COMPLETED', rowsWritten, bytesWritten: meter.bytes });
    } catch (error) {
      // Read before the teardown below, which fails the upload too ("premature close"): only a
      // storage failure that came first is the cause.
      const storageFailure = uploadError;
      clearInterval(ticker);
      exportFile.abort();
      packager.abort();
      meter.destroy();
      body.destroy();
      await upload.catch(() => undefined);
      await storage.delete(key).catch(() => undefined);
      if (cancelled || error instanceof Cancelled || abort.signal.reason instanceof Cancelled) {
        await flushing;
        return; // cancelExport already set CANCELLED and notified
      }
      if (abort.signal.reason instanceof ExportReleased) {
        await flushing;
        throw abort.signal.reason;
      }
      throw storageFailure ?? error;
    } finally {
      clearInterval(ticker);
      shutdown?.removeEventListener('abort', release);
    }
  }

  /**
   * The file's password: from the job's payload (an on-demand export) or its schedule (a scheduled
   * one), opened with SECRETS_KEY. Never null: an export promised protection fails rather than
   * produce an unprotected file.
   */
  private async filePassword(record: ExportEntity, sealedPassword: string | null | undefined): Promise<string> {
    try {
      if (sealedPassword) return this.deps.secrets.open(sealedPassword, `export:${record.id}`);
      if (record.scheduleId) {
        const [row] = await this.sql<{ password_ciphertext: string | null }>('SELECT password_ciphertext FROM schedules WHERE id = ?', [record.scheduleId]);
        if (row?.password_ciphertext) return this.deps.secrets.open(row.password_ciphertext, `schedule:${record.scheduleId}`);
      }
    } catch (error) {
      if (error instanceof SecretUnreadableError) throw new PermanentExportError('PASSWORD_UNAVAILABLE', 'The file password could not be read (SECRETS_KEY changed?): set the password again');
      throw error;
    }
    throw new PermanentExportError('PASSWORD_UNAVAILABLE', 'The file was to be password-protected, but its password is no longer available (an export keeps it only with its job; a schedule until it is removed): export again with a password');
  }

  /** A scheduled run's measure for its schedule's alert condition (one that reads a column); null: none needed. */
  private async alertMeasure(record: ExportEntity, source: RowSource, signal: AbortSignal, schedule: RunSchedule | null): Promise<AlertMeasure | null> {
    if (!record.scheduleId || !source.measure) return null;
    const condition = storedAlertCondition(schedule?.alert_condition);
    if (!condition || !needsColumn(condition.kind) || !condition.column) return null;
    return source.measure(condition.column, signal);
  }

  /** What a file-name template reads beyond the record: the schedule's name and the run's window. */
  private async templateContext(record: ExportEntity, definition: NormalizedDefinition): Promise<TemplateContext> {
    const [row] = record.scheduleId ? await this.sql<{ name: string }>('SELECT name FROM schedules WHERE id = ?', [record.scheduleId]) : [];
    return { scheduleName: row?.name ?? '', definition, window: resolveTimeWindow(definition, record.asOf, record.timeZone) };
  }

  private async settleFailure(record: ExportEntity, error: unknown, job: JobAttempt): Promise<void> {
    const permanent = error instanceof PermanentExportError;
    const lastAttempt = job.attempts >= job.maxAttempts;
    const code = permanent ? error.code : 'EXPORT_FAILED';
    const message = permanent ? error.message : publicErrorMessage(error);
    this.deps.log.warn('export attempt failed', { exportId: record.id, code, attempt: job.attempts, permanent, error: (error as Error)?.message });
    const status = permanent || lastAttempt ? 'FAILED' : 'PENDING';
    const done = await this.sql(
      `WITH done AS (
         UPDATE exports SET status = ?, error_code = ?, error_message = ?, completed_at = CASE WHEN ? = 'FAILED' THEN now() ELSE NULL END, updated_at = now()
         WHERE id = ? AND status = 'PROCESSING' RETURNING id, CASE WHEN status = 'FAILED' THEN schedule_id END AS schedule_id, status, notify_email)
       ${SETTLE_AND_NOTIFY}`, [status, code, message, status, record.id]);
    if (done.length === 1) job.onSettled?.({ status, rowsWritten: 0, bytesWritten: 0 });
    // Thrown so graphile-worker schedules the retry with its exponential backoff.
    if (status === 'PENDING') throw error;
  }
}

/**
 * What a user may read about a failure: ClickHouse errors carry the whole statement with bound
 * values inlined, which must not reach clients; keep the engine's code and name only.
 */
export function publicErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (isDatabaseUnavailable(error)) return 'A database was unreachable (connection refused or dropped)';
  // File system errors name server paths: say what is wrong with the storage, by its code only.
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return `The export storage is full (${code})`;
  if (code && ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ELOOP'].includes(code)) return `The export storage is not writable (${code})`;
  const engine = /Code:\s*(\d+)\..*\(([A-Z_]+)\)\s*(?:\(version[^)]*\))?\s*$/s.exec(text);
  if (engine) return `The analytics query failed (ClickHouse error ${engine[1]} ${engine[2]})`;
  // Driver errors quote their statement (knex: "<sql> - <reason>"): no statement text to clients.
  if (/\b(SELECT|FROM|UPDATE|INSERT|DELETE|WITH)\b/i.test(text)) return 'The export failed on a database error';
  return `Export failed: ${text}`.slice(0, 500);
}
