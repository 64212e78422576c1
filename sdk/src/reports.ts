/** Reports: list (auto-paginated), get, create, update, delete, validate, and previews page by page. */
import {
  CreateReportDocument, DeleteReportDocument, GetReportDocument, ListReportsDocument, PreviewReportDocument,
  UpdateReportDocument, ValidateReportDocument,
} from './generated/graphql.js';
import { DEFAULT_PAGE_SIZE, paginate, type PageIterator } from './paginate.js';
import type { Transport } from './transport.js';
import { ReportcastError } from './errors.js';
import type { PreviewReportQuery } from './generated/graphql.js';
import type { ColumnKind, CreateReportInput, PreviewPage, PreviewRecord, Report, ReportDefinitionInput, UpdateReportInput } from './types.js';

export interface PageOptions {
  /** Items per request, 1..500 (default 100). */
  pageSize?: number;
  /** Start after this cursor: an earlier iterator's `cursor`, to resume where it stopped. */
  after?: string | null;
}

/** What to preview: a saved report, or a definition that is not saved. */
export type PreviewSource = { reportId: string; definition?: never } | { definition: ReportDefinitionInput; reportId?: never };

const CELL_TYPES: Record<ColumnKind, readonly string[]> = {
  BOOLEAN: ['boolean'], DATE: ['string'], DATETIME: ['string'], NUMBER: ['number', 'string'], STRING: ['string'],
};

/**
 * The server's page with its rows checked against its columns (the schema types a row as JSON):
 * each row an array as long as `columns`, each cell null or of its column kind's type, so the
 * PreviewCell types hold. A page that breaks them is refused rather than passed on.
 */
export function toPreviewPage(page: PreviewReportQuery['previewReport']): PreviewPage {
  page.rows.forEach((row: unknown, r: number) => {
    const cells = Array.isArray(row) ? row : null;
    const bad = cells === null || cells.length !== page.columns.length
      ? 'is not an array of one cell per column'
      : page.columns.map((column, c) => (cells[c] === null || CELL_TYPES[column.type].includes(typeof cells[c]) ? null : `cell ${column.name} is not ${column.type}`)).find(Boolean);
    if (bad) throw new ReportcastError('INTERNAL_SERVER_ERROR', `Preview row ${r} ${bad}`);
  });
  return page as PreviewPage;
}

/** A page's rows as objects keyed by column name: `{ day: '2026-12-01', events: 42 }`. */
export function rowObjects(page: Pick<PreviewPage, 'columns' | 'rows'>): PreviewRecord[] {
  return page.rows.map((row) => Object.fromEntries(page.columns.map((column, i) => [column.name, row[i] ?? null])));
}

export class ReportsApi {
  constructor(private readonly transport: Transport) {}

  /** Every report visible to the caller, newest first, fetching pages as the loop needs them. */
  list(options: PageOptions = {}): PageIterator<Report> {
    const first = options.pageSize ?? DEFAULT_PAGE_SIZE;
    return paginate(async (after) => (await this.transport.query(ListReportsDocument, { first, after })).reports, options.after ?? null);
  }

  async get(id: string): Promise<Report> {
    return (await this.transport.query(GetReportDocument, { id })).report;
  }

  async create(input: CreateReportInput): Promise<Report> {
    return (await this.transport.mutate(CreateReportDocument, { input })).createReport;
  }

  /** Fields left out stay as they are. Setting the same fields twice is harmless, so it is retried. */
  async update(id: string, input: UpdateReportInput): Promise<Report> {
    return (await this.transport.mutate(UpdateReportDocument, { id, input }, { idempotent: true })).updateReport;
  }

  /** Returns the deleted id. */
  async delete(id: string): Promise<string> {
    return (await this.transport.mutate(DeleteReportDocument, { id })).deleteReport;
  }

  /** Checks a definition without running it: `{ valid, errors: [{ path, message }] }`. */
  async validate(definition: ReportDefinitionInput) {
    return (await this.transport.query(ValidateReportDocument, { definition })).validateReport;
  }

  /** One page of rows; pass the previous page's `pageInfo.endCursor` as `after`. */
  async preview(source: PreviewSource, page: { first?: number; after?: string | null; parameterValues?: Record<string, unknown> | null } = {}): Promise<PreviewPage> {
    const input = { ...source, first: page.first ?? DEFAULT_PAGE_SIZE, after: page.after ?? null, ...(page.parameterValues ? { parameterValues: page.parameterValues } : {}) };
    return toPreviewPage((await this.transport.query(PreviewReportDocument, { input })).previewReport);
  }

  /**
   * Every page of a preview, in order. All pages share the first page's as-of instant, so a
   * relative time range covers the same window on every page.
   */
  async *previewPages(source: PreviewSource, options: PageOptions & { parameterValues?: Record<string, unknown> | null } = {}): AsyncGenerator<PreviewPage, void, undefined> {
    let after: string | null = options.after ?? null;
    for (;;) {
      const page: PreviewPage = await this.preview(source, { first: options.pageSize, after, parameterValues: options.parameterValues });
      yield page;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }
}
