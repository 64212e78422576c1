/** @reportcast/sdk: a typed client for the Reportcast GraphQL API. */
export { createReportcastClient, type ReportcastClient, type Viewer } from './client.js';
export type { ReportcastClientOptions, OperationOptions, TokenSource, AnyVariables } from './transport.js';
/** The type of a typed document (what GraphQL Code Generator's client preset writes), for `query`, `mutate` and `subscribe`. */
export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
export {
  ReportcastError, parseRetryAfter, isErrorCode, ERROR_CODES, SERVER_ERROR_CODES, CLIENT_ERROR_CODES,
  type ReportcastErrorCode, type ServerErrorCode, type ClientErrorCode, type FieldProblem, type ReportcastErrorDetails,
} from './errors.js';
export { DEFAULT_RETRY, isTransient, retryDelayMs, type RetryOptions } from './retry.js';
export { ReportsApi, rowObjects, type PageOptions, type PreviewSource } from './reports.js';
export { PageIterator, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE } from './paginate.js';
export { ExportsApi, TERMINAL_STATUSES, isTerminal, hasFile, type TerminalStatus, type DownloadedExport, type ExportAndDownloadOptions } from './exports.js';
export { SchedulesApi, type UpcomingRun } from './schedules.js';
export { TemplatesApi, type ReportTemplate } from './templates.js';
export * from './types.js';
/** Every generated typed document, for `client.query(...)` / `client.mutate(...)`. */
export * as documents from './generated/graphql.js';
