import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { Connection } from '../../graphql/connection.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'Who did what, when, from where.' })
export class AuditLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => String, { description: 'e.g. export.create, export.download, report.update' })
  action!: string;

  @Field(() => String)
  targetType!: string;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field(() => JSONScalar)
  details!: Record<string, unknown>;

  @Field(() => String, { nullable: true })
  ip!: string | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const AuditLogConnection = Connection(AuditLogEntry, 'AuditLog');
export type AuditLogConnection = InstanceType<typeof AuditLogConnection>;

@Resolver()
export class AuditResolver {
  @Authorized('admin')
  @Query(() => AuditLogConnection, { description: "The tenant's audit log, newest first (admins)." })
  async auditLog(
    @Ctx() ctx: AppContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AuditLogConnection> {
    const page = await ctx.services.audit.list(requireViewer(ctx), first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: { ...e.node, id: String(e.node.id) } })) };
  }
}
