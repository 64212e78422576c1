import { graphql } from '../../generated';

export const EXPORT_FIELDS_QUERY = graphql(`
  query ExportById($id: ID!) {
    export(id: $id) {
      id revision status format reportName rowCount fileSize downloadUrl fileName executionTimeMs
      error { errorCode message }
      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }
    }
  }
`);

export const CREATE_EXPORT = graphql(`
  mutation CreateExport($input: CreateExportInput!) {
    createExport(input: $input) {
      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected
      error { errorCode message }
      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }
    }
  }
`);

export const EXPORT_UPDATED = graphql(`
  subscription ExportUpdated($id: ID!) {
    exportUpdated(id: $id) {
      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected
      error { errorCode message }
      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }
    }
  }
`);

export const CANCEL_EXPORT = graphql(`
  mutation CancelExport($id: ID!) {
    cancelExport(id: $id) { id revision status }
  }
`);

export const RETRY_EXPORT = graphql(`
  mutation RetryExport($id: ID!) {
    retryExport(id: $id) {
      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected
      error { errorCode message }
      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }
    }
  }
`);

export const DELETE_EXPORT = graphql(`
  mutation DeleteExport($id: ID!) {
    deleteExport(id: $id)
  }
`);

export const EXPORTS_LIST = graphql(`
  query ExportsList($filter: ExportFilter) {
    exports(first: 50, filter: $filter) {
      totalCount
      edges {
        node {
          id revision status format reportName reportId reportReadable rowCount fileSize downloadUrl fileName
          executionTimeMs triggeredBy initiatedBy createdAt completedAt expiresAt fileExpiredAt truncated
          schedule { id name }
          error { errorCode message }
          progress { percent rowsWritten rowsTotal }
        }
      }
    }
  }
`);

export const EXPORTS_CHANGED = graphql(`
  subscription ExportsChanged {
    exportsChanged {
      id revision status rowCount fileSize downloadUrl fileName executionTimeMs completedAt expiresAt
      error { errorCode message }
      progress { percent rowsWritten rowsTotal }
    }
  }
`);

export const LAST_EXPORTS = graphql(`
  query ReportsLastExports {
    exports(first: 100) {
      edges { node { id revision reportId status format createdAt } }
    }
  }
`);
