import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '../../graphql/enums.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { ALERT_COMPARISONS, ALERT_KINDS, type AlertComparison, type AlertKind } from './alert-condition.js';

export const AlertKindEnum = enumOf(ALERT_KINDS);
export const AlertComparisonEnum = enumOf(ALERT_COMPARISONS);
registerEnumType(AlertKindEnum, {
  name: 'AlertConditionKind',
  description: 'What an alerting schedule checks in a run\'s results before it sends.',
  valuesConfig: {
    NO_ROWS: { description: 'The result has no rows.' },
    SOME_ROWS: { description: 'The result has at least one row.' },
    FIRST_ROW: { description: '`column` of the first row (in the report\'s order) is ABOVE or BELOW `threshold`.' },
    ANY_ROW: { description: '`column` of any row is ABOVE (its max) or BELOW (its min) `threshold`.' },
    CHANGE: { description: '`column` of the first row changed by more than `changePercent` % against the previous evaluated run\'s value (ABOVE: a rise, BELOW: a fall, null: either way). The first run has nothing to compare with: not met.' },
  },
});
registerEnumType(AlertComparisonEnum, {
  name: 'AlertComparison',
  description: 'The direction a measure is compared in.',
  valuesConfig: { ABOVE: { description: 'Strictly greater (CHANGE: a rise).' }, BELOW: { description: 'Strictly smaller (CHANGE: a fall).' } },
});

@ObjectType('AlertCondition', { description: 'Send a run only when this holds on its results; otherwise the run is SKIPPED_CONDITION.' })
@InputType('AlertConditionInput', { description: 'Send a run only when this holds on its results. Checked against the report: `column` must be one of its numeric output columns (BAD_USER_INPUT at input.alertCondition.<field>).' })
export class AlertConditionShape {
  @Field(() => AlertKindEnum, { description: 'What is checked.' })
  kind!: AlertKind;

  @Field(() => String, { nullable: true, description: 'FIRST_ROW, ANY_ROW, CHANGE: the numeric output column measured (a measure alias such as `events`, or a numeric dimension).' })
  column?: string | null;

  @Field(() => AlertComparisonEnum, { nullable: true, description: 'FIRST_ROW, ANY_ROW (required): ABOVE or BELOW the threshold. CHANGE (optional): only a rise or only a fall.' })
  comparison?: AlertComparison | null;

  @Field(() => Float, { nullable: true, description: 'FIRST_ROW, ANY_ROW: the threshold (strict comparison).' })
  threshold?: number | null;

  @Field(() => Float, { nullable: true, description: 'CHANGE: the change, in percent of the previous value, that must be exceeded.' })
  changePercent?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Notify only the first time it holds: later runs where it still holds are SKIPPED_CONDITION until a run where it does not re-arms it.' })
  notifyOnce?: boolean | null;
}

@ObjectType({ description: 'A schedule\'s alert condition as judged in one run.' })
export class ConditionResult {
  @Field(() => AlertKindEnum, { description: 'The kind of condition judged.' }) kind!: AlertKind;
  @Field(() => Boolean, { description: 'The condition held on this run\'s results.' }) met!: boolean;
  @Field(() => Boolean, { description: 'It was armed: not notifyOnce, or no earlier run met it without a run that cleared it since.' }) armed!: boolean;
  @Field(() => Boolean, { description: 'The run was delivered because of it (met and armed); otherwise it is SKIPPED_CONDITION.' }) notified!: boolean;
  @Field(() => Int, { description: 'The result\'s rows (before a PDF\'s row cap).' }) rowCount!: number;
  @Field(() => String, { nullable: true, description: 'The column measured.' }) column!: string | null;
  @Field(() => AlertComparisonEnum, { nullable: true, description: 'The direction compared in.' }) comparison!: AlertComparison | null;
  @Field(() => Float, { nullable: true, description: 'The value compared: the first row\'s (FIRST_ROW, CHANGE), the max (ANY_ROW ABOVE) or min (ANY_ROW BELOW), the row count (NO_ROWS, SOME_ROWS); null: no value.' }) observed!: number | null;
  @Field(() => Float, { nullable: true, description: 'FIRST_ROW, ANY_ROW: the threshold.' }) threshold!: number | null;
  @Field(() => Float, { nullable: true, description: 'CHANGE: the previous evaluated run\'s value; null: none.' }) previous!: number | null;
  @Field(() => Float, { nullable: true, description: 'CHANGE: the change in percent against `previous`; null: none (no previous value, or from zero).' }) changePercent!: number | null;
  @Field(() => String, { description: 'What was compared and the outcome, as a sentence.' }) summary!: string;
  @Field(() => DateTimeScalar, { description: 'When it was judged (UTC).' }) evaluatedAt!: string;
}
