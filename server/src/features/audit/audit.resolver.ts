import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireViewer, type AppContext } from '../../context.js';
import { Export } from '../exports/export.type.js';
import { toExport } from '../exports/export.resolver.js';
import { checkAuditFilter } from './audit-filter.js';
import { AuditLogConnection, AuditLogFilter, ComplianceEventPage, CreateAuditExportInput, UserActivityPage } from './audit.type.js';

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC (the views' DATETIME text) as an instant. */
const utcInstant = (text: unknown) => new Date(`${String(text).replace(' ', 'T')}Z`);

@Resolver()
export class AuditResolver {
  @Authorized('admin')
  @Query(() => AuditLogConnection, { description: "The tenant's audit log, newest first, filtered (admins). Keyset pages: stable while entries are added." })
  async auditLog(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Every field given must match.' }) filter?: AuditLogFilter | null,
    @Arg('first', () => Int, { description: 'Page size, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `pageInfo.endCursor`.', nullable: true }) after?: string,
  ): Promise<AuditLogConnection> {
    const page = await ctx.services.audit.list(requireViewer(ctx), checkAuditFilter(filter), first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: { ...e.node, id: String(e.node.id) } })) };
  }

  @Authorized('admin')
  @Query(() => UserActivityPage, { description: 'Per user: sign-ins, previews, report reads, exports by format, downloads, schedule changes, last seen (admins). Counts over the filtered audit entries.' })
  async auditUserActivity(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Usually a time range; every field given must match.' }) filter?: AuditLogFilter | null,
    @Arg('first', () => Int, { description: 'Users per page, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `endCursor`.', nullable: true }) after?: string,
  ): Promise<UserActivityPage> {
    const page = await ctx.services.audit.viewPage(requireViewer(ctx), 'USER_ACTIVITY', checkAuditFilter(filter), first, after);
    return {
      totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: page.endCursor,
      users: page.rows.map(([userId, tokenUses, previews, reportReads, exportsCsv, exportsXlsx, exportsPdf, exportsJson, downloads, scheduleChanges, lastSeen]) => ({
        userId: String(userId), tokenUses: Number(tokenUses), previews: Number(previews), reportReads: Number(reportReads),
        exportsCsv: Number(exportsCsv), exportsXlsx: Number(exportsXlsx), exportsPdf: Number(exportsPdf), exportsJson: Number(exportsJson),
        downloads: Number(downloads), scheduleChanges: Number(scheduleChanges), lastSeen: utcInstant(lastSeen),
      })),
    };
  }

  @Authorized('admin')
  @Query(() => ComplianceEventPage, { description: 'PII-classified columns exported in clear, masking-policy and grant changes, newest first (admins).' })
  async auditCompliance(
    @Ctx() ctx: AppContext,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Usually a time range; every field given must match.' }) filter?: AuditLogFilter | null,
    @Arg('first', () => Int, { description: 'Events per page, 1..500 (default 20).', nullable: true }) first?: number,
    @Arg('after', () => String, { description: 'The previous page\'s `endCursor`.', nullable: true }) after?: string,
  ): Promise<ComplianceEventPage> {
    const page = await ctx.services.audit.viewPage(requireViewer(ctx), 'COMPLIANCE', checkAuditFilter(filter), first, after);
    return {
      totalCount: page.totalCount, hasNextPage: page.hasNextPage, endCursor: page.endCursor,
      events: page.rows.map(([id, createdAt, actor, event, action, target, detail]) => ({
        id: String(id), createdAt: utcInstant(createdAt), actor: String(actor), event: String(event), action: String(action), target: String(target), detail: String(detail ?? ''),
      })),
    };
  }

  @Authorized('admin')
  @Mutation(() => Export, { description: 'Exports audit data (the filtered log, user activity or the compliance summary) as a file, through the export pipeline: progress, `exports` history, download links. Itself audited as `audit.export`.' })
  async createAuditExport(@Ctx() ctx: AppContext, @Arg('input', () => CreateAuditExportInput, { description: 'What to export, filtered how, in which format.' }) input: CreateAuditExportInput): Promise<Export> {
    return toExport(await ctx.services.auditExports.create(requireViewer(ctx), input, ctx.request.fromBrowser ? 'MANUAL' : 'API'));
  }
}
