/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id actor action targetType targetId outcome details ip createdAt } }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query AuditUserActivity($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditUserActivity(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      users { userId tokenUses previews reportReads exportsCsv exportsXlsx exportsPdf exportsJson downloads scheduleChanges lastSeen }\n    }\n  }\n": typeof types.AuditUserActivityDocument,
    "\n  query AuditCompliance($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditCompliance(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      events { id createdAt actor event action target detail }\n    }\n  }\n": typeof types.AuditComplianceDocument,
    "\n  mutation CreateAuditExport($input: CreateAuditExportInput!) {\n    createAuditExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      progress { rowsWritten rowsTotal percent etaSeconds }\n      error { code message }\n    }\n  }\n": typeof types.CreateAuditExportDocument,
    "\n  query AdminReportSchedules {\n    schedules(first: 500) { edges { node { id name adminReport cron cronDescription timezone format recipients status nextRunAt lastRunAt } } }\n  }\n": typeof types.AdminReportSchedulesDocument,
    "\n  mutation CreateAdminReportSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name adminReport nextRunAt }\n  }\n": typeof types.CreateAdminReportScheduleDocument,
    "\n  mutation RunAdminReportNow($id: ID!) { runScheduleNow(id: $id) { id status } }\n": typeof types.RunAdminReportNowDocument,
    "\n  mutation DeleteAdminReportSchedule($id: ID!) { deleteSchedule(id: $id) }\n": typeof types.DeleteAdminReportScheduleDocument,
    "\n  query DataProtection {\n    maskingPolicy { isDefault updatedAt updatedBy rules { role classification mode } }\n    tables { name label columns { name label classification catalogClassification masking } }\n  }\n": typeof types.DataProtectionDocument,
    "\n  mutation UpdateMaskingPolicy($rules: [MaskingRuleInput!]!) {\n    updateMaskingPolicy(rules: $rules) { isDefault updatedAt updatedBy rules { role classification mode } }\n  }\n": typeof types.UpdateMaskingPolicyDocument,
    "\n  mutation ClassifyColumns($columns: [ColumnClassificationInput!]!) {\n    classifyColumns(columns: $columns) { name label columns { name label classification catalogClassification masking } }\n  }\n": typeof types.ClassifyColumnsDocument,
    "\n  query DashboardsList {\n    dashboards { id name description visibility favorite canEdit createdBy updatedAt tiles { id } }\n  }\n": typeof types.DashboardsListDocument,
    "\n  query DashboardView($id: ID!) {\n    dashboard(id: $id) {\n      id name description visibility favorite canEdit createdBy\n      timeRange { period from to last { n unit includeCurrent } rolling { n unit } }\n      parameterValues\n      tiles {\n        id kind reportId accessible title text x y w h\n        visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n        report {\n          id name\n          visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n          definition { raw locale dimensions { field grain alias } measures { fn field alias } }\n        }\n      }\n    }\n  }\n": typeof types.DashboardViewDocument,
    "\n  query DashboardTileRows($dashboardId: ID!, $tileId: ID!, $timeRange: DashboardTimeRangeInput, $first: Int) {\n    dashboardTileRows(dashboardId: $dashboardId, tileId: $tileId, timeRange: $timeRange, first: $first) {\n      rows totalCount timeZone\n      window { fromLocal toLocal }\n      columns { name label type }\n    }\n  }\n": typeof types.DashboardTileRowsDocument,
    "\n  mutation UpdateDashboard($id: ID!, $input: UpdateDashboardInput!) {\n    updateDashboard(id: $id, input: $input) { id name timeRange { period from to last { n unit includeCurrent } rolling { n unit } } tiles { id x y w h } }\n  }\n": typeof types.UpdateDashboardDocument,
    "\n  mutation CreateDashboard($input: CreateDashboardInput!) {\n    createDashboard(input: $input) { id }\n  }\n": typeof types.CreateDashboardDocument,
    "\n  mutation CreateDashboardFromTemplate($template: String!, $name: String!) {\n    createDashboardFromTemplate(template: $template, name: $name) { id }\n  }\n": typeof types.CreateDashboardFromTemplateDocument,
    "\n  mutation DeleteDashboard($id: ID!) { deleteDashboard(id: $id) }\n": typeof types.DeleteDashboardDocument,
    "\n  mutation FavoriteDashboard($id: ID!) { favoriteDashboard(id: $id) { id favorite } }\n": typeof types.FavoriteDashboardDocument,
    "\n  mutation UnfavoriteDashboard($id: ID!) { unfavoriteDashboard(id: $id) { id favorite } }\n": typeof types.UnfavoriteDashboardDocument,
    "\n  query DashboardPdf($dashboardId: ID!, $timeRange: DashboardTimeRangeInput) {\n    dashboardPdf(dashboardId: $dashboardId, timeRange: $timeRange) { fileName contentType byteSize base64 }\n  }\n": typeof types.DashboardPdfDocument,
    "\n  mutation CreateDashboardExport($input: CreateDashboardExportInput!) {\n    createDashboardExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": typeof types.CreateDashboardExportDocument,
    "\n  query ExportById($id: ID!) {\n    export(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName executionTimeMs\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": typeof types.ExportByIdDocument,
    "\n  mutation CreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": typeof types.CreateExportDocument,
    "\n  subscription ExportUpdated($id: ID!) {\n    exportUpdated(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": typeof types.ExportUpdatedDocument,
    "\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) { id revision status }\n  }\n": typeof types.CancelExportDocument,
    "\n  mutation RetryExport($id: ID!) {\n    retryExport(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": typeof types.RetryExportDocument,
    "\n  mutation DeleteExport($id: ID!) {\n    deleteExport(id: $id)\n  }\n": typeof types.DeleteExportDocument,
    "\n  query ExportsList($filter: ExportFilter) {\n    exports(first: 50, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id revision status format reportName reportId reportReadable rowCount fileSize downloadUrl fileName\n          executionTimeMs triggeredBy initiatedBy createdAt completedAt expiresAt fileExpiredAt truncated\n          schedule { id name }\n          error { errorCode message }\n          progress { percent rowsWritten rowsTotal }\n        }\n      }\n    }\n  }\n": typeof types.ExportsListDocument,
    "\n  subscription ExportsChanged {\n    exportsChanged {\n      id revision status rowCount fileSize downloadUrl fileName executionTimeMs completedAt expiresAt\n      error { errorCode message }\n      progress { percent rowsWritten rowsTotal }\n    }\n  }\n": typeof types.ExportsChangedDocument,
    "\n  query ReportsLastExports {\n    exports(first: 100) {\n      edges { node { id revision reportId status format createdAt } }\n    }\n  }\n": typeof types.ReportsLastExportsDocument,
    "\n  query FilterColumnValues($source: String!, $field: String!, $search: String, $first: Int) {\n    columnValues(source: $source, field: $field, search: $search, first: $first) { value count }\n  }\n": typeof types.FilterColumnValuesDocument,
    "\n  query ReportsList {\n    reports(first: 100) {\n      totalCount\n      edges { node { id name description tags updatedAt createdBy definition { source } } }\n    }\n  }\n": typeof types.ReportsListDocument,
    "\n  query BuilderTables {\n    tables {\n      name label description defaultTimeColumn\n      columns { name label kind type dimension measure filter time nullable description freeText classification masking }\n    }\n  }\n": typeof types.BuilderTablesDocument,
    "\n  query BuilderReport($id: ID!) {\n    report(id: $id) {\n      id name description tags isPublic updatedAt rowLimit canEdit\n      visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n      definition {\n        source rowLimit timeZone locale weekStart raw\n        dimensions { field grain alias }\n        measures { fn field alias }\n        filters { field op value values param }\n        orderBy { key direction }\n        timeRange { field from to period param compare last { n unit includeCurrent } rolling { n unit } }\n        parameters { name label type multiple required default options optionsColumn }\n      }\n    }\n  }\n": typeof types.BuilderReportDocument,
    "\n  query BuilderValidate($definition: ReportDefinitionInput!) {\n    validateReport(definition: $definition) { valid errors { path message } }\n  }\n": typeof types.BuilderValidateDocument,
    "\n  query BuilderPreview($input: PreviewReportInput!) {\n    previewReport(input: $input) {\n      asOf elapsedMs totalCount truncated rows timeZone\n      window { from to fromLocal toLocal }\n      columns { name label type }\n      pageInfo { endCursor hasNextPage }\n      parameterValues\n    }\n  }\n": typeof types.BuilderPreviewDocument,
    "\n  mutation BuilderCreateReport($input: CreateReportInput!) {\n    createReport(input: $input) { id name updatedAt }\n  }\n": typeof types.BuilderCreateReportDocument,
    "\n  mutation BuilderUpdateReport($id: ID!, $input: UpdateReportInput!) {\n    updateReport(id: $id, input: $input) { id name description updatedAt visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints } }\n  }\n": typeof types.BuilderUpdateReportDocument,
    "\n  mutation BuilderDeleteReport($id: ID!, $force: Boolean!) {\n    deleteReport(id: $id, force: $force)\n  }\n": typeof types.BuilderDeleteReportDocument,
    "\n  query SchedulesList {\n    schedules(first: 200) {\n      totalCount\n      edges {\n        node {\n          id name reportId dashboardId adminReport cron cronDescription timezone status pausedReason nextRunAt lastRunAt\n          upcomingRuns(count: 1) { local utc }\n          executions(first: 1) { edges { node { id status scheduledFor } } }\n        }\n      }\n    }\n    reports(first: 200) { edges { node { id name } } }\n  }\n": typeof types.SchedulesListDocument,
    "\n  query ScheduleReportOptions {\n    reports(first: 200) {\n      edges {\n        node {\n          id name\n          definition {\n            timeZone locale timeRange { from to period last { n unit includeCurrent } rolling { n unit } }\n            parameters { name label type multiple required default options optionsColumn }\n            measures { alias }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ScheduleReportOptionsDocument,
    "\n  query ScheduleDetail($id: ID!) {\n    schedule(id: $id) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly holidayCountry holidayRegion onlyIfChanged nextRunAt lastRunAt runCount failureCount\n      compression passwordProtected fileNameTemplate paperSize orientation parameterValues\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      alertCondition { kind column comparison threshold changePercent notifyOnce }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n": typeof types.ScheduleDetailDocument,
    "\n  query ScheduleExecutions($id: ID!) {\n    schedule(id: $id) {\n      id\n      executions(first: 20) {\n        totalCount\n        edges {\n          node {\n            id status scheduledFor triggeredBy failure { errorCode message } createdAt startedAt completedAt recipients\n            export { id revision rowCount status }\n            deliveries { id channel target status lastError attempts sentAt providerStatus providerDetail }\n            condition { kind met armed notified observed threshold previous changePercent summary }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ScheduleExecutionsDocument,
    "\n  query UpcomingRunsPreview($cron: String!, $timezone: String!, $businessDaysOnly: Boolean, $holidayCountry: String, $holidayRegion: String) {\n    upcomingRuns(cron: $cron, timezone: $timezone, count: 5, businessDaysOnly: $businessDaysOnly, holidayCountry: $holidayCountry, holidayRegion: $holidayRegion) { local utc skipReason }\n  }\n": typeof types.UpcomingRunsPreviewDocument,
    "\n  mutation CreateSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name status webhookSecret }\n  }\n": typeof types.CreateScheduleDocument,
    "\n  mutation UpdateSchedule($id: ID!, $input: UpdateScheduleInput!) {\n    updateSchedule(id: $id, input: $input) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly nextRunAt compression passwordProtected fileNameTemplate paperSize orientation\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret webhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n": typeof types.UpdateScheduleDocument,
    "\n  mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) }\n": typeof types.DeleteScheduleDocument,
    "\n  mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { id status pausedReason nextRunAt } }\n": typeof types.PauseScheduleDocument,
    "\n  mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { id status pausedReason nextRunAt } }\n": typeof types.ResumeScheduleDocument,
    "\n  mutation RunScheduleNow($id: ID!, $parameterValues: JSON) { runScheduleNow(id: $id, parameterValues: $parameterValues) { id status scheduledFor } }\n": typeof types.RunScheduleNowDocument,
    "\n  mutation ResendFailedDeliveries($executionId: ID!) {\n    resendFailedDeliveries(executionId: $executionId) {\n      id status deliveries { id status lastError attempts sentAt }\n    }\n  }\n": typeof types.ResendFailedDeliveriesDocument,
    "\n  mutation RotateWebhookSecret($scheduleId: ID!) { rotateWebhookSecret(scheduleId: $scheduleId) }\n": typeof types.RotateWebhookSecretDocument,
    "\n  query SlackConnectionStatus { slackConnection { slackConnected teamName connectedAt } }\n": typeof types.SlackConnectionStatusDocument,
    "\n  mutation ConnectSlack($token: String!) { connectSlack(token: $token) { slackConnected teamName connectedAt } }\n": typeof types.ConnectSlackDocument,
    "\n  mutation DisconnectSlack { disconnectSlack { slackConnected teamName connectedAt } }\n": typeof types.DisconnectSlackDocument,
    "\n  query ScheduleDashboardOptions {\n    dashboards { id name }\n  }\n": typeof types.ScheduleDashboardOptionsDocument,
    "\n  query ReportGrants($id: ID!) {\n    report(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n": typeof types.ReportGrantsDocument,
    "\n  query DashboardGrants($id: ID!) {\n    dashboard(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n": typeof types.DashboardGrantsDocument,
    "\n  query ShareableUsers($search: String) {\n    shareableUsers(search: $search, first: 50) { userId roleName }\n  }\n": typeof types.ShareableUsersDocument,
    "\n  mutation GrantAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!, $level: AccessLevel!) {\n    grantAccess(objectType: $objectType, objectId: $objectId, principal: $principal, level: $level) { id userId role level grantedBy }\n  }\n": typeof types.GrantAccessDocument,
    "\n  mutation RevokeAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!) {\n    revokeAccess(objectType: $objectType, objectId: $objectId, principal: $principal)\n  }\n": typeof types.RevokeAccessDocument,
    "\n  query Suppressions($email: String, $first: Int) {\n    suppressions(email: $email, first: $first) { id email reason scheduleId detail deliveryId createdAt }\n    schedules(first: 500) { edges { node { id name } } }\n  }\n": typeof types.SuppressionsDocument,
    "\n  mutation RemoveSuppression($id: ID!) {\n    removeSuppression(id: $id) { id email }\n  }\n": typeof types.RemoveSuppressionDocument,
    "\n  query ReportTemplatesGallery {\n    reportTemplates {\n      id name description builtIn kind source\n      parameters { name label type multiple required default options optionsColumn }\n    }\n  }\n": typeof types.ReportTemplatesGalleryDocument,
    "\n  mutation CreateReportFromTemplateGallery($templateId: ID!, $name: String!, $parameterValues: JSON, $timeZone: String) {\n    createReportFromTemplate(templateId: $templateId, name: $name, parameterValues: $parameterValues, timeZone: $timeZone) { id name }\n  }\n": typeof types.CreateReportFromTemplateGalleryDocument,
    "fragment CachedExportRevision on Export { revision }": typeof types.CachedExportRevisionFragmentDoc,
};
const documents: Documents = {
    "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id actor action targetType targetId outcome details ip createdAt } }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query AuditUserActivity($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditUserActivity(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      users { userId tokenUses previews reportReads exportsCsv exportsXlsx exportsPdf exportsJson downloads scheduleChanges lastSeen }\n    }\n  }\n": types.AuditUserActivityDocument,
    "\n  query AuditCompliance($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditCompliance(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      events { id createdAt actor event action target detail }\n    }\n  }\n": types.AuditComplianceDocument,
    "\n  mutation CreateAuditExport($input: CreateAuditExportInput!) {\n    createAuditExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      progress { rowsWritten rowsTotal percent etaSeconds }\n      error { code message }\n    }\n  }\n": types.CreateAuditExportDocument,
    "\n  query AdminReportSchedules {\n    schedules(first: 500) { edges { node { id name adminReport cron cronDescription timezone format recipients status nextRunAt lastRunAt } } }\n  }\n": types.AdminReportSchedulesDocument,
    "\n  mutation CreateAdminReportSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name adminReport nextRunAt }\n  }\n": types.CreateAdminReportScheduleDocument,
    "\n  mutation RunAdminReportNow($id: ID!) { runScheduleNow(id: $id) { id status } }\n": types.RunAdminReportNowDocument,
    "\n  mutation DeleteAdminReportSchedule($id: ID!) { deleteSchedule(id: $id) }\n": types.DeleteAdminReportScheduleDocument,
    "\n  query DataProtection {\n    maskingPolicy { isDefault updatedAt updatedBy rules { role classification mode } }\n    tables { name label columns { name label classification catalogClassification masking } }\n  }\n": types.DataProtectionDocument,
    "\n  mutation UpdateMaskingPolicy($rules: [MaskingRuleInput!]!) {\n    updateMaskingPolicy(rules: $rules) { isDefault updatedAt updatedBy rules { role classification mode } }\n  }\n": types.UpdateMaskingPolicyDocument,
    "\n  mutation ClassifyColumns($columns: [ColumnClassificationInput!]!) {\n    classifyColumns(columns: $columns) { name label columns { name label classification catalogClassification masking } }\n  }\n": types.ClassifyColumnsDocument,
    "\n  query DashboardsList {\n    dashboards { id name description visibility favorite canEdit createdBy updatedAt tiles { id } }\n  }\n": types.DashboardsListDocument,
    "\n  query DashboardView($id: ID!) {\n    dashboard(id: $id) {\n      id name description visibility favorite canEdit createdBy\n      timeRange { period from to last { n unit includeCurrent } rolling { n unit } }\n      parameterValues\n      tiles {\n        id kind reportId accessible title text x y w h\n        visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n        report {\n          id name\n          visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n          definition { raw locale dimensions { field grain alias } measures { fn field alias } }\n        }\n      }\n    }\n  }\n": types.DashboardViewDocument,
    "\n  query DashboardTileRows($dashboardId: ID!, $tileId: ID!, $timeRange: DashboardTimeRangeInput, $first: Int) {\n    dashboardTileRows(dashboardId: $dashboardId, tileId: $tileId, timeRange: $timeRange, first: $first) {\n      rows totalCount timeZone\n      window { fromLocal toLocal }\n      columns { name label type }\n    }\n  }\n": types.DashboardTileRowsDocument,
    "\n  mutation UpdateDashboard($id: ID!, $input: UpdateDashboardInput!) {\n    updateDashboard(id: $id, input: $input) { id name timeRange { period from to last { n unit includeCurrent } rolling { n unit } } tiles { id x y w h } }\n  }\n": types.UpdateDashboardDocument,
    "\n  mutation CreateDashboard($input: CreateDashboardInput!) {\n    createDashboard(input: $input) { id }\n  }\n": types.CreateDashboardDocument,
    "\n  mutation CreateDashboardFromTemplate($template: String!, $name: String!) {\n    createDashboardFromTemplate(template: $template, name: $name) { id }\n  }\n": types.CreateDashboardFromTemplateDocument,
    "\n  mutation DeleteDashboard($id: ID!) { deleteDashboard(id: $id) }\n": types.DeleteDashboardDocument,
    "\n  mutation FavoriteDashboard($id: ID!) { favoriteDashboard(id: $id) { id favorite } }\n": types.FavoriteDashboardDocument,
    "\n  mutation UnfavoriteDashboard($id: ID!) { unfavoriteDashboard(id: $id) { id favorite } }\n": types.UnfavoriteDashboardDocument,
    "\n  query DashboardPdf($dashboardId: ID!, $timeRange: DashboardTimeRangeInput) {\n    dashboardPdf(dashboardId: $dashboardId, timeRange: $timeRange) { fileName contentType byteSize base64 }\n  }\n": types.DashboardPdfDocument,
    "\n  mutation CreateDashboardExport($input: CreateDashboardExportInput!) {\n    createDashboardExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": types.CreateDashboardExportDocument,
    "\n  query ExportById($id: ID!) {\n    export(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName executionTimeMs\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": types.ExportByIdDocument,
    "\n  mutation CreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": types.CreateExportDocument,
    "\n  subscription ExportUpdated($id: ID!) {\n    exportUpdated(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": types.ExportUpdatedDocument,
    "\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) { id revision status }\n  }\n": types.CancelExportDocument,
    "\n  mutation RetryExport($id: ID!) {\n    retryExport(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n": types.RetryExportDocument,
    "\n  mutation DeleteExport($id: ID!) {\n    deleteExport(id: $id)\n  }\n": types.DeleteExportDocument,
    "\n  query ExportsList($filter: ExportFilter) {\n    exports(first: 50, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id revision status format reportName reportId reportReadable rowCount fileSize downloadUrl fileName\n          executionTimeMs triggeredBy initiatedBy createdAt completedAt expiresAt fileExpiredAt truncated\n          schedule { id name }\n          error { errorCode message }\n          progress { percent rowsWritten rowsTotal }\n        }\n      }\n    }\n  }\n": types.ExportsListDocument,
    "\n  subscription ExportsChanged {\n    exportsChanged {\n      id revision status rowCount fileSize downloadUrl fileName executionTimeMs completedAt expiresAt\n      error { errorCode message }\n      progress { percent rowsWritten rowsTotal }\n    }\n  }\n": types.ExportsChangedDocument,
    "\n  query ReportsLastExports {\n    exports(first: 100) {\n      edges { node { id revision reportId status format createdAt } }\n    }\n  }\n": types.ReportsLastExportsDocument,
    "\n  query FilterColumnValues($source: String!, $field: String!, $search: String, $first: Int) {\n    columnValues(source: $source, field: $field, search: $search, first: $first) { value count }\n  }\n": types.FilterColumnValuesDocument,
    "\n  query ReportsList {\n    reports(first: 100) {\n      totalCount\n      edges { node { id name description tags updatedAt createdBy definition { source } } }\n    }\n  }\n": types.ReportsListDocument,
    "\n  query BuilderTables {\n    tables {\n      name label description defaultTimeColumn\n      columns { name label kind type dimension measure filter time nullable description freeText classification masking }\n    }\n  }\n": types.BuilderTablesDocument,
    "\n  query BuilderReport($id: ID!) {\n    report(id: $id) {\n      id name description tags isPublic updatedAt rowLimit canEdit\n      visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n      definition {\n        source rowLimit timeZone locale weekStart raw\n        dimensions { field grain alias }\n        measures { fn field alias }\n        filters { field op value values param }\n        orderBy { key direction }\n        timeRange { field from to period param compare last { n unit includeCurrent } rolling { n unit } }\n        parameters { name label type multiple required default options optionsColumn }\n      }\n    }\n  }\n": types.BuilderReportDocument,
    "\n  query BuilderValidate($definition: ReportDefinitionInput!) {\n    validateReport(definition: $definition) { valid errors { path message } }\n  }\n": types.BuilderValidateDocument,
    "\n  query BuilderPreview($input: PreviewReportInput!) {\n    previewReport(input: $input) {\n      asOf elapsedMs totalCount truncated rows timeZone\n      window { from to fromLocal toLocal }\n      columns { name label type }\n      pageInfo { endCursor hasNextPage }\n      parameterValues\n    }\n  }\n": types.BuilderPreviewDocument,
    "\n  mutation BuilderCreateReport($input: CreateReportInput!) {\n    createReport(input: $input) { id name updatedAt }\n  }\n": types.BuilderCreateReportDocument,
    "\n  mutation BuilderUpdateReport($id: ID!, $input: UpdateReportInput!) {\n    updateReport(id: $id, input: $input) { id name description updatedAt visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints } }\n  }\n": types.BuilderUpdateReportDocument,
    "\n  mutation BuilderDeleteReport($id: ID!, $force: Boolean!) {\n    deleteReport(id: $id, force: $force)\n  }\n": types.BuilderDeleteReportDocument,
    "\n  query SchedulesList {\n    schedules(first: 200) {\n      totalCount\n      edges {\n        node {\n          id name reportId dashboardId adminReport cron cronDescription timezone status pausedReason nextRunAt lastRunAt\n          upcomingRuns(count: 1) { local utc }\n          executions(first: 1) { edges { node { id status scheduledFor } } }\n        }\n      }\n    }\n    reports(first: 200) { edges { node { id name } } }\n  }\n": types.SchedulesListDocument,
    "\n  query ScheduleReportOptions {\n    reports(first: 200) {\n      edges {\n        node {\n          id name\n          definition {\n            timeZone locale timeRange { from to period last { n unit includeCurrent } rolling { n unit } }\n            parameters { name label type multiple required default options optionsColumn }\n            measures { alias }\n          }\n        }\n      }\n    }\n  }\n": types.ScheduleReportOptionsDocument,
    "\n  query ScheduleDetail($id: ID!) {\n    schedule(id: $id) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly holidayCountry holidayRegion onlyIfChanged nextRunAt lastRunAt runCount failureCount\n      compression passwordProtected fileNameTemplate paperSize orientation parameterValues\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      alertCondition { kind column comparison threshold changePercent notifyOnce }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n": types.ScheduleDetailDocument,
    "\n  query ScheduleExecutions($id: ID!) {\n    schedule(id: $id) {\n      id\n      executions(first: 20) {\n        totalCount\n        edges {\n          node {\n            id status scheduledFor triggeredBy failure { errorCode message } createdAt startedAt completedAt recipients\n            export { id revision rowCount status }\n            deliveries { id channel target status lastError attempts sentAt providerStatus providerDetail }\n            condition { kind met armed notified observed threshold previous changePercent summary }\n          }\n        }\n      }\n    }\n  }\n": types.ScheduleExecutionsDocument,
    "\n  query UpcomingRunsPreview($cron: String!, $timezone: String!, $businessDaysOnly: Boolean, $holidayCountry: String, $holidayRegion: String) {\n    upcomingRuns(cron: $cron, timezone: $timezone, count: 5, businessDaysOnly: $businessDaysOnly, holidayCountry: $holidayCountry, holidayRegion: $holidayRegion) { local utc skipReason }\n  }\n": types.UpcomingRunsPreviewDocument,
    "\n  mutation CreateSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name status webhookSecret }\n  }\n": types.CreateScheduleDocument,
    "\n  mutation UpdateSchedule($id: ID!, $input: UpdateScheduleInput!) {\n    updateSchedule(id: $id, input: $input) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly nextRunAt compression passwordProtected fileNameTemplate paperSize orientation\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret webhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n": types.UpdateScheduleDocument,
    "\n  mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) }\n": types.DeleteScheduleDocument,
    "\n  mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { id status pausedReason nextRunAt } }\n": types.PauseScheduleDocument,
    "\n  mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { id status pausedReason nextRunAt } }\n": types.ResumeScheduleDocument,
    "\n  mutation RunScheduleNow($id: ID!, $parameterValues: JSON) { runScheduleNow(id: $id, parameterValues: $parameterValues) { id status scheduledFor } }\n": types.RunScheduleNowDocument,
    "\n  mutation ResendFailedDeliveries($executionId: ID!) {\n    resendFailedDeliveries(executionId: $executionId) {\n      id status deliveries { id status lastError attempts sentAt }\n    }\n  }\n": types.ResendFailedDeliveriesDocument,
    "\n  mutation RotateWebhookSecret($scheduleId: ID!) { rotateWebhookSecret(scheduleId: $scheduleId) }\n": types.RotateWebhookSecretDocument,
    "\n  query SlackConnectionStatus { slackConnection { slackConnected teamName connectedAt } }\n": types.SlackConnectionStatusDocument,
    "\n  mutation ConnectSlack($token: String!) { connectSlack(token: $token) { slackConnected teamName connectedAt } }\n": types.ConnectSlackDocument,
    "\n  mutation DisconnectSlack { disconnectSlack { slackConnected teamName connectedAt } }\n": types.DisconnectSlackDocument,
    "\n  query ScheduleDashboardOptions {\n    dashboards { id name }\n  }\n": types.ScheduleDashboardOptionsDocument,
    "\n  query ReportGrants($id: ID!) {\n    report(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n": types.ReportGrantsDocument,
    "\n  query DashboardGrants($id: ID!) {\n    dashboard(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n": types.DashboardGrantsDocument,
    "\n  query ShareableUsers($search: String) {\n    shareableUsers(search: $search, first: 50) { userId roleName }\n  }\n": types.ShareableUsersDocument,
    "\n  mutation GrantAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!, $level: AccessLevel!) {\n    grantAccess(objectType: $objectType, objectId: $objectId, principal: $principal, level: $level) { id userId role level grantedBy }\n  }\n": types.GrantAccessDocument,
    "\n  mutation RevokeAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!) {\n    revokeAccess(objectType: $objectType, objectId: $objectId, principal: $principal)\n  }\n": types.RevokeAccessDocument,
    "\n  query Suppressions($email: String, $first: Int) {\n    suppressions(email: $email, first: $first) { id email reason scheduleId detail deliveryId createdAt }\n    schedules(first: 500) { edges { node { id name } } }\n  }\n": types.SuppressionsDocument,
    "\n  mutation RemoveSuppression($id: ID!) {\n    removeSuppression(id: $id) { id email }\n  }\n": types.RemoveSuppressionDocument,
    "\n  query ReportTemplatesGallery {\n    reportTemplates {\n      id name description builtIn kind source\n      parameters { name label type multiple required default options optionsColumn }\n    }\n  }\n": types.ReportTemplatesGalleryDocument,
    "\n  mutation CreateReportFromTemplateGallery($templateId: ID!, $name: String!, $parameterValues: JSON, $timeZone: String) {\n    createReportFromTemplate(templateId: $templateId, name: $name, parameterValues: $parameterValues, timeZone: $timeZone) { id name }\n  }\n": types.CreateReportFromTemplateGalleryDocument,
    "fragment CachedExportRevision on Export { revision }": types.CachedExportRevisionFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id actor action targetType targetId outcome details ip createdAt } }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { cursor node { id actor action targetType targetId outcome details ip createdAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditUserActivity($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditUserActivity(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      users { userId tokenUses previews reportReads exportsCsv exportsXlsx exportsPdf exportsJson downloads scheduleChanges lastSeen }\n    }\n  }\n"): (typeof documents)["\n  query AuditUserActivity($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditUserActivity(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      users { userId tokenUses previews reportReads exportsCsv exportsXlsx exportsPdf exportsJson downloads scheduleChanges lastSeen }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditCompliance($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditCompliance(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      events { id createdAt actor event action target detail }\n    }\n  }\n"): (typeof documents)["\n  query AuditCompliance($filter: AuditLogFilter, $first: Int, $after: String) {\n    auditCompliance(filter: $filter, first: $first, after: $after) {\n      totalCount hasNextPage endCursor\n      events { id createdAt actor event action target detail }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAuditExport($input: CreateAuditExportInput!) {\n    createAuditExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      progress { rowsWritten rowsTotal percent etaSeconds }\n      error { code message }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAuditExport($input: CreateAuditExportInput!) {\n    createAuditExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      progress { rowsWritten rowsTotal percent etaSeconds }\n      error { code message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminReportSchedules {\n    schedules(first: 500) { edges { node { id name adminReport cron cronDescription timezone format recipients status nextRunAt lastRunAt } } }\n  }\n"): (typeof documents)["\n  query AdminReportSchedules {\n    schedules(first: 500) { edges { node { id name adminReport cron cronDescription timezone format recipients status nextRunAt lastRunAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAdminReportSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name adminReport nextRunAt }\n  }\n"): (typeof documents)["\n  mutation CreateAdminReportSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name adminReport nextRunAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunAdminReportNow($id: ID!) { runScheduleNow(id: $id) { id status } }\n"): (typeof documents)["\n  mutation RunAdminReportNow($id: ID!) { runScheduleNow(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAdminReportSchedule($id: ID!) { deleteSchedule(id: $id) }\n"): (typeof documents)["\n  mutation DeleteAdminReportSchedule($id: ID!) { deleteSchedule(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DataProtection {\n    maskingPolicy { isDefault updatedAt updatedBy rules { role classification mode } }\n    tables { name label columns { name label classification catalogClassification masking } }\n  }\n"): (typeof documents)["\n  query DataProtection {\n    maskingPolicy { isDefault updatedAt updatedBy rules { role classification mode } }\n    tables { name label columns { name label classification catalogClassification masking } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMaskingPolicy($rules: [MaskingRuleInput!]!) {\n    updateMaskingPolicy(rules: $rules) { isDefault updatedAt updatedBy rules { role classification mode } }\n  }\n"): (typeof documents)["\n  mutation UpdateMaskingPolicy($rules: [MaskingRuleInput!]!) {\n    updateMaskingPolicy(rules: $rules) { isDefault updatedAt updatedBy rules { role classification mode } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClassifyColumns($columns: [ColumnClassificationInput!]!) {\n    classifyColumns(columns: $columns) { name label columns { name label classification catalogClassification masking } }\n  }\n"): (typeof documents)["\n  mutation ClassifyColumns($columns: [ColumnClassificationInput!]!) {\n    classifyColumns(columns: $columns) { name label columns { name label classification catalogClassification masking } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardsList {\n    dashboards { id name description visibility favorite canEdit createdBy updatedAt tiles { id } }\n  }\n"): (typeof documents)["\n  query DashboardsList {\n    dashboards { id name description visibility favorite canEdit createdBy updatedAt tiles { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardView($id: ID!) {\n    dashboard(id: $id) {\n      id name description visibility favorite canEdit createdBy\n      timeRange { period from to last { n unit includeCurrent } rolling { n unit } }\n      parameterValues\n      tiles {\n        id kind reportId accessible title text x y w h\n        visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n        report {\n          id name\n          visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n          definition { raw locale dimensions { field grain alias } measures { fn field alias } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardView($id: ID!) {\n    dashboard(id: $id) {\n      id name description visibility favorite canEdit createdBy\n      timeRange { period from to last { n unit includeCurrent } rolling { n unit } }\n      parameterValues\n      tiles {\n        id kind reportId accessible title text x y w h\n        visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n        report {\n          id name\n          visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n          definition { raw locale dimensions { field grain alias } measures { fn field alias } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTileRows($dashboardId: ID!, $tileId: ID!, $timeRange: DashboardTimeRangeInput, $first: Int) {\n    dashboardTileRows(dashboardId: $dashboardId, tileId: $tileId, timeRange: $timeRange, first: $first) {\n      rows totalCount timeZone\n      window { fromLocal toLocal }\n      columns { name label type }\n    }\n  }\n"): (typeof documents)["\n  query DashboardTileRows($dashboardId: ID!, $tileId: ID!, $timeRange: DashboardTimeRangeInput, $first: Int) {\n    dashboardTileRows(dashboardId: $dashboardId, tileId: $tileId, timeRange: $timeRange, first: $first) {\n      rows totalCount timeZone\n      window { fromLocal toLocal }\n      columns { name label type }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateDashboard($id: ID!, $input: UpdateDashboardInput!) {\n    updateDashboard(id: $id, input: $input) { id name timeRange { period from to last { n unit includeCurrent } rolling { n unit } } tiles { id x y w h } }\n  }\n"): (typeof documents)["\n  mutation UpdateDashboard($id: ID!, $input: UpdateDashboardInput!) {\n    updateDashboard(id: $id, input: $input) { id name timeRange { period from to last { n unit includeCurrent } rolling { n unit } } tiles { id x y w h } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDashboard($input: CreateDashboardInput!) {\n    createDashboard(input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation CreateDashboard($input: CreateDashboardInput!) {\n    createDashboard(input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDashboardFromTemplate($template: String!, $name: String!) {\n    createDashboardFromTemplate(template: $template, name: $name) { id }\n  }\n"): (typeof documents)["\n  mutation CreateDashboardFromTemplate($template: String!, $name: String!) {\n    createDashboardFromTemplate(template: $template, name: $name) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDashboard($id: ID!) { deleteDashboard(id: $id) }\n"): (typeof documents)["\n  mutation DeleteDashboard($id: ID!) { deleteDashboard(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FavoriteDashboard($id: ID!) { favoriteDashboard(id: $id) { id favorite } }\n"): (typeof documents)["\n  mutation FavoriteDashboard($id: ID!) { favoriteDashboard(id: $id) { id favorite } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnfavoriteDashboard($id: ID!) { unfavoriteDashboard(id: $id) { id favorite } }\n"): (typeof documents)["\n  mutation UnfavoriteDashboard($id: ID!) { unfavoriteDashboard(id: $id) { id favorite } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPdf($dashboardId: ID!, $timeRange: DashboardTimeRangeInput) {\n    dashboardPdf(dashboardId: $dashboardId, timeRange: $timeRange) { fileName contentType byteSize base64 }\n  }\n"): (typeof documents)["\n  query DashboardPdf($dashboardId: ID!, $timeRange: DashboardTimeRangeInput) {\n    dashboardPdf(dashboardId: $dashboardId, timeRange: $timeRange) { fileName contentType byteSize base64 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateDashboardExport($input: CreateDashboardExportInput!) {\n    createDashboardExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateDashboardExport($input: CreateDashboardExportInput!) {\n    createDashboardExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportById($id: ID!) {\n    export(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName executionTimeMs\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"): (typeof documents)["\n  query ExportById($id: ID!) {\n    export(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName executionTimeMs\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateExport($input: CreateExportInput!) {\n    createExport(input: $input) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExportUpdated($id: ID!) {\n    exportUpdated(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"): (typeof documents)["\n  subscription ExportUpdated($id: ID!) {\n    exportUpdated(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) { id revision status }\n  }\n"): (typeof documents)["\n  mutation CancelExport($id: ID!) {\n    cancelExport(id: $id) { id revision status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryExport($id: ID!) {\n    retryExport(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryExport($id: ID!) {\n    retryExport(id: $id) {\n      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected\n      error { errorCode message }\n      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteExport($id: ID!) {\n    deleteExport(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteExport($id: ID!) {\n    deleteExport(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportsList($filter: ExportFilter) {\n    exports(first: 50, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id revision status format reportName reportId reportReadable rowCount fileSize downloadUrl fileName\n          executionTimeMs triggeredBy initiatedBy createdAt completedAt expiresAt fileExpiredAt truncated\n          schedule { id name }\n          error { errorCode message }\n          progress { percent rowsWritten rowsTotal }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExportsList($filter: ExportFilter) {\n    exports(first: 50, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          id revision status format reportName reportId reportReadable rowCount fileSize downloadUrl fileName\n          executionTimeMs triggeredBy initiatedBy createdAt completedAt expiresAt fileExpiredAt truncated\n          schedule { id name }\n          error { errorCode message }\n          progress { percent rowsWritten rowsTotal }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExportsChanged {\n    exportsChanged {\n      id revision status rowCount fileSize downloadUrl fileName executionTimeMs completedAt expiresAt\n      error { errorCode message }\n      progress { percent rowsWritten rowsTotal }\n    }\n  }\n"): (typeof documents)["\n  subscription ExportsChanged {\n    exportsChanged {\n      id revision status rowCount fileSize downloadUrl fileName executionTimeMs completedAt expiresAt\n      error { errorCode message }\n      progress { percent rowsWritten rowsTotal }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportsLastExports {\n    exports(first: 100) {\n      edges { node { id revision reportId status format createdAt } }\n    }\n  }\n"): (typeof documents)["\n  query ReportsLastExports {\n    exports(first: 100) {\n      edges { node { id revision reportId status format createdAt } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterColumnValues($source: String!, $field: String!, $search: String, $first: Int) {\n    columnValues(source: $source, field: $field, search: $search, first: $first) { value count }\n  }\n"): (typeof documents)["\n  query FilterColumnValues($source: String!, $field: String!, $search: String, $first: Int) {\n    columnValues(source: $source, field: $field, search: $search, first: $first) { value count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportsList {\n    reports(first: 100) {\n      totalCount\n      edges { node { id name description tags updatedAt createdBy definition { source } } }\n    }\n  }\n"): (typeof documents)["\n  query ReportsList {\n    reports(first: 100) {\n      totalCount\n      edges { node { id name description tags updatedAt createdBy definition { source } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuilderTables {\n    tables {\n      name label description defaultTimeColumn\n      columns { name label kind type dimension measure filter time nullable description freeText classification masking }\n    }\n  }\n"): (typeof documents)["\n  query BuilderTables {\n    tables {\n      name label description defaultTimeColumn\n      columns { name label kind type dimension measure filter time nullable description freeText classification masking }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuilderReport($id: ID!) {\n    report(id: $id) {\n      id name description tags isPublic updatedAt rowLimit canEdit\n      visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n      definition {\n        source rowLimit timeZone locale weekStart raw\n        dimensions { field grain alias }\n        measures { fn field alias }\n        filters { field op value values param }\n        orderBy { key direction }\n        timeRange { field from to period param compare last { n unit includeCurrent } rolling { n unit } }\n        parameters { name label type multiple required default options optionsColumn }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BuilderReport($id: ID!) {\n    report(id: $id) {\n      id name description tags isPublic updatedAt rowLimit canEdit\n      visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }\n      definition {\n        source rowLimit timeZone locale weekStart raw\n        dimensions { field grain alias }\n        measures { fn field alias }\n        filters { field op value values param }\n        orderBy { key direction }\n        timeRange { field from to period param compare last { n unit includeCurrent } rolling { n unit } }\n        parameters { name label type multiple required default options optionsColumn }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuilderValidate($definition: ReportDefinitionInput!) {\n    validateReport(definition: $definition) { valid errors { path message } }\n  }\n"): (typeof documents)["\n  query BuilderValidate($definition: ReportDefinitionInput!) {\n    validateReport(definition: $definition) { valid errors { path message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BuilderPreview($input: PreviewReportInput!) {\n    previewReport(input: $input) {\n      asOf elapsedMs totalCount truncated rows timeZone\n      window { from to fromLocal toLocal }\n      columns { name label type }\n      pageInfo { endCursor hasNextPage }\n      parameterValues\n    }\n  }\n"): (typeof documents)["\n  query BuilderPreview($input: PreviewReportInput!) {\n    previewReport(input: $input) {\n      asOf elapsedMs totalCount truncated rows timeZone\n      window { from to fromLocal toLocal }\n      columns { name label type }\n      pageInfo { endCursor hasNextPage }\n      parameterValues\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BuilderCreateReport($input: CreateReportInput!) {\n    createReport(input: $input) { id name updatedAt }\n  }\n"): (typeof documents)["\n  mutation BuilderCreateReport($input: CreateReportInput!) {\n    createReport(input: $input) { id name updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BuilderUpdateReport($id: ID!, $input: UpdateReportInput!) {\n    updateReport(id: $id, input: $input) { id name description updatedAt visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints } }\n  }\n"): (typeof documents)["\n  mutation BuilderUpdateReport($id: ID!, $input: UpdateReportInput!) {\n    updateReport(id: $id, input: $input) { id name description updatedAt visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BuilderDeleteReport($id: ID!, $force: Boolean!) {\n    deleteReport(id: $id, force: $force)\n  }\n"): (typeof documents)["\n  mutation BuilderDeleteReport($id: ID!, $force: Boolean!) {\n    deleteReport(id: $id, force: $force)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchedulesList {\n    schedules(first: 200) {\n      totalCount\n      edges {\n        node {\n          id name reportId dashboardId adminReport cron cronDescription timezone status pausedReason nextRunAt lastRunAt\n          upcomingRuns(count: 1) { local utc }\n          executions(first: 1) { edges { node { id status scheduledFor } } }\n        }\n      }\n    }\n    reports(first: 200) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query SchedulesList {\n    schedules(first: 200) {\n      totalCount\n      edges {\n        node {\n          id name reportId dashboardId adminReport cron cronDescription timezone status pausedReason nextRunAt lastRunAt\n          upcomingRuns(count: 1) { local utc }\n          executions(first: 1) { edges { node { id status scheduledFor } } }\n        }\n      }\n    }\n    reports(first: 200) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleReportOptions {\n    reports(first: 200) {\n      edges {\n        node {\n          id name\n          definition {\n            timeZone locale timeRange { from to period last { n unit includeCurrent } rolling { n unit } }\n            parameters { name label type multiple required default options optionsColumn }\n            measures { alias }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScheduleReportOptions {\n    reports(first: 200) {\n      edges {\n        node {\n          id name\n          definition {\n            timeZone locale timeRange { from to period last { n unit includeCurrent } rolling { n unit } }\n            parameters { name label type multiple required default options optionsColumn }\n            measures { alias }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleDetail($id: ID!) {\n    schedule(id: $id) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly holidayCountry holidayRegion onlyIfChanged nextRunAt lastRunAt runCount failureCount\n      compression passwordProtected fileNameTemplate paperSize orientation parameterValues\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      alertCondition { kind column comparison threshold changePercent notifyOnce }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n"): (typeof documents)["\n  query ScheduleDetail($id: ID!) {\n    schedule(id: $id) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly holidayCountry holidayRegion onlyIfChanged nextRunAt lastRunAt runCount failureCount\n      compression passwordProtected fileNameTemplate paperSize orientation parameterValues\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      alertCondition { kind column comparison threshold changePercent notifyOnce }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleExecutions($id: ID!) {\n    schedule(id: $id) {\n      id\n      executions(first: 20) {\n        totalCount\n        edges {\n          node {\n            id status scheduledFor triggeredBy failure { errorCode message } createdAt startedAt completedAt recipients\n            export { id revision rowCount status }\n            deliveries { id channel target status lastError attempts sentAt providerStatus providerDetail }\n            condition { kind met armed notified observed threshold previous changePercent summary }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScheduleExecutions($id: ID!) {\n    schedule(id: $id) {\n      id\n      executions(first: 20) {\n        totalCount\n        edges {\n          node {\n            id status scheduledFor triggeredBy failure { errorCode message } createdAt startedAt completedAt recipients\n            export { id revision rowCount status }\n            deliveries { id channel target status lastError attempts sentAt providerStatus providerDetail }\n            condition { kind met armed notified observed threshold previous changePercent summary }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpcomingRunsPreview($cron: String!, $timezone: String!, $businessDaysOnly: Boolean, $holidayCountry: String, $holidayRegion: String) {\n    upcomingRuns(cron: $cron, timezone: $timezone, count: 5, businessDaysOnly: $businessDaysOnly, holidayCountry: $holidayCountry, holidayRegion: $holidayRegion) { local utc skipReason }\n  }\n"): (typeof documents)["\n  query UpcomingRunsPreview($cron: String!, $timezone: String!, $businessDaysOnly: Boolean, $holidayCountry: String, $holidayRegion: String) {\n    upcomingRuns(cron: $cron, timezone: $timezone, count: 5, businessDaysOnly: $businessDaysOnly, holidayCountry: $holidayCountry, holidayRegion: $holidayRegion) { local utc skipReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name status webhookSecret }\n  }\n"): (typeof documents)["\n  mutation CreateSchedule($input: CreateScheduleInput!) {\n    createSchedule(input: $input) { id name status webhookSecret }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSchedule($id: ID!, $input: UpdateScheduleInput!) {\n    updateSchedule(id: $id, input: $input) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly nextRunAt compression passwordProtected fileNameTemplate paperSize orientation\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret webhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSchedule($id: ID!, $input: UpdateScheduleInput!) {\n    updateSchedule(id: $id, input: $input) {\n      id name description reportId dashboardId cron cronDescription timezone locale status pausedReason format delivery\n      recipients ownerEmail skipIfEmpty businessDaysOnly nextRunAt compression passwordProtected fileNameTemplate paperSize orientation\n      recipientParameters { recipient parameterValues }\n      slackChannels webhookUrls hasWebhookSecret webhookSecret\n      teamsWebhooks sftpTargets { id host port username pathTemplate hostKeyFingerprint hasPrivateKey }\n      emailConfig { attachment subject message }\n      s3Config { bucket keyTemplate }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) }\n"): (typeof documents)["\n  mutation DeleteSchedule($id: ID!) { deleteSchedule(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { id status pausedReason nextRunAt } }\n"): (typeof documents)["\n  mutation PauseSchedule($id: ID!) { pauseSchedule(id: $id) { id status pausedReason nextRunAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { id status pausedReason nextRunAt } }\n"): (typeof documents)["\n  mutation ResumeSchedule($id: ID!) { resumeSchedule(id: $id) { id status pausedReason nextRunAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunScheduleNow($id: ID!, $parameterValues: JSON) { runScheduleNow(id: $id, parameterValues: $parameterValues) { id status scheduledFor } }\n"): (typeof documents)["\n  mutation RunScheduleNow($id: ID!, $parameterValues: JSON) { runScheduleNow(id: $id, parameterValues: $parameterValues) { id status scheduledFor } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendFailedDeliveries($executionId: ID!) {\n    resendFailedDeliveries(executionId: $executionId) {\n      id status deliveries { id status lastError attempts sentAt }\n    }\n  }\n"): (typeof documents)["\n  mutation ResendFailedDeliveries($executionId: ID!) {\n    resendFailedDeliveries(executionId: $executionId) {\n      id status deliveries { id status lastError attempts sentAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($scheduleId: ID!) { rotateWebhookSecret(scheduleId: $scheduleId) }\n"): (typeof documents)["\n  mutation RotateWebhookSecret($scheduleId: ID!) { rotateWebhookSecret(scheduleId: $scheduleId) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SlackConnectionStatus { slackConnection { slackConnected teamName connectedAt } }\n"): (typeof documents)["\n  query SlackConnectionStatus { slackConnection { slackConnected teamName connectedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectSlack($token: String!) { connectSlack(token: $token) { slackConnected teamName connectedAt } }\n"): (typeof documents)["\n  mutation ConnectSlack($token: String!) { connectSlack(token: $token) { slackConnected teamName connectedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisconnectSlack { disconnectSlack { slackConnected teamName connectedAt } }\n"): (typeof documents)["\n  mutation DisconnectSlack { disconnectSlack { slackConnected teamName connectedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduleDashboardOptions {\n    dashboards { id name }\n  }\n"): (typeof documents)["\n  query ScheduleDashboardOptions {\n    dashboards { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportGrants($id: ID!) {\n    report(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n"): (typeof documents)["\n  query ReportGrants($id: ID!) {\n    report(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardGrants($id: ID!) {\n    dashboard(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n"): (typeof documents)["\n  query DashboardGrants($id: ID!) {\n    dashboard(id: $id) { id name canEdit grants { id userId role level grantedBy } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShareableUsers($search: String) {\n    shareableUsers(search: $search, first: 50) { userId roleName }\n  }\n"): (typeof documents)["\n  query ShareableUsers($search: String) {\n    shareableUsers(search: $search, first: 50) { userId roleName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!, $level: AccessLevel!) {\n    grantAccess(objectType: $objectType, objectId: $objectId, principal: $principal, level: $level) { id userId role level grantedBy }\n  }\n"): (typeof documents)["\n  mutation GrantAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!, $level: AccessLevel!) {\n    grantAccess(objectType: $objectType, objectId: $objectId, principal: $principal, level: $level) { id userId role level grantedBy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!) {\n    revokeAccess(objectType: $objectType, objectId: $objectId, principal: $principal)\n  }\n"): (typeof documents)["\n  mutation RevokeAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!) {\n    revokeAccess(objectType: $objectType, objectId: $objectId, principal: $principal)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suppressions($email: String, $first: Int) {\n    suppressions(email: $email, first: $first) { id email reason scheduleId detail deliveryId createdAt }\n    schedules(first: 500) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query Suppressions($email: String, $first: Int) {\n    suppressions(email: $email, first: $first) { id email reason scheduleId detail deliveryId createdAt }\n    schedules(first: 500) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSuppression($id: ID!) {\n    removeSuppression(id: $id) { id email }\n  }\n"): (typeof documents)["\n  mutation RemoveSuppression($id: ID!) {\n    removeSuppression(id: $id) { id email }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportTemplatesGallery {\n    reportTemplates {\n      id name description builtIn kind source\n      parameters { name label type multiple required default options optionsColumn }\n    }\n  }\n"): (typeof documents)["\n  query ReportTemplatesGallery {\n    reportTemplates {\n      id name description builtIn kind source\n      parameters { name label type multiple required default options optionsColumn }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReportFromTemplateGallery($templateId: ID!, $name: String!, $parameterValues: JSON, $timeZone: String) {\n    createReportFromTemplate(templateId: $templateId, name: $name, parameterValues: $parameterValues, timeZone: $timeZone) { id name }\n  }\n"): (typeof documents)["\n  mutation CreateReportFromTemplateGallery($templateId: ID!, $name: String!, $parameterValues: JSON, $timeZone: String) {\n    createReportFromTemplate(templateId: $templateId, name: $name, parameterValues: $parameterValues, timeZone: $timeZone) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CachedExportRevision on Export { revision }"): (typeof documents)["fragment CachedExportRevision on Export { revision }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;