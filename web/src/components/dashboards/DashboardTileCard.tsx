/**
 * One tile: a report's chart (the shared chartOption, drawn by the builder's ChartCanvas) over its
 * first rows, or plain text. Each report tile asks for its own rows, so the tiles load in parallel
 * and a slow one never holds the others. A tile over a report the viewer cannot open says so and
 * asks for nothing.
 */
import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { chartOption, effectiveVisualization, type Visualization } from '@reportcast/charts';
import type { DashboardTimeRangeInput, DashboardViewQuery } from '../../generated/graphql';
import { chartDefinitionOf } from '../reports/visualization-form';
import { PreviewTable } from '../reports/PreviewTable';
import { ErrorBanner } from '../reports/ErrorBanner';
import { DASHBOARD_TILE_ROWS } from './documents';
import '../reports/chart.css';

const ChartCanvas = lazy(() => import('../reports/ChartCanvas'));

export type TileData = NonNullable<DashboardViewQuery['dashboard']>['tiles'][number];

const TABLE_ROWS = 5;

/** `2026-11-23T00:00:00.000+00:00` → `2026-11-23 00:00 +00:00`: the wall time in the preview's zone and its offset. */
const readable = (local: string) => local.replace('T', ' ').replace(/:\d\d(\.\d+)?(?=[+-]\d\d:\d\d$|Z$)/, ' ');

function appFontFamily(): string | undefined {
  return getComputedStyle(document.documentElement).fontFamily || undefined;
}

export function TileBody({ dashboardId, tile, timeRange }: { dashboardId: string; tile: TileData; timeRange: DashboardTimeRangeInput | null | undefined }) {
  if (tile.kind === 'TEXT') return <p className="tile-text">{tile.text}</p>;
  if (!tile.accessible || !tile.report) return <p className="muted tile-text" data-testid="tile-inaccessible">You cannot open this tile's report.</p>;
  return <ReportTile dashboardId={dashboardId} tile={tile} report={tile.report} timeRange={timeRange} />;
}

function ReportTile({ dashboardId, tile, report, timeRange }: { dashboardId: string; tile: TileData; report: NonNullable<TileData['report']>; timeRange: DashboardTimeRangeInput | null | undefined }) {
  const rowsQ = useQuery(DASHBOARD_TILE_ROWS, {
    // undefined: the dashboard's stored range; an object: the page's control, for this read.
    variables: { dashboardId, tileId: tile.id, first: 200, ...(timeRange !== undefined ? { timeRange } : {}) },
    fetchPolicy: 'network-only',
  });
  const page = rowsQ.data?.dashboardTileRows;
  const locale = report.definition.locale ?? 'en-US';
  const fontFamily = useMemo(appFontFamily, []);
  const visualization = (tile.visualization ?? report.visualization ?? null) as Visualization | null;
  const drawn = useMemo(() => {
    if (!page) return null;
    const chart = chartDefinitionOf(report.definition, page.columns);
    const option = chartOption(chart, visualization, page.rows as unknown[][], { timeZone: page.timeZone, totalRows: page.totalCount, locale, fontFamily });
    return option && { option, type: effectiveVisualization(chart, visualization).type };
  }, [page, report.definition, visualization, locale, fontFamily]);
  if (rowsQ.error) return <ErrorBanner error={rowsQ.error} title="This tile could not be loaded" />;
  if (!page) return <p className="muted" role="status">Loading…</p>;
  const grains = Object.fromEntries(report.definition.dimensions?.map((d, i) => [page.columns[i]?.name ?? d.field, d.grain]) ?? []);
  return (
    <div className="tile-body" data-testid="tile-body" data-rows={page.totalCount}>
      {page.window && <span className="muted small" data-testid="tile-window">{readable(page.window.fromLocal)} → {readable(page.window.toLocal)} ({page.timeZone})</span>}
      {drawn && (
        <Suspense fallback={<div className="chart-canvas" />}>
          <ChartCanvas option={drawn.option} type={drawn.type} label={`Chart of ${tile.title ?? report.name}`} />
        </Suspense>
      )}
      {page.rows.length === 0 ? <p className="muted">No rows in this period.</p> : (
        <PreviewTable columns={page.columns} rows={page.rows.slice(0, TABLE_ROWS)} timeZone={page.timeZone} grains={grains} locale={locale} />
      )}
      {page.totalCount > TABLE_ROWS && <span className="muted small">First {TABLE_ROWS} of {page.totalCount} rows</span>}
    </div>
  );
}
