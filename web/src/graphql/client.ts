/**
 * Apollo Client for a signed-in session: queries and mutations over HTTP, subscriptions over
 * graphql-ws on the same origin, both carrying the bearer token.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';

export function makeClient(token: string): ApolloClient {
  const http = new HttpLink({
    uri: '/graphql',
    // The marker makes exports started here count as MANUAL (a person clicked), not API.
    headers: { authorization: `Bearer ${token}`, 'x-reportcast-client': 'web' },
  });
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = new GraphQLWsLink(createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` }, lazy: true }));
  const link = ApolloLink.split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return def.kind === 'OperationDefinition' && def.operation === 'subscription';
    },
    ws,
    http,
  );
  return new ApolloClient({ link, cache: new InMemoryCache() });
}
