/**
 * Placeholder page until the builder SPA lands: shows that the server answers and how to reach the
 * API. It talks to the same origin it is served from.
 */
import { useEffect, useState } from 'react';

type Health = { status: string; postgres: boolean; clickhouse: boolean } | null;

export function App() {
  const [health, setHealth] = useState<Health>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetch('/healthz')
      .then((r) => r.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setFailed(true));
  }, []);

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '48px auto', lineHeight: 1.5, color: '#1f2937' }}>
      <h1 style={{ marginBottom: 4 }}>Reportcast</h1>
      <p style={{ marginTop: 0, color: '#4b5563' }}>Analytics reports and scheduled exports over ClickHouse.</p>
      <section aria-label="status" style={{ padding: 16, border: '1px solid #e5e7eb', borderRadius: 8 }}>
        <strong>Server: </strong>
        <span data-testid="health">{failed ? 'unreachable' : health ? health.status : 'checking…'}</span>
        {health && (
          <span style={{ color: '#6b7280' }}>
            {' '}(PostgreSQL {health.postgres ? 'up' : 'down'}, ClickHouse {health.clickhouse ? 'up' : 'down'})
          </span>
        )}
      </section>
      <h2>Use the API</h2>
      <ol>
        <li>Get a token: <code>pnpm cli token --tenant acme --role admin</code></li>
        <li>
          POST GraphQL to <code>/graphql</code> with <code>Authorization: Bearer &lt;token&gt;</code>, e.g.{' '}
          <code>{'{ reports(first: 5) { edges { node { id name } } } }'}</code>
        </li>
      </ol>
      <p style={{ color: '#6b7280' }}>The report builder arrives in a later release.</p>
    </main>
  );
}
