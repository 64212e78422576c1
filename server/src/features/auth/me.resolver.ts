import { Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
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

/**
 * The roles as every other enum spells its values (upper case). `Role`'s lower-case values cannot
 * change without breaking clients that send or compare them, and one enum cannot hold both
 * spellings, so `Me.roleName` carries this enum and `Me.role` is deprecated (docs/api.md#roles).
 * Tokens keep their lower-case `role` claim.
 */
export const RoleNameEnum = { VIEWER: 'VIEWER', EDITOR: 'EDITOR', ADMIN: 'ADMIN' } as const;
export type RoleName = keyof typeof RoleNameEnum;
registerEnumType(RoleNameEnum, {
  name: 'RoleName',
  description: 'VIEWER reads and exports; EDITOR also writes; ADMIN everything. Ordered VIEWER < EDITOR < ADMIN.',
  valuesConfig: {
    VIEWER: { description: 'Reads reports, previews and exports.' },
    EDITOR: { description: 'Also creates and changes reports and schedules.' },
    ADMIN: { description: 'Everything, including the audit log.' },
  },
});

export function roleNameOf(role: Role): RoleName {
  return role.toUpperCase() as RoleName;
}

@ObjectType({ description: 'The caller, as its verified token says.' })
export class Me {
  @Field(() => String, { description: 'The user id (token `sub`).' })
  userId!: string;

  @Field(() => String, { description: 'The tenant all data is scoped to (token `tenant`).' })
  tenantId!: string;

  @Field(() => RoleEnum, { description: 'The role (token `role`), lower case.', deprecationReason: 'Use `roleName`: the same role, upper case like every other enum.' })
  role!: Role;
}

@Resolver(() => Me)
export class MeResolver {
  @FieldResolver(() => RoleNameEnum, { description: 'The role (token `role`).' })
  roleName(@Root() me: Me): RoleName {
    return roleNameOf(me.role);
  }

  @Query(() => Me, { nullable: true, description: 'Null without a token.' })
  me(@Ctx() ctx: AppContext): Me | null {
    return ctx.viewer;
  }
}
