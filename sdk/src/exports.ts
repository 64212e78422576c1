/**
 * Exports: create, follow (`watch`), download, and the three together (`exportAndDownload`);
 * plus list, get, cancel, retry and delete.
 */
import {
  CancelExportDocument, CreateExportDocument, DeleteExportDocument, ExportsChangedDocument, ExportUpdatedDocument, GetExportDocument,
  ListExportsDocument, RetryExportDocument,
} from './generated/graphql.js';
import { ReportcastError } from './errors.js';
import { DEFAULT_PAGE_SIZE, paginate, type PageIterator } from './paginate.js';
import type { PageOptions } from './reports.js';
import type { Transport } from './transport.js';
import type {
  CompletedExport, CreateExportInput, Export, ExportFilter, ExportFormat, ExportOptionsInput, ExportRecord, ExportStatus, TerminalExport,
} from './types.js';

export type TerminalStatus = 'COMPLETED' | 'FAILED' | 'CANCELLED';

/** Statuses an export never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<ExportStatus> = new Set<TerminalStatus>(['COMPLETED', 'FAILED', 'CANCELLED']);

/** True for a status, or an export, that will not change again (narrows either). */
export function isTerminal(status: ExportStatus): status is TerminalStatus;
export function isTerminal(record: Export): record is TerminalExport;
export function isTerminal(value: ExportStatus | Export): boolean {
  return TERMINAL_STATUSES.has(typeof value === 'string' ? value : value.status);
}

/** True for a COMPLETED export whose file can be downloaded now (narrows to CompletedExport). */
export function hasFile(record: Export): record is CompletedExport {
  return record.status === 'COMPLETED' && record.downloadUrl !== null;
}

const COMPLETED_FIELDS = ['fileName', 'fileSize', 'contentType', 'checksum', 'rowCount', 'completedAt'] as const;

/**
 * The server's record as the status-typed Export, checked: the types promise that a COMPLETED
 * export has its file's fields, and a link unless retention removed the file, so a record that
 * breaks the promise is refused here rather than surfacing later as an undefined.
 */
export function toExport(record: ExportRecord): Export {
  if (record.status === 'COMPLETED') {
    const missing = COMPLETED_FIELDS.filter((field) => record[field] === null);
    if (record.fileExpiredAt === null && record.downloadUrl === null) missing.push('downloadUrl' as never);
    if (missing.length) {
      throw new ReportcastError('INTERNAL_SERVER_ERROR', `Export ${record.id} is COMPLETED without ${missing.join(', ')}`, { extensions: { exportId: record.id } });
    }
  }
  return record as Export;
}

export interface ExportAndDownloadOptions {
  options?: ExportOptionsInput;
  /** Called with the export on creation and on every change (status or progress). */
  onProgress?: (update: Export) => void;
}

export interface DownloadedExport {
  /** The export as it completed (file name, size, checksum, row count). */
  export: CompletedExport;
  /** The file's bytes, streamed. */
  stream: ReadableStream<Uint8Array>;
}

export class ExportsApi {
  constructor(private readonly transport: Transport) {}

  /**
   * The tenant's exports, newest first, optionally filtered by report, status or format. The
   * iterator's `cursor` resumes the walk (`list({ after: cursor })`); `totalCount` counts them all.
   */
  list(options: PageOptions & { filter?: ExportFilter } = {}): PageIterator<Export> {
    const first = options.pageSize ?? DEFAULT_PAGE_SIZE;
    const filter = options.filter ?? null;
    return paginate(async (after) => {
      const { exports } = await this.transport.query(ListExportsDocument, { first, after, filter });
      return { ...exports, edges: exports.edges.map((edge) => ({ cursor: edge.cursor, node: toExport(edge.node) })) };
    }, options.after ?? null);
  }

  /** The export now; its `downloadUrl` is a fresh link on every call. */
  async get(id: string): Promise<Export> {
    return toExport((await this.transport.query(GetExportDocument, { id })).export);
  }

  /** Starts an export (status PENDING); follow it with `watch`. Not retried: a retry could start two. */
  async create(input: CreateExportInput): Promise<Export> {
    return toExport((await this.transport.mutate(CreateExportDocument, { input })).createExport);
  }

  /** Stops a PENDING or PROCESSING export; BAD_USER_INPUT for one that already ended. */
  async cancel(id: string): Promise<Export> {
    return toExport((await this.transport.mutate(CancelExportDocument, { id })).cancelExport);
  }

  /** A new attempt of a FAILED or CANCELLED export over the same rows; returns the new export. */
  async retry(id: string): Promise<Export> {
    return toExport((await this.transport.mutate(RetryExportDocument, { id })).retryExport);
  }

  /** Deletes the export and its file; returns the id. */
  async delete(id: string): Promise<string> {
    return (await this.transport.mutate(DeleteExportDocument, { id })).deleteExport;
  }

  /**
   * The export now, then on every status change and progress update (over graphql-ws), ending
   * after the update with a terminal status (COMPLETED, FAILED or CANCELLED). Leaving the loop
   * early closes the subscription.
   */
  async *watch(id: string): AsyncGenerator<Export, void, undefined> {
    const updates = this.transport.subscribe(ExportUpdatedDocument, { id });
    try {
      for await (const { exportUpdated } of updates) {
        const update = toExport(exportUpdated);
        yield update;
        if (isTerminal(update)) return;
      }
    } finally {
      await updates.return?.();
    }
    // The server ended the subscription before a terminal status: say where the export stands.
    const now = await this.get(id);
    yield now;
    if (!isTerminal(now)) {
      throw new ReportcastError('NETWORK_ERROR', `The subscription to export ${id} ended while it was ${now.status}`, { extensions: { exportId: id } });
    }
  }

  /**
   * Every change to any of the tenant's exports (created, progressing, finished, deleted from
   * view by retention), over graphql-ws, until the loop stops. Keep the copy with the higher
   * `revision` per export id: the socket and HTTP reads can arrive out of order.
   */
  async *changes(): AsyncGenerator<Export, void, undefined> {
    const updates = this.transport.subscribe(ExportsChangedDocument, {});
    try {
      for await (const { exportsChanged } of updates) yield toExport(exportsChanged);
    } finally {
      await updates.return?.();
    }
  }

  /**
   * The file of a COMPLETED export as a web ReadableStream (in Node, `toNodeReadable` from
   * `@reportcast/sdk/node` turns it into a Node stream). A fresh link is fetched each time.
   */
  async download(id: string): Promise<ReadableStream<Uint8Array>> {
    return this.fetchFile(requireFile(await this.get(id)));
  }

  /**
   * Creates an export, follows it to the end (calling `onProgress` on every update) and returns
   * the completed export with its file stream. FAILED → ReportcastError EXPORT_FAILED (with the
   * export's error code in `extensions.exportErrorCode`); CANCELLED → EXPORT_CANCELLED.
   */
  async exportAndDownload(reportId: string, format: ExportFormat, options: ExportAndDownloadOptions = {}): Promise<DownloadedExport> {
    const created = await this.create({ reportId, format, options: options.options ?? null });
    options.onProgress?.(created);
    let last: Export = created;
    let lastSeen = JSON.stringify(created);
    try {
      for await (const update of this.watch(created.id)) {
        last = update;
        // The subscription starts with the export as it is, often what create already returned.
        const seen = JSON.stringify(update);
        if (seen !== lastSeen) options.onProgress?.(update);
        lastSeen = seen;
      }
    } catch (error) {
      // The export exists and may well finish: say which one, so the caller can get or download it later.
      throw withExportId(error, created.id, `Export ${created.id} was created, but following it failed`);
    }
    if (last.status === 'CANCELLED') {
      throw new ReportcastError('EXPORT_CANCELLED', `Export ${last.id} was cancelled`, { extensions: { exportId: last.id } });
    }
    if (last.status !== 'COMPLETED') {
      throw new ReportcastError('EXPORT_FAILED', last.error?.message || `Export ${last.id} failed`, {
        extensions: { exportId: last.id, exportErrorCode: last.error?.errorCode },
      });
    }
    const done = requireFile(last);
    try {
      return { export: done, stream: await this.fetchFile(done) };
    } catch (error) {
      throw withExportId(error, done.id, `Export ${done.id} completed, but its download failed`);
    }
  }

  private async fetchFile(record: CompletedExport): Promise<ReadableStream<Uint8Array>> {
    const url = new URL(record.downloadUrl, this.transport.endpoint).toString();
    // The link carries its own authorisation (a signed token; on S3 it redirects to a presigned URL): no bearer header.
    const response = await this.transport.withRetry(async () => {
      let res: Response;
      try {
        res = await this.transport.plainFetch(url);
      } catch (cause) {
        throw new ReportcastError('NETWORK_ERROR', `Download of export ${record.id} failed: ${(cause as Error).message}`, { cause, extensions: { exportId: record.id } });
      }
      if ([502, 503, 504].includes(res.status)) {
        await res.body?.cancel();
        throw new ReportcastError('NETWORK_ERROR', `Download of export ${record.id} answered ${res.status}`, { status: res.status, extensions: { exportId: record.id } });
      }
      return res;
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new ReportcastError('DOWNLOAD_FAILED', `Download of export ${record.id} answered ${response.status}`, { status: response.status, extensions: { exportId: record.id } });
    }
    return response.body as ReadableStream<Uint8Array>;
  }
}

/** The export, if its file can be downloaded; else EXPORT_NOT_READY saying why not. */
function requireFile(record: Export): CompletedExport {
  if (hasFile(record)) return record;
  const why = record.fileExpiredAt ? 'its file was removed by retention' : `it is ${record.status}`;
  throw new ReportcastError('EXPORT_NOT_READY', `Export ${record.id} has no file to download: ${why}`, { extensions: { exportId: record.id } });
}

/** The same failure, its message and `extensions.exportId` naming the export it concerns (the code, and so retry advice, unchanged). */
function withExportId(error: unknown, exportId: string, context: string): ReportcastError {
  if (!(error instanceof ReportcastError)) {
    return new ReportcastError('NETWORK_ERROR', `${context}: ${(error as Error)?.message ?? String(error)}`, { cause: error, extensions: { exportId } });
  }
  if (error.extensions.exportId === exportId) return error;
  return new ReportcastError(error.code, `${context}: ${error.message}`, {
    path: error.path, fieldErrors: error.fieldErrors, operationName: error.operationName, status: error.status,
    retryAfterSeconds: error.retryAfterSeconds, extensions: { ...error.extensions, exportId }, cause: error,
  });
}
