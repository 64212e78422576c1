import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { ExportFormatEnum } from '../exports/export.type.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import type { AttachmentPolicy, DeliveryMethod, DeliveryStatus, ExecutionStatus, ScheduleStatus } from './schedule.entity.js';
import type { Preset } from './presets.js';
import { enumOf } from '../../graphql/enums.js';

export const DeliveryMethodEnum = enumOf(['EMAIL', 'S3', 'BOTH'] as const);
export const ScheduleStatusEnum = enumOf(['ACTIVE', 'PAUSED'] as const);
export const AttachmentPolicyEnum = enumOf(['AUTO', 'ATTACH', 'LINK'] as const);
export const PresetEnum = enumOf(['HOURLY', 'DAILY', 'WEEKDAYS', 'WEEKLY', 'MONTHLY'] as const);
export const ExecutionStatusEnum = enumOf(['PENDING', 'RUNNING', 'DELIVERED', 'PARTIALLY_DELIVERED', 'FAILED', 'SKIPPED', 'SKIPPED_EMPTY', 'MISSED'] as const);
export const DeliveryStatusEnum = enumOf(['PENDING', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN', 'UNSUBSCRIBED'] as const);
export const ExecutionTriggerEnum = enumOf(['SCHEDULE', 'MANUAL', 'BACKFILL', 'RETRY'] as const);
export const DeliveryChannelEnum = enumOf(['EMAIL', 'S3'] as const);
registerEnumType(DeliveryMethodEnum, { name: 'DeliveryMethod' });
registerEnumType(ScheduleStatusEnum, { name: 'ScheduleStatus' });
registerEnumType(AttachmentPolicyEnum, { name: 'AttachmentPolicy', description: 'AUTO attaches files up to the size limit and links larger ones.' });
registerEnumType(PresetEnum, { name: 'SchedulePreset' });
registerEnumType(ExecutionStatusEnum, { name: 'ExecutionStatus' });
registerEnumType(DeliveryStatusEnum, {
  name: 'DeliveryStatus',
  valuesConfig: {
    SENDING: { description: 'An attempt is in flight (recorded before the request leaves).' },
    UNCERTAIN: { description: 'The request may have reached the provider but no answer came back; not resent automatically (resendFailedDeliveries resends it).' },
  },
});
registerEnumType(ExecutionTriggerEnum, { name: 'ExecutionTrigger' });
registerEnumType(DeliveryChannelEnum, { name: 'DeliveryChannel' });

@ObjectType()
export class UpcomingRun {
  @Field(() => DateTimeScalar, { description: 'The instant, in UTC.' })
  utc!: Date;

  @Field(() => String, { description: "Wall time with its offset in the schedule's zone, e.g. 2026-03-09T09:00:00-04:00." })
  local!: string;
}

@ObjectType('EmailConfig')
@InputType('EmailConfigInput')
export class EmailConfigShape {
  @Field(() => String, { nullable: true, description: 'Subject template: {report} {period} {schedule} {rows}.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'Message shown above the summary; same placeholders.' })
  message?: string | null;

  @Field(() => AttachmentPolicyEnum, { nullable: true })
  attachment?: AttachmentPolicy | null;
}

@ObjectType('S3Target')
@InputType('S3TargetInput')
export class S3TargetShape {
  @Field(() => String)
  bucket!: string;

  @Field(() => String, { description: 'Key template: {tenant} {report} {schedule} {date} {format}.' })
  keyTemplate!: string;
}

@InputType()
export class SchedulePresetInput {
  @Field(() => PresetEnum)
  preset!: Preset;

  @Field(() => Int, { nullable: true })
  minute?: number | null;

  @Field(() => Int, { nullable: true })
  hour?: number | null;

  @Field(() => Int, { nullable: true, description: '0 = Sunday … 6 = Saturday (WEEKLY).' })
  dayOfWeek?: number | null;

  @Field(() => Int, { nullable: true, description: '1..28 (MONTHLY).' })
  dayOfMonth?: number | null;
}

@ObjectType()
export class Schedule {
  @Field(() => ID) id!: string;
  @Field(() => ID) reportId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { description: '5-field cron, in `timezone`.' }) cron!: string;
  @Field(() => String, { description: 'Human reading of the cron.' }) cronDescription!: string;
  @Field(() => String, { description: 'IANA time zone.' }) timezone!: string;
  @Field(() => ExportFormatEnum) format!: ExportFormat;
  @Field(() => DeliveryMethodEnum) delivery!: DeliveryMethod;
  @Field(() => [String]) recipients!: string[];
  @Field(() => EmailConfigShape) emailConfig!: EmailConfigShape;
  @Field(() => S3TargetShape, { nullable: true }) s3Config!: S3TargetShape | null;
  @Field(() => Boolean) skipIfEmpty!: boolean;
  @Field(() => Boolean) businessDaysOnly!: boolean;
  @Field(() => ScheduleStatusEnum) status!: ScheduleStatus;
  @Field(() => String, { nullable: true }) pausedReason!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) lastRunAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) nextRunAt!: Date | null;
  @Field(() => Int) runCount!: number;
  @Field(() => Int) failureCount!: number;
  @Field(() => String) createdBy!: string;
  @Field(() => String, { nullable: true, description: 'Gets failure notices.' }) ownerEmail!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar) updatedAt!: Date;
}

export const ScheduleConnection = Connection(Schedule, 'Schedule');
export type ScheduleConnection = InstanceType<typeof ScheduleConnection>;

@ObjectType()
export class Delivery {
  @Field(() => ID) id!: string;
  @Field(() => DeliveryChannelEnum) channel!: 'EMAIL' | 'S3';
  @Field(() => String, { description: 'Email address or s3://bucket/key.' }) target!: string;
  @Field(() => DeliveryStatusEnum) status!: DeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => String, { nullable: true }) providerMessageId!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) sentAt!: Date | null;
}

@ObjectType()
export class Execution {
  @Field(() => ID) id!: string;
  @Field(() => ID) scheduleId!: string;
  @Field(() => DateTimeScalar, { description: 'The slot; relative time ranges resolve against it.' }) scheduledFor!: Date;
  @Field(() => ExecutionTriggerEnum) triggeredBy!: string;
  @Field(() => ExecutionStatusEnum) status!: ExecutionStatus;
  @Field(() => ID, { nullable: true }) exportId!: string | null;
  @Field(() => JSONScalar, { description: 'Snapshot of what ran: cron, zone, window, definition.' }) parameters!: Record<string, unknown>;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => DateTimeScalar) createdAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt!: Date | null;
}

export const ExecutionConnection = Connection(Execution, 'Execution');
export type ExecutionConnection = InstanceType<typeof ExecutionConnection>;

@InputType()
export class CreateScheduleInput {
  @Field(() => ID) reportId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true, description: '5-field cron; or give preset.' }) cron?: string | null;
  @Field(() => SchedulePresetInput, { nullable: true }) preset?: SchedulePresetInput | null;
  @Field(() => String, { nullable: true, defaultValue: 'UTC' }) timezone?: string | null;
  @Field(() => ExportFormatEnum, { nullable: true, defaultValue: 'PDF' }) format?: ExportFormat | null;
  @Field(() => DeliveryMethodEnum, { nullable: true, defaultValue: 'EMAIL' }) delivery?: DeliveryMethod | null;
  @Field(() => [String], { nullable: true }) recipients?: string[] | null;
  @Field(() => EmailConfigShape, { nullable: true }) emailConfig?: EmailConfigShape | null;
  @Field(() => S3TargetShape, { nullable: true }) s3Config?: S3TargetShape | null;
  @Field(() => Boolean, { nullable: true }) skipIfEmpty?: boolean | null;
  @Field(() => Boolean, { nullable: true }) businessDaysOnly?: boolean | null;
  @Field(() => String, { nullable: true }) ownerEmail?: string | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateScheduleInput {
  @Field(() => ID, { nullable: true }) reportId?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) cron?: string | null;
  @Field(() => SchedulePresetInput, { nullable: true }) preset?: SchedulePresetInput | null;
  @Field(() => String, { nullable: true }) timezone?: string | null;
  @Field(() => ExportFormatEnum, { nullable: true }) format?: ExportFormat | null;
  @Field(() => DeliveryMethodEnum, { nullable: true }) delivery?: DeliveryMethod | null;
  @Field(() => [String], { nullable: true }) recipients?: string[] | null;
  @Field(() => EmailConfigShape, { nullable: true }) emailConfig?: EmailConfigShape | null;
  @Field(() => S3TargetShape, { nullable: true }) s3Config?: S3TargetShape | null;
  @Field(() => Boolean, { nullable: true }) skipIfEmpty?: boolean | null;
  @Field(() => Boolean, { nullable: true }) businessDaysOnly?: boolean | null;
  @Field(() => String, { nullable: true }) ownerEmail?: string | null;
}
