/** @reportcast/sdk: a typed client for the Reportcast GraphQL API. */
export { createReportcastClient, type ReportcastClient, type Viewer } from './client.js';
export type { ReportcastClientOptions, OperationOptions, TokenSource } from './transport.js';
export { ReportcastError, parseRetryAfter, type ReportcastErrorCode, type ServerErrorCode, type ClientErrorCode, type FieldProblem } from './errors.js';
export { DEFAULT_RETRY, isTransient, retryDelayMs, type RetryOptions } from './retry.js';
export { ReportsApi, type PageOptions, type PreviewSource } from './reports.js';
export { ExportsApi, TERMINAL_STATUSES, isTerminal, type DownloadedExport, type ExportAndDownloadOptions } from './exports.js';
export { SchedulesApi, type UpcomingRun } from './schedules.js';
export * from './types.js';
/** Every generated typed document, for `client.query(...)` / `client.mutate(...)`. */
export * as documents from './generated/graphql.js';
