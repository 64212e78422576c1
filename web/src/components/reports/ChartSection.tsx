/**
 * The builder's chart card, above the preview table: the chart controls and the chart itself,
 * drawn by @reportcast/charts' `chartOption` (the same function the PDF and the email use) from
 * the first rows of the definition that was validated. Those rows are fetched on their own (up to
 * one preview page) so paging the table never moves the chart, which always covers the report's
 * first rows, as the PDF's does; the card says when that is fewer than the report has.
 *
 * ECharts itself is in ChartCanvas, loaded only when a chart is to be drawn.
 */
import { lazy, Suspense, useMemo, useRef } from 'react';
import { useQuery } from '@apollo/client/react';
import { chartOption } from '@reportcast/charts';
import type { ColumnKind, ReportDefinitionInput } from '../../generated/graphql';
import { formatNumber } from '../../format';
import { BUILDER_PREVIEW } from './documents';
import { ErrorBanner } from './ErrorBanner';
import { VisualizationControls } from './VisualizationControls';
import {
  chartDefinitionOf, chartFetchSize, chartTypeLabel, coverageNote, draftChartDefinition, effectiveType, visualizationInputOf,
  type VisualizationForm,
} from './visualization-form';
import './chart.css';

const ChartCanvas = lazy(() => import('./ChartCanvas'));

/**
 * The app's font stack (styles.css): the Noto web fonts for every script, then the system's. The
 * shared option's default (`Noto Sans, sans-serif`) suits the server, which embeds its fonts; in the
 * browser a CJK, Arabic or Hebrew label must reach the Noto family that has its letters.
 */
function appFontFamily(): string | undefined {
  return getComputedStyle(document.documentElement).fontFamily || undefined;
}

interface Props {
  /** The definition last validated (debounced); null while there is none. */
  definition: ReportDefinitionInput | null;
  /** It passed validation: only then are rows fetched. */
  valid: boolean;
  /** The server found problems in it: the last chart stays, dimmed, until they are fixed. */
  invalid: boolean;
  /** A viewer: the chart without its controls. */
  readOnly?: boolean;
  form: VisualizationForm;
  onChange(form: VisualizationForm): void;
  kindOf(field: string): ColumnKind | undefined;
  locale: string;
}

export function ChartSection({ definition, valid, invalid, readOnly, form, onChange, kindOf, locale }: Props) {
  const draftChart = useMemo(() => (definition ? draftChartDefinition(definition, kindOf) : { dimensions: [], measures: [] }), [definition, kindOf]);
  const fetchSize = chartFetchSize(form, draftChart);
  const rowsQ = useQuery(BUILDER_PREVIEW, {
    variables: { input: { definition: definition!, first: Math.max(fetchSize, 1) } },
    skip: !definition || !valid || fetchSize === 0,
    fetchPolicy: 'network-only',
  });
  // Rows stay paired with the definition they came from: while the next rows load, the last chart
  // stays drawn from its own definition (a column more or less would shift every series).
  const drawn = useRef<{ definition: ReportDefinitionInput; result: NonNullable<typeof rowsQ.data>['previewReport'] } | null>(null);
  if (rowsQ.data && !rowsQ.loading && definition) {
    if (drawn.current?.result !== rowsQ.data.previewReport) drawn.current = { definition, result: rowsQ.data.previewReport };
  }
  const pair = fetchSize > 0 ? drawn.current : null;
  const stale = invalid && !!pair;
  const shown = pair?.result;

  const chart = useMemo(() => (pair ? chartDefinitionOf(pair.definition, pair.result.columns) : draftChart), [pair, draftChart]);
  const measureKeys = chart.measures.map((m) => m.key);
  const visualization = visualizationInputOf(form, measureKeys);
  const type = effectiveType(form, chart);
  const fontFamily = useMemo(appFontFamily, []);
  const option = useMemo(
    () => (shown ? chartOption(chart, visualization, shown.rows as unknown[][], { timeZone: shown.timeZone, totalRows: shown.totalCount, locale, fontFamily }) : null),
    // visualization is rebuilt each render from form and the measure keys: compare by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shown, chart, JSON.stringify(visualization), locale],
  );
  const note = shown ? coverageNote(type, visualization?.maxPoints ?? null, shown.rows.length, shown.totalCount, (n) => formatNumber(n, locale)) : null;
  const noMeasures = chart.measures.length === 0;

  return (
    <section className="card chart-card" aria-labelledby="chart-h" data-testid="chart-card">
      <div className="page-head">
        <h2 id="chart-h">Chart</h2>
        <span className="muted" role="status">{rowsQ.loading ? 'Updating…' : stale ? 'Out of date' : ''}</span>
      </div>
      {!readOnly && <VisualizationControls form={form} onChange={onChange} chart={chart} effectiveType={type} />}
      {noMeasures ? (
        <p className="muted">Add a measure to draw a chart; a list of rows shows as a table.</p>
      ) : type === 'TABLE' ? (
        <p className="muted">No chart: the report shows as a table.</p>
      ) : (
        <>
          <ErrorBanner error={rowsQ.error} title="The chart could not be drawn" />
          {note && <p className="hint chart-coverage" data-testid="chart-coverage">{note}</p>}
          {option ? (
            <div className={stale ? 'chart-body stale' : 'chart-body'} aria-busy={stale || undefined} data-testid="chart-body">
              <Suspense fallback={<div className="chart-canvas chart-loading muted">Loading the chart…</div>}>
                <ChartCanvas option={option} type={type} label={`${chartTypeLabel(type)} chart${note ? `. ${note}` : ''}`} />
              </Suspense>
            </div>
          ) : (
            <div className="chart-canvas chart-loading muted">{invalid ? 'The chart appears when the report has no problems to fix.' : 'Loading the chart…'}</div>
          )}
        </>
      )}
    </section>
  );
}
