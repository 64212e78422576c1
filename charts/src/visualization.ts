/**
 * What a report's chart looks like (its `visualization`), the shape of the data it is drawn from,
 * and the rules every place that draws it shares: the default chart for a definition, how many
 * rows a chart covers, and the checks a stored visualization must pass.
 *
 * Glossary
 * - chart field: an output column of the report (key, human label, kind, and the time grain of a
 *   bucketed dimension). Rows hold the dimensions first, then the measures, in this order.
 * - series: the measures a chart draws, by output key (empty or absent: every measure).
 * - covered rows: the first `maxPoints` rows of the result (the report's own order); a chart that
 *   covers fewer rows than the report has says so in its subtitle.
 */

export const CHART_TYPES = ['LINE', 'AREA', 'BAR', 'PIE', 'NUMBER', 'TABLE'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export type FieldKind = 'STRING' | 'NUMBER' | 'DATE' | 'DATETIME' | 'BOOLEAN';
export type TimeGrain = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

export interface ChartField {
  /** Output key (the alias or derived name). */
  key: string;
  /** Human label (axis names, legend, tooltip). */
  label: string;
  kind: FieldKind;
  /** The bucket of a time dimension; decides how its axis labels read. */
  grain?: TimeGrain | null;
}

/** The chart-relevant shape of a report definition: its dimensions and measures as output columns. */
export interface ChartDefinition {
  dimensions: ChartField[];
  measures: ChartField[];
}

export interface Visualization {
  type: ChartType;
  /** Measures to draw, by output key; null or empty: all of them. */
  series?: string[] | null;
  /** BAR and AREA: stack the series instead of placing them side by side / over each other (other types ignore it). */
  stacked?: boolean | null;
  /** PIE: a ring instead of a full disc (other types ignore it). */
  donut?: boolean | null;
  /** Axis names; null: the dimension's and the measure's labels. */
  xAxisLabel?: string | null;
  yAxisLabel?: string | null;
  /** Most rows the chart covers (1..MAX_POINTS_LIMIT); null: the type's default. */
  maxPoints?: number | null;
}

/** Rows a chart covers when the visualization does not say. */
export const DEFAULT_MAX_POINTS: Record<ChartType, number> = {
  LINE: 1000,
  AREA: 1000,
  BAR: 50,
  PIE: 12,
  NUMBER: 1,
  TABLE: 0,
};
export const MAX_POINTS_LIMIT = 5000;
export const MAX_SERIES_KEYS = 20;
export const MAX_AXIS_LABEL_LENGTH = 100;

export function isTemporal(field: ChartField | undefined): boolean {
  return field?.kind === 'DATE' || field?.kind === 'DATETIME';
}

/**
 * The chart a definition gets until someone chooses: a time dimension → LINE, one category → BAR,
 * one value and no dimension → NUMBER; several values without a dimension → BAR of the values;
 * nothing to measure, or more than two dimensions → TABLE.
 */
export function defaultVisualization(definition: ChartDefinition): Visualization {
  const { dimensions, measures } = definition;
  if (measures.length === 0 || dimensions.length > 2) return { type: 'TABLE' };
  if (dimensions.length === 0) return { type: measures.length === 1 ? 'NUMBER' : 'BAR' };
  if (dimensions.some(isTemporal)) return { type: 'LINE' };
  return { type: 'BAR' };
}

/** The visualization a chart is drawn with: the stored one, or the default when none is stored. */
export function effectiveVisualization(definition: ChartDefinition, visualization: Visualization | null | undefined): Visualization {
  return visualization ?? defaultVisualization(definition);
}

/** Rows the chart covers (the first ones of the result); 0 for TABLE. */
export function chartRowLimit(definition: ChartDefinition, visualization: Visualization | null | undefined): number {
  const v = effectiveVisualization(definition, visualization);
  if (v.type === 'TABLE') return 0;
  return v.maxPoints ?? DEFAULT_MAX_POINTS[v.type];
}

export interface VisualizationProblem {
  /** Dotted path inside the visualization, e.g. `series.1`. */
  path: string;
  message: string;
}

/**
 * Checks a visualization on its own (shape and bounds) and, given the definition's measure keys,
 * that its series name measures of the report. Returns every problem; empty when valid.
 */
export function validateVisualization(v: Visualization, measureKeys?: readonly string[]): VisualizationProblem[] {
  const problems: VisualizationProblem[] = [];
  if (!(CHART_TYPES as readonly string[]).includes(v.type)) problems.push({ path: 'type', message: `must be one of ${CHART_TYPES.join(', ')}` });
  if (v.series) {
    if (v.series.length > MAX_SERIES_KEYS) problems.push({ path: 'series', message: `at most ${MAX_SERIES_KEYS} measures` });
    const seen = new Set<string>();
    v.series.forEach((key, i) => {
      if (measureKeys && !measureKeys.includes(key)) {
        problems.push({ path: `series.${i}`, message: measureKeys.length ? `'${key}' is not a measure of the report (${measureKeys.join(', ')})` : `'${key}' is not a measure of the report (it has none)` });
      } else if (seen.has(key)) problems.push({ path: `series.${i}`, message: `'${key}' is listed twice` });
      seen.add(key);
    });
  }
  for (const axis of ['xAxisLabel', 'yAxisLabel'] as const) {
    const label = v[axis];
    if (label != null && label.length > MAX_AXIS_LABEL_LENGTH) problems.push({ path: axis, message: `must be at most ${MAX_AXIS_LABEL_LENGTH} characters` });
  }
  if (v.maxPoints != null && (!Number.isInteger(v.maxPoints) || v.maxPoints < 1 || v.maxPoints > MAX_POINTS_LIMIT)) {
    problems.push({ path: 'maxPoints', message: `must be a whole number from 1 to ${MAX_POINTS_LIMIT}` });
  }
  return problems;
}
