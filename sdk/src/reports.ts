/** Reports: list (auto-paginated), get, create, update, delete, validate, and previews page by page. */
import {
  CreateReportDocument, DeleteReportDocument, GetReportDocument, ListReportsDocument, PreviewReportDocument,
  UpdateReportDocument, ValidateReportDocument,
} from './generated/graphql.js';
import { DEFAULT_PAGE_SIZE, paginate, type PageIterator } from './paginate.js';
import type { Transport } from './transport.js';
import type { CreateReportInput, PreviewPage, Report, ReportDefinitionInput, UpdateReportInput } from './types.js';

export interface PageOptions {
  /** Items per request, 1..500 (default 100). */
  pageSize?: number;
  /** Start after this cursor: an earlier iterator's `cursor`, to resume where it stopped. */
  after?: string | null;
}

/** What to preview: a saved report, or a definition that is not saved. */
export type PreviewSource = { reportId: string; definition?: never } | { definition: ReportDefinitionInput; reportId?: never };

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
  async preview(source: PreviewSource, page: { first?: number; after?: string | null } = {}): Promise<PreviewPage> {
    const input = { ...source, first: page.first ?? DEFAULT_PAGE_SIZE, after: page.after ?? null };
    return (await this.transport.query(PreviewReportDocument, { input })).previewReport;
  }

  /**
   * Every page of a preview, in order. All pages share the first page's as-of instant, so a
   * relative time range covers the same window on every page.
   */
  async *previewPages(source: PreviewSource, options: PageOptions = {}): AsyncGenerator<PreviewPage, void, undefined> {
    let after: string | null = options.after ?? null;
    for (;;) {
      const page: PreviewPage = await this.preview(source, { first: options.pageSize, after });
      yield page;
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
      after = page.pageInfo.endCursor;
    }
  }
}
