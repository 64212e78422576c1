import { graphql } from '../../generated';

export const DASHBOARDS_LIST = graphql(`
  query DashboardsList {
    dashboards { id name description visibility favorite canEdit createdBy updatedAt tiles { id } }
  }
`);

export const DASHBOARD = graphql(`
  query DashboardView($id: ID!) {
    dashboard(id: $id) {
      id name description visibility favorite canEdit createdBy
      timeRange { period from to last { n unit includeCurrent } rolling { n unit } }
      parameterValues
      tiles {
        id kind reportId accessible title text x y w h
        visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }
        report {
          id name
          visualization { type series stacked donut xAxisLabel yAxisLabel maxPoints }
          definition { raw locale dimensions { field grain alias } measures { fn field alias } }
        }
      }
    }
  }
`);

export const DASHBOARD_TILE_ROWS = graphql(`
  query DashboardTileRows($dashboardId: ID!, $tileId: ID!, $timeRange: DashboardTimeRangeInput, $first: Int) {
    dashboardTileRows(dashboardId: $dashboardId, tileId: $tileId, timeRange: $timeRange, first: $first) {
      rows totalCount timeZone
      window { fromLocal toLocal }
      columns { name label type }
    }
  }
`);

export const UPDATE_DASHBOARD = graphql(`
  mutation UpdateDashboard($id: ID!, $input: UpdateDashboardInput!) {
    updateDashboard(id: $id, input: $input) { id name timeRange { period from to last { n unit includeCurrent } rolling { n unit } } tiles { id x y w h } }
  }
`);

export const CREATE_DASHBOARD = graphql(`
  mutation CreateDashboard($input: CreateDashboardInput!) {
    createDashboard(input: $input) { id }
  }
`);

export const CREATE_DASHBOARD_FROM_TEMPLATE = graphql(`
  mutation CreateDashboardFromTemplate($template: String!, $name: String!) {
    createDashboardFromTemplate(template: $template, name: $name) { id }
  }
`);

export const DELETE_DASHBOARD = graphql(`
  mutation DeleteDashboard($id: ID!) { deleteDashboard(id: $id) }
`);

export const FAVORITE_DASHBOARD = graphql(`
  mutation FavoriteDashboard($id: ID!) { favoriteDashboard(id: $id) { id favorite } }
`);

export const UNFAVORITE_DASHBOARD = graphql(`
  mutation UnfavoriteDashboard($id: ID!) { unfavoriteDashboard(id: $id) { id favorite } }
`);

export const DASHBOARD_PDF = graphql(`
  query DashboardPdf($dashboardId: ID!, $timeRange: DashboardTimeRangeInput) {
    dashboardPdf(dashboardId: $dashboardId, timeRange: $timeRange) { fileName contentType byteSize base64 }
  }
`);

export const CREATE_DASHBOARD_EXPORT = graphql(`
  mutation CreateDashboardExport($input: CreateDashboardExportInput!) {
    createDashboardExport(input: $input) {
      id revision status format reportName rowCount fileSize downloadUrl fileName timeZone locale compression passwordProtected
      error { errorCode message }
      progress { rowsWritten rowsTotal percent etaSeconds bytesWritten }
    }
  }
`);
