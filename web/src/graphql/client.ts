/**
 * Apollo Client for a signed-in session: queries and mutations over HTTP, subscriptions over
 * graphql-ws on the same origin, both carrying the bearer token.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { keepNewerExportsLink } from './export-revisions';

export function makeClient(token: string): ApolloClient {
  const http = new HttpLink({
    uri: '/graphql',
    // The marker makes exports started here count as MANUAL (a person clicked), not API.
    headers: { authorization: `Bearer ${token}`, 'x-reportcast-client': 'web' },
  });
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = new GraphQLWsLink(createClient({ url: wsUrl, connectionParams: { authorization: `Bearer ${token}` }, lazy: true }));
  const transport = ApolloLink.split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return def.kind === 'OperationDefinition' && def.operation === 'subscription';
    },
    ws,
    http,
  );
  return new ApolloClient({ link: withExportRevisions(transport), cache: new InMemoryCache() });
}

/** Every result passes through keepNewerExportsLink before it reaches the cache. */
export function withExportRevisions(transport: ApolloLink): ApolloLink {
  return ApolloLink.from([keepNewerExportsLink, transport]);
}
