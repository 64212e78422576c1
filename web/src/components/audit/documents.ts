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
