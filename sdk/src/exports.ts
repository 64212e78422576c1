/**
 * Exports: create, follow (`watch`), download, and the three together (`exportAndDownload`);
 * plus list, get, cancel, retry and delete.
 */
import {
  CancelExportDocument, CreateExportDocument, DeleteExportDocument, ExportUpdatedDocument, GetExportDocument,
  ListExportsDocument, RetryExportDocument,
} from './generated/graphql.js';
import { ReportcastError } from './errors.js';
import { DEFAULT_PAGE_SIZE, paginate } from './paginate.js';
import type { PageOptions } from './reports.js';
import type { Transport } from './transport.js';
import type { CreateExportInput, Export, ExportFilter, ExportFormat, ExportOptionsInput, ExportStatus } from './types.js';

/** Statuses an export never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<ExportStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export function isTerminal(status: ExportStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

export interface ExportAndDownloadOptions {
  options?: ExportOptionsInput;
  /** Called with the export on creation and on every change (status or progress). */
  onProgress?: (update: Export) => void;
}

export interface DownloadedExport {
  /** The export as it completed (file name, size, checksum, row count). */
  export: Export;
  /** The file's bytes, streamed. */
  stream: ReadableStream<Uint8Array>;
}

export class ExportsApi {
  constructor(private readonly transport: Transport) {}

  /** The tenant's exports, newest first, optionally filtered by report, status or format. */
  list(options: PageOptions & { filter?: ExportFilter } = {}): AsyncGenerator<Export, void, undefined> {
    const first = options.pageSize ?? DEFAULT_PAGE_SIZE;
    const filter = options.filter ?? null;
    return paginate(async (after) => (await this.transport.query(ListExportsDocument, { first, after, filter })).exports);
  }

  /** The export now; its `downloadUrl` is a fresh link on every call. */
  async get(id: string): Promise<Export> {
    return (await this.transport.query(GetExportDocument, { id })).export;
  }

  /** Starts an export (status PENDING); follow it with `watch`. Not retried: a retry could start two. */
  async create(input: CreateExportInput): Promise<Export> {
    return (await this.transport.mutate(CreateExportDocument, { input })).createExport;
  }

  /** Stops a PENDING or PROCESSING export; BAD_USER_INPUT for one that already ended. */
  async cancel(id: string): Promise<Export> {
    return (await this.transport.mutate(CancelExportDocument, { id })).cancelExport;
  }

  /** A new attempt of a FAILED or CANCELLED export over the same rows; returns the new export. */
  async retry(id: string): Promise<Export> {
    return (await this.transport.mutate(RetryExportDocument, { id })).retryExport;
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
        yield exportUpdated;
        if (isTerminal(exportUpdated.status)) return;
      }
    } finally {
      await updates.return?.();
    }
    // The server ended the subscription before a terminal status: say where the export stands.
    const now = await this.get(id);
    yield now;
    if (!isTerminal(now.status)) throw new ReportcastError('NETWORK_ERROR', `The subscription to export ${id} ended while it was ${now.status}`);
  }

  /**
   * The file of a COMPLETED export as a web ReadableStream (in Node, `toNodeReadable` from
   * `@reportcast/sdk/node` turns it into a Node stream). A fresh link is fetched each time.
   */
  async download(id: string): Promise<ReadableStream<Uint8Array>> {
    const record = await this.get(id);
    return this.fetchFile(record);
  }

  /**
   * Creates an export, follows it to the end (calling `onProgress` on every update) and returns
   * the completed export with its file stream. FAILED → ReportcastError EXPORT_FAILED (with the
   * export's error code in `extensions.exportErrorCode`); CANCELLED → EXPORT_CANCELLED.
   */
  async exportAndDownload(reportId: string, format: ExportFormat, options: ExportAndDownloadOptions = {}): Promise<DownloadedExport> {
    const created = await this.create({ reportId, format, options: options.options ?? null });
    options.onProgress?.(created);
    let last = created;
    let lastSeen = JSON.stringify(created);
    for await (const update of this.watch(created.id)) {
      last = update;
      // The subscription starts with the export as it is, often what create already returned.
      const seen = JSON.stringify(update);
      if (seen !== lastSeen) options.onProgress?.(update);
      lastSeen = seen;
    }
    if (last.status === 'CANCELLED') {
      throw new ReportcastError('EXPORT_CANCELLED', `Export ${last.id} was cancelled`, { extensions: { exportId: last.id } });
    }
    if (last.status !== 'COMPLETED') {
      throw new ReportcastError('EXPORT_FAILED', last.error?.message || `Export ${last.id} failed`, {
        extensions: { exportId: last.id, exportErrorCode: last.error?.code },
      });
    }
    return { export: last, stream: await this.fetchFile(last) };
  }

  private async fetchFile(record: Export): Promise<ReadableStream<Uint8Array>> {
    if (record.status !== 'COMPLETED' || !record.downloadUrl) {
      const why = record.fileExpiredAt ? 'its file was removed by retention' : `it is ${record.status}`;
      throw new ReportcastError('EXPORT_NOT_READY', `Export ${record.id} has no file to download: ${why}`, { extensions: { exportId: record.id } });
    }
    const url = new URL(record.downloadUrl, this.transport.endpoint).toString();
    // The link carries its own authorisation (a signed token; on S3 it redirects to a presigned URL): no bearer header.
    const response = await this.transport.withRetry(async () => {
      let res: Response;
      try {
        res = await this.transport.plainFetch(url);
      } catch (cause) {
        throw new ReportcastError('NETWORK_ERROR', `Download of export ${record.id} failed: ${(cause as Error).message}`, { cause });
      }
      if ([502, 503, 504].includes(res.status)) {
        await res.body?.cancel();
        throw new ReportcastError('NETWORK_ERROR', `Download of export ${record.id} answered ${res.status}`, { status: res.status });
      }
      return res;
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new ReportcastError('DOWNLOAD_FAILED', `Download of export ${record.id} answered ${response.status}`, { status: response.status });
    }
    return response.body as ReadableStream<Uint8Array>;
  }
}
