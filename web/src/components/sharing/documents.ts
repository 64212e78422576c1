import { graphql } from '../../generated';

export const REPORT_GRANTS = graphql(`
  query ReportGrants($id: ID!) {
    report(id: $id) { id name canEdit grants { id userId role level grantedBy } }
  }
`);

export const DASHBOARD_GRANTS = graphql(`
  query DashboardGrants($id: ID!) {
    dashboard(id: $id) { id name canEdit grants { id userId role level grantedBy } }
  }
`);

export const SHAREABLE_USERS = graphql(`
  query ShareableUsers($search: String) {
    shareableUsers(search: $search, first: 50) { userId roleName }
  }
`);

export const GRANT_ACCESS = graphql(`
  mutation GrantAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!, $level: AccessLevel!) {
    grantAccess(objectType: $objectType, objectId: $objectId, principal: $principal, level: $level) { id userId role level grantedBy }
  }
`);

export const REVOKE_ACCESS = graphql(`
  mutation RevokeAccess($objectType: SharedObjectType!, $objectId: ID!, $principal: PrincipalInput!) {
    revokeAccess(objectType: $objectType, objectId: $objectId, principal: $principal)
  }
`);
