/** The schedules list: cadence, zone, next run (local and UTC), status and the last result. */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { SCHEDULES_LIST } from '../components/schedules/documents';
import { formatInZone, formatUtc, friendly } from '../components/schedules/util';
import { useAuth } from '../auth';
import { href, navigate } from '../router';
import { SlackConnectionCard } from '../components/settings/SlackConnectionCard';
import '../components/schedules/schedules-list.css';

export function SchedulesPage() {
  const { session } = useAuth();
  const canWrite = session?.role !== 'viewer';
  const { data, loading, error, refetch } = useQuery(SCHEDULES_LIST, { fetchPolicy: 'cache-and-network' });
  const reportNames = useMemo(() => new Map((data?.reports.edges ?? []).map((e) => [e.node.id, e.node.name])), [data]);
  const schedules = (data?.schedules.edges ?? []).map((e) => e.node);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Schedules</h1>
          {data && <span className="muted">{data.schedules.totalCount} schedule{data.schedules.totalCount === 1 ? '' : 's'}</span>}
        </div>
        {canWrite && (
          <div className="toolbar">
            <a className="button primary" href={href('/schedules/new')}>New schedule</a>
          </div>
        )}
      </div>
      {error && !data ? (
        <div className="banner banner-error" role="alert">
          <div><strong>Schedules could not be loaded.</strong> {friendly(error)}</div>
          <button type="button" onClick={() => void refetch()}>Try again</button>
        </div>
      ) : loading && !data ? (
        <p className="muted" role="status">Loading schedules…</p>
      ) : schedules.length === 0 ? (
        <div className="card empty-state">
          <h2>No schedules yet</h2>
          <p className="muted">Schedules run a saved report on a cadence and deliver the file by email or to S3.</p>
          {canWrite && <div><a className="button primary" href={href('/schedules/new')}>Create a schedule</a></div>}
        </div>
      ) : (
        <div className="card flush">
          <div className="table-scroll">
            <table aria-label="Schedules" className="schedules">
              <thead>
                <tr>
                  <th scope="col">Name</th><th scope="col">Report</th><th scope="col">Cadence</th><th scope="col">Time zone</th>
                  <th scope="col">Next run</th><th scope="col">Status</th><th scope="col">Last result</th>
                </tr>
              </thead>
              <tbody>
                {schedules.map((s) => {
                  const next = s.status === 'ACTIVE' ? (s.upcomingRuns[0]?.utc ?? s.nextRunAt) : null;
                  const last = s.executions.edges[0]?.node;
                  // An admin report's schedule is managed on the Audit page (Scheduled reports).
                  const path = s.adminReport ? '/audit' : `/schedules/${encodeURIComponent(s.id)}`;
                  const link = href(path);
                  return (
                    <tr key={s.id} data-testid="schedule-row" className="clickable" onClick={(e) => { if (!(e.target as HTMLElement).closest('a')) navigate(path); }}>
                      <td><a href={link}>{s.name}</a></td>
                      <td data-label="Report">{s.adminReport ? <span>{s.adminReport === 'USER_ACTIVITY' ? 'User activity' : 'Compliance summary'} <span className="muted">(admin report)</span></span> : s.dashboardId ? <span>Dashboard <a href={href(`/dashboards/${s.dashboardId}`)}>open</a></span> : reportNames.get(s.reportId ?? '') ?? <span className="muted">Unavailable report</span>}</td>
                      <td data-label="Cadence">{s.cronDescription}<div className="hint"><code>{s.cron}</code></div></td>
                      <td data-label="Time zone">{s.timezone}</td>
                      <td data-testid="schedule-next-run" className="nowrap" data-label="Next run">
                        {next ? (
                          <>
                            <div>{formatInZone(next, s.timezone, true)}</div>
                            <div className="hint">{formatUtc(next)}</div>
                          </>
                        ) : <span className="muted">{s.status === 'PAUSED' ? 'Paused' : '—'}</span>}
                      </td>
                      <td data-label="Status">
                        <span className={`badge ${s.status}`} data-testid="schedule-status" title={s.status === 'PAUSED' ? (s.pausedReason ?? 'Paused') : undefined}>{s.status}</span>
                        {s.status === 'PAUSED' && s.pausedReason && <div className="hint">{s.pausedReason}</div>}
                      </td>
                      <td data-label="Last result">
                        {last ? (
                          <>
                            <span className={`badge ${last.status}`}>{last.status.replace(/_/g, ' ')}</span>
                            <div className="hint">{formatInZone(last.scheduledFor, s.timezone, true)}</div>
                          </>
                        ) : <span className="muted">Never run</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <SlackConnectionCard isAdmin={session?.role === 'admin'} />
    </>
  );
}
