import { Arg, Authorized, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { Connection } from '../../graphql/connection.js';
import { DateTimeScalar, JSONScalar } from '../../graphql/scalars.js';

@ObjectType({ description: 'Who did what, when, from where.' })
export class AuditLogEntry {
  @Field(() => ID, { description: 'Entry id.' })
  id!: string;

  @Field(() => String, { description: 'User id that acted (or `download-link` for a link download).' })
  actor!: string;

  @Field(() => String, { description: 'e.g. export.create, export.download, report.update' })
  action!: string;

  @Field(() => String, { description: 'Kind of object acted on: report, export, schedule.' })
  targetType!: string;

  @Field(() => String, { description: 'Id of the object acted on, when there is one.', nullable: true })
  targetId!: string | null;

  @Field(() => JSONScalar, { description: 'Action-specific details, e.g. changed field names.' })
  details!: Record<string, unknown>;

  @Field(() => String, { description: 'Client address, when known.', nullable: true })
  ip!: string | null;

  @Field(() => String, { description: 'Client user agent, when known.', nullable: true })
  userAgent!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
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
    @Arg('first', () => Int, { description: 'Page size, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `pageInfo.endCursor`.', nullable: true }) after?: string,
  ): Promise<AuditLogConnection> {
    const page = await ctx.services.audit.list(requireViewer(ctx), first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: { ...e.node, id: String(e.node.id) } })) };
  }
}
