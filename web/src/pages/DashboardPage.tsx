/**
 * One dashboard: its tiles on the 12-column grid (stacked in reading order on a narrow screen),
 * each loading its own rows in parallel, under one time-range control that every report tile reads.
 *
 * Edit mode (owner or admin): a focused tile moves with the arrow keys and resizes with
 * shift + arrows; with the pointer, the tile's "Move" handle drags it and its corner handle resizes
 * it. Every step stays on the grid and off the other tiles (grid-moves.ts); "Save layout" sends the
 * tiles as a whole, which the server checks again.
 */
import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import type { DashboardTileInput, DashboardTimeRangeInput } from '../generated/graphql';
import { DASHBOARD, UPDATE_DASHBOARD, FAVORITE_DASHBOARD, UNFAVORITE_DASHBOARD } from '../components/dashboards/documents';
import { TileBody, type TileData } from '../components/dashboards/DashboardTileCard';
import { GRID_COLUMNS, describePlace, dragTile, moveTile, nextRow, resizeTile, type Placed } from '../components/dashboards/grid-moves';
import { AddTiles, type NewTile } from '../components/dashboards/AddTiles';
import { DashboardDownload } from '../components/dashboards/DashboardDownload';
import { RANGE_CHOICES, choiceOf } from '../components/dashboards/time-ranges';
import { ErrorBanner } from '../components/reports/ErrorBanner';
import { ShareButton } from '../components/sharing/ShareDialog';
import { href } from '../router';
import '../components/dashboards/dashboards.css';

/** Height of one grid row in pixels (a tile of h rows is h × this, plus the gaps). */
const ROW_PX = 72;

/** Removes Apollo's __typename from a result, to send it back as input. */
function untyped<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (k, v) => (k === '__typename' ? undefined : v)) as T;
}

function tileInput(t: TileData, place: Placed): DashboardTileInput {
  return untyped({ id: t.id, kind: t.kind, reportId: t.reportId, title: t.title, text: t.text, visualization: t.visualization, x: place.x, y: place.y, w: place.w, h: place.h });
}

export function DashboardPage({ dashboardId }: { dashboardId: string }) {
  const q = useQuery(DASHBOARD, { variables: { id: dashboardId }, fetchPolicy: 'cache-and-network' });
  const [update, updating] = useMutation(UPDATE_DASHBOARD);
  const [favorite] = useMutation(FAVORITE_DASHBOARD);
  const [unfavorite] = useMutation(UNFAVORITE_DASHBOARD);
  const dashboard = q.data?.dashboard;
  /** The range the page's control chose; undefined: the dashboard's stored one. */
  const [range, setRange] = useState<{ key: string; value: DashboardTimeRangeInput | null } | undefined>(undefined);
  const [layout, setLayout] = useState<Placed[] | null>(null);
  const [announce, setAnnounce] = useState('');
  const grid = useRef<HTMLDivElement>(null);
  const editing = layout !== null;

  const tilesById = useMemo(() => new Map(dashboard?.tiles.map((t) => [t.id, t]) ?? []), [dashboard]);
  const places: Placed[] = layout ?? dashboard?.tiles.map(({ id, x, y, w, h }) => ({ id, x, y, w, h })) ?? [];

  if (q.error && !dashboard) return <ErrorBanner error={q.error} title="The dashboard could not be loaded" />;
  if (!dashboard) return <p className="muted" role="status">Loading dashboard…</p>;

  const rangeKey = range?.key ?? choiceOf(dashboard.timeRange);
  const chooseRange = async (key: string) => {
    const choice = RANGE_CHOICES.find((c) => c.key === key);
    if (!choice) return;
    setRange({ key, value: choice.range });
    // Whoever may change the dashboard keeps the choice; everyone else reads with it for now.
    if (dashboard.canEdit) await update({ variables: { id: dashboard.id, input: { timeRange: choice.range } } });
  };

  const step = (id: string, next: Placed[]) => {
    setLayout(next);
    const t = next.find((p) => p.id === id);
    if (t) setAnnounce(describePlace(t));
  };
  const onTileKey = (id: string) => (e: KeyboardEvent<HTMLElement>) => {
    if (!editing || e.target !== e.currentTarget) return;
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!d) return;
    e.preventDefault();
    step(id, e.shiftKey ? resizeTile(places, id, d[0]!, d[1]!) : moveTile(places, id, d[0]!, d[1]!));
  };
  /** Pointer drag of a tile's handle: cell deltas from the pointer's travel over the grid's cells. */
  const onHandle = (id: string, resize: boolean) => (e: ReactPointerEvent<HTMLElement>) => {
    if (!editing || !grid.current) return;
    e.preventDefault();
    const start = { x: e.clientX, y: e.clientY, layout: places };
    const cell = grid.current.getBoundingClientRect().width / GRID_COLUMNS;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => {
      const dx = Math.round((ev.clientX - start.x) / cell);
      const dy = Math.round((ev.clientY - start.y) / (ROW_PX + 12));
      step(id, dragTile(start.layout, id, dx, dy, resize));
    };
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  /** Saves the tiles as a whole (the layout being edited, plus or minus a tile); stays in edit mode when asked. */
  const saveTiles = async (next: DashboardTileInput[], keepEditing: boolean) => {
    const res = await update({ variables: { id: dashboard.id, input: { tiles: next } } });
    if (!res.data) return;
    const fresh = await q.refetch();
    setLayout(keepEditing ? fresh.data?.dashboard.tiles.map(({ id, x, y, w, h }) => ({ id, x, y, w, h })) ?? null : null);
  };
  const current = () => places.map((p) => tileInput(tilesById.get(p.id)!, p));
  const saveLayout = () => saveTiles(current(), false);
  const addTile = (tile: NewTile) => {
    const place = tile.kind === 'TEXT' ? { x: 0, w: GRID_COLUMNS, h: 1 } : { x: 0, w: 6, h: 6 };
    void saveTiles([...current(), { ...tile, ...place, y: nextRow(places) }], true);
  };
  const removeTile = (id: string) => void saveTiles(current().filter((t) => t.id !== id), true);
  const timeRange = range ? range.value : undefined;
  const ordered = [...places].sort((a, b) => a.y - b.y || a.x - b.x);

  return (
    <div className="dashboard-page">
      <p className="crumbs"><a href={href('/dashboards')}>Dashboards</a></p>
      <div className="page-head">
        <div>
          <h1>
            <button type="button" className="star" aria-pressed={dashboard.favorite} data-testid="favorite"
              aria-label={dashboard.favorite ? 'Remove from favourites' : 'Add to favourites'}
              onClick={async () => { await (dashboard.favorite ? unfavorite : favorite)({ variables: { id: dashboard.id } }); }}>
              {dashboard.favorite ? '★' : '☆'}
            </button>{' '}
            {dashboard.name}
          </h1>
          {dashboard.description && <p className="muted">{dashboard.description}</p>}
        </div>
        <div className="toolbar">
          <label className="field">
            <span className="field-label">Time range</span>
            <select aria-label="Time range" data-testid="time-range" value={rangeKey} onChange={(e) => void chooseRange(e.target.value)}>
              {RANGE_CHOICES.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
              {rangeKey === 'custom' && <option value="custom">Custom (set through the API)</option>}
            </select>
          </label>
          <DashboardDownload dashboardId={dashboard.id} timeRange={timeRange ?? null} />
          {dashboard.canEdit && !editing && <ShareButton objectType="DASHBOARD" objectId={dashboard.id} name={dashboard.name} />}
          {dashboard.canEdit && !editing && <button type="button" onClick={() => setLayout(places)}>Edit layout</button>}
          {editing && <>
            <button type="button" className="primary" disabled={updating.loading} onClick={() => void saveLayout()}>Save layout</button>
            <button type="button" onClick={() => setLayout(null)}>Cancel</button>
          </>}
        </div>
      </div>
      {updating.error && <ErrorBanner error={updating.error} title="The dashboard could not be saved" />}
      {editing && <AddTiles onAdd={addTile} busy={updating.loading} />}
      {editing && <p className="hint">Focus a tile, then move it with the arrow keys and resize it with Shift + arrows; or drag its Move handle or its corner.</p>}
      <p className="sr-only" aria-live="polite" data-testid="layout-announce">{announce}</p>
      {dashboard.tiles.length === 0 ? (
        <div className="card empty-state"><h2>No tiles yet</h2><p className="muted">{dashboard.canEdit ? 'Choose Edit layout to add reports and text.' : 'Its owner has not added any tiles yet.'}</p></div>
      ) : (
        <div ref={grid} className={`dashboard-grid${editing ? ' editing' : ''}`} style={{ gridAutoRows: `${ROW_PX}px` }} data-testid="dashboard-grid">
          {ordered.map((p) => {
            const t = tilesById.get(p.id);
            if (!t) return null;
            const title = t.title ?? t.report?.name ?? (t.kind === 'TEXT' ? '' : 'Report');
            return (
              <article key={p.id} className="card dashboard-tile" data-testid="tile" data-tile-id={p.id}
                data-x={p.x} data-y={p.y} data-w={p.w} data-h={p.h}
                style={{ gridColumn: `${p.x + 1} / span ${p.w}`, gridRow: `${p.y + 1} / span ${p.h}` }}
                tabIndex={editing ? 0 : undefined} onKeyDown={onTileKey(p.id)}
                aria-label={editing ? `${title || 'Text'}: ${describePlace(p)}` : undefined}>
                <header className="tile-head">
                  {title && <h2 className="tile-title">{title}</h2>}
                  {editing && <span className="toolbar">
                    <button type="button" className="tile-handle" aria-hidden="true" tabIndex={-1} onPointerDown={onHandle(p.id, false)}>⠿ Move</button>
                    <button type="button" className="small" aria-label={`Remove ${title || 'text tile'}`} disabled={updating.loading} onClick={() => removeTile(p.id)}>Remove</button>
                  </span>}
                </header>
                <TileBody dashboardId={dashboard.id} tile={t} timeRange={timeRange} />
                {editing && <span className="tile-resize" aria-hidden="true" onPointerDown={onHandle(p.id, true)} />}
              </article>
            );
          })}
        </div>
      )}
    </div>
  );
}
