import { graphql } from '../../generated';

export const SUPPRESSIONS = graphql(`
  query Suppressions($email: String, $first: Int) {
    suppressions(email: $email, first: $first) { id email reason scheduleId detail deliveryId createdAt }
    schedules(first: 500) { edges { node { id name } } }
  }
`);

export const REMOVE_SUPPRESSION = graphql(`
  mutation RemoveSuppression($id: ID!) {
    removeSuppression(id: $id) { id email }
  }
`);
