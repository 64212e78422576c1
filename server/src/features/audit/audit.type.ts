/** GraphQL shapes of the audit explorer and the activity reports. */
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/connection.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';
import { ExportFormatEnum } from '../exports/export.type.js';
import type { ExportFormat } from '../exports/writers/writer.js';
import { AUDIT_OUTCOMES, type AuditOutcome } from './audit-filter.js';
import { AUDIT_VIEWS, type AuditView } from './audit-views.js';

export const AuditOutcomeEnum = Object.fromEntries(AUDIT_OUTCOMES.map((o) => [o, o])) as { [K in AuditOutcome]: K };
registerEnumType(AuditOutcomeEnum, {
  name: 'AuditOutcome',
  description: 'Whether the audited action went through.',
  valuesConfig: {
    SUCCESS: { description: 'It happened (every write is audited in its own transaction: no entry without the change).' },
    DENIED: { description: 'Refused for the role (FORBIDDEN).' },
    FAILURE: { description: 'Tried and failed (a read that raised an error; `details.errorCode` says which).' },
  },
});

export const AuditViewEnum = Object.fromEntries(AUDIT_VIEWS.map((v) => [v, v])) as { [K in AuditView]: K };
registerEnumType(AuditViewEnum, {
  name: 'AuditView',
  description: 'What an audit export holds.',
  valuesConfig: {
    LOG: { description: 'The filtered entries, newest first.' },
    USER_ACTIVITY: { description: 'One row per user (see `auditUserActivity`).' },
    COMPLIANCE: { description: 'PII exported in clear, masking-policy and grant changes (see `auditCompliance`).' },
  },
});

@ObjectType({ description: 'Who did what, when, from where, and whether it went through.' })
export class AuditLogEntry {
  @Field(() => ID, { description: 'Entry id.' })
  id!: string;

  @Field(() => String, { description: 'User id that acted (or `download-link` for a link download).' })
  actor!: string;

  @Field(() => String, { description: 'e.g. export.create, export.download, report.update, report.preview, audit.export' })
  action!: string;

  @Field(() => String, { description: 'Kind of object acted on: report, export, schedule, masking_policy, token.' })
  targetType!: string;

  @Field(() => String, { description: 'Id of the object acted on, when there is one.', nullable: true })
  targetId!: string | null;

  @Field(() => AuditOutcomeEnum, { description: 'SUCCESS, DENIED or FAILURE.' })
  outcome!: AuditOutcome;

  @Field(() => JSONScalar, { description: 'Action-specific details, e.g. changed field names; a read\'s row count and duration (never its rows).' })
  details!: Record<string, unknown>;

  @Field(() => String, { description: 'Client address, when known.', nullable: true })
  ip!: string | null;

  @Field(() => String, { description: 'Client user agent, when known.', nullable: true })
  userAgent!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it happened (UTC instant).' })
  createdAt!: Date;
}

export const AuditLogConnection = Connection(AuditLogEntry, 'AuditLog');
export type AuditLogConnection = InstanceType<typeof AuditLogConnection>;

@InputType({ description: 'Narrows the audit log; every field given must match (AND). Empty strings filter nothing.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'The acting user id, exactly.' })
  actor?: string | null;

  @Field(() => String, { nullable: true, description: 'An action exactly (`export.create`) or a family ending in `.*` (`export.*`).' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Kind of object: report, export, schedule, masking_policy, token.' })
  targetType?: string | null;

  @Field(() => String, { nullable: true, description: 'The object\'s id, exactly.' })
  targetId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Entries at or after this instant.' })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Entries before this instant (exclusive); must be after `from`.' })
  to?: Date | null;

  @Field(() => AuditOutcomeEnum, { nullable: true, description: 'Only entries with this outcome.' })
  outcome?: AuditOutcome | null;
}

@ObjectType({ description: 'One user\'s activity over the filtered entries: counts of audit entries by kind.' })
export class UserActivity {
  @Field(() => String, { description: 'The user id.' })
  userId!: string;

  @Field(() => Int, { description: 'Sign-ins: distinct bearer tokens first used (`auth.token_use`, `auth.login`).' })
  tokenUses!: number;

  @Field(() => Int, { description: 'Previews run (`report.preview`).' })
  previews!: number;

  @Field(() => Int, { description: 'Reports opened (`report.read`).' })
  reportReads!: number;

  @Field(() => Int, { description: 'CSV exports asked for (`export.create`, `audit.export`).' })
  exportsCsv!: number;

  @Field(() => Int, { description: 'XLSX exports asked for.' })
  exportsXlsx!: number;

  @Field(() => Int, { description: 'PDF exports asked for.' })
  exportsPdf!: number;

  @Field(() => Int, { description: 'JSON exports asked for.' })
  exportsJson!: number;

  @Field(() => Int, { description: 'Files downloaded (`export.download`).' })
  downloads!: number;

  @Field(() => Int, { description: 'Schedule changes (every `schedule.*` action).' })
  scheduleChanges!: number;

  @Field(() => DateTimeScalar, { description: 'Their newest entry.' })
  lastSeen!: Date;
}

@ObjectType({ description: 'A compliance-relevant entry: PII exported in clear, a masking-policy or grant change.' })
export class ComplianceEvent {
  @Field(() => ID, { description: 'The audit entry\'s id.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When (UTC instant).' })
  createdAt!: Date;

  @Field(() => String, { description: 'Who.' })
  actor!: string;

  @Field(() => String, { description: '`PII exported in clear`, `Masking policy changed` or `Access granted or changed`.' })
  event!: string;

  @Field(() => String, { description: 'The audit action.' })
  action!: string;

  @Field(() => String, { description: 'The object, `type:id`.' })
  target!: string;

  @Field(() => String, { description: 'The format and PII columns exported, or the rules changed.' })
  detail!: string;
}

@ObjectType({ description: 'A page of compliance events, newest first.' })
export class ComplianceEventPage {
  @Field(() => [ComplianceEvent], { description: 'The events of this page, newest first.' })
  events!: ComplianceEvent[];

  @Field(() => Int, { description: 'Events the filter matches, across pages.' })
  totalCount!: number;

  @Field(() => Boolean, { description: 'True when another page follows.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A page of users\' activity, by user id.' })
export class UserActivityPage {
  @Field(() => [UserActivity], { description: 'The users of this page, by user id.' })
  users!: UserActivity[];

  @Field(() => Int, { description: 'Users with entries under the filter.' })
  totalCount!: number;

  @Field(() => Boolean, { description: 'True when another page follows.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;
}

@InputType({ description: 'Exports audit data as a file through the export pipeline (progress, history, links).' })
export class CreateAuditExportInput {
  @Field(() => AuditViewEnum, { description: 'LOG (entries), USER_ACTIVITY or COMPLIANCE.' })
  view!: AuditView;

  @Field(() => AuditLogFilter, { nullable: true, description: 'The same filter as `auditLog`; the file holds the entries that matched when it was asked for.' })
  filter?: AuditLogFilter | null;

  @Field(() => ExportFormatEnum, { description: 'CSV, XLSX, PDF or JSON.' })
  format!: ExportFormat;

  @Field(() => String, { nullable: true, description: 'IANA zone the file shows times in (default UTC).' })
  timeZone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'CSV: start with a UTF-8 BOM for Excel.' })
  bom?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'JSON: newline-delimited objects instead of an array.' })
  ndjson?: boolean | null;
}
