/**
 * A report as @reportcast/charts sees it: the compiled output columns split into dimensions (they
 * come first, in the definition's order, with their time grains) and measures. Pure.
 */
import type { ChartDefinition, ChartField } from '@reportcast/charts';
import type { NormalizedDefinition } from '../reports/validate-definition.js';

export function chartDefinitionOf(definition: Pick<NormalizedDefinition, 'dimensions' | 'measures' | 'raw'>, columns: { key: string; label: string; kind: ChartField['kind'] }[]): ChartDefinition {
  // A raw list has no measures: every column is a plain value, and no chart is drawn.
  if (definition.raw || definition.measures.length === 0) return { dimensions: columns.map(field), measures: [] };
  const n = definition.dimensions.length;
  return {
    dimensions: columns.slice(0, n).map((c, i) => ({ ...field(c), grain: definition.dimensions[i]?.grain ?? null })),
    measures: columns.slice(n).map(field),
  };
}

function field(c: { key: string; label: string; kind: ChartField['kind'] }): ChartField {
  return { key: c.key, label: c.label, kind: c.kind };
}
