export { chartOption, MAX_SPLIT_SERIES, type ChartOptions } from './chart-option.js';
export { categoryLabel, instantOf, measureValue, timeKey, timeLabels } from './axis-labels.js';
export {
  CHART_TYPES,
  DEFAULT_MAX_POINTS,
  MAX_AXIS_LABEL_LENGTH,
  MAX_POINTS_LIMIT,
  MAX_SERIES_KEYS,
  chartRowLimit,
  defaultVisualization,
  effectiveVisualization,
  isTemporal,
  validateVisualization,
  type ChartDefinition,
  type ChartField,
  type ChartType,
  type FieldKind,
  type TimeGrain,
  type Visualization,
  type VisualizationProblem,
} from './visualization.js';
