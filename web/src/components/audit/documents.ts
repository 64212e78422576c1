import { graphql } from '../../generated';

export const AUDIT_LOG = graphql(`
  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id actor action targetType targetId outcome details ip createdAt } }
    }
  }
`);

export const AUDIT_USER_ACTIVITY = graphql(`
  query AuditUserActivity($filter: AuditLogFilter, $first: Int, $after: String) {
    auditUserActivity(filter: $filter, first: $first, after: $after) {
      totalCount hasNextPage endCursor
      users { userId tokenUses previews reportReads exportsCsv exportsXlsx exportsPdf exportsJson downloads scheduleChanges lastSeen }
    }
  }
`);

export const AUDIT_COMPLIANCE = graphql(`
  query AuditCompliance($filter: AuditLogFilter, $first: Int, $after: String) {
    auditCompliance(filter: $filter, first: $first, after: $after) {
      totalCount hasNextPage endCursor
      events { id createdAt actor event action target detail }
    }
  }
`);

export const CREATE_AUDIT_EXPORT = graphql(`
  mutation CreateAuditExport($input: CreateAuditExportInput!) {
    createAuditExport(input: $input) {
      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected
      progress { rowsWritten rowsTotal percent etaSeconds }
      error { code message }
    }
  }
`);

export const ADMIN_REPORT_SCHEDULES = graphql(`
  query AdminReportSchedules {
    schedules(first: 500) { edges { node { id name adminReport cron cronDescription timezone format recipients status nextRunAt lastRunAt } } }
  }
`);

export const CREATE_ADMIN_REPORT_SCHEDULE = graphql(`
  mutation CreateAdminReportSchedule($input: CreateScheduleInput!) {
    createSchedule(input: $input) { id name adminReport nextRunAt }
  }
`);

export const RUN_ADMIN_REPORT_NOW = graphql(`
  mutation RunAdminReportNow($id: ID!) { runScheduleNow(id: $id) { id status } }
`);

export const DELETE_ADMIN_REPORT_SCHEDULE = graphql(`
  mutation DeleteAdminReportSchedule($id: ID!) { deleteSchedule(id: $id) }
`);

export const DATA_PROTECTION = graphql(`
  query DataProtection {
    maskingPolicy { isDefault updatedAt updatedBy rules { role classification mode } }
    tables { name label columns { name label classification catalogClassification masking } }
  }
`);

export const UPDATE_MASKING_POLICY = graphql(`
  mutation UpdateMaskingPolicy($rules: [MaskingRuleInput!]!) {
    updateMaskingPolicy(rules: $rules) { isDefault updatedAt updatedBy rules { role classification mode } }
  }
`);

export const CLASSIFY_COLUMNS = graphql(`
  mutation ClassifyColumns($columns: [ColumnClassificationInput!]!) {
    classifyColumns(columns: $columns) { name label columns { name label classification catalogClassification masking } }
  }
`);
