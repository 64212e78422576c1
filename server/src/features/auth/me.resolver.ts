import { Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { AppContext } from '../../context.js';
import type { Role } from './viewer.js';

export const RoleEnum = { viewer: 'viewer', editor: 'editor', admin: 'admin' } as const;
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'viewer reads and exports; editor also writes; admin everything.',
  valuesConfig: {
    viewer: { description: 'Reads reports, previews and exports.' },
    editor: { description: 'Also creates and changes reports and schedules.' },
    admin: { description: 'Everything, including the audit log.' },
  },
});

@ObjectType({ description: 'The caller, as its verified token says.' })
export class Me {
  @Field(() => String, { description: 'The user id (token `sub`).' })
  userId!: string;

  @Field(() => String, { description: 'The tenant all data is scoped to (token `tenant`).' })
  tenantId!: string;

  @Field(() => RoleEnum, { description: 'The role (token `role`).' })
  role!: Role;
}

@Resolver()
export class MeResolver {
  @Query(() => Me, { nullable: true, description: 'Null without a token.' })
  me(@Ctx() ctx: AppContext): Me | null {
    return ctx.viewer;
  }
}
