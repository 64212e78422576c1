/**
 * GraphQL shapes of a report's chart: `VisualizationInput` in, `Visualization` out, with the same
 * fields as @reportcast/charts' Visualization (the one definition every drawing place reads).
 */
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CHART_TYPES, DEFAULT_MAX_POINTS, MAX_AXIS_LABEL_LENGTH, MAX_POINTS_LIMIT, MAX_SERIES_KEYS, type ChartType } from '@reportcast/charts';
import { enumOf } from '../../graphql/enums.js';

export const ChartTypeEnum = enumOf(CHART_TYPES);
registerEnumType(ChartTypeEnum, {
  name: 'ChartType',
  description: 'How a report is drawn in the builder, the PDF and the email.',
  valuesConfig: {
    LINE: { description: 'Lines over the x axis (the time dimension when there is one).' },
    AREA: { description: 'Filled lines; `stacked` piles the series up.' },
    BAR: { description: 'Bars per category, side by side, or piled up with `stacked`.' },
    PIE: { description: 'Slices of the first dimension for the first series; `donut` for a ring.' },
    NUMBER: { description: 'One large value: the first series of the first row.' },
    TABLE: { description: 'No chart, the rows only.' },
  },
});

@ObjectType('Visualization', { description: "A report's chart. Null on a report means the default for its definition (a time dimension → LINE, one category → BAR, one value → NUMBER)." })
@InputType('VisualizationInput', { description: "A report's chart; checked against the report's measures. Send null to go back to the default." })
export class VisualizationShape {
  @Field(() => ChartTypeEnum, { description: 'The kind of chart.' })
  type!: ChartType;

  @Field(() => [String], { nullable: true, description: `Measures to draw, by output key (alias or derived name), at most ${MAX_SERIES_KEYS}; null or empty: all of them.` })
  series?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'BAR and AREA: stack the series (other types ignore it).' })
  stacked?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'PIE: draw a ring (other types ignore it).' })
  donut?: boolean | null;

  @Field(() => String, { nullable: true, description: `Name of the x axis, at most ${MAX_AXIS_LABEL_LENGTH} characters; null: the dimension's label.` })
  xAxisLabel?: string | null;

  @Field(() => String, { nullable: true, description: `Name of the y axis, at most ${MAX_AXIS_LABEL_LENGTH} characters; null: the measure's label.` })
  yAxisLabel?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Most rows the chart covers, 1..${MAX_POINTS_LIMIT} (the first rows in the report's order; the chart says when it covers fewer than the report has). Null: ${Object.entries(DEFAULT_MAX_POINTS).filter(([t]) => t !== 'TABLE').map(([t, n]) => `${t} ${n}`).join(', ')}.`,
  })
  maxPoints?: number | null;
}
