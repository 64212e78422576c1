/**
 * Visualizations as stored (jsonb) and as the GraphQL type gives them. Pure.
 *
 * Migration 0013 typed every stored value; `storedVisualization` applies the same reading when a
 * value is loaded, so a row written by an older process during a rolling upgrade is shown as its
 * default chart (null) rather than failing the whole query on an unknown enum value.
 */
import { CHART_TYPES, validateVisualization, type ChartType, type Visualization } from '@reportcast/charts';

const FIELDS = ['series', 'stacked', 'donut', 'xAxisLabel', 'yAxisLabel', 'maxPoints'] as const;

/** A stored value as a Visualization, or null (the default chart) when it is not one. */
export function storedVisualization(value: unknown): Visualization | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  if (!(CHART_TYPES as readonly unknown[]).includes(v.type)) return null;
  const out: Visualization = { type: v.type as ChartType };
  if (Array.isArray(v.series) && v.series.every((s) => typeof s === 'string')) out.series = v.series as string[];
  if (typeof v.stacked === 'boolean') out.stacked = v.stacked;
  if (typeof v.donut === 'boolean') out.donut = v.donut;
  if (typeof v.xAxisLabel === 'string') out.xAxisLabel = v.xAxisLabel;
  if (typeof v.yAxisLabel === 'string') out.yAxisLabel = v.yAxisLabel;
  if (typeof v.maxPoints === 'number') out.maxPoints = v.maxPoints;
  return validateVisualization(out).length === 0 ? out : null;
}

/** The input as it is stored: only the fields set, axis labels trimmed (blank: the default). */
export function visualizationToStore(input: Visualization): Visualization {
  const out: Visualization = { type: input.type };
  for (const field of FIELDS) {
    let value = input[field];
    if (typeof value === 'string') value = value.trim() || null;
    if (Array.isArray(value) && value.length === 0) continue;
    if (value !== null && value !== undefined) (out as unknown as Record<string, unknown>)[field] = value;
  }
  return out;
}
