import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { EXPORT_STATUSES, TRIGGERS, type ExportStatus, type ExportTrigger } from './export.entity.js';
import type { ExportFormat } from './writers/writer.js';
import { enumOf } from '../../graphql/enums.js';

export const ExportFormatEnum = enumOf(['CSV', 'XLSX', 'PDF', 'JSON'] as const);
export const ExportStatusEnum = enumOf(EXPORT_STATUSES);
export const ExportTriggerEnum = enumOf(TRIGGERS);
registerEnumType(ExportFormatEnum, { name: 'ExportFormat' });
registerEnumType(ExportStatusEnum, { name: 'ExportStatus', description: 'PENDING → PROCESSING → COMPLETED | FAILED | CANCELLED' });
registerEnumType(ExportTriggerEnum, { name: 'ExportTrigger', description: 'What started the export.' });

@ObjectType()
export class ExportProgress {
  @Field(() => Float)
  rowsWritten!: number;

  @Field(() => Float, { nullable: true, description: 'Rows the export will write; known once counting is done.' })
  rowsTotal!: number | null;

  @Field(() => Float)
  bytesWritten!: number;

  @Field(() => Float, { nullable: true, description: '0..100' })
  percent!: number | null;

  @Field(() => Int, { nullable: true, description: 'Estimated seconds left at the current rate.' })
  etaSeconds!: number | null;
}

@ObjectType()
export class ExportError {
  @Field(() => String, { description: 'EXPORT_FAILED, REPORT_DELETED, INVALID_DEFINITION, ...' })
  code!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: 'One file produced from a report.' })
export class Export {
  @Field(() => ID)
  id!: string;

  @Field(() => ExportStatusEnum)
  status!: ExportStatus;

  @Field(() => ExportFormatEnum)
  format!: ExportFormat;

  @Field(() => ExportTriggerEnum)
  triggeredBy!: ExportTrigger;

  @Field(() => String, { description: 'The user (or schedule) that started it.' })
  initiatedBy!: string;

  @Field(() => ID, { nullable: true, description: 'Null once the report is deleted.' })
  reportId!: string | null;

  @Field(() => String, { description: 'The report name when the export was made.' })
  reportName!: string;

  @Field(() => ID, { nullable: true })
  scheduleId!: string | null;

  @Field(() => ExportProgress)
  progress!: ExportProgress;

  @Field(() => Float, { nullable: true })
  rowCount!: number | null;

  @Field(() => Boolean, { nullable: true, description: "True when the report's row limit cut the result." })
  truncated!: boolean | null;

  @Field(() => String, { nullable: true })
  fileName!: string | null;

  @Field(() => Float, { nullable: true })
  fileSize!: number | null;

  @Field(() => String, { nullable: true, description: 'sha256 of the file, hex.' })
  checksum!: string | null;

  @Field(() => String, { nullable: true })
  contentType!: string | null;

  @Field(() => String, { nullable: true })
  storageKey!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When retention removed the file; the record stays.' })
  fileExpiredAt!: Date | null;

  @Field(() => ExportError, { nullable: true })
  error!: ExportError | null;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true })
  executionTimeMs!: number | null;

  @Field(() => ID, { nullable: true, description: 'The export this one retries.' })
  retryOf!: string | null;

  @Field(() => DateTimeScalar, { description: 'The instant relative time ranges resolved against.' })
  asOf!: Date;

  @Field(() => String)
  timeZone!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: Date | null;
}

export const ExportConnection = Connection(Export, 'Export');
export type ExportConnection = InstanceType<typeof ExportConnection>;

@InputType()
export class ExportOptionsInput {
  @Field(() => Boolean, { nullable: true, description: 'CSV: start with a UTF-8 BOM for Excel.' })
  bom?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'JSON: newline-delimited objects instead of an array.' })
  ndjson?: boolean | null;

  @Field(() => String, { nullable: true, description: 'IANA zone for times shown in PDF/XLSX (default UTC).' })
  timeZone?: string | null;
}

@InputType()
export class CreateExportInput {
  @Field(() => ID)
  reportId!: string;

  @Field(() => ExportFormatEnum)
  format!: ExportFormat;

  @Field(() => ExportOptionsInput, { nullable: true })
  options?: ExportOptionsInput | null;
}

@InputType()
export class ExportFilter {
  @Field(() => ExportStatusEnum, { nullable: true })
  status?: ExportStatus | null;

  @Field(() => ExportFormatEnum, { nullable: true })
  format?: ExportFormat | null;

  @Field(() => ID, { nullable: true })
  reportId?: string | null;
}

@ObjectType()
export class DownloadLink {
  @Field(() => String)
  url!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}
