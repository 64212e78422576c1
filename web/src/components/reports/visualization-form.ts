/**
 * The builder's chart choice, as the form edits it, and its conversion to and from the report's
 * `visualization` (GraphQL Visualization / VisualizationInput). Pure: tested in
 * visualization-form.test.ts.
 *
 * - `type: 'AUTO'` means "no choice stored": the report keeps the default chart for its definition
 *   (defaultVisualization), which follows the definition as it changes; saved as `visualization: null`.
 * - Series are measure output keys; an alias renamed after choosing drops out of the saved choice
 *   instead of failing the save with "'x' is not a measure of the report".
 */
import {
  chartRowLimit, defaultVisualization, DEFAULT_MAX_POINTS, type ChartDefinition, type ChartField, type ChartType, type FieldKind,
  type TimeGrain as ChartGrain, type Visualization,
} from '@reportcast/charts';
import type { ColumnKind, ReportDefinitionInput, VisualizationInput } from '../../generated/graphql';

export type ChartChoice = ChartType | 'AUTO';

export interface VisualizationForm {
  type: ChartChoice;
  /** Measures drawn, by output key; empty: all of them. */
  series: string[];
  stacked: boolean;
  donut: boolean;
  /** '' = the dimension's / measure's label. */
  xAxisLabel: string;
  yAxisLabel: string;
  /** Not edited in the builder; kept as stored so saving does not drop it. */
  maxPoints: number | null;
}

export const CHART_CHOICES: { value: ChartChoice; label: string }[] = [
  { value: 'AUTO', label: 'Automatic' },
  { value: 'LINE', label: 'Line' },
  { value: 'AREA', label: 'Area' },
  { value: 'BAR', label: 'Bar' },
  { value: 'PIE', label: 'Pie' },
  { value: 'NUMBER', label: 'Number' },
  { value: 'TABLE', label: 'Table only' },
];

export function chartTypeLabel(type: ChartType): string {
  return CHART_CHOICES.find((c) => c.value === type)?.label ?? type;
}

/** Most rows one preview page may hold (PreviewReportInput.first is 1..500). */
export const MAX_PREVIEW_ROWS = 500;

export const AUTO_FORM: VisualizationForm = { type: 'AUTO', series: [], stacked: false, donut: false, xAxisLabel: '', yAxisLabel: '', maxPoints: null };

export function formOf(v: Visualization | null | undefined): VisualizationForm {
  if (!v) return AUTO_FORM;
  return {
    type: v.type,
    series: [...(v.series ?? [])],
    stacked: !!v.stacked,
    donut: !!v.donut,
    xAxisLabel: v.xAxisLabel ?? '',
    yAxisLabel: v.yAxisLabel ?? '',
    maxPoints: v.maxPoints ?? null,
  };
}

/**
 * What is saved: null for AUTO; otherwise the type with only the options that type reads
 * (stacking for BAR/AREA, donut for PIE, axis names for cartesian charts, the value label for
 * NUMBER and PIE), series limited to the report's current measures.
 */
export function visualizationInputOf(form: VisualizationForm, measureKeys: readonly string[]): VisualizationInput | null {
  if (form.type === 'AUTO') return null;
  const type = form.type;
  const cartesian = type === 'LINE' || type === 'AREA' || type === 'BAR';
  const series = [...new Set(form.series.filter((k) => measureKeys.includes(k)))];
  const x = form.xAxisLabel.trim();
  const y = form.yAxisLabel.trim();
  return {
    type,
    series: type === 'TABLE' || series.length === 0 ? null : series,
    stacked: (type === 'BAR' || type === 'AREA') && form.stacked ? true : null,
    donut: type === 'PIE' && form.donut ? true : null,
    xAxisLabel: cartesian && x ? x : null,
    yAxisLabel: type !== 'TABLE' && y ? y : null,
    maxPoints: form.maxPoints,
  };
}

interface OutputColumn { name: string; label: string; type: ColumnKind }

/**
 * The report as @reportcast/charts sees it, from the definition that was run and the columns its
 * preview returned (dimensions first, in the definition's order, then measures): the same split
 * the server makes for the PDF and email. A raw list (no measures) has nothing to chart.
 */
export function chartDefinitionOf(definition: Pick<ReportDefinitionInput, 'dimensions' | 'measures' | 'raw'>, columns: readonly OutputColumn[]): ChartDefinition {
  const field = (c: OutputColumn): ChartField => ({ key: c.name, label: c.label, kind: c.type as FieldKind });
  const measureCount = definition.measures?.length ?? 0;
  if (definition.raw || measureCount === 0) return { dimensions: columns.map(field), measures: [] };
  const n = definition.dimensions?.length ?? 0;
  return {
    dimensions: columns.slice(0, n).map((c, i) => ({ ...field(c), grain: (definition.dimensions?.[i]?.grain ?? null) as ChartGrain | null })),
    measures: columns.slice(n).map(field),
  };
}

/**
 * The chart's definition before any rows arrive, from the catalog's column kinds: enough to pick
 * the default type and so how many rows to fetch. A bucketed dimension is a time whatever its column.
 */
export function draftChartDefinition(
  definition: Pick<ReportDefinitionInput, 'dimensions' | 'measures' | 'raw'>,
  kindOf: (field: string) => ColumnKind | undefined,
): ChartDefinition {
  if (definition.raw || !definition.measures?.length) return { dimensions: [], measures: [] };
  return {
    dimensions: (definition.dimensions ?? []).map((d) => ({
      key: d.alias || d.field,
      label: d.field,
      kind: d.grain ? (d.grain === 'HOUR' ? 'DATETIME' : 'DATE') : ((kindOf(d.field) ?? 'STRING') as FieldKind),
      grain: (d.grain ?? null) as ChartGrain | null,
    })),
    measures: definition.measures.map((m) => ({ key: m.alias || `${m.fn.toLowerCase()}_${m.field ?? ''}`, label: m.alias || m.fn, kind: 'NUMBER' as const })),
  };
}

/** The type drawn: the chosen one, or the definition's default. */
export function effectiveType(form: VisualizationForm, definition: ChartDefinition): ChartType {
  return form.type === 'AUTO' ? defaultVisualization(definition).type : form.type;
}

/** Rows to ask the preview for so the chart covers what it would in the PDF, up to one preview page; 0: no chart. */
export function chartFetchSize(form: VisualizationForm, definition: ChartDefinition): number {
  if (definition.measures.length === 0) return 0;
  const vis = form.type === 'AUTO' ? null : { type: form.type, maxPoints: form.maxPoints };
  return Math.min(chartRowLimit(definition, vis), MAX_PREVIEW_ROWS);
}

/** "The chart shows the first 50 of 1,234 rows", or null when it covers them all. */
export function coverageNote(type: ChartType, maxPoints: number | null, fetched: number, total: number, format: (n: number) => string): string | null {
  if (type === 'TABLE') return null;
  const covered = Math.min(fetched, maxPoints ?? DEFAULT_MAX_POINTS[type]);
  if (covered >= total) return null;
  if (type === 'NUMBER') return `The number is the first of ${format(total)} rows.`;
  return `The chart shows the first ${format(covered)} of ${format(total)} rows.`;
}
