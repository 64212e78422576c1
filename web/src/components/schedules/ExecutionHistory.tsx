/** The last 20 executions of a schedule with per-recipient delivery status; polls while any is running. */
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { RESEND_FAILED, SCHEDULE_EXECUTIONS } from './documents';
import { formatInZone, formatUtc, friendly } from './util';
import { ProviderProblems } from './ProviderProblems';

const LIVE = new Set(['PENDING', 'RUNNING']);
/** Channels whose target alone does not say what it is (an email address and s3:// do). */
const CHANNEL_LABELS: Record<string, string | undefined> = { SLACK: 'Slack', WEBHOOK: 'Webhook', TEAMS: 'Teams', SFTP: 'SFTP' };

export function ExecutionHistory({ scheduleId, timezone, canWrite, refreshKey, onSettled }: { scheduleId: string; timezone: string; canWrite: boolean; refreshKey: number; onSettled?: () => void }) {
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(SCHEDULE_EXECUTIONS, { variables: { id: scheduleId }, fetchPolicy: 'cache-and-network' });
  const [resend, resendState] = useMutation(RESEND_FAILED);
  const [resending, setResending] = useState<string | null>(null);
  const [resendError, setResendError] = useState<string | null>(null);
  const executions = (data?.schedule.executions.edges ?? []).map((e) => e.node);
  const anyLive = executions.some((e) => LIVE.has(e.status) || e.deliveries.some((d) => d.status === 'PENDING'));

  // Poll every 3 s while something is in flight (and briefly after a manual run is queued).
  const lastKey = useRef(refreshKey);
  useEffect(() => {
    if (lastKey.current === refreshKey) return;
    lastKey.current = refreshKey;
    void refetch();
  }, [refreshKey, refetch]);
  useLivePolling(anyLive, startPolling, stopPolling);
  // Tell the page when the history changes (run counts, last run) so its header stays current.
  const signature = executions.map((e) => `${e.id}:${e.status}`).join(',');
  const lastSig = useRef<string | null>(null);
  useEffect(() => {
    if (!data) return;
    if (lastSig.current !== null && lastSig.current !== signature) onSettled?.();
    lastSig.current = signature;
  }, [signature, data, onSettled]);

  const onResend = async (id: string) => {
    setResending(id); setResendError(null);
    try { await resend({ variables: { executionId: id } }); await refetch(); }
    catch (e) { setResendError(friendly(e)); }
    finally { setResending(null); }
  };

  return (
    <section className="card flush" aria-labelledby="exec-h">
      <div className="card-head">
        <h2 id="exec-h">Execution history</h2>
        <span className="hint">{data ? `${data.schedule.executions.totalCount} run${data.schedule.executions.totalCount === 1 ? '' : 's'}` : ''}{anyLive ? ' · updating live' : ''}</span>
      </div>
      {resendError && <div className="banner banner-error" role="alert">{resendError}</div>}
      <ProviderProblems deliveries={executions.flatMap((e) => e.deliveries)} />
      {error && !data ? (
        <div className="banner banner-error" role="alert"><span>History could not be loaded. {friendly(error)}</span><button type="button" onClick={() => void refetch()}>Try again</button></div>
      ) : loading && !data ? (
        <p className="muted empty" role="status">Loading history…</p>
      ) : executions.length === 0 ? (
        <p className="empty">No runs yet. Use “Run now” to try this schedule.</p>
      ) : (
        <div className="table-scroll">
          <table aria-label="Execution history" data-testid="executions">
            <thead>
              <tr><th scope="col">Slot</th><th scope="col">Triggered by</th><th scope="col">Status</th><th scope="col" className="num">Rows</th><th scope="col">Deliveries</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
            </thead>
            <tbody>
              {executions.map((x) => {
                const failed = x.deliveries.some((d) => d.status === 'FAILED');
                return (
                  <tr key={x.id} data-testid="execution-row">
                    <td><div>{formatInZone(x.scheduledFor, timezone)}</div><div className="hint">{formatUtc(x.scheduledFor)}</div></td>
                    <td>{x.triggeredBy.charAt(0) + x.triggeredBy.slice(1).toLowerCase()}{x.recipients && <div className="hint" data-testid="execution-recipients">for {x.recipients.length ? x.recipients.join(', ') : 'S3, Slack and webhooks'}</div>}</td>
                    <td>
                      <span className={`badge ${x.status}`} data-testid="execution-status">{x.status.replace(/_/g, ' ')}</span>
                      {x.condition ? (
                        <div className={x.condition.notified ? 'hint' : 'muted small'} data-testid="execution-condition">
                          {x.condition.notified ? 'Condition met' : x.condition.met ? 'Condition still met (already notified)' : 'Condition not met'}: {x.condition.summary}
                        </div>
                      ) : null}
                      {x.failure && x.status !== 'SKIPPED_CONDITION' && <div className="field-error">{x.failure.message}</div>}
                    </td>
                    <td className="num">{x.export?.rowCount != null ? x.export.rowCount.toLocaleString() : '—'}</td>
                    <td>
                      {x.deliveries.length === 0 ? <span className="muted small">None</span> : (
                        <ul className="deliveries">
                          {x.deliveries.map((d) => (
                            <li key={d.id}>
                              <span className={`badge ${d.status}`}>{d.status}</span>{' '}
                              {CHANNEL_LABELS[d.channel] && <span className="hint">{CHANNEL_LABELS[d.channel]} </span>}
                              <span className="delivery-target">{d.target}</span>
                              {d.attempts > 1 && <span className="hint"> · {d.attempts} attempts</span>}
                              {d.providerStatus && d.providerStatus !== 'DELIVERED' && <> <span className={`badge ${d.providerStatus}`} data-testid="provider-status">{d.providerStatus.replace(/_/g, ' ')}</span></>}
                              {d.lastError && d.status !== 'SENT' && <div className="field-error">{d.lastError}</div>}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {failed && canWrite && (
                        <button type="button" onClick={() => void onResend(x.id)} disabled={resendState.loading && resending === x.id}>
                          {resending === x.id ? 'Resending…' : 'Resend failed'}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function useLivePolling(live: boolean, start: (ms: number) => void, stop: () => void) {
  useEffect(() => {
    if (!live) return;
    start(3000);
    return () => stop();
  }, [live, start, stop]);
}
