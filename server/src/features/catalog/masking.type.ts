import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { RoleEnum } from '../auth/me.resolver.js';
import type { Role } from '../auth/viewer.js';
import type { Classification, MaskMode } from './masking.js';

export const ClassificationEnum = { PUBLIC: 'PUBLIC', INTERNAL: 'INTERNAL', PII: 'PII' } as const;
registerEnumType(ClassificationEnum, {
  name: 'Classification',
  description: "How sensitive a column's values are; the tenant's masking policy decides what each role sees of each class.",
  valuesConfig: {
    PUBLIC: { description: 'Not sensitive (event types, platforms, measures).' },
    INTERNAL: { description: 'Ours but not personal (event and session ids, referrers).' },
    PII: { description: 'Identifies a person or their device (user and device ids).' },
  },
});

export const MaskModeEnum = { CLEAR: 'CLEAR', HASHED: 'HASHED', HIDDEN: 'HIDDEN' } as const;
registerEnumType(MaskModeEnum, {
  name: 'MaskMode',
  description: 'What a role sees of a class of columns.',
  valuesConfig: {
    CLEAR: { description: 'The values as stored.' },
    HASHED: { description: "HMAC-SHA256 of the value under the tenant's key, 64 upper-case hex digits: the same value gives the same hash in every preview, export and run of the tenant, another in another tenant. Counts and distinct counts are unchanged; filters may compare it only with such hashes (EQ, NEQ, IN, NOT_IN)." },
    HIDDEN: { description: 'Not shown and not comparable with a value: BAD_USER_INPUT naming the field. COUNT, UNIQ and IS_NULL/IS_NOT_NULL still work.' },
  },
});

@ObjectType({ description: 'What one role sees of one class of columns.' })
export class MaskingRule {
  @Field(() => RoleEnum, { description: 'The role.' })
  role!: Role;

  @Field(() => ClassificationEnum, { description: 'The class of columns.' })
  classification!: Classification;

  @Field(() => MaskModeEnum, { description: 'What the role sees of it.' })
  mode!: MaskMode;
}

@InputType({ description: 'One entry of the masking policy to set.' })
export class MaskingRuleInput {
  @Field(() => RoleEnum, { description: 'The role.' })
  role!: Role;

  @Field(() => ClassificationEnum, { description: 'The class of columns.' })
  classification!: Classification;

  @Field(() => MaskModeEnum, { description: 'What the role is to see of it.' })
  mode!: MaskMode;
}

@ObjectType({ description: "The tenant's masking policy: for every role and every classification, a mode. Applied in the compiled query, so previews, every export format, scheduled runs (masked for the schedule owner's role) and the SDK see the same." })
export class MaskingPolicyView {
  @Field(() => [MaskingRule], { description: 'One rule per role and classification (9).' })
  rules!: MaskingRule[];

  @Field(() => Boolean, { description: 'True while the tenant uses the default policy (PII HASHED for viewer and editor, CLEAR for admin).' })
  isDefault!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When an admin last changed it (UTC); null for the default.' })
  updatedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who last changed it; null for the default.' })
  updatedBy!: string | null;
}

@InputType({ description: "One catalog column's class for the tenant (classifyColumns)." })
export class ColumnClassificationInput {
  @Field(() => String, { description: 'Table name, e.g. `usage_events`.' })
  table!: string;

  @Field(() => String, { description: 'Column name, e.g. `referrer`.' })
  column!: string;

  @Field(() => ClassificationEnum, { nullable: true, description: "The column's class for this tenant; null: the catalog's." })
  classification?: Classification | null;
}
