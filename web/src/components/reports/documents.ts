import { graphql } from '../../generated';

export const REPORTS_LIST = graphql(`
  query ReportsList {
    reports(first: 100) {
      totalCount
      edges { node { id name description tags updatedAt createdBy definition { source } } }
    }
  }
`);

export const BUILDER_TABLES = graphql(`
  query BuilderTables {
    tables {
      name label description defaultTimeColumn
      columns { name label kind type dimension measure filter time nullable description freeText classification masking }
    }
  }
`);

export const BUILDER_REPORT = graphql(`
  query BuilderReport($id: ID!) {
    report(id: $id) {
      id name description tags isPublic updatedAt rowLimit canEdit
      visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }
      definition {
        source rowLimit timeZone locale weekStart raw
        dimensions { field grain alias }
        measures { fn field alias }
        filters { field op value values param }
        orderBy { key direction }
        timeRange { field from to period param compare last { n unit includeCurrent } rolling { n unit } }
        parameters { name label type multiple required default options optionsColumn }
      }
    }
  }
`);

export const BUILDER_VALIDATE = graphql(`
  query BuilderValidate($definition: ReportDefinitionInput!) {
    validateReport(definition: $definition) { valid errors { path message } }
  }
`);

export const BUILDER_PREVIEW = graphql(`
  query BuilderPreview($input: PreviewReportInput!) {
    previewReport(input: $input) {
      asOf elapsedMs totalCount truncated rows timeZone
      window { from to fromLocal toLocal }
      columns { name label type }
      pageInfo { endCursor hasNextPage }
      parameterValues
    }
  }
`);

export const BUILDER_CREATE = graphql(`
  mutation BuilderCreateReport($input: CreateReportInput!) {
    createReport(input: $input) { id name updatedAt }
  }
`);

export const BUILDER_UPDATE = graphql(`
  mutation BuilderUpdateReport($id: ID!, $input: UpdateReportInput!) {
    updateReport(id: $id, input: $input) { id name description updatedAt visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints } }
  }
`);

export const BUILDER_DELETE = graphql(`
  mutation BuilderDeleteReport($id: ID!, $force: Boolean!) {
    deleteReport(id: $id, force: $force)
  }
`);
