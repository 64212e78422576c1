import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { enumOf } from '../../graphql/enums.js';
import { RoleNameEnum, type RoleName } from '../auth/me.resolver.js';
import { ACCESS_LEVELS, SHARED_OBJECT_TYPES, type AccessLevel, type SharedObjectType } from './access.js';

export const AccessLevelEnum = enumOf(ACCESS_LEVELS);
registerEnumType(AccessLevelEnum, {
  name: 'AccessLevel',
  description: 'What a grant allows on a report or dashboard.',
  valuesConfig: {
    VIEW: { description: 'Read it: open, preview, export, download, schedule it, see its dashboard tiles and PDF.' },
    EDIT: { description: 'Also change it and share it (for users with the editor role or higher: a grant never raises a role).' },
  },
});

export const SharedObjectTypeEnum = enumOf(SHARED_OBJECT_TYPES);
registerEnumType(SharedObjectTypeEnum, {
  name: 'SharedObjectType',
  description: 'What can be shared.',
  valuesConfig: { REPORT: { description: 'A saved report.' }, DASHBOARD: { description: 'A dashboard.' } },
});

@InputType('PrincipalInput', { description: 'Whom a grant is for: exactly one of `userId` and `role`.' })
export class PrincipalInput {
  @Field(() => String, { nullable: true, description: 'A user of your tenant (token `sub`) who has signed in at least once (see `shareableUsers`).' })
  userId?: string | null;

  @Field(() => RoleNameEnum, { nullable: true, description: 'Everyone in your tenant with this role or a higher one (VIEWER or EDITOR; admins see everything already).' })
  role?: RoleName | null;
}

@ObjectType('AccessGrant', { description: 'A grant of VIEW or EDIT on one report or dashboard to a user or to a role of the tenant.' })
export class AccessGrant {
  @Field(() => ID, { description: 'The grant\'s id.' })
  id!: string;

  @Field(() => SharedObjectTypeEnum, { description: 'What is shared.' })
  objectType!: SharedObjectType;

  @Field(() => ID, { description: 'The report\'s or dashboard\'s id.' })
  objectId!: string;

  @Field(() => String, { nullable: true, description: 'The user it is for; null for a role grant.' })
  userId!: string | null;

  @Field(() => RoleNameEnum, { nullable: true, description: 'The role it is for (and every higher one); null for a user grant.' })
  role!: RoleName | null;

  @Field(() => AccessLevelEnum, { description: 'VIEW or EDIT.' })
  level!: AccessLevel;

  @Field(() => String, { description: 'Who granted it (or last changed its level).' })
  grantedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was first granted (UTC).' })
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When its level last changed (UTC).' })
  updatedAt!: Date;
}

@ObjectType('ShareableUser', { description: 'A user of the viewer\'s tenant who has signed in (first use of a token), as a share dialog offers them.' })
export class ShareableUser {
  @Field(() => String, { description: 'The user id (token `sub`).' })
  userId!: string;

  @Field(() => RoleNameEnum, { nullable: true, description: 'The role of their latest sign-in.' })
  roleName!: RoleName | null;

  @Field(() => DateTimeScalar, { description: 'Their latest sign-in (UTC).' })
  lastSeenAt!: Date;
}
