import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { ParameterShape, ReportDefinitionShape } from '../reports/definition.graphql.js';

@ObjectType('ReportTemplate', { description: 'A starting point for a new report: a built-in report type or one of the tenant\'s own, saved from a report.' })
export class ReportTemplate {
  @Field(() => ID, { description: 'Template id: `builtin:<kind>:<table>` for a built-in, a UUID for a tenant template.' })
  id!: string;

  @Field(() => String, { description: 'Name shown in the gallery.' })
  name!: string;

  @Field(() => String, { description: 'What the report shows, in a sentence or two.' })
  description!: string;

  @Field(() => Boolean, { description: 'True for the built-in gallery; false for the tenant\'s own.' })
  builtIn!: boolean;

  @Field(() => String, { nullable: true, description: 'Built-ins: DAILY_SUMMARY, WEEKLY_PERFORMANCE, MONTHLY_SUMMARY or CUSTOM_RANGE; null for tenant templates.' })
  kind!: string | null;

  @Field(() => String, { description: 'The catalog table it reports on.' })
  source!: string;

  @Field(() => [ParameterShape], { description: 'The parameters a report made from it takes (values given to createReportFromTemplate become their defaults).' })
  parameters!: ParameterShape[];

  @Field(() => ReportDefinitionShape, { description: 'The definition a report made from it starts with.' })
  definition!: ReportDefinitionShape;

  @Field(() => String, { nullable: true, description: 'Who saved it (tenant templates).' })
  createdBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was saved (tenant templates).' })
  createdAt!: Date | null;
}
