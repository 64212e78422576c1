/** The tenant's Slack connection: admins connect a bot token (checked by Slack, never shown again) or disconnect it; others see the status. */
import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { CONNECT_SLACK, DISCONNECT_SLACK, SLACK_CONNECTION } from '../schedules/documents';
import { friendly } from '../schedules/util';

export function SlackConnectionCard({ isAdmin }: { isAdmin: boolean }) {
  const status = useQuery(SLACK_CONNECTION, { fetchPolicy: 'cache-and-network' });
  const [connect, connectState] = useMutation(CONNECT_SLACK, { refetchQueries: [SLACK_CONNECTION] });
  const [disconnect, disconnectState] = useMutation(DISCONNECT_SLACK, { refetchQueries: [SLACK_CONNECTION] });
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const info = status.data?.slackConnection;
  if (!info) return null;

  const onConnect = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      await connect({ variables: { token: token.trim() } });
      setToken('');
    } catch (error) {
      setProblem(friendly(error));
    }
  };

  return (
    <section className="card" data-testid="slack-connection" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>Slack</h3>
      {info.slackConnected ? (
        <p>
          Connected to <strong>{info.teamName ?? 'a Slack workspace'}</strong>. Schedules can post to its channels.{' '}
          {isAdmin && <button type="button" disabled={disconnectState.loading} onClick={() => void disconnect().catch((error: unknown) => setProblem(friendly(error)))}>Disconnect</button>}
        </p>
      ) : isAdmin ? (
        <form className="row" onSubmit={(e) => void onConnect(e)}>
          <div className="field">
            <div className="field-label"><label htmlFor={id}>Bot token</label><span className="hint">xoxb-…, with chat:write and files:write; stored encrypted, never shown again</span></div>
            <input id={id} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="xoxb-…" />
          </div>
          <button type="submit" className="primary" disabled={connectState.loading || !token.trim()}>{connectState.loading ? 'Checking…' : 'Connect Slack'}</button>
        </form>
      ) : (
        <p className="muted">Slack is not connected; an admin can connect it here.</p>
      )}
      {problem && <span className="field-error" role="alert">{problem}</span>}
    </section>
  );
}
