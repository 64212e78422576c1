/** The SDK's public names for the generated operation types (generated/graphql.ts is codegen output). */
import type {
  ExecutionFieldsFragment, ExportFieldsFragment, PreviewReportQuery, ReportFieldsFragment, ScheduleFieldsFragment, TablesQuery,
} from './generated/graphql.js';

export type Report = ReportFieldsFragment;
export type Export = ExportFieldsFragment;
export type Schedule = ScheduleFieldsFragment;
export type Execution = ExecutionFieldsFragment;
export type PreviewPage = PreviewReportQuery['previewReport'];
export type Table = TablesQuery['tables'][number];

export type {
  AttachmentPolicy, ColumnKind, CreateExportInput, CreateReportInput, CreateScheduleInput, DeliveryChannel, DeliveryMethod,
  DeliveryStatus, DimensionInput, EmailConfigInput, ExecutionStatus, ExecutionTrigger, ExportFilter, ExportFormat,
  ExportOptionsInput, ExportStatus, ExportTrigger, FilterInput, FilterOp, MeasureFn, MeasureInput, OrderByInput,
  ReportDefinitionInput, Role, S3TargetInput, SchedulePreset, SchedulePresetInput, ScheduleStatus, SortDirection,
  TimeGrain, TimeRangeInput, TimeUnit, UpdateReportInput, UpdateScheduleInput,
  CsvTimestampFormat, NamedPeriod, RelativeRangeInput, RollingRangeInput, WeekStart,
} from './generated/graphql.js';
