/**
 * The dashboards list: the viewer's favourites first (a star toggles one), then newest first;
 * editors start a dashboard empty or from a built-in report type (one tile per table).
 */
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import {
  CREATE_DASHBOARD, CREATE_DASHBOARD_FROM_TEMPLATE, DASHBOARDS_LIST, FAVORITE_DASHBOARD, UNFAVORITE_DASHBOARD,
} from '../components/dashboards/documents';
import { ErrorBanner } from '../components/reports/ErrorBanner';
import { formatDateTime } from '../format';
import { href, navigate } from '../router';
import { useAuth } from '../auth';
import '../components/dashboards/dashboards.css';

const TEMPLATE_KINDS = [
  ['WEEKLY_PERFORMANCE', 'Weekly performance'],
  ['DAILY_SUMMARY', 'Daily summary'],
  ['MONTHLY_SUMMARY', 'Monthly summary'],
] as const;

export function DashboardsPage() {
  const { data, loading, error, refetch } = useQuery(DASHBOARDS_LIST, { fetchPolicy: 'cache-and-network' });
  const { session } = useAuth();
  const canEdit = session?.role !== 'viewer';
  const [favorite] = useMutation(FAVORITE_DASHBOARD);
  const [unfavorite] = useMutation(UNFAVORITE_DASHBOARD);
  const [create, created] = useMutation(CREATE_DASHBOARD);
  const [fromTemplate, fromTemplateState] = useMutation(CREATE_DASHBOARD_FROM_TEMPLATE);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('WEEKLY_PERFORMANCE');
  const dashboards = data?.dashboards ?? [];
  const busy = created.loading || fromTemplateState.loading;

  const toggle = async (id: string, on: boolean) => {
    await (on ? unfavorite : favorite)({ variables: { id } });
    await refetch();
  };
  const start = async (template: boolean) => {
    const n = name.trim() || (template ? TEMPLATE_KINDS.find(([k]) => k === kind)![1] : 'New dashboard');
    const res = template
      ? (await fromTemplate({ variables: { template: kind, name: n } })).data?.createDashboardFromTemplate.id
      : (await create({ variables: { input: { name: n } } })).data?.createDashboard.id;
    if (res) navigate(`/dashboards/${res}`);
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Dashboards</h1>
          {data && <span className="muted">{dashboards.length} dashboard{dashboards.length === 1 ? '' : 's'}</span>}
        </div>
      </div>
      {canEdit && (
        <form className="card dashboard-new" onSubmit={(e) => { e.preventDefault(); void start(true); }} aria-label="New dashboard">
          <div className="toolbar">
            <label className="field">
              <span className="field-label">Name</span>
              <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Monday review" maxLength={150} />
            </label>
            <label className="field">
              <span className="field-label">From template</span>
              <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Template">
                {TEMPLATE_KINDS.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
              </select>
            </label>
            <button type="submit" className="primary" disabled={busy}>Create from template</button>
            <button type="button" disabled={busy} onClick={() => void start(false)}>Create empty</button>
          </div>
          <span className="hint">A template makes one report per table (usage events, user sessions, device metrics), each on its own tile.</span>
          {(created.error || fromTemplateState.error) && <ErrorBanner error={(created.error ?? fromTemplateState.error)!} title="The dashboard could not be created" />}
        </form>
      )}
      {error && !data ? (
        <>
          <ErrorBanner error={error} title="Dashboards could not be loaded" />
          <div><button type="button" onClick={() => void refetch()}>Try again</button></div>
        </>
      ) : loading && !data ? (
        <p className="muted" role="status">Loading dashboards…</p>
      ) : dashboards.length === 0 ? (
        <div className="card empty-state"><h2>No dashboards yet</h2><p className="muted">A dashboard shows several reports together, with one time range for all.</p></div>
      ) : (
        <ul className="dashboard-list" aria-label="Dashboards">
          {dashboards.map((d) => (
            <li key={d.id} className="card dashboard-item" data-testid="dashboard-item">
              <button type="button" className="star" aria-pressed={d.favorite} data-testid="favorite"
                aria-label={d.favorite ? `Remove ${d.name} from favourites` : `Add ${d.name} to favourites`}
                onClick={() => void toggle(d.id, d.favorite)}>{d.favorite ? '★' : '☆'}</button>
              <div className="dashboard-item-body">
                <a href={href(`/dashboards/${d.id}`)} className="dashboard-name">{d.name}</a>
                <span className="muted small">
                  {d.tiles.length} tile{d.tiles.length === 1 ? '' : 's'} · {d.visibility === 'TENANT' ? 'shared with the tenant' : 'private'} · by {d.createdBy} · changed {formatDateTime(d.updatedAt, 'UTC')} UTC
                </span>
                {d.description && <span className="small">{d.description}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
