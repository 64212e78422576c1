import { Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { AppContext } from '../../context.js';
import type { Role } from './viewer.js';

export const RoleEnum = { viewer: 'viewer', editor: 'editor', admin: 'admin' } as const;
registerEnumType(RoleEnum, { name: 'Role', description: 'viewer reads and exports; editor also writes; admin everything.' });

@ObjectType({ description: 'The caller, as its verified token says.' })
export class Me {
  @Field(() => String)
  userId!: string;

  @Field(() => String)
  tenantId!: string;

  @Field(() => RoleEnum)
  role!: Role;
}

@Resolver()
export class MeResolver {
  @Query(() => Me, { nullable: true, description: 'Null without a token.' })
  me(@Ctx() ctx: AppContext): Me | null {
    return ctx.viewer;
  }
}
