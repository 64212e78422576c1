/** The SDK's public names for the generated operation types (generated/graphql.ts is codegen output). */
import type {
  AuditLogEntryFieldsFragment, ExecutionFieldsFragment, ExportFieldsFragment, PreviewReportQuery, ReportFieldsFragment,
  ScheduleFieldsFragment, TablesQuery,
} from './generated/graphql.js';

export type Report = ReportFieldsFragment;

/** Every field of an export as the schema types it (each status-dependent field nullable). */
export type ExportRecord = ExportFieldsFragment;

/** PENDING (queued) or PROCESSING (being written): no file yet. */
export type ActiveExport = ExportRecord & { status: 'PENDING' | 'PROCESSING' };

/** What every COMPLETED export has: its file's name, size, type, checksum and row count. */
type CompletedFields = ExportRecord & {
  status: 'COMPLETED';
  fileName: string;
  fileSize: number;
  contentType: string;
  checksum: string;
  rowCount: number;
  completedAt: string;
};

/** COMPLETED with its file in storage: `downloadUrl` is a fresh link, valid until `expiresAt`. */
export type CompletedExport = CompletedFields & { fileExpiredAt: null; downloadUrl: string; expiresAt: string };

/** COMPLETED, but retention has since removed the file (`fileExpiredAt`): the record stays, no link. */
export type ExpiredExport = CompletedFields & { fileExpiredAt: string; downloadUrl: null; expiresAt: null };

/** FAILED: `error` says why (`error.code`, e.g. ROW_LIMIT_EXCEEDED). */
export type FailedExport = ExportRecord & { status: 'FAILED' };

export type CancelledExport = ExportRecord & { status: 'CANCELLED' };

/** An export, typed by its status: narrow with `status`, `isTerminal(e)` or `hasFile(e)`. */
export type Export = ActiveExport | CompletedExport | ExpiredExport | FailedExport | CancelledExport;

/** An export that will not change again. */
export type TerminalExport = CompletedExport | ExpiredExport | FailedExport | CancelledExport;

export type AuditLogEntry = AuditLogEntryFieldsFragment;
export type Schedule = ScheduleFieldsFragment;
export type Execution = ExecutionFieldsFragment;
/** What a cell of each column kind holds (null for a missing value). 64-bit integers arrive as strings. */
export interface CellByKind {
  BOOLEAN: boolean;
  /** A calendar day, `2026-12-01`. */
  DATE: string;
  /** ISO 8601 with the offset of the page's `timeZone`, `2026-12-01T09:00:00.000-08:00`. */
  DATETIME: string;
  NUMBER: number | string;
  STRING: string;
}

/** One cell of a preview row. */
export type PreviewCell = CellByKind[keyof CellByKind] | null;

/** A page of preview rows: each row an array of cells in `columns` order (see `rowObjects`). */
export type PreviewPage = Omit<PreviewReportQuery['previewReport'], 'rows'> & { rows: PreviewCell[][] };

/** A preview row keyed by column name. */
export type PreviewRecord = Record<string, PreviewCell>;
export type Table = TablesQuery['tables'][number];

export type {
  AttachmentPolicy, ColumnKind, CreateExportInput, CreateReportInput, CreateScheduleInput, DeliveryChannel, DeliveryMethod,
  DeliveryStatus, DimensionInput, EmailConfigInput, ExecutionStatus, ExecutionTrigger, ExportFilter, ExportFormat,
  ExportOptionsInput, ExportStatus, ExportTrigger, FilterInput, FilterOp, MeasureFn, MeasureInput, OrderByInput,
  ReportDefinitionInput, Role, RoleName, ExportErrorCode, S3TargetInput, SchedulePreset, SchedulePresetInput, ScheduleStatus, SortDirection,
  TimeGrain, TimeRangeInput, TimeUnit, UpdateReportInput, UpdateScheduleInput,
  CsvTimestampFormat, NamedPeriod, RelativeRangeInput, RollingRangeInput, WeekStart,
  AccessLevel, SharedObjectType, PrincipalInput, DashboardTimeRangeInput,
} from './generated/graphql.js';
